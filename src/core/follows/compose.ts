import type { Article } from "../articles.ts";
import { cleanHeadline, groupStories } from "../digest/group.ts";
import { strongestQuote } from "../digest/quotes.ts";
import type { DigestQuote } from "../digest/types.ts";
import type { Quote } from "../quotes/types.ts";
import { speakerKey } from "./matcher.ts";
import type { AlertQuote, BatchAlert, StoryAlert } from "./alert.ts";

/** A batch message lists at most this many stories by name; the rest are counted. */
export const BATCH_LINKS = 10;

/** What a follow follows, in words: `“ceasefire”`, `quotes by Vladimir Putin`, `from Reuters`, `not “football”`. */
export interface FollowWords {
  query?: string | undefined;
  speakerName?: string | undefined;
  source?: string | undefined;
  exclude?: string | undefined;
}

/** A follow in words, for titles and lists. */
export function describeFollow(follow: FollowWords): string {
  const parts: string[] = [];
  if (follow.query !== undefined) parts.push(`“${follow.query}”`);
  if (follow.speakerName !== undefined) parts.push(`quotes by ${follow.speakerName}`);
  if (follow.source !== undefined) parts.push(`from ${follow.source}`);
  if (follow.exclude !== undefined) parts.push(`not “${follow.exclude}”`);
  return parts.join(" · ");
}

function digestQuote(quote: Quote): DigestQuote {
  return {
    text: quote.text,
    ...(quote.speaker && { speaker: quote.speaker.name }),
    ...(quote.speaker?.type === "unknown" && { unnamed: true }),
    ...(quote.kind === "partial" && { partial: true }),
  };
}

/**
 * One article as an alert: its headline (without wire tags), outlet, time, link and short summary, with its
 * strongest quote as the digest picks it. For a speaker follow (`speakerKeys`), the quote is that speaker's
 * strongest one, with the sentence around it, and leads the alert.
 */
export function storyAlert(
  article: Article,
  summary: readonly string[],
  quotes: readonly Quote[],
  speakerKeys?: ReadonlySet<string>,
): StoryAlert {
  const summaryText = summary.join(" ");
  const base: StoryAlert = {
    kind: "story",
    headline: cleanHeadline(article.title),
    source: article.source,
    ...(article.publishedAt !== undefined && { publishedAt: article.publishedAt }),
    ...(article.url !== undefined && { url: article.url }),
    summary: summaryText,
  };
  if (speakerKeys !== undefined) {
    const theirs = quotes.filter(
      (quote) => quote.speaker !== null && speakerKeys.has(speakerKey(quote.speaker.name)),
    );
    const best = strongestQuote([theirs.map(digestQuote)]) ?? (theirs[0] && digestQuote(theirs[0]));
    const source = theirs.find((quote) => quote.text === best?.text);
    if (best !== undefined && source !== undefined) {
      return { ...base, quote: alertQuote(best, source.context), quoteFirst: true };
    }
  }
  const best = strongestQuote([quotes.map(digestQuote)], summaryText);
  return best === undefined ? base : { ...base, quote: alertQuote(best) };
}

function alertQuote(quote: DigestQuote, context?: string): AlertQuote {
  return {
    text: quote.text,
    ...(quote.speaker !== undefined && { speaker: quote.speaker }),
    ...(context !== undefined && context !== "" && { context }),
  };
}

/** Stories in one message: the newest article of each, first stories first, at most {@link BATCH_LINKS} named. */
export function batchAlert(articles: readonly Article[], label: string, hourly: boolean): BatchAlert {
  const stories = groupStories(articles);
  return {
    kind: "batch",
    storyCount: stories.length,
    links: stories.slice(0, BATCH_LINKS).map((story) => {
      const lead = story[story.length - 1] ?? story[0];
      return {
        headline: cleanHeadline(lead?.title ?? ""),
        source: lead?.source ?? "",
        ...(lead?.url !== undefined && { url: lead.url }),
      };
    }),
    hourly,
    label,
  };
}

/**
 * The story a new article belongs to among a follow's posted stories, by the digest's grouping: the story
 * key of a posted article it groups with, or undefined for a new story.
 */
export function storyOf(
  article: Article,
  posted: readonly { article: Article; storyKey: string }[],
): string | undefined {
  if (posted.length === 0) return undefined;
  const groups = groupStories([...posted.map((entry) => entry.article), article]);
  const group = groups.find((candidates) => candidates.includes(article));
  if (group === undefined) return undefined;
  return posted.find((entry) => entry.article !== article && group.includes(entry.article))?.storyKey;
}
