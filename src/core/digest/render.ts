import { escapeMarkdown, type Reply, type ReplyField, type ReplyPage } from "../reply.ts";
import { cutAtWord } from "../text/cut.ts";
import { joinLinesWithin } from "./cut.ts";
import { spokenWords } from "../quotes/display.ts";
import { dateTimeFormat } from "./local-time.ts";
import type { Digest, DigestStory, DigestWindow } from "./types.ts";
import { plural } from "../text/plural.ts";
import { isWebUrl, markdownLink } from "../text/web-url.ts";

/**
 * Budgets for what a digest says, so that one story stays a short read and never fills a post on its own.
 * Platforms cut further to their own limits (src/discord/limits.ts); these keep lists whole-line.
 */
const BUDGET = {
  headerDescription: 2_000,
  summary: 600,
  quote: 300,
  linkTitle: 90,
  links: 5,
  /** The "Read" list, cut between its lines: the smallest field value a platform shows (Discord's 1,024). */
  linkList: 1_024,
} as const;

export interface RenderOptions {
  /** The zone the window's times are shown in; default UTC. */
  timeZone?: string;
}

/**
 * The digest as platform-neutral pages, in posting order: an overview, one page per story, then the most
 * quoted speakers; a digest without stories is the one short no-news page. Discord packs them into messages
 * of embeds (src/discord/digest-messages.ts), the console prints them.
 */
export function digestPages(digest: Digest, options: RenderOptions = {}): [ReplyPage, ...ReplyPage[]] {
  if (digest.stories.length === 0) return [emptyDigestPage(digest.window, options, digest.topic)];
  const pages: [ReplyPage, ...ReplyPage[]] = [
    overviewPage(digest, options),
    ...digest.stories.map((story, i) => storyPage(story, i + 1)),
  ];
  const closing = closingPage(digest);
  if (closing) pages.push(closing);
  return pages;
}

/** The short post of a period without new articles. */
export function emptyDigestPage(
  window: DigestWindow,
  options: RenderOptions = {},
  topic?: string,
): ReplyPage {
  const about = topic === undefined ? "" : ` about ${escapeMarkdown(topic)}`;
  return {
    title: digestTitle(topic),
    description: `No new articles${about} from ${describeWindow(window, options)}.`,
  };
}

/** The digest as one paged reply, for previews: the overview first, then a page per story. */
export function digestReply(digest: Digest, options: RenderOptions = {}): Reply {
  return { pages: digestPages(digest, options), ephemeral: true };
}

function digestTitle(topic: string | undefined): string {
  return topic === undefined ? "News digest" : `News digest: ${escapeMarkdown(topic)}`;
}

function overviewPage(digest: Digest, options: RenderOptions): ReplyPage {
  const storyCount = digest.stories.length + digest.moreStories;
  const intro =
    `${plural(storyCount, "story", "stories")} from ${plural(digest.articleCount, "article")} ` +
    `by ${plural(digest.sourceCount, "source")}, ${describeWindow(digest.window, options)}.`;
  const headlines = digest.stories.map(
    (story, i) => `${i + 1}. ${markdownLink(escapeMarkdown(story.headline), story.url)}`,
  );
  const list = joinLinesWithin(
    headlines,
    BUDGET.headerDescription - intro.length - 2,
    (omitted) => `…and ${omitted} more below`,
  );
  return { title: digestTitle(digest.topic), description: `${intro}\n\n${list}` };
}

function storyPage(story: DigestStory, rank: number): ReplyPage {
  const parts = [escapeMarkdown(cutAtWord(story.summary, BUDGET.summary))];
  if (story.quote) {
    const said = story.quote.speaker ? ` — ${escapeMarkdown(story.quote.speaker)}` : "";
    parts.push(`> “${escapeMarkdown(cutAtWord(spokenWords(story.quote), BUDGET.quote))}”${said}`);
  }
  const coverage = `${plural(story.articleCount, "article")} · ${plural(story.sources.length, "source")}: ${story.sources.map(escapeMarkdown).join(", ")}`;
  const links = story.links.slice(0, BUDGET.links).map((link) => {
    const text = `${escapeMarkdown(link.source)}: ${escapeMarkdown(cutAtWord(link.title, BUDGET.linkTitle))}`;
    return markdownLink(text, link.url);
  });
  const moreLinks = story.links.length - links.length;
  const fields: ReplyField[] = [{ name: "Coverage", value: coverage }];
  if (links.length > 0) {
    const extra = moreLinks > 0 ? [`…and ${plural(moreLinks, "more article")}`] : [];
    const value = joinLinesWithin([...links, ...extra], BUDGET.linkList, (omitted) => `…and ${omitted} more`);
    fields.push({ name: "Read", value });
  }
  return {
    title: `${rank}. ${escapeMarkdown(story.headline)}`,
    // Checked per story: Discord refuses the whole message for one bad embed URL, and the digest with it.
    ...(story.url !== undefined && isWebUrl(story.url) && { url: story.url }),
    description: parts.filter((part) => part !== "").join("\n\n") || "No summary available.",
    fields,
  };
}

function closingPage(digest: Digest): ReplyPage | undefined {
  const lines = digest.topSpeakers.map(
    (speaker) => `**${escapeMarkdown(speaker.name)}**: ${plural(speaker.quotes, "quote")}`,
  );
  if (lines.length === 0 && digest.moreStories === 0) return undefined;
  const more =
    digest.moreStories > 0 ? `${plural(digest.moreStories, "more story", "more stories")} not shown.` : "";
  if (lines.length === 0) return { description: more };
  return { title: "Most quoted", description: lines.join("\n"), ...(more && { footer: more }) };
}

const INSTANT_FORMAT: Omit<Intl.DateTimeFormatOptions, "timeZone"> = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

/** `5 Dec 2025, 09:00` on the wall clock of a zone. */
export function formatInstant(instant: Date, timeZone: string): string {
  return dateTimeFormat("en-GB", timeZone, INSTANT_FORMAT).format(instant);
}

const DAY_FORMAT: Omit<Intl.DateTimeFormatOptions, "timeZone"> = {
  day: "numeric",
  month: "short",
  year: "numeric",
};

/**
 * The title of the forum post a scheduled digest starts: `Daily digest — 3 Dec 2025` or `Weekly digest — 8
 * Dec 2025`, dated on the wall clock of its zone, with its topic when it has one. Plain text: Discord shows
 * thread names as typed.
 */
export function digestPostTitle(
  cadence: "daily" | "weekly",
  dueAt: Date,
  timeZone: string,
  topic?: string,
): string {
  const kind = cadence === "daily" ? "Daily digest" : "Weekly digest";
  const about = topic === undefined ? "" : `: ${topic}`;
  return `${kind}${about} — ${dateTimeFormat("en-GB", timeZone, DAY_FORMAT).format(dueAt)}`;
}

/** `4 Dec 2025, 09:00 to 5 Dec 2025, 09:00 (Europe/Berlin)`. */
export function describeWindow(window: DigestWindow, options: RenderOptions = {}): string {
  const timeZone = options.timeZone ?? "UTC";
  return `${formatInstant(window.since, timeZone)} to ${formatInstant(window.until, timeZone)} (${timeZone})`;
}
