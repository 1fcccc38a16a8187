import { bareWord, nameWords } from "../text/names.ts";
import { typoDistance } from "../text/edit-distance.ts";
import { allowedMistakes, prefixDistance } from "./fuzzy.ts";
import { RegistrySnapshotSchema, toQuote, type RegistrySnapshot } from "./schema.ts";
import type { Quote, SpeakerType } from "./types.ts";

/** A quote with the article it comes from. */
export interface AttributedQuote {
  articleId: string;
  quote: Quote;
}

/** One speaker across the library. */
export interface SpeakerEntry {
  /** Stable for the same speaker while the library holds them: "person:vladimir putin", "org:kremlin". */
  id: string;
  /** The canonical, fullest name: "Vladimir Putin". */
  name: string;
  type: Exclude<SpeakerType, "unknown">;
  /** The names the speaker goes by, as written: "Putin", "President Vladimir Putin", "Mr. Putin". */
  aliases: string[];
  /** Roles as written with the name: "Russian President". */
  roles: string[];
  quoteCount: number;
}

interface Entry {
  id: string;
  name: string;
  type: Exclude<SpeakerType, "unknown">;
  aliases: Map<string, string>;
  roles: Set<string>;
  quotes: AttributedQuote[];
}

/** A word-suffix of an alias ("putin" of "vladimir putin") and the speakers whose aliases have it. */
interface Term {
  term: string;
  ids: string[];
}

/** Lower-case, straight apostrophes, no possessive, no punctuation but hyphens: "Putin’s" -> "putin". */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/'s\b/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Name words without titles and initials, lower-case: "President Donald J. Trump" -> ["donald", "trump"]. */
function coreWords(name: string): string[] {
  return nameWords(name)
    .map(bareWord)
    .map(normalizeName)
    .filter((word) => word.length > 1);
}

/** Remembers results for the names of one rebuild: the same few thousand names recur across 20k articles. */
class NameCache {
  readonly #core = new Map<string, readonly string[]>();
  readonly #normal = new Map<string, string>();

  core(name: string): readonly string[] {
    let words = this.#core.get(name);
    if (words === undefined) {
      words = coreWords(name);
      this.#core.set(name, words);
    }
    return words;
  }

  normal(text: string): string {
    let normal = this.#normal.get(text);
    if (normal === undefined) {
      normal = normalizeName(text);
      this.#normal.set(text, normal);
    }
    return normal;
  }
}

function personKey(words: readonly string[]): string {
  return `person:${words[0] ?? ""} ${words.at(-1) ?? ""}`;
}

function organisationKey(name: string): string {
  return `org:${normalizeName(name.replace(/^the\s+/i, ""))}`;
}

/**
 * Speakers across many articles: one canonical name per person with the aliases, roles and quotes the
 * articles give. "Putin" and "Vladimir Putin" are one speaker; a bare surname joins a full name only when
 * that full name is the only one with the surname, in the same article first, then library-wide, so that
 * namesakes are never merged by surname alone. Derived views are rebuilt lazily after changes.
 */
export class SpeakerRegistry {
  readonly #articles = new Map<string, readonly Quote[]>();
  #entries = new Map<string, Entry>();
  #aliasIndex = new Map<string, string[]>();
  /** Each word of a person's name (titles and initials aside) and the people whose names have it. */
  #nameWordIndex = new Map<string, string[]>();
  #terms: Term[] = [];
  #ranked: Entry[] = [];
  #dirty = false;

  /** Adds (or replaces) the quotes of one article. */
  addArticle(articleId: string, quotes: readonly Quote[]): void {
    this.#articles.set(articleId, quotes);
    this.#dirty = true;
  }

