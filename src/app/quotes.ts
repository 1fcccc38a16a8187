import type { Article } from "../core/articles.ts";
import { extractArticleQuotes } from "../core/quotes/extract.ts";
import { SpeakerRegistry, type SpeakerEntry } from "../core/quotes/registry.ts";
import type { Quote } from "../core/quotes/types.ts";
import type { ArticleChanges, ArticleDeriver } from "./library.ts";

/**
 * Bump whenever extraction or attribution gives other results, so that quotes saved in the index snapshot
 * are extracted anew on the next start.
 */
export const QUOTES_VERSION = "quotes-15";

/**
 * The quotes of each article, worked out once per added or changed article and kept in the index snapshot.
 * Only attributed quotes are kept: nothing reads quotes nobody said, and they would only grow the snapshot.
 */
export const quotesDeriver: ArticleDeriver<Quote[]> = {
  name: "quotes",
  version: QUOTES_VERSION,
  derive: (article) => extractArticleQuotes(article, { keepUnattributed: false }),
  // Searching a speaker's name finds the articles that quote them, even where the body names them differently.
  searchText: (quotes) => ({
    speakers: [...new Set(quotes.flatMap((quote) => (quote.speaker ? [quote.speaker.name] : [])))].join("\n"),
    quotes: quotes.map((quote) => quote.text).join("\n"),
  }),
};

/** What the quote service needs of the library. */
export interface QuoteLibrary {
  get(id: string): Article | undefined;
  articles(): Iterable<Article>;
  isVisible(articleId: string, guildId: string | undefined): boolean;
  derived<T>(deriver: ArticleDeriver<T>, id: string): T | undefined;
  onChange(listener: (changes: ArticleChanges) => void): () => void;
}

/** A quote with its article, as /quotes shows it. */
export interface QuoteHit {
  article: Article;
  quote: Quote;
}

/** Filters of `QuoteService.quotesOf`. */
export interface QuoteQuery {
  /** The server asking: quotes from other servers' own feeds are left out. */
  guildId?: string | undefined;
  /** Only quotes from articles published at or after this instant (undated articles are left out). */
  since?: Date;
}

/**
 * Adds the quotes of articles to a registry. Articles without attributed quotes are left out, which keeps the
 * registry's own bookkeeping to the articles that matter.
 */
export function addQuotesToRegistry(
  registry: SpeakerRegistry,
  entries: Iterable<readonly [string, readonly Quote[] | undefined]>,
): SpeakerRegistry {
  for (const [id, quotes] of entries) {
    if (quotes === undefined || quotes.length === 0) registry.removeArticle(id);
    else registry.addArticle(id, quotes);
  }
  return registry;
}

/**
 * The speaker registry of the whole library, built from the quotes the library derived (nothing is extracted
 * here) and kept in step with it: each refresh's added, changed and removed articles are applied as they
 * are announced. Construct it after `Library.open` with the same `quotesDeriver` the library was given.
 */
export class QuoteService {
  readonly #library: QuoteLibrary;
  readonly #deriver: ArticleDeriver<Quote[]>;
  readonly #registry = new SpeakerRegistry();
  readonly #unsubscribe: () => void;

  constructor(library: QuoteLibrary, deriver: ArticleDeriver<Quote[]> = quotesDeriver) {
    this.#library = library;
    this.#deriver = deriver;
    const all = function* (): Generator<readonly [string, Quote[] | undefined]> {
      for (const article of library.articles()) yield [article.id, library.derived(deriver, article.id)];
    };
    addQuotesToRegistry(this.#registry, all());
    this.#warm();
    this.#unsubscribe = library.onChange((changes) => {
      this.#apply(changes);
    });
  }

  /** Stops following the library's changes. */
  close(): void {
    this.#unsubscribe();
  }

  /** Speakers known across the library. */
  get speakerCount(): number {
    return this.#registry.size;
  }

  /** Speakers for autocomplete: alias prefix matches first, then near misses, most quoted first. */
  suggest(typed: string, limit = 25, guildId?: string): SpeakerEntry[] {
    return this.#seenBy(this.#registry.suggest(typed, limit * 2), guildId).slice(0, limit);
  }

  /** The known speakers nearest to a name nobody goes by, for "did you mean". */
  closest(name: string, limit = 5, guildId?: string): SpeakerEntry[] {
    return this.#seenBy(this.#registry.closest(name, limit * 2), guildId).slice(0, limit);
  }

  /**
   * The speakers quoted in at least one article the server may see, so that names quoted only in another
   * server's own feeds are not offered.
   */
  #seenBy(entries: SpeakerEntry[], guildId: string | undefined): SpeakerEntry[] {
    return entries.filter((entry) =>
      this.#registry.quotesOf(entry.id).some(({ articleId }) => this.#library.isVisible(articleId, guildId)),
    );
  }

  /**
   * The speakers a typed name or an autocomplete value (a speaker id) means, most quoted first: one speaker
   * usually, several when namesakes share the alias ("Clinton"), none when nobody goes by it.
   */
  find(typed: string): SpeakerEntry[] {
    const byId = this.#registry.byId(typed.trim());
    return byId === undefined ? this.#registry.lookupAll(typed) : [byId];
  }

  /** A speaker's quotes with their articles, newest article first, in reading order within an article. */
  quotesOf(speakerId: string, query: QuoteQuery = {}): QuoteHit[] {
    const since = query.since?.getTime();
    const hits: (QuoteHit & { time: number })[] = [];
    for (const { articleId, quote } of this.#registry.quotesOf(speakerId)) {
      const article = this.#library.get(articleId);
      if (article === undefined || !this.#library.isVisible(articleId, query.guildId)) continue;
      const time = article.publishedAt === undefined ? -Infinity : Date.parse(article.publishedAt);
      if (since !== undefined && !(time >= since)) continue;
      hits.push({ article, quote, time });
    }
    hits.sort(
      (a, b) => b.time - a.time || compareIds(a.article.id, b.article.id) || a.quote.start - b.quote.start,
    );
    return hits.map(({ article, quote }) => ({ article, quote }));
  }

  #apply(changes: ArticleChanges): void {
    for (const id of changes.removed) this.#registry.removeArticle(id);
    const changed = [...changes.added, ...changes.updated];
    addQuotesToRegistry(
      this.#registry,
      changed.map((id) => [id, this.#library.derived(this.#deriver, id)] as const),
    );
    this.#warm();
  }

  /** Rebuilds the registry's views now, in the refresh, rather than in the next autocomplete's time. */
  #warm(): void {
    this.#registry.suggest("", 1);
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
