import type { Article, ArticleOrigin, SectionHeading } from "../core/articles.ts";
import { normalizedBodyKey, rememberBodyKey } from "../core/ingest/index.ts";
import type { ArticleBodyStore, BodyRef } from "../store/article-bodies.ts";

/**
 * An article whose body (paragraphs and headings) is on disk in the body store: everything else (title,
 * dates, source, url, highlights) is in memory, and `paragraphs` and `headings` read the body back when asked,
 * so every caller of `Article` works unchanged. Reading costs a `pread` and a JSON parse (microseconds; the
 * store keeps the last few bodies read), so code that loops over every article should read only the fields
 * in memory (titles, dates) — which is all that the per-article scans of autocomplete and status do.
 */
export class StoredArticle implements Article {
  readonly id: string;
  readonly title: string;
  readonly highlights: string[];
  declare readonly dek?: string;
  declare readonly publishedAt?: string;
  readonly source: string;
  declare readonly url?: string;
  declare readonly author?: string;
  declare readonly dateline?: string;
  readonly topics: string[];
  readonly origin: ArticleOrigin;
  readonly #store: ArticleBodyStore;
  #ref: BodyRef;

  constructor(head: ArticleHead, store: ArticleBodyStore, ref: BodyRef, bodyKey: string) {
    this.id = head.id;
    this.title = head.title;
    this.highlights = head.highlights;
    this.source = head.source;
    this.topics = head.topics;
    this.origin = head.origin;
    // Assigned only when present, so that the object has the same own properties as the parsed article.
    const optional = this as Partial<Record<OptionalHeadKey, string>>;
    for (const key of OPTIONAL_HEAD_KEYS) {
      const value = head[key];
      if (value !== undefined) optional[key] = value;
    }
    this.#store = store;
    this.#ref = ref;
    rememberBodyKey(this, bodyKey);
  }

  get paragraphs(): string[] {
    return this.#store.read(this.#ref).paragraphs;
  }

  get headings(): SectionHeading[] {
    return this.#store.read(this.#ref).headings;
  }

  /** Where the body is. */
  get bodyRef(): BodyRef {
    return this.#ref;
  }

  /** Copies the body to the store's current segment and reads it from there from now on (compaction). */
  moveBody(): void {
    this.#ref = this.#store.append(this.#store.read(this.#ref));
  }

  /** The whole article as plain data (the body read back), as `JSON.stringify` and comparisons need it. */
  toJSON(): Article {
    return { ...headOf(this), paragraphs: this.paragraphs, headings: this.headings };
  }
}

/** An article without its body: what stays in memory. */
export type ArticleHead = Omit<Article, "paragraphs" | "headings">;

const OPTIONAL_HEAD_KEYS = ["dek", "publishedAt", "url", "author", "dateline"] as const;
type OptionalHeadKey = (typeof OPTIONAL_HEAD_KEYS)[number];

/** The article's fields but its body, with absent optional fields left out. */
export function headOf(article: Article): ArticleHead {
  const head: ArticleHead = {
    id: article.id,
    title: article.title,
    highlights: article.highlights,
    source: article.source,
    topics: article.topics,
    origin: article.origin,
  };
  for (const key of OPTIONAL_HEAD_KEYS) {
    const value = article[key];
    if (value !== undefined) head[key] = value;
  }
  return head;
}

/** Writes the article's body to the store and gives the article back with only its head in memory. */
export function storeArticle(store: ArticleBodyStore, article: Article): StoredArticle {
  if (article instanceof StoredArticle) return article;
  const ref = store.append({ paragraphs: article.paragraphs, headings: article.headings });
  return new StoredArticle(headOf(article), store, ref, normalizedBodyKey(article));
}

/** A stored article as a snapshot keeps it: its head, where its body is, and its body's dedupe key. */
export interface SavedArticle {
  head: ArticleHead;
  /** Index into the snapshot's list of body segments, offset, length. */
  body: [segment: number, offset: number, length: number];
  bodyKey: string;
}

/** The saved form of an article; `segmentIndex` numbers the segments as the snapshot lists them. */
export function saveArticle(article: StoredArticle, segmentIndex: (segment: string) => number): SavedArticle {
  const { segment, offset, length } = article.bodyRef;
  return {
    head: headOf(article),
    body: [segmentIndex(segment), offset, length],
    bodyKey: normalizedBodyKey(article),
  };
}

/** A saved article back, its body in `store` (whose segments the snapshot's list names). */
export function restoreArticle(
  saved: SavedArticle,
  store: ArticleBodyStore,
  segments: readonly string[],
): StoredArticle {
  const [segmentIndex, offset, length] = saved.body;
  const segment = segments[segmentIndex];
  if (segment === undefined)
    throw new Error(
      `saved article ${saved.head.id} names body segment ${String(segmentIndex)}, which the snapshot does not list`,
    );
  return new StoredArticle(saved.head, store, { segment, offset, length }, saved.bodyKey);
}
