import MiniSearch from "minisearch";
import type { Options, Query, SearchOptions, SearchResult } from "minisearch";
import type { Article } from "../articles.ts";
import { compactMiniSearch, loadCompactMiniSearch } from "./compact-index.ts";
import type { CompactMiniSearch } from "./compact-index.ts";
import { typoDistance } from "./edit-distance.ts";
import { SEARCH_FIELDS, SEARCH_INDEX_VERSION, STORED_FIELD_EXTRACTORS } from "./fields.ts";
import type { StoredFields } from "./fields.ts";
import { documentFrequency, hasLongerTerm } from "./minisearch-internals.ts";
import { normalizeTerm, splitWords } from "./normalize.ts";
import { containsPhrase } from "./phrase.ts";
import { parseQuery } from "./query.ts";
import type { QueryTerm } from "./query.ts";
import { STOP_WORDS } from "./stop-words.ts";

/** Narrows a search. Dates are instants and inclusive; articles without a date fail any date filter. */
export interface SearchFilters {
  since?: Date;
  until?: Date;
  /** Outlet name, compared case-insensitively. */
  source?: string;
}

/** One search result, with what a result list shows. */
export interface SearchHit {
  id: string;
  score: number;
  /** The document terms that matched, including typo and prefix matches ("pokrovsk" for "pokrosvk"). */
  matchedTerms: string[];
  title: string;
  publishedAt?: string;
  source: string;
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

/** The serialized index: plain data, safe for JSON or structured clone. */
export interface ArticleIndexJSON extends CompactMiniSearch {
  version: number;
  fields: string[];
}

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
  readonly #miniSearch: MiniSearch<Article>;
  readonly #lookup: ((id: string) => Article | undefined) | undefined;
  readonly #tuning: MatchTuning;

  constructor(options: ArticleIndexOptions = {}, miniSearch?: MiniSearch<Article>) {
    this.#miniSearch = miniSearch ?? new MiniSearch(MINISEARCH_OPTIONS);
    this.#lookup = options.lookup;
    this.#tuning = { ...DEFAULT_MATCH_TUNING, ...options.tuning };
  }

  /** Rebuilds an index from `toJSON()` output (or its JSON text). Throws `IndexFormatError` if incompatible. */
  static loadJSON(json: ArticleIndexJSON | string, options: ArticleIndexOptions = {}): ArticleIndex {
    const data = (typeof json === "string" ? JSON.parse(json) : json) as Partial<ArticleIndexJSON>;
    const expectedFields = SEARCH_FIELDS.map((field) => field.name).join(",");
    if (data.version !== SEARCH_INDEX_VERSION || data.fields?.join(",") !== expectedFields) {
      throw new IndexFormatError(
        `search index version ${String(data.version)} with fields [${data.fields?.join(",") ?? ""}] ` +
          `cannot be loaded by version ${SEARCH_INDEX_VERSION} with fields [${expectedFields}]`,
      );
    }
    if (data.documents === undefined || data.terms === undefined || typeof data.postings !== "string") {
      throw new IndexFormatError("search index data is incomplete");
    }
    const compact = { documents: data.documents, terms: data.terms, postings: data.postings };
    return new ArticleIndex(options, loadCompactMiniSearch(compact, MINISEARCH_OPTIONS));
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
  }

