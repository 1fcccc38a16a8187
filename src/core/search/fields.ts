import type { Article } from "../articles.ts";

/**
 * An article as the index receives it: the article itself plus text that other features derive from it
 * (the names of the people it quotes), so that they can be searched too.
 */
export type IndexedArticle = Article & { derivedText?: DerivedSearchText };

/** Searchable text derived from an article by other features. */
export interface DerivedSearchText {
  /** Names of the people and bodies quoted in the article, one per line. */
  speakers?: string;
  /** The words the article quotes people as saying, one quote per line. */
  quotes?: string;
}

/** One searchable field of an article: how to get its text and how much a match in it counts. */
export interface SearchField {
  readonly name: string;
  /** Score multiplier for matches in this field (body is 1). */
  readonly boost: number;
  readonly extract: (article: IndexedArticle) => string;
}

/**
 * The indexed fields. To search a new kind of text (speakers, entities), append a field here and bump
 * `SEARCH_INDEX_VERSION`: saved indexes built with another field list are then refused on load.
 */
export const SEARCH_FIELDS: readonly SearchField[] = [
  { name: "title", boost: 3, extract: (article) => article.title },
  {
    name: "highlights",
    boost: 1.5,
    extract: (article) =>
      (article.dek === undefined ? "" : `${article.dek}\n`) + article.highlights.join("\n"),
  },
  {
    name: "body",
    boost: 1,
    extract: (article) =>
      [...article.headings.map((heading) => heading.text), ...article.paragraphs].join("\n"),
  },
  { name: "speakers", boost: 2, extract: (article) => article.derivedText?.speakers ?? "" },
  // Quoted words are in the body too; a light boost lets what was said count a little more than narration.
  { name: "quotes", boost: 0.5, extract: (article) => article.derivedText?.quotes ?? "" },
];

/**
 * Changes whenever indexing changes in a way that makes saved indexes wrong (fields, tokenizing, term
 * normalization). Part of the saved index, and worth mixing into snapshot fingerprints.
 */
export const SEARCH_INDEX_VERSION = 4;

/** The per-article values kept in the index so that hits can be shown without loading the article. */
export interface StoredFields {
  title: string;
  source: string;
  publishedAt?: string;
  /** `publishedAt` as epoch milliseconds, so that date filters need not parse strings. */
  publishedMs?: number;
}

export const STORED_FIELD_EXTRACTORS: Readonly<Record<keyof StoredFields, (article: Article) => unknown>> = {
  title: (article) => article.title,
  source: (article) => article.source,
  publishedAt: (article) => article.publishedAt,
  publishedMs: (article) => (article.publishedAt === undefined ? undefined : Date.parse(article.publishedAt)),
};
