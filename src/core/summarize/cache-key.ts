import type { Article } from "../articles.ts";
import { hash64 } from "../text/hash.ts";

/**
 * Bump whenever a change to splitting, scoring or selection can change a summary, so that summaries
 * cached with the index are recomputed.
 */
export const SUMMARY_ALGORITHM_VERSION = "sum-5";

/**
 * A key for caching an article's summaries: the algorithm version and a 64-bit hash of the text the
 * summary is made from. It changes when the title or any paragraph changes, and only then.
 */
export function summaryCacheKey(article: Pick<Article, "title" | "paragraphs">): string {
  // The separators cannot occur inside the parts, so moving text between paragraphs changes the key.
  const text = [article.title, ...article.paragraphs].join("\u0000");
  return `${SUMMARY_ALGORITHM_VERSION}:${hash64(text)}`;
}
