import { ArticleSchema, type Article } from "../articles.ts";
import { deriveArticleId, sha1Hex } from "../ingest/identity.ts";
import { parsePlain } from "../text/zod-issues.ts";
import { canonicalUrl } from "./canonical-url.ts";
import { parseFeedDate } from "./dates.ts";
import { htmlToBlocks, htmlToPlainText, textToParagraphs, type HtmlBlocks } from "./html-text.ts";
import type { FeedText, RawFeedItem } from "./types.ts";
import { err, ok, type Result } from "../result.ts";

/** Where an item was read: its feed and the name articles from it carry as their source. */
export interface FeedItemContext {
  feedUrl: string;
  /** The outlet name: the feed's title, else its host. */
  source: string;
}

/** An item ready to become an article, once its text is known. */
export interface FeedEntry {
  /** Identifies the item within its feed across fetches: its guid, else its link, else its title. */
  key: string;
  /** The guid as an identity across feeds (scoped to the feed when it is too short to be unique). */
  guidKey?: string;
  canonicalUrl?: string;
  /** Changes whenever the item as the feed wrote it changes, so unchanged items are not processed again. */
  fingerprint: string;
  /** The article's fields without its text. */
  base: Omit<Article, "paragraphs" | "headings">;
  /** Text from the feed itself; may be empty. */
  blocks: HtmlBlocks;
  /** The feed carries only a teaser (or nothing) and the page at the link should be read for the text. */
  wantsPage: boolean;
  /** Why parts of the item were left out (an unreadable date); the item is still kept. */
  notes: string[];
}

/** The entry of a feed item, or why the item was refused. */
export type NormalizedItem = Result<FeedEntry>;

/** Below this many words a summary-only item is taken for a teaser. */
const TEASER_MAX_WORDS = 120;
const TEASER_ENDING = /(?:…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|weiterlesen)\W*$/i;
const TITLE_FALLBACK_WORDS = 12;
const EMAIL_WITH_NAME = /^\S+@\S+\s+\((.+)\)$/;

/**
 * Makes an item into a {@link FeedEntry}: title, link (canonical), author, date (undated when unreadable),
 * topics and the feed's text. Items with neither text nor link, or neither title nor text, are refused.
 */
export function normalizeItem(item: RawFeedItem, context: FeedItemContext): NormalizedItem {
  const notes: string[] = [];
  const link = item.link === undefined ? undefined : canonicalUrl(resolve(item.link, context.feedUrl));
  if (item.link !== undefined && link === undefined) notes.push(`link "${item.link}" is not an http(s) URL`);
  const content = readText(item.content);
  const summary = readText(item.summary);
  const blocks = content.paragraphs.length > 0 ? content : summary;
  const wantsPage = link !== undefined && isTeaser(blocks, content.paragraphs.length > 0);
  if (blocks.paragraphs.length === 0 && link === undefined) return err("no text and no link");

  const title = cleanTitle(item.title) ?? titleFromText(blocks.paragraphs[0]);
  if (title === undefined) return err("no title and no text");

  let publishedAt: string | undefined;
  if (item.published === undefined) notes.push("no date; kept undated");
  else {
    publishedAt = parseFeedDate(item.published);
    if (publishedAt === undefined) notes.push(`unreadable date "${item.published}"; kept undated`);
  }

  const guidKey = item.guid === undefined ? undefined : scopedGuid(item.guid, context.feedUrl);
  const identity = guidKey ?? link;
  const id =
    identity === undefined
      ? deriveArticleId(context.source, title)
      : `a_${sha1Hex(`feed-item\n${identity}`).slice(0, 16)}`;
  const author = cleanAuthor(item.author);
  const dekText = content.paragraphs.length > 0 ? summary.paragraphs.join(" ") : "";
  const dek =
    dekText !== "" && dekText.length <= 400 && !content.paragraphs[0]?.startsWith(dekText)
      ? dekText
      : undefined;
  const base: FeedEntry["base"] = {
    id,
    title,
    highlights: [],
    ...(dek !== undefined && { dek }),
    ...(publishedAt !== undefined && { publishedAt }),
    source: context.source,
    ...(link !== undefined && { url: link }),
    ...(author !== undefined && { author }),
    topics: [...new Set(item.categories.map((topic) => topic.trim()).filter((topic) => topic !== ""))],
    // A fixed offset: an item's place in the feed moves as new items arrive, and the article must not.
    origin: { file: `feed:${context.feedUrl}`, offset: 0 },
  };
  return ok({
    key: item.guid ?? link ?? `title:${title}`,
    ...(guidKey !== undefined && { guidKey }),
    ...(link !== undefined && { canonicalUrl: link }),
    fingerprint: sha1Hex(JSON.stringify(item)),
    base,
    blocks,
    wantsPage,
    notes,
  });
}

/**
 * The article of an entry with the given text (the feed's, or the page's when that was read); why not
 * when the text is empty or the article does not hold together.
 */
export function buildArticle(entry: FeedEntry, blocks: HtmlBlocks): Result<Article> {
  if (blocks.paragraphs.length === 0) return err("no text in the feed or on the page");
  const parsed = parsePlain(ArticleSchema, {
    ...entry.base,
    paragraphs: blocks.paragraphs,
    headings: blocks.headings,
  });
  if (!parsed.ok) return err(`not a valid article: ${parsed.reason[0] ?? "unknown problem"}`);
  return parsed;
}

/** Whether the feed's text is only a teaser: nothing, a short summary, or text that trails off. */
export function isTeaser(blocks: HtmlBlocks, fromFullContent: boolean): boolean {
  const text = blocks.paragraphs.join(" ");
  if (text === "") return true;
  if (TEASER_ENDING.test(text)) return true;
  return !fromFullContent && countWords(text) < TEASER_MAX_WORDS;
}

function readText(text: FeedText | undefined): HtmlBlocks {
  if (text === undefined) return { paragraphs: [], headings: [] };
  if (text.kind === "text") return { paragraphs: textToParagraphs(text.value), headings: [] };
  return htmlToBlocks(text.value);
}

function cleanTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  const text = decodeMarkup(title).replace(/\s+/g, " ").trim();
  return text === "" ? undefined : text;
}

/** Titles and names sometimes carry HTML tags or entities the XML layer leaves alone (`&nbsp;`). */
function decodeMarkup(text: string): string {
  return /[<&]/.test(text) ? htmlToPlainText(text) : text;
}

function titleFromText(paragraph: string | undefined): string | undefined {
  if (paragraph === undefined) return undefined;
  const words = paragraph.split(" ");
  return words.length <= TITLE_FALLBACK_WORDS
    ? paragraph
    : `${words.slice(0, TITLE_FALLBACK_WORDS).join(" ")}…`;
}

function cleanAuthor(author: string | undefined): string | undefined {
  if (author === undefined) return undefined;
  const text = decodeMarkup(author).replace(/\s+/g, " ").trim();
  const named = EMAIL_WITH_NAME.exec(text)?.[1]?.trim() ?? text;
  return named === "" ? undefined : named;
}

/** Guids that look globally unique (URIs, long tokens) identify a story across feeds; short ones only within their feed. */
function scopedGuid(guid: string, feedUrl: string): string {
  const global = /^[a-z][a-z0-9+.-]*:/i.test(guid) || guid.length >= 20;
  return global ? (canonicalUrl(guid) ?? guid) : `${feedUrl}#${guid}`;
}

function resolve(link: string, base: string): string {
  try {
    return new URL(link.trim(), base).toString();
  } catch {
    return link;
  }
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== "").length;
}
