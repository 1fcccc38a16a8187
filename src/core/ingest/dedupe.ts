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

/** Articles are never changed once parsed, so a body's key is worked out once per article object. */
const bodyKeys = new WeakMap<Pick<Article, "paragraphs">, string>();

/**
 * A key that is equal for bodies that differ only in case, whitespace, punctuation or quote style: the SHA-1
 * (hex) of the folded paragraphs.
 */
export function normalizedBodyKey(article: Pick<Article, "paragraphs">): string {
  let key = bodyKeys.get(article);
  if (key === undefined) {
    key = sha1Hex(foldText(article.paragraphs.join(" ")));
    bodyKeys.set(article, key);
  }
  return key;
}

/**
 * Tells `normalizedBodyKey` an article's key, worked out earlier from an equal body: for articles whose body
 * is not kept in memory, so that deduplicating them does not read every body back.
 */
export function rememberBodyKey(article: Pick<Article, "paragraphs">, key: string): void {
  bodyKeys.set(article, key);
}

/**
 * Remembers the articles it has kept, by id and by normalised body, and tells whether a further article
 * duplicates one of them. A deduper can start from another's state, so that articles of several scopes (each
 * server's own feeds) are checked against a shared set without being checked against each other.
 */
export class ArticleDeduper {
  readonly #byId: Map<string, Article>;
  readonly #byBody: Map<string, Article>;

  constructor(from?: ArticleDeduper) {
    this.#byId = new Map(from ? from.#byId : []);
    this.#byBody = new Map(from ? from.#byBody : []);
  }

  /** Keeps the article and returns undefined, or returns what it duplicates (ids are checked first). */
  offer(article: Article): DuplicateArticle | undefined {
    const sameId = this.#byId.get(article.id);
    if (sameId !== undefined) return { article, duplicateOf: sameId, reason: "id" };
    const key = normalizedBodyKey(article);
    const sameBody = this.#byBody.get(key);
    if (sameBody !== undefined) return { article, duplicateOf: sameBody, reason: "body" };
    this.#byId.set(article.id, article);
    this.#byBody.set(key, article);
    return undefined;
  }
}

/**
 * Keeps the first article of each id and of each normalised body, in order, and reports every other one with the
 * article it duplicates. Works across files: pass everything that was read, in reading order.
 */
export function dedupeArticles(articles: Iterable<Article>): DedupeResult {
  const deduper = new ArticleDeduper();
  const result: DedupeResult = { kept: [], duplicates: [] };
  for (const article of articles) {
    const duplicate = deduper.offer(article);
    if (duplicate) result.duplicates.push(duplicate);
    else result.kept.push(article);
  }
  return result;
}
