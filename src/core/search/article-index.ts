import type { Options } from "minisearch";
import type { Article } from "../articles.ts";
import { compactTermChunks, loadCompactMiniSearch } from "./compact-index.ts";
import type { CompactTermChunk } from "./compact-index.ts";
import { typoDistance } from "../text/edit-distance.ts";
import { SEARCH_FIELDS, SEARCH_INDEX_VERSION, STORED_FIELD_EXTRACTORS } from "./fields.ts";
import type { StoredFields } from "./fields.ts";
import { DocumentColumns } from "./document-columns.ts";
import { documentFilter } from "./filters.ts";
import type { SearchFilters } from "./filters.ts";
import {
  IndexedMiniSearch,
  MINISEARCH_VERSION,
  type FieldPostings,
  type IndexedDocumentRecord,
  type IndexedDocumentsMeta,
} from "./indexed-minisearch.ts";
import { normalizeTerm, splitWords } from "./normalize.ts";
import { containsPhrase } from "./phrase.ts";
import { parseQuery } from "./query.ts";
import type { QueryTerm } from "./query.ts";
import { PostingScorer } from "./posting-scorer.ts";
import { rankMatches } from "./ranking.ts";
import type { RankedHits, SearchHit } from "./ranking.ts";
import { STOP_WORDS } from "./stop-words.ts";
import { expandTerm } from "./term-expansion.ts";
import type { ExpansionRules, TermExpansion } from "./term-expansion.ts";

export type { SearchFilters } from "./filters.ts";
export type { SearchHit } from "./ranking.ts";

/** An article a query matches, for counting: its id and publication time (epoch ms, NaN when undated). */
export interface MatchedArticle {
  id: string;
  publishedMs: number;
}

/** How loosely query terms may match. The defaults were chosen with `bench/search-tuning.ts`. */
export interface MatchTuning {
  /** Shortest query term that may match with a typo. */
  fuzzyMinLength: number;
  /** Longest query term allowed one typo; longer terms are allowed two. */
  oneTypoMaxLength: number;
  /**
   * A term found exactly in more than this share of the articles is taken as correctly spelled and not
   * matched with typos (typo matches of common words are slow and mostly noise).
   */
  typoMaxDocumentShare: number;
  /** Shortest query term that may match longer words starting with it. */
  prefixMinLength: number;
  /** Score weight of a typo match relative to an exact one. */
  fuzzyWeight: number;
  /** Score weight of a prefix match relative to an exact one. */
  prefixWeight: number;
  /** Rank hits by how many query terms they contain exactly before ranking by score. */
  exactFirst: boolean;
}

export const DEFAULT_MATCH_TUNING: Readonly<MatchTuning> = {
  fuzzyMinLength: 4,
  oneTypoMaxLength: 6,
  typoMaxDocumentShare: 0.001,
  prefixMinLength: 4,
  fuzzyWeight: 0.45,
  prefixWeight: 0.375,
  exactFirst: true,
};

export interface ArticleIndexOptions {
  /** Finds the full article of a hit; needed only for "quoted phrase" checks. Without it phrases match as words. */
  lookup?: (id: string) => Article | undefined;
  tuning?: Partial<MatchTuning>;
}

/** What a saved index starts with: which version wrote it, its fields and its index-wide counts. */
export interface ArticleIndexHeader {
  /** `SAVED_INDEX_VERSION`: our index version and the MiniSearch release whose internals wrote it. */
  version: string;
  fields: string[];
  meta: IndexedDocumentsMeta;
}

/**
 * The saved index as a header and two streams of small records (documents; runs of terms with their
 * postings), so that a snapshot can write and read it piece by piece: no part grows into one giant string.
 */
export interface ArticleIndexParts {
  header: ArticleIndexHeader;
  documents: Iterable<IndexedDocumentRecord>;
  termChunks: Iterable<CompactTermChunk>;
}

/** The serialized index in one piece: plain data, safe for JSON or structured clone (small indexes, tests). */
export interface ArticleIndexJSON extends ArticleIndexHeader {
  documents: IndexedDocumentRecord[];
  termChunks: CompactTermChunk[];
}

