import { SEARCH_FIELDS, type IndexedArticle } from "../search/fields.ts";
import { textTerms } from "../search/normalize.ts";
import { parseQuery } from "../search/query.ts";
import { STOP_WORDS } from "../search/stop-words.ts";
import { MAX_INDEXED_TYPOS, TypoIndex, type TypoTerm } from "./typo-index.ts";

/** What a follow asks of an article, as the matcher reads it. */
export interface FollowFilter {
  id: string;
  /** The server of the follow: it sees everyone's articles and its own feeds' articles, never another's. */
  guildId: string;
  /** `/search` syntax: words (typos and word starts allowed) and "quoted phrases" (exact). */
  query?: string | undefined;
  /**
   * The followed speaker as keys: the registry id and the names the speaker goes by, each through
   * {@link speakerKey}. An article matches when it quotes someone under one of them.
   */
  speakerKeys?: readonly string[] | undefined;
  /** An outlet or feed name, compared case-insensitively with the article's source. */
  source?: string | undefined;
  /** Words and "phrases" that keep an article out, matched exactly (no typos: excluding is a sharp tool). */
  exclude?: string | undefined;
}

/** A new article, with what the matcher needs beyond its text. */
export interface ArticleToMatch {
  article: IndexedArticle;
  /**
   * Whether a server may see the article: everyone's articles (folder, FEEDS) are every server's, a server's
   * own feed articles only its own. Absent: every server may.
   */
  visibleTo?: ((guildId: string) => boolean) | undefined;
  /** The speakers the article quotes, as {@link speakerKey}s of their names and registry ids. */
  speakerKeys: readonly string[];
}

/** How loosely a query term may match; the default is `/search`'s rule by length (see {@link lengthTypoRule}). */
export interface MatcherOptions {
  /** Edits a loose query term may be away from an article's word (0 for none). */
  typosAllowed?: (term: string) => number;
  /** How many distinct article words the matcher remembers the leads of (default {@link WORD_LEADS_LIMIT}). */
  rememberedWords?: number;
}

/**
 * How many distinct words a matcher remembers the leads of by default. News repeats its words, so nearly every
 * word of a new article was met before; past this many (a few MB), the memory starts again empty rather than grow.
 */
export const WORD_LEADS_LIMIT = 100_000;
/** Shortest query term that may match longer words starting with it, as in `/search`. */
const PREFIX_MIN_LENGTH = 4;

/**
 * `/search`'s typo rule by length (DEFAULT_MATCH_TUNING): none under 4 letters, one up to 6, two beyond.
 * `/search` also takes a common word as spelled right; the app passes that refinement from the library's index.
 */
export function lengthTypoRule(term: string): number {
  if (term.length < 4) return 0;
  return term.length <= 6 ? 1 : 2;
}

/** A speaker name or registry id as a key both sides compare: case, punctuation and spacing folded. */
export function speakerKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/'s\b/g, "")
    .replace(/[^\p{L}\p{N}\s:-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A query word allowed typos, shared by every follow that has it, with the follows filed under it. */
interface LooseTerm extends TypoTerm {
  /** Follows whose key word this is: an article with a word near it makes them candidates. */
  readonly anchored: CompiledFollow[];
}

interface CompiledTerm {
  term: string;
  prefix: boolean;
  /** The term as the typo index knows it; absent when no typo is allowed. */
  loose: LooseTerm | undefined;
}

/** What one distinct word of an article leads to, worked out the first time the matcher meets the word. */
interface WordLeads {
  /** The lists of follows filed under the word, its starts, or a loose term near it. */
  readonly candidates: readonly (readonly CompiledFollow[])[];
  /** The loose terms the word is within the typos of. */
  readonly near: readonly LooseTerm[];
  /** The follows' word starts (of any of their words) the word is longer than and starts with. */
  readonly starts: readonly string[];
}

const NO_LEADS: WordLeads = { candidates: [], near: [], starts: [] };

interface CompiledFollow {
  id: string;
  guildId: string;
  terms: CompiledTerm[];
  phrases: string[][];
  speakerKeys: ReadonlySet<string> | undefined;
  source: string | undefined;
  excludeTerms: string[];
  excludePhrases: string[][];
  /** The last `match` call that looked at this follow, so that a follow is checked once per article. */
  seen: number;
}

/** An article's words, worked out once per `match` and shared by every follow checked against it. */
class ArticleWords {
  readonly terms = new Set<string>();
  /** The article's speakers as keys. */
  readonly speakerKeys: ReadonlySet<string>;
  /** The loose terms some word of the article is within the typos of (filled by `match`). */
  readonly near = new Set<LooseTerm>();
  /** The follows' word starts that some longer word of the article starts with (filled by `match`). */
  readonly started = new Set<string>();
  /** Per searchable field, its terms. */
  readonly #fieldTerms: string[][];
  /** Per searchable field, its terms joined with a space at each end: built for the first phrase check. */
  #fields: string[] | undefined;

  constructor(input: ArticleToMatch) {
    this.#fieldTerms = SEARCH_FIELDS.map((field) => {
      const terms = textTerms(field.extract(input.article));
      for (const term of terms) this.terms.add(term);
      return terms;
    });
    this.speakerKeys = new Set(input.speakerKeys.map(speakerKey));
  }

  hasPhrase(phrase: readonly string[]): boolean {
    this.#fields ??= this.#fieldTerms.map((terms) => ` ${terms.join(" ")} `);
    const needle = ` ${phrase.join(" ")} `;
    return this.#fields.some((field) => field.includes(needle));
  }
}

