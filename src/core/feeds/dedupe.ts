import type { Article } from "../articles.ts";
import { normalizedBodyKey } from "../ingest/dedupe.ts";

/** An article from a feed with the keys it is recognised by. */
export interface FeedArticle {
  article: Article;
  guidKey?: string | undefined;
  canonicalUrl?: string | undefined;
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

  /** Admits the article and returns undefined, or returns why it duplicates one admitted before. */
  admit(candidate: FeedArticle): FeedDuplicateReason | undefined {
    const { article, guidKey, canonicalUrl } = candidate;
    if (this.#ids.has(article.id)) return "id";
    if (guidKey !== undefined && this.#guids.has(guidKey)) return "guid";
    if (canonicalUrl !== undefined && this.#urls.has(canonicalUrl)) return "url";
    const body = normalizedBodyKey(article);
    if (this.#bodies.has(body)) return "body";
    this.#ids.add(article.id);
    if (guidKey !== undefined) this.#guids.add(guidKey);
    if (canonicalUrl !== undefined) this.#urls.add(canonicalUrl);
    this.#bodies.add(body);
    return undefined;
  }
}