/**
 * The version a saved index carries: ours and MiniSearch's, since the saved form is MiniSearch's internal state;
 * an index saved under another MiniSearch release is rebuilt, not misread.
 */
export const SAVED_INDEX_VERSION = `${String(SEARCH_INDEX_VERSION)}+minisearch-${MINISEARCH_VERSION}`;

/** Thrown by `ArticleIndex.loadJSON` for an index saved by an incompatible version. */
export class IndexFormatError extends Error {
  override readonly name = "IndexFormatError";
}

type StoredFieldName = keyof StoredFields;
const STORED_FIELD_NAMES = Object.keys(STORED_FIELD_EXTRACTORS) as StoredFieldName[];
const FIELD_EXTRACTORS = new Map<string, (article: Article) => unknown>([
  ["id", (article) => article.id],
  ...SEARCH_FIELDS.map((field) => [field.name, field.extract] as const),
  ...STORED_FIELD_NAMES.map((name) => [name, STORED_FIELD_EXTRACTORS[name]] as const),
]);
/** Score multiplier of each searchable field, as MiniSearch search options take it. */
export const FIELD_BOOSTS = Object.fromEntries(SEARCH_FIELDS.map((field) => [field.name, field.boost]));
const MAX_SUGGESTION_TYPOS = 2;
const EXACT_ONLY: ExpansionRules = { prefix: false, maxTypos: 0, prefixWeight: 0, fuzzyWeight: 0 };

/** How ArticleIndex configures MiniSearch; exported so that the benchmark can compare against plain MiniSearch. */
export const MINISEARCH_OPTIONS: Options<Article> = {
  fields: SEARCH_FIELDS.map((field) => field.name),
  storeFields: STORED_FIELD_NAMES,
  extractField: (article, fieldName) => FIELD_EXTRACTORS.get(fieldName)?.(article),
  tokenize: splitWords,
  processTerm: normalizeTerm,
  // MiniSearch only logs when a removed document differs from the indexed one, which `discard` rules out.
  logger: () => undefined,
};

/**
 * Full-text index of articles: ranked search with typo and prefix tolerance, date and source filters,
 * quoted phrases, "did you mean" suggestions, and a plain-data form for snapshots.
 */
export class ArticleIndex {
  readonly #miniSearch: IndexedMiniSearch<Article>;
  readonly #lookup: ((id: string) => Article | undefined) | undefined;
  readonly #tuning: MatchTuning;
  readonly #columns: DocumentColumns;
  readonly #scorer: PostingScorer;

  constructor(options: ArticleIndexOptions = {}, miniSearch?: IndexedMiniSearch<Article>) {
    this.#miniSearch = miniSearch ?? new IndexedMiniSearch(MINISEARCH_OPTIONS);
    this.#lookup = options.lookup;
    this.#tuning = { ...DEFAULT_MATCH_TUNING, ...options.tuning };
    this.#columns = new DocumentColumns(this.#miniSearch);
    this.#scorer = new PostingScorer(this.#miniSearch, this.#columns, FIELD_BOOSTS);
    // Copying now rather than at the first search keeps that search as fast as the rest.
    this.#columns.sync();
  }

  /** Rebuilds an index from `toJSON()` output (or its JSON text). Throws `IndexFormatError` if incompatible. */
  static loadJSON(json: ArticleIndexJSON | string, options: ArticleIndexOptions = {}): ArticleIndex {
    const data = (typeof json === "string" ? JSON.parse(json) : json) as Partial<ArticleIndexJSON>;
    const { documents, termChunks, ...header } = data;
    if (!Array.isArray(documents) || !Array.isArray(termChunks)) {
      ArticleIndex.#checkHeader(header);
      throw new IndexFormatError("search index data is incomplete");
    }
    return ArticleIndex.fromParts({ header: header as ArticleIndexHeader, documents, termChunks }, options);
  }

  /**
   * Rebuilds an index from `toParts()` output, reading its records one at a time. Throws `IndexFormatError`
   * when the header is of another version or field list.
   */
  static fromParts(parts: ArticleIndexParts, options: ArticleIndexOptions = {}): ArticleIndex {
    const meta = ArticleIndex.#checkHeader(parts.header);
    return new ArticleIndex(
      options,
      loadCompactMiniSearch(meta, parts.documents, parts.termChunks, MINISEARCH_OPTIONS),
    );
  }

