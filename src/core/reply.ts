import type { Article } from "./articles.ts";
import { formatDay } from "./dates.ts";
import { isWebUrl, markdownLink } from "./text/web-url.ts";

/**
 * The platform-neutral answer of a command. Discord renders it as embeds, the console as text.
 * Text fields use Discord's markdown subset (**bold**, *italic*, `code`); article text in them is escaped
 * with `escapeMarkdown` by whoever puts it there.
 */
export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface ReplyPage {
  title?: string;
  url?: string;
  description?: string;
  fields?: ReplyField[];
  footer?: string;
  /** A picture shown with the page: on Discord the embed's image, attached to the message. */
  image?: ReplyImage;
}

/**
 * A PNG that goes with a page, such as a chart. Platforms that cannot show it (the console) show `text`
 * instead, and may save the picture to a file and say where (`path`).
 */
export interface ReplyImage {
  /** The attachment's file name, e.g. `trends.png`: letters, digits, dots, dashes and underscores. */
  fileName: string;
  png: Uint8Array;
  width: number;
  height: number;
  /** What the picture shows, in words, for screen readers (Discord allows 1,024 characters). */
  alt: string;
  /** The picture as text, e.g. sparklines with their figures. */
  text: string;
  /** The numbers drawn, for machine-readable output. */
  data?: unknown;
  /** Where the picture was saved, once a platform saved it. */
  path?: string;
}

export interface Reply {
  /** At least one page; more than one page gets Previous/Next navigation. */
  pages: [ReplyPage, ...ReplyPage[]];
  /** Shown only to the user who asked (errors and previews). */
  ephemeral?: boolean;
  /** "error" replies are user errors; renderers may colour them. */
  tone?: "info" | "error";
}

/** A reply with a single page. */
export function singlePage(page: ReplyPage, options: Omit<Reply, "pages"> = {}): Reply {
  return { ...options, pages: [page] };
}

/** A short private answer (a confirmation, a notice): one page, only the asker sees it. */
export function privateNote(description: string): Reply {
  return singlePage({ description }, { ephemeral: true });
}

const INLINE_SPECIALS = /[\\*_~`|[\]]/g;
const LINE_START_SPECIALS = /^(\s*)([#>-])/gm;

/**
 * Escapes Discord markdown so that article text renders literally: inline marks everywhere, and the marks
 * that only mean something at the start of a line (headings, quotes, lists) there.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(INLINE_SPECIALS, (ch) => `\\${ch}`).replace(LINE_START_SPECIALS, "$1\\$2");
}

/** An article's date, outlet and link for a reply: "2025-12-03 · AFP · [link](https://…)"; `link: false` leaves the link out. */
export function articleMetaLine(
  article: Pick<Article, "publishedAt" | "source" | "url">,
  options: { link?: boolean } = {},
): string {
  const meta = [formatDay(article.publishedAt), escapeMarkdown(article.source)];
  const link = options.link ?? true;
  if (link && article.url !== undefined && isWebUrl(article.url))
    meta.push(markdownLink("link", article.url));
  return meta.join(" · ");
}
