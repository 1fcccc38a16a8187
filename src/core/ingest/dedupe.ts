import type { Article } from "../articles.ts";
import { foldText, sha1Hex } from "./identity.ts";

/** An article left out because an earlier one has its id or its body. */
export interface DuplicateArticle {
  article: Article;
  /** The earlier article that was kept. */
  duplicateOf: Article;
  /** "id" when the ids are equal (checked first), "body" when only the bodies are. */
  reason: "id" | "body";
}

export interface DedupeResult {
  /** The first article of each id and of each body, in input order. */
  kept: Article[];
  duplicates: DuplicateArticle[];
}

/**
 * A key that is equal for bodies that differ only in case, whitespace, punctuation or quote style: the SHA-1
 * (hex) of the folded paragraphs.
 */
export function normalisedBodyKey(article: Pick<Article, "paragraphs">): string {
  return sha1Hex(foldText(article.paragraphs.join(" ")));
}

/**
 * Keeps the first article of each id and of each normalised body, in order, and reports every other one with the
 * article it duplicates. Works across files: pass everything that was read, in reading order.
 */
export function dedupeArticles(articles: Iterable<Article>): DedupeResult {
  const byId = new Map<string, Article>();
  const byBody = new Map<string, Article>();
  const result: DedupeResult = { kept: [], duplicates: [] };
  for (const article of articles) {
    const sameId = byId.get(article.id);
    if (sameId !== undefined) {
      result.duplicates.push({ article, duplicateOf: sameId, reason: "id" });
      continue;
    }
    const key = normalisedBodyKey(article);
    const sameBody = byBody.get(key);
    if (sameBody !== undefined) {
      result.duplicates.push({ article, duplicateOf: sameBody, reason: "body" });
      continue;
    }
    byId.set(article.id, article);
    byBody.set(key, article);
    result.kept.push(article);
  }
  return result;
}
