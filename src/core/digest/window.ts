import type { Article } from "../articles.ts";
import type { DigestWindow } from "./types.ts";

/** A digest never looks back further than this, however long ago the last one was. */
export const MAX_DIGEST_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The default window of a digest ending at `until`: from the end of the server's last digest, but at most
 * 24 hours back.
 */
export function defaultDigestWindow(until: Date, lastDigestUntil?: Date): DigestWindow {
  const earliest = until.getTime() - MAX_DIGEST_WINDOW_MS;
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