/**
 * The reverse of `/search`: each new article is checked against every follow, and the follows it matches
 * come back. A follow matches when the article has every word of its query (exactly, by a word start of 4+
 * letters, or within the typos `/search` allows; "quoted" words exactly), every quoted phrase, the speaker
 * and the source it names, and none of its exclude words; and when the follow's server may see the article.
 *
 * It stays cheap as follows grow: each follow is filed under one key (a speaker, one query word, or its
 * source), so an article looks up its own words, their word starts and the follow words within typos of
 * them (found through the follows' deletion keys, see {@link TypoIndex}) and checks only the follows filed
 * there, instead of all of them. What a word leads to depends only on the follows, which a matcher never
 * changes, so it is worked out once per distinct word and remembered for the next articles.
 */
export class FollowMatcher {
  readonly #bySpeaker = new Map<string, CompiledFollow[]>();
  readonly #byWord = new Map<string, CompiledFollow[]>();
  /** Follows whose key word may match a longer word starting with it. */
  readonly #byWordStart = new Map<string, CompiledFollow[]>();
  readonly #bySource = new Map<string, CompiledFollow[]>();
  /** Every query word of every follow that may match a longer word starting with it (not only the key words). */
  readonly #wordStarts = new Set<string>();
  /** Every query word of every follow that may match with typos, once each (not only the key words). */
  readonly #looseTerms = new Map<string, LooseTerm>();
  readonly #typoIndex = new TypoIndex<LooseTerm>();
  readonly #leads = new Map<string, WordLeads>();
  readonly #leadsLimit: number;
  #size = 0;
  #calls = 0;

