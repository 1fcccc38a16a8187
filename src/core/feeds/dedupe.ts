import type { Article } from "../articles.ts";
import { normalizedBodyKey } from "../ingest/dedupe.ts";

/** An article from a feed with the keys it is recognised by. */
export interface FeedArticle {
  article: Article;
  guidKey?: string | undefined;
  canonicalUrl?: string | undefined;
}

/**
 * What deduplication needs of a feed item: its article's id, guid, canonical URL and normalised body key.
 * Small enough to keep for every stored item, where the article's paragraphs are not.
 */
export interface FeedItemKeys {
  articleId: string;
  guidKey?: string | undefined;
  canonicalUrl?: string | undefined;
  /** {@link normalizedBodyKey} of the article. */
  bodyKey: string;
}

/** The keys a feed article is recognised by. */
export function feedItemKeys(candidate: FeedArticle): FeedItemKeys {
  return {
    articleId: candidate.article.id,
    ...(candidate.guidKey !== undefined && { guidKey: candidate.guidKey }),
    ...(candidate.canonicalUrl !== undefined && { canonicalUrl: candidate.canonicalUrl }),
    bodyKey: normalizedBodyKey(candidate.article),
  };
}

export type FeedDuplicateReason = "id" | "guid" | "url" | "body";

/**
 * Remembers the articles admitted so far and refuses later ones with the same id, guid, canonical URL or
 * normalised body. `fork` copies what it knows, so each server's feeds can be checked against the shared
 * feeds without the servers affecting each other.
 */
export class FeedDeduper {
  readonly #ids = new Set<string>();
  readonly #guids = new Set<string>();
  readonly #urls = new Set<string>();
  readonly #bodies = new Set<string>();

  fork(): FeedDeduper {
    const copy = new FeedDeduper();
    for (const id of this.#ids) copy.#ids.add(id);
    for (const guid of this.#guids) copy.#guids.add(guid);
    for (const url of this.#urls) copy.#urls.add(url);
    for (const body of this.#bodies) copy.#bodies.add(body);
    return copy;
  }

  /** Admits the item and returns undefined, or returns why it duplicates one admitted before. */
  admit(candidate: FeedItemKeys): FeedDuplicateReason | undefined {
    const { articleId, guidKey, canonicalUrl, bodyKey } = candidate;
    if (this.#ids.has(articleId)) return "id";
    if (guidKey !== undefined && this.#guids.has(guidKey)) return "guid";
    if (canonicalUrl !== undefined && this.#urls.has(canonicalUrl)) return "url";
    if (this.#bodies.has(bodyKey)) return "body";
    this.#ids.add(articleId);
    if (guidKey !== undefined) this.#guids.add(guidKey);
    if (canonicalUrl !== undefined) this.#urls.add(canonicalUrl);
    this.#bodies.add(bodyKey);
    return undefined;
  }
}
