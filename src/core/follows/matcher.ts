import { SEARCH_FIELDS, type IndexedArticle } from "../search/fields.ts";
import { textTerms } from "../search/normalize.ts";
import { parseQuery } from "../search/query.ts";
import { STOP_WORDS } from "../search/stop-words.ts";
import { deletions, visitDeletions, withinEdits } from "./edits.ts";

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
}

/** Shortest query term that may match longer words starting with it, as in `/search`. */
const PREFIX_MIN_LENGTH = 4;
/** Largest number of typos any term is allowed; the article side of the typo index goes this far. */
const MAX_TYPOS = 2;

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

interface CompiledTerm {
  term: string;
  prefix: boolean;
  maxTypos: number;
  /** The term with up to `maxTypos` letters left out: its keys in the typo index. */
  deletions: readonly string[];
}

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
  /** Per searchable field, its terms joined by spaces with a space at each end, for phrase checks. */
  readonly fields: string[];
  /** The article's speakers as keys. */
  readonly speakerKeys: ReadonlySet<string>;
  /** Each deletion key of the article's words (see `deletions`) and the words that have it. */
  readonly #byDeletion = new Map<string, string[]>();
  /** Typo checks already made for this article, by query term: many follows share their words. */
  readonly #near = new Map<string, boolean>();
  #sorted: string[] | undefined;

  constructor(input: ArticleToMatch) {
    this.fields = SEARCH_FIELDS.map((field) => {
      const terms = textTerms(field.extract(input.article));
      for (const term of terms) this.terms.add(term);
      return ` ${terms.join(" ")} `;
    });
    this.speakerKeys = new Set(input.speakerKeys.map(speakerKey));
  }

  /** Files a word under one of its deletion keys, as `match` generates them. */
  addDeletion(key: string, word: string): void {
    const words = this.#byDeletion.get(key);
    if (words === undefined) this.#byDeletion.set(key, [word]);
    else if (words[words.length - 1] !== word) words.push(word);
  }

  /** Whether a longer word of the article starts with `term`. */
  hasLongerWordStartingWith(term: string): boolean {
    this.#sorted ??= [...this.terms].sort();
    const sorted = this.#sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? "") < term) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < sorted.length; index++) {
      const word = sorted[index] ?? "";
      if (!word.startsWith(term)) return false;
      if (word.length > term.length) return true;
    }
    return false;
  }

  /**
   * Whether some word of the article is within the term's typos: only the words sharing a deletion key with
   * it can be (symmetric delete), so only those are compared. Needs the deletion keys `match` filed.
   */
  hasNearWord(term: CompiledTerm): boolean {
    const known = this.#near.get(term.term);
    if (known !== undefined) return known;
    let found = false;
    search: for (const key of term.deletions) {
      for (const word of this.#byDeletion.get(key) ?? []) {
        if (withinEdits(term.term, word, term.maxTypos)) {
          found = true;
          break search;
        }
      }
    }
    this.#near.set(term.term, found);
    return found;
  }

  hasPhrase(phrase: readonly string[]): boolean {
    const needle = ` ${phrase.join(" ")} `;
    return this.fields.some((field) => field.includes(needle));
  }
}

/**
 * The reverse of `/search`: each new article is checked against every follow, and the follows it matches
 * come back. A follow matches when the article has every word of its query (exactly, by a word start of 4+
 * letters, or within the typos `/search` allows; "quoted" words exactly), every quoted phrase, the speaker
 * and the source it names, and none of its exclude words; and when the follow's server may see the article.
 *
 * It stays cheap as follows grow: each follow is filed under one key (a speaker, one query word, or its
 * source), so an article looks up its own words, their word starts and their typo neighbours (words with
 * one or two letters left out, as in symmetric-delete spelling correction) and checks only the follows
 * filed there, instead of all of them.
 */
export class FollowMatcher {
  readonly #bySpeaker = new Map<string, CompiledFollow[]>();
  readonly #byWord = new Map<string, CompiledFollow[]>();
  /** Follows whose key word may match a longer word starting with it. */
  readonly #byWordStart = new Map<string, CompiledFollow[]>();
  /** Follows whose key word may match with typos, under each of the word's deletion keys. */
  readonly #byTypoKey = new Map<string, CompiledFollow[]>();
  readonly #bySource = new Map<string, CompiledFollow[]>();
  #size = 0;
  #calls = 0;
  /** The deletion keys of every follow word that may match with typos (not only the words follows are filed under). */
  readonly #typoKeys = new Set<string>();

  constructor(follows: Iterable<FollowFilter>, options: MatcherOptions = {}) {
    const typosAllowed = options.typosAllowed ?? lengthTypoRule;
    for (const follow of follows) {
      const compiled = compile(follow, typosAllowed);
      if (compiled === undefined) continue;
      this.#file(compiled);
      this.#size++;
      for (const term of compiled.terms) for (const key of term.deletions) this.#typoKeys.add(key);
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
    const lookUpStarts = this.#byWordStart.size > 0;
    const lookUpTypos = this.#typoKeys.size > 0;
    for (const word of words.terms) {
      consider(this.#byWord.get(word));
      if (lookUpStarts) {
        for (let length = PREFIX_MIN_LENGTH; length < word.length; length++) {
          consider(this.#byWordStart.get(word.slice(0, length)));
        }
      }
      // A word under 3 letters is more than one typo from any term allowed one (4+ letters).
      if (lookUpTypos && word.length >= 3) {
        visitDeletions(word, (key) => {
          // Only keys some follow's word has can lead to a typo match; the rest are not kept.
          if (!this.#typoKeys.has(key)) return;
          consider(this.#byTypoKey.get(key));
          words.addDeletion(key, word);
        });
      }
    }
    return candidates.filter((follow) => accepts(follow, input, words)).map((follow) => follow.id);
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
      for (const key of anchor.deletions) push(this.#byTypoKey, key, follow);
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
  const strictness = (term: CompiledTerm) => (term.prefix || term.maxTypos > 0 ? 0 : 1);
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

function compile(follow: FollowFilter, typosAllowed: (term: string) => number): CompiledFollow | undefined {
  const parsed = parseQuery(follow.query ?? "");
  // As in /search: common words narrow nothing, unless the query has nothing else.
  const meaningful = parsed.terms.filter(({ term }) => !STOP_WORDS.has(term));
  const queryTerms = meaningful.length > 0 ? meaningful : parsed.terms;
  const terms = queryTerms.map(({ term, exactOnly }): CompiledTerm => {
    const maxTypos = exactOnly ? 0 : Math.min(MAX_TYPOS, Math.max(0, typosAllowed(term)));
    return {
      term,
      prefix: !exactOnly && term.length >= PREFIX_MIN_LENGTH,
      maxTypos,
      deletions: maxTypos > 0 ? [...deletions(term, maxTypos)] : [],
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
      (term.prefix && words.hasLongerWordStartingWith(term.term)) ||
      (term.maxTypos > 0 && words.hasNearWord(term));
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