  /** Forgets the quotes of one article; speakers left with no quotes disappear. */
  removeArticle(articleId: string): void {
    if (this.#articles.delete(articleId)) this.#dirty = true;
  }

  get size(): number {
    this.#refresh();
    return this.#entries.size;
  }

  /** All speakers, most quoted first. */
  speakers(): SpeakerEntry[] {
    this.#refresh();
    return this.#ranked.map(toEntry);
  }

  /**
   * Every speaker a typed name may mean, most quoted first ("Clinton" may mean two people). Tried in turn:
   * the name as typed; without a leading article ("the Kremlin"); without titles and initials ("President
   * Vladimir Putin", "Donald J. Trump"); and a single word that is a word of exactly the people's names who
   * bear it ("Xi" of "Xi Jinping", whose family name comes first).
   */
  lookupAll(alias: string): SpeakerEntry[] {
    this.#refresh();
    const typed = normalizeName(alias);
    const keys = [typed, normalizeName(alias.replace(/^(?:the|a|an)\s+/i, "")), coreWords(alias).join(" ")];
    for (const key of keys) {
      const ids = key === "" ? undefined : this.#aliasIndex.get(key);
      if (ids !== undefined) return this.#rank(ids).map(toEntry);
    }
    const word = coreWords(alias);
    const ids = word.length === 1 ? this.#nameWordIndex.get(word[0] ?? "") : undefined;
    return this.#rank(ids ?? []).map(toEntry);
  }

  /** The speaker with this id ("person:vladimir putin"), if the library quotes them. */
  byId(id: string): SpeakerEntry | undefined {
    this.#refresh();
    const entry = this.#entries.get(id);
    return entry === undefined ? undefined : toEntry(entry);
  }

  /** The speaker an alias names: the only one, or the most quoted of several namesakes. */
  lookup(alias: string): SpeakerEntry | undefined {
    return this.lookupAll(alias)[0];
  }

  /** The quotes of a speaker (by id or any alias), in library order. */
  quotesOf(idOrAlias: string): AttributedQuote[] {
    this.#refresh();
    const entry = this.#entries.get(idOrAlias) ?? this.#entries.get(this.lookup(idOrAlias)?.id ?? "");
    return entry === undefined ? [] : [...entry.quotes];
  }

  /**
   * Up to `limit` speakers for autocomplete: those with an alias (or a word of one) starting with the
   * prefix, most quoted first; then, if room is left, those whose aliases start with something within a
   * typing mistake or two of it.
   */
  suggest(prefix: string, limit = 25): SpeakerEntry[] {
    this.#refresh();
    const query = normalizeName(prefix);
    if (query.length === 0) return this.#ranked.slice(0, limit).map(toEntry);
    const exact = new Set<string>();
    for (let at = lowerBound(this.#terms, query); at < this.#terms.length; at++) {
      const term = this.#terms[at];
      if (!term?.term.startsWith(query)) break;
      for (const id of term.ids) exact.add(id);
    }
    const found = this.#rank([...exact]);
    if (found.length >= limit) return found.slice(0, limit).map(toEntry);
    const mistakes = allowedMistakes(query.length);
    if (mistakes === 0) return found.map(toEntry);
    const near = new Map<string, number>();
    // Terms are sorted, so terms that start alike come together and share one distance.
    const span = query.length + mistakes;
    let lastStart = "";
    let lastDistance = mistakes + 1;
    for (const { term, ids } of this.#terms) {
      const start = term.length > span ? term.slice(0, span) : term;
      if (start !== lastStart) {
        lastStart = start;
        lastDistance = prefixDistance(query, start, mistakes);
      }
      if (lastDistance > mistakes) continue;
      for (const id of ids) {
        if (!exact.has(id) && lastDistance < (near.get(id) ?? Infinity)) near.set(id, lastDistance);
      }
    }
    const fuzzy = this.#rank([...near.keys()]).sort((a, b) => (near.get(a.id) ?? 0) - (near.get(b.id) ?? 0));
    return [...found, ...fuzzy].slice(0, limit).map(toEntry);
  }

  /** The known speakers whose names are nearest to an unknown one, for "did you mean" replies. */
  closest(name: string, limit = 5): SpeakerEntry[] {
    this.#refresh();
    const query = normalizeName(name);
    if (query.length === 0) return [];
    // One edit per four letters: "Kremln" and "Zelenskiy" find their speakers, "Prokudin" does not find Putin.
    const limitDistance = Math.max(1, Math.floor(query.length / 4));
    const best = new Map<string, number>();
    for (const { term, ids } of this.#terms) {
      const distance = typoDistance(query, term, limitDistance);
      if (distance > limitDistance) continue;
      for (const id of ids) if (distance < (best.get(id) ?? Infinity)) best.set(id, distance);
    }
    return this.#rank([...best.keys()])
      .sort((a, b) => (best.get(a.id) ?? 0) - (best.get(b.id) ?? 0))
      .slice(0, limit)
      .map(toEntry);
  }

  /** Plain JSON for the index snapshot. */
  toJSON(): RegistrySnapshot {
    return { version: 1, articles: [...this.#articles].map(([id, quotes]) => ({ id, quotes: [...quotes] })) };
  }

  /** Rebuilds a registry from `toJSON()` output; throws if the data is not a registry snapshot. */
  static fromJSON(data: unknown): SpeakerRegistry {
    const snapshot = RegistrySnapshotSchema.parse(data);
    const registry = new SpeakerRegistry();
    for (const article of snapshot.articles) registry.addArticle(article.id, article.quotes.map(toQuote));
    return registry;
  }

  #rank(ids: readonly string[]): Entry[] {
    const entries = ids.map((id) => this.#entries.get(id)).filter((entry) => entry !== undefined);
    return entries.sort((a, b) => b.quotes.length - a.quotes.length || a.name.localeCompare(b.name));
  }

  #refresh(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    this.#entries = new Map();
    const names = new NameCache();
    const surnames = new Map<string, Set<string>>();
    const pending: { articleId: string; quote: Quote; surname: string }[] = [];
    for (const [articleId, quotes] of this.#articles) {
      for (const quote of quotes) {
        const speaker = quote.speaker;
        if (speaker === null || speaker.type === "unknown") continue;
        if (speaker.type === "organisation") {
          this.#add(organisationKey(speaker.name), "organisation", articleId, quote, names);
          continue;
        }
        const words = names.core(speaker.name);
        if (words.length === 0) continue;
        if (words.length === 1) {
          pending.push({ articleId, quote, surname: words[0] ?? "" });
          continue;
        }
        const key = personKey(words);
        this.#add(key, "person", articleId, quote, names);
        const surname = words.at(-1) ?? "";
        const namesakes = surnames.get(surname);
        if (namesakes === undefined) surnames.set(surname, new Set([key]));
        else namesakes.add(key);
      }
    }
    for (const { articleId, quote, surname } of pending) {
      const key = this.#surnameHome(articleId, surname, surnames, names) ?? `person:${surname}`;
      this.#add(key, "person", articleId, quote, names);
    }
    this.#index();
  }

  /** The full name a bare surname belongs to: the only one in its article, else the only one anywhere. */
  #surnameHome(
    articleId: string,
    surname: string,
    surnames: Map<string, Set<string>>,
    names: NameCache,
  ): string | undefined {
    const inArticle = new Set<string>();
    for (const quote of this.#articles.get(articleId) ?? []) {
      const words = quote.speaker === null ? [] : names.core(quote.speaker.name);
      if (words.length > 1 && words.at(-1) === surname) inArticle.add(personKey(words));
    }
    if (inArticle.size === 1) return [...inArticle][0];
    if (inArticle.size > 1) return undefined;
    const library = surnames.get(surname);
    return library?.size === 1 ? [...library][0] : undefined;
  }

  #add(key: string, type: Entry["type"], articleId: string, quote: Quote, names: NameCache): void {
    const speaker = quote.speaker;
    if (speaker === null) return;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { id: key, name: speaker.name, type, aliases: new Map(), roles: new Set(), quotes: [] };
      this.#entries.set(key, entry);
    }
    entry.quotes.push({ articleId, quote });
    if (speaker.name !== entry.name) {
      const fuller =
        names.core(speaker.name).length - names.core(entry.name).length ||
        speaker.name.length - entry.name.length;
      if (fuller > 0) entry.name = speaker.name;
    }
    if (speaker.role !== undefined) entry.roles.add(speaker.role);
    addAlias(entry, speaker.name, names);
    const surname = names.core(speaker.name).at(-1) ?? "";
    if (surname.length > 0 && speaker.mention !== speaker.name) {
      if (names.normal(speaker.mention).split(" ").includes(surname)) {
        addAlias(entry, speaker.mention.replace(/^(the|a|an)\s+/i, ""), names);
      }
    }
    if (type === "person") {
      const words = nameWords(speaker.name);
      if (words.length > 1) addAlias(entry, words.at(-1) ?? "", names);
    }
  }