  constructor(follows: Iterable<FollowFilter>, options: MatcherOptions = {}) {
    const typosAllowed = options.typosAllowed ?? lengthTypoRule;
    this.#leadsLimit = Math.max(1, options.rememberedWords ?? WORD_LEADS_LIMIT);
    for (const follow of follows) {
      const compiled = compile(follow, typosAllowed, (term, maxTypos) => this.#looseTerm(term, maxTypos));
      if (compiled === undefined) continue;
      this.#file(compiled);
      this.#size++;
      for (const term of compiled.terms) if (term.prefix) this.#wordStarts.add(term.term);
    }
  }

  /** How many follows the matcher holds (those with something to match on). */
  get size(): number {
    return this.#size;
  }

  /** The ids of the follows the article matches, in no particular order. */
  match(input: ArticleToMatch): string[] {
    const call = ++this.#calls;
    const words = new ArticleWords(input);
    const candidates: CompiledFollow[] = [];
    const consider = (list: readonly CompiledFollow[] | undefined) => {
      if (list === undefined) return;
      for (const follow of list) {
        if (follow.seen === call) continue;
        follow.seen = call;
        candidates.push(follow);
      }
    };
    for (const key of words.speakerKeys) consider(this.#bySpeaker.get(key));
    consider(this.#bySource.get(input.article.source.toLowerCase()));
    for (const word of words.terms) {
      const leads = this.#leadsOf(word);
      for (const list of leads.candidates) consider(list);
      for (const term of leads.near) words.near.add(term);
      for (const start of leads.starts) words.started.add(start);
    }
    return candidates.filter((follow) => accepts(follow, input, words)).map((follow) => follow.id);
  }

  /** The follows a word of an article leads to, remembered per word (up to `rememberedWords` of them). */
  #leadsOf(word: string): WordLeads {
    const known = this.#leads.get(word);
    if (known !== undefined) return known;
    const candidates: CompiledFollow[][] = [];
    const exact = this.#byWord.get(word);
    if (exact !== undefined) candidates.push(exact);
    const starts: string[] = [];
    if (this.#wordStarts.size > 0) {
      for (let length = PREFIX_MIN_LENGTH; length < word.length; length++) {
        const start = word.slice(0, length);
        if (!this.#wordStarts.has(start)) continue;
        starts.push(start);
        const started = this.#byWordStart.get(start);
        if (started !== undefined) candidates.push(started);
      }
    }
    const near = this.#typoIndex.size > 0 ? this.#typoIndex.near(word) : [];
    for (const term of near) if (term.anchored.length > 0) candidates.push(term.anchored);
    const leads =
      candidates.length === 0 && near.length === 0 && starts.length === 0
        ? NO_LEADS
        : { candidates, near, starts };
    if (this.#leads.size >= this.#leadsLimit) this.#leads.clear();
    this.#leads.set(word, leads);
    return leads;
  }

  /** The shared loose term for a query word, filed in the typo index the first time a follow has it. */
  #looseTerm(term: string, maxTypos: number): LooseTerm {
    const key = `${String(maxTypos)} ${term}`;
    const known = this.#looseTerms.get(key);
    if (known !== undefined) return known;
    const loose: LooseTerm = { term, maxTypos, anchored: [] };
    this.#looseTerms.set(key, loose);
    this.#typoIndex.add(loose);
    return loose;
  }

  #file(follow: CompiledFollow): void {
    if (follow.speakerKeys !== undefined) {
      for (const key of follow.speakerKeys) push(this.#bySpeaker, key, follow);
      return;
    }
    const anchor = keyTerm(follow.terms);
    if (anchor !== undefined) {
      push(this.#byWord, anchor.term, follow);
      if (anchor.prefix) push(this.#byWordStart, anchor.term, follow);
      anchor.loose?.anchored.push(follow);
      return;
    }
    if (follow.source !== undefined) push(this.#bySource, follow.source, follow);
  }
}

/**
 * The query word a follow is filed under: one that matches only itself when there is one (the cheapest to
 * look up), else the longest (the rarest, as a rule).
 */
function keyTerm(terms: readonly CompiledTerm[]): CompiledTerm | undefined {
  let best: CompiledTerm | undefined;
  const strictness = (term: CompiledTerm) => (term.prefix || term.loose !== undefined ? 0 : 1);
  for (const term of terms) {
    if (
      best === undefined ||
      strictness(term) > strictness(best) ||
      (strictness(term) === strictness(best) && term.term.length > best.term.length)
    ) {
      best = term;
    }
  }
  return best;
}

function compile(
  follow: FollowFilter,
  typosAllowed: (term: string) => number,
  looseTerm: (term: string, maxTypos: number) => LooseTerm,
): CompiledFollow | undefined {
  const parsed = parseQuery(follow.query ?? "");
  // As in /search: common words narrow nothing, unless the query has nothing else.
  const meaningful = parsed.terms.filter(({ term }) => !STOP_WORDS.has(term));
  const queryTerms = meaningful.length > 0 ? meaningful : parsed.terms;
  const terms = queryTerms.map(({ term, exactOnly }): CompiledTerm => {
    const maxTypos = exactOnly ? 0 : Math.min(MAX_INDEXED_TYPOS, Math.max(0, typosAllowed(term)));
    return {
      term,
      prefix: !exactOnly && term.length >= PREFIX_MIN_LENGTH,
      loose: maxTypos > 0 ? looseTerm(term, maxTypos) : undefined,
    };
  });
  const speakerKeys =
    follow.speakerKeys === undefined || follow.speakerKeys.length === 0
      ? undefined
      : new Set(follow.speakerKeys.map(speakerKey).filter((key) => key !== ""));
  const trimmedSource = follow.source?.trim().toLowerCase();
  const source = trimmedSource === "" ? undefined : trimmedSource;
  if (
    terms.length === 0 &&
    parsed.phrases.length === 0 &&
    speakerKeys === undefined &&
    source === undefined
  ) {
    return undefined;
  }
  const excluded = parseQuery(follow.exclude ?? "");
  return {
    id: follow.id,
    guildId: follow.guildId,
    terms,
    phrases: parsed.phrases,
    speakerKeys,
    source,
    excludeTerms: excludedWords(excluded),
    excludePhrases: excluded.phrases,
    seen: 0,
  };
}

/** The single words of an exclude list; the words of its quoted phrases only count together, as the phrase. */
function excludedWords(parsed: ReturnType<typeof parseQuery>): string[] {
  const inPhrases = new Set(parsed.phrases.flat());
  return parsed.terms
    .filter(({ term, exactOnly }) => !exactOnly || !inPhrases.has(term))
    .map(({ term }) => term);
}

function accepts(follow: CompiledFollow, input: ArticleToMatch, words: ArticleWords): boolean {
  if (input.visibleTo !== undefined && !input.visibleTo(follow.guildId)) return false;
  if (follow.source !== undefined && input.article.source.toLowerCase() !== follow.source) return false;
  if (follow.speakerKeys !== undefined) {
    let quoted = false;
    for (const key of words.speakerKeys) if (follow.speakerKeys.has(key)) quoted = true;
    if (!quoted) return false;
  }
  for (const term of follow.terms) {
    const found =
      words.terms.has(term.term) ||
      (term.prefix && words.started.has(term.term)) ||
      (term.loose !== undefined && words.near.has(term.loose));
    if (!found) return false;
  }
  if (!follow.phrases.every((phrase) => words.hasPhrase(phrase))) return false;
  if (follow.excludeTerms.some((term) => words.terms.has(term))) return false;
  return !follow.excludePhrases.some((phrase) => words.hasPhrase(phrase));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
