import type { Article } from "../articles.ts";
import type { DigestWindow } from "./types.ts";

/** A digest never looks back further than this, however long ago the last one was. */
export const MAX_DIGEST_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A weekly digest covers the week before it, and never more. */
export const MAX_WEEKLY_DIGEST_WINDOW_MS = 7 * MAX_DIGEST_WINDOW_MS;

/**
 * The default window of a digest ending at `until`: from the end of the last digest, but at most
 * `maxMs` back (24 hours unless told; a weekly digest passes a week).
 */
export function defaultDigestWindow(
  until: Date,
  lastDigestUntil?: Date,
  maxMs = MAX_DIGEST_WINDOW_MS,
): DigestWindow {
  const earliest = until.getTime() - maxMs;
  const since = Math.min(until.getTime(), Math.max(earliest, lastDigestUntil?.getTime() ?? earliest));
  return { since: new Date(since), until };
}

/**
 * The articles published within the window, optionally only those whose ids the topic search returned.
 * Undated articles are never in a window.
 */
export function articlesInWindow(
  articles: Iterable<Article>,
  window: DigestWindow,
  onlyIds?: ReadonlySet<string>,
): Article[] {
  const since = window.since.getTime();
  const until = window.until.getTime();
  const selected: Article[] = [];
  for (const article of articles) {
    if (article.publishedAt === undefined) continue;
    if (onlyIds && !onlyIds.has(article.id)) continue;
    const published = Date.parse(article.publishedAt);
    if (published >= since && published < until) selected.push(article);
  }
  return selected;
}