  #index(): void {
    this.#aliasIndex = new Map();
    this.#nameWordIndex = new Map();
    const terms = new Map<string, string[]>();
    for (const entry of this.#entries.values()) {
      if (entry.type === "person") {
        for (const word of new Set(coreWords(entry.name))) {
          const holders = this.#nameWordIndex.get(word);
          if (holders === undefined) this.#nameWordIndex.set(word, [entry.id]);
          else holders.push(entry.id);
        }
      }
      for (const alias of entry.aliases.keys()) {
        const ids = this.#aliasIndex.get(alias);
        if (ids === undefined) this.#aliasIndex.set(alias, [entry.id]);
        else ids.push(entry.id);
        const words = alias.split(" ");
        for (let index = 0; index < words.length; index++) {
          const term = index === 0 ? alias : words.slice(index).join(" ");
          const holders = terms.get(term);
          if (holders === undefined) terms.set(term, [entry.id]);
          else if (holders.at(-1) !== entry.id) holders.push(entry.id);
        }
      }
    }
    this.#terms = [...terms]
      .map(([term, ids]) => ({ term, ids }))
      .sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    this.#ranked = this.#rank([...this.#entries.keys()]);
  }
}

function addAlias(entry: Entry, alias: string, names: NameCache): void {
  const key = names.normal(alias);
  if (key.length > 0 && !entry.aliases.has(key)) entry.aliases.set(key, alias.replace(/['\u2019]s$/, ""));
}

function toEntry(entry: Entry): SpeakerEntry {
  return {
    id: entry.id,
    name: entry.name,
    type: entry.type,
    aliases: [...entry.aliases.values()],
    roles: [...entry.roles],
    quoteCount: entry.quotes.length,
  };
}

function lowerBound(terms: readonly Term[], query: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((terms[middle]?.term ?? "") < query) low = middle + 1;
    else high = middle;
  }
  return low;
}