  /** Adds the article, or swaps it in for the indexed article with the same id. */
  replace(article: Article): void {
    if (this.#miniSearch.has(article.id)) this.#miniSearch.replace(article);
    else this.#miniSearch.add(article);
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
    const options = this.#searchOptions(documentFilter(filters));
    const run = (combineWith: "AND" | "OR", loose: boolean): SearchResult[] =>
      this.#miniSearch.search(this.#termQuery(terms, combineWith, loose), options);

    if (!this.#tuning.exactFirst) {
      const results = run("AND", true);
      return this.#collect(
        results.length > 0 || terms.length === 1 ? results : run("OR", true),
        phrases,
        limit,
      );
    }
    // Exact matches rank first, so when they fill the page the slower typo and prefix search is not needed;
    // when a term is not in the index at all, no article has them all exactly and that search is skipped.
    const allKnown = terms.every(({ term }) => documentFrequency(this.#miniSearch, term) > 0);
    const hits = allKnown ? this.#collect(run("AND", false), phrases, limit) : [];
    if (hits.length < limit && terms.some((term) => !term.exactOnly)) {
      const seen = new Set(hits.map((hit) => hit.id));
      const loose = rankExactFirst(run("AND", true), terms).filter((result) => !seen.has(String(result.id)));
      hits.push(...this.#collect(loose, phrases, limit - hits.length));
    }
    if (hits.length === 0 && terms.length > 1)
      return this.#collect(rankExactFirst(run("OR", true), terms), phrases, limit);
    return hits;
  }

  /** The first `limit` results that contain the phrases, as hits. */
  #collect(results: readonly SearchResult[], phrases: readonly string[][], limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    for (const result of results) {
      if (hits.length >= limit) break;
      if (phrases.length > 0 && !this.#hasPhrases(String(result.id), phrases)) continue;
      hits.push(toHit(result));
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
    if (options.every((corrections) => corrections.length === 0) || limit <= 0) return [];

    const original = terms.map(({ term }) => term).join(" ");
    const best = options.map((corrections) => corrections[0]).filter((term) => term !== undefined);
    const candidates = [best];
    options.forEach((corrections, position) => {
      for (const alternative of corrections.slice(1)) {
        candidates.push(options.flatMap((other, i) => (i === position ? [alternative] : other.slice(0, 1))));
      }
    });

    const suggestions: string[] = [];
    for (const candidate of candidates) {
      const phrase = candidate.join(" ");
      if (phrase === original || suggestions.includes(phrase)) continue;
      if (this.#miniSearch.search(phrase, { combineWith: "AND" }).length === 0) continue;
      suggestions.push(phrase);
      if (suggestions.length >= limit) break;
    }
    return suggestions;
  }

  /** Plain data that `loadJSON` turns back into an equal index. */
  toJSON(): ArticleIndexJSON {
    return {
      version: SEARCH_INDEX_VERSION,
      fields: SEARCH_FIELDS.map((field) => field.name),
      ...compactMiniSearch(this.#miniSearch),
    };
  }

  #termQuery(terms: readonly QueryTerm[], combineWith: "AND" | "OR", loose: boolean): Query {
    return {
      combineWith,
      queries: terms.map(({ term, exactOnly }) => ({
        queries: [term],
        fuzzy: loose && !exactOnly ? this.#typosAllowed(term) : false,
        prefix: loose && !exactOnly && term.length >= this.#tuning.prefixMinLength,
      })),
    };
  }

  #typosAllowed(term: string): number | false {
    const { fuzzyMinLength, oneTypoMaxLength, typoMaxDocumentShare, prefixMinLength } = this.#tuning;
    if (term.length < fuzzyMinLength) return false;
    // A common word is taken as spelled right, and the start of a known word as typed in part: typo matches
    // would only add noise there, and they are the slowest part of a search.
    if (documentFrequency(this.#miniSearch, term) > typoMaxDocumentShare * this.size) return false;
    if (term.length >= prefixMinLength && hasLongerTerm(this.#miniSearch, term)) return false;
    return term.length <= oneTypoMaxLength ? 1 : 2;
  }

  #searchOptions(keep: ((stored: StoredFields) => boolean) | undefined): SearchOptions {
    return {
      boost: FIELD_BOOSTS,
      weights: { fuzzy: this.#tuning.fuzzyWeight, prefix: this.#tuning.prefixWeight },
      // A zero document boost drops the document before it is scored, which is cheaper than filtering results.
      ...(keep && {
        boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) =>
          stored !== undefined && keep(stored as unknown as StoredFields) ? 1 : 0,
      }),
    };
  }

  #hasPhrases(id: string, phrases: readonly string[][]): boolean {
    if (this.#lookup === undefined) return true;
    const article = this.#lookup(id);
    return article !== undefined && phrases.every((phrase) => containsPhrase(article, phrase));
  }

  /** Indexed terms within a couple of typos of `term`, closest and most common first; just `term` if indexed. */
  #corrections(term: string): string[] {
    const maxTypos = term.length <= 4 ? 1 : MAX_SUGGESTION_TYPOS;
    const documentCounts = new Map<string, number>();
    for (const result of this.#miniSearch.search(term, { fuzzy: maxTypos, prefix: false })) {
      for (const matched of result.terms) documentCounts.set(matched, (documentCounts.get(matched) ?? 0) + 1);
    }
    if (documentCounts.has(term)) return [term];
    return [...documentCounts]
      .map(([candidate, count]) => ({ candidate, count, typos: typoDistance(term, candidate, maxTypos) }))
      .filter(({ typos }) => typos <= maxTypos)
      .sort((a, b) => a.typos - b.typos || b.count - a.count || a.candidate.localeCompare(b.candidate))
      .map(({ candidate }) => candidate);
  }
}

function documentFilter(filters: SearchFilters): ((stored: StoredFields) => boolean) | undefined {
  const since = filters.since?.getTime();
  const until = filters.until?.getTime();
  const source = filters.source?.toLowerCase();
  if (since === undefined && until === undefined && source === undefined) return undefined;
  // Called for every posting of every term, so each outlet name is lower-cased once, not per call.
  const sourceMatches = new Map<string, boolean>();
  return (stored) => {
    if (source !== undefined) {
      let matches = sourceMatches.get(stored.source);
      if (matches === undefined)
        sourceMatches.set(stored.source, (matches = stored.source.toLowerCase() === source));
      if (!matches) return false;
    }
    if (since === undefined && until === undefined) return true;
    const published = stored.publishedMs;
    if (published === undefined) return false;
    return (since === undefined || published >= since) && (until === undefined || published <= until);
  };
}

/** Sorts by matched query terms, then exactly matched query terms, then score. */
function rankExactFirst(results: SearchResult[], terms: readonly QueryTerm[]): SearchResult[] {
  const keyed = results.map((result) => {
    let exact = 0;
    for (const { term } of terms) if (Object.hasOwn(result.match, term)) exact++;
    return { result, matched: result.queryTerms.length, exact };
  });
  keyed.sort((a, b) => b.matched - a.matched || b.exact - a.exact || b.result.score - a.result.score);
  return keyed.map(({ result }) => result);
}

function toHit(result: SearchResult): SearchHit {
  const stored = result as unknown as StoredFields;
  return {
    id: String(result.id),
    score: result.score,
    matchedTerms: result.terms,
    title: stored.title,
    source: stored.source,
    ...(stored.publishedAt !== undefined && { publishedAt: stored.publishedAt }),
  };
}