  static #checkHeader(header: Partial<ArticleIndexHeader>): IndexedDocumentsMeta {
    const expectedFields = SEARCH_FIELDS.map((field) => field.name).join(",");
    if (header.version !== SAVED_INDEX_VERSION || header.fields?.join(",") !== expectedFields) {
      throw new IndexFormatError(
        `search index version ${String(header.version)} with fields [${header.fields?.join(",") ?? ""}] ` +
          `cannot be loaded by version ${SAVED_INDEX_VERSION} with fields [${expectedFields}]`,
      );
    }
    if (header.meta === undefined) throw new IndexFormatError("search index data is incomplete");
    return header.meta;
  }

  /** Number of articles in the index. */
  get size(): number {
    return this.#miniSearch.documentCount;
  }

  has(id: string): boolean {
    return this.#miniSearch.has(id);
  }

  /** Adds an article; throws if one with the same id is already indexed (use `replace`). */
  add(article: Article): void {
    this.#miniSearch.add(article);
    this.#columns.sync();
  }

  /**
   * Gives back the spare room posting lists keep for growth (about a fifth of the index after a bulk build).
   * Call it after adding many articles at once; later additions grow the lists again as needed.
   */
  trim(): void {
    this.#miniSearch.trimPostings();
  }

  /** Adds the article, or swaps it in for the indexed article with the same id. */
  replace(article: Article): void {
    if (this.#miniSearch.has(article.id)) this.#miniSearch.replace(article);
    else this.#miniSearch.add(article);
    this.#columns.sync();
  }

  /** Removes an article if present; returns whether it was. */
  remove(id: string): boolean {
    if (!this.#miniSearch.has(id)) return false;
    // discard() needs only the id; its stale postings are skipped at search time and vacuumed in the background.
    this.#miniSearch.discard(id);
    return true;
  }

  /**
   * Ranked hits for a query of words and "quoted phrases". Hits must contain every term; articles with every
   * term spelled exactly come first, then those that need typo or prefix matches; if no article has every term,
   * articles with any of them are returned instead. Within each group, BM25 with title and highlights boosted.
   */
  search(query: string, filters: SearchFilters = {}, limit = 10): SearchHit[] {
    const { terms: allTerms, phrases } = parseQuery(query);
    const meaningful = allTerms.filter(({ term }) => !STOP_WORDS.has(term));
    const terms = meaningful.length > 0 ? meaningful : allTerms;
    if (terms.length === 0 || limit <= 0) return [];
    this.#columns.sync();
    const accept = documentFilter(filters, this.#columns) ?? (() => true);
    const run = (combineWith: "AND" | "OR", loose: boolean): RankedHits =>
      this.#ranked(terms, combineWith, loose, accept);

    if (!this.#tuning.exactFirst) {
      const matches = run("AND", true);
      const ranked = matches.size > 0 || terms.length === 1 ? matches : run("OR", true);
      return this.#collect(ranked.hits, phrases, limit);
    }
    // Exact matches rank first, so when they fill the page the slower typo and prefix search is not needed;
    // when a term is not in the index at all, no article has them all exactly and that search is skipped.
    const allKnown = terms.every(({ term }) => this.#miniSearch.documentFrequency(term) > 0);
    const hits = allKnown ? this.#collect(run("AND", false).hits, phrases, limit) : [];
    if (hits.length < limit && terms.some((term) => !term.exactOnly)) {
      const seen = new Set(hits.map((hit) => hit.id));
      hits.push(...this.#collect(run("AND", true).hits, phrases, limit - hits.length, seen));
    }
    if (hits.length === 0 && terms.length > 1) return this.#collect(run("OR", true).hits, phrases, limit);
    return hits;
  }

  /**
   * Every article `search` would return with no limit, unranked: those with every term (exactly or with the
   * typos and prefixes search allows) and the phrases, or with any term when no article has them all. For
   * counting matches (trends over time) without building hits. Each comes with its publication time in epoch
   * milliseconds (NaN when undated).
   */
  matches(query: string, filters: SearchFilters = {}): MatchedArticle[] {
    const { terms: allTerms, phrases } = parseQuery(query);
    const meaningful = allTerms.filter(({ term }) => !STOP_WORDS.has(term));
    const terms = meaningful.length > 0 ? meaningful : allTerms;
    if (terms.length === 0) return [];
    this.#columns.sync();
    const accept = documentFilter(filters, this.#columns) ?? (() => true);
    // Loose matching takes in the exact matches too, so it alone is the union search builds in two steps.
    const all = this.#matched(terms, "AND", accept, phrases);
    return all.length > 0 || terms.length === 1 ? all : this.#matched(terms, "OR", accept, phrases);
  }

  #matched(
    terms: readonly QueryTerm[],
    combineWith: "AND" | "OR",
    accept: (doc: number) => boolean,
    phrases: readonly string[][],
  ): MatchedArticle[] {
    const state = this.#miniSearch;
    const { docs } = this.#scorer.match(this.#expansions(terms, true), combineWith, accept);
    const matched: MatchedArticle[] = [];
    for (const doc of docs) {
      // Article ids are strings; MiniSearch keeps them as given.
      const key = state.documentIdsByShortId.get(doc) as string | undefined;
      if (key === undefined) continue;
      if (phrases.length > 0 && !this.#hasPhrases(key, phrases)) continue;
      matched.push({ id: key, publishedMs: this.#columns.published[doc] ?? Number.NaN });
    }
    return matched;
  }

  /** The first `limit` hits that contain the phrases and are not in `skip`. */
  #collect(
    ranked: Iterable<SearchHit>,
    phrases: readonly string[][],
    limit: number,
    skip?: ReadonlySet<string>,
  ): SearchHit[] {
    const hits: SearchHit[] = [];
    if (limit <= 0) return hits;
    for (const hit of ranked) {
      if (skip?.has(hit.id) === true) continue;
      if (phrases.length > 0 && !this.#hasPhrases(hit.id, phrases)) continue;
      hits.push(hit);
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * Known spellings close to the query, best first, for a "did you mean" when a search finds nothing. Each
   * suggestion is a query of index terms that finds at least one article.
   */
  suggest(query: string, limit = 3): string[] {
    const { terms } = parseQuery(query);
    const options = terms.map(({ term }) => this.#corrections(term));
    // Each word of a suggestion is a word typed, or one close to it: none is dropped or replaced by a far one.
    if (options.some((corrections) => corrections.length === 0) || limit <= 0) return [];

    const original = terms.map(({ term }) => term).join(" ");
    const best = options.map((corrections) => corrections[0]).filter((term) => term !== undefined);
    const candidates = [best];
    options.forEach((corrections, position) => {
      for (const alternative of corrections.slice(1)) {
        candidates.push(options.flatMap((other, i) => (i === position ? [alternative] : other.slice(0, 1))));
      }
    });

    const index = this.#miniSearch.termIndex;
    const suggestions: string[] = [];
    for (const candidate of candidates) {
      const phrase = candidate.join(" ");
      if (phrase === original || suggestions.includes(phrase)) continue;
      const exactTerms = candidate.map((term) => expandTerm(index, term, EXACT_ONLY));
      if (this.#scorer.match(exactTerms, "AND", () => true).docs.length === 0) continue;
      suggestions.push(phrase);
      if (suggestions.length >= limit) break;
    }
    return suggestions;
  }

  /** Plain data that `loadJSON` turns back into an equal index. */
  toJSON(): ArticleIndexJSON {
    const { header, documents, termChunks } = this.toParts();
    return { ...header, documents: [...documents], termChunks: [...termChunks] };
  }

  /**
   * The index as a header and record streams that `fromParts` turns back into an equal index. The streams
   * read the live index: consume them before changing it.
   */
  toParts(): ArticleIndexParts {
    return {
      header: {
        version: SAVED_INDEX_VERSION,
        fields: SEARCH_FIELDS.map((field) => field.name),
        meta: this.#miniSearch.documentsMeta(),
      },
      documents: this.#miniSearch.documentRecords(),
      termChunks: compactTermChunks(this.#miniSearch),
    };
  }

  /** The articles matching the terms, best first, as hits built only for the articles read. */
  #ranked(
    terms: readonly QueryTerm[],
    combineWith: "AND" | "OR",
    loose: boolean,
    accept: (doc: number) => boolean,
  ): RankedHits {
    const state = this.#miniSearch;
    const expansions = this.#expansions(terms, loose);
    const matches = this.#scorer.match(expansions, combineWith, accept);
    const scratch = this.#scorer.orderScratch(matches.docs.length);
    return rankMatches(state, matches, expansions, this.#tuning.exactFirst, scratch);
  }

  /** The index terms each query term matches: itself, and with `loose` the typos and prefixes allowed. */
  #expansions(terms: readonly QueryTerm[], loose: boolean): TermExpansion[][] {
    const state = this.#miniSearch;
    return terms.map(({ term, exactOnly }) =>
      expandTerm(state.termIndex, term, {
        prefix: loose && !exactOnly && term.length >= this.#tuning.prefixMinLength,
        maxTypos: loose && !exactOnly ? this.#typosAllowed(term) : 0,
        prefixWeight: this.#tuning.prefixWeight,
        fuzzyWeight: this.#tuning.fuzzyWeight,
      }),
    );
  }

  /**
   * How many typos a loose query term may have in a search now: by its length, and none for a common word or
   * the start of a known longer one. Live alerts (follows) match new articles by the same rule.
   */
  typosAllowed(term: string): number {
    return this.#typosAllowed(term);
  }

  #typosAllowed(term: string): number {
    const { fuzzyMinLength, oneTypoMaxLength, typoMaxDocumentShare, prefixMinLength } = this.#tuning;
    if (term.length < fuzzyMinLength) return 0;
    // A common word is taken as spelled right, and the start of a known word as typed in part: typo matches
    // would only add noise there, and they are the slowest part of a search.
    if (this.#miniSearch.documentFrequency(term) > typoMaxDocumentShare * this.size) return 0;
    if (term.length >= prefixMinLength && this.#miniSearch.hasLongerTerm(term)) return 0;
    return term.length <= oneTypoMaxLength ? 1 : 2;
  }

  #hasPhrases(id: string, phrases: readonly string[][]): boolean {
    if (this.#lookup === undefined) return true;
    const article = this.#lookup(id);
    return article !== undefined && phrases.every((phrase) => containsPhrase(article, phrase));
  }

  /**
   * Indexed terms close to `term`, closest and most common first; just `term` if indexed. Close is one edit per
   * four letters (at least one, at most two), as for speakers: "kremln" finds "kremlin", "human" not "woman".
   */
  #corrections(term: string): string[] {
    const maxTypos = Math.min(MAX_SUGGESTION_TYPOS, Math.max(1, Math.floor(term.length / 4)));
    // The index counts a swap of two letters as two edits; fetch that far, then keep the close ones.
    const near = expandTerm(this.#miniSearch.termIndex, term, {
      ...EXACT_ONLY,
      maxTypos: maxTypos + 1,
    });
    const documentCounts = new Map<string, number>();
    for (const { term: candidate, postings } of near) {
      const count = this.#liveDocumentCount(postings);
      if (count > 0) documentCounts.set(candidate, count);
    }
    if (documentCounts.has(term)) return [term];
    return [...documentCounts]
      .map(([candidate, count]) => ({ candidate, count, typos: typoDistance(term, candidate, maxTypos) }))
      .filter(({ typos }) => typos <= maxTypos)
      .sort((a, b) => a.typos - b.typos || b.count - a.count || a.candidate.localeCompare(b.candidate))
      .map(({ candidate }) => candidate);
  }

  /** How many indexed articles contain the term in any field (postings of removed articles linger a while). */
  #liveDocumentCount(postings: FieldPostings): number {
    const documentIds = this.#miniSearch.documentIdsByShortId;
    const docs = new Set<number>();
    for (const fieldPostings of postings.values()) {
      for (const doc of fieldPostings.keys()) if (documentIds.has(doc)) docs.add(doc);
    }
    return docs.size;
  }
}
