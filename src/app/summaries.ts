import type { Article } from "../core/articles.ts";
import type { Quote } from "../core/quotes/types.ts";
import type { ArticleSummary, SummaryPlan } from "../core/summarize/article.ts";
import { planSummaries, summaryFromPositions } from "../core/summarize/article.ts";
import { SUMMARY_ALGORITHM_VERSION } from "../core/summarize/cache-key.ts";
import type { SummaryLength } from "../core/summarize/length.ts";
import { tellingQuote } from "../core/summarize/telling-quote.ts";
import type { TopicSummary } from "../core/summarize/topic.ts";
import { summarizeTopic } from "../core/summarize/topic.ts";
import { contentTerms } from "../core/text/tokens.ts";
import type { ArticleDeriver, LibrarySearchFilters, LibrarySearchResult } from "./library.ts";
import { cutAtWord } from "../core/text/cut.ts";
import { quotesDeriver } from "./quotes.ts";

/**
 * The summaries of each article, planned once per added or changed article and kept in the index snapshot:
 * for every named length, the positions of the sentences it picks. Reading a summary back only splits
 * the article again, so a start with unchanged articles summarises nothing.
 */
export const summaryDeriver: ArticleDeriver<SummaryPlan> = {
  name: "summaries",
  version: SUMMARY_ALGORITHM_VERSION,
  derive: planSummaries,
};

/** What the summary functions need of the library (the Library itself, or a stand-in in tests). */
export interface SummaryLibrary {
  get(id: string): Article | undefined;
  articlesFor(guildId: string | undefined): Iterable<Article>;
  isVisible(articleId: string, guildId: string | undefined): boolean;
  derived<T>(deriver: ArticleDeriver<T>, id: string): T | undefined;
  search(query: string, filters: LibrarySearchFilters, limit: number): LibrarySearchResult[];
  /** Known terms close to the query's words, for "did you mean". */
  suggest(query: string): string[];
}

/** The article's summary at a length: from the plan kept with the index, or worked out now without one. */
export function articleSummary(
  library: SummaryLibrary,
  article: Article,
  length: SummaryLength,
): ArticleSummary {
  const kept = library.derived(summaryDeriver, article.id);
  const positions = Array.isArray(kept?.[length]) ? kept[length] : planSummaries(article)[length];
  return summaryFromPositions(article, positions);
}

/**
 * The article quote that best tells the story the summary gives, from the quotes the library keeps per
 * article (extracted now when the library was opened without the quotes deriver).
 */
export function articleQuote(
  library: SummaryLibrary,
  article: Article,
  summary: ArticleSummary,
): Quote | undefined {
  const quotes = library.derived(quotesDeriver, article.id) ?? quotesDeriver.derive(article);
  return tellingQuote(quotes, summary.sentences.map((sentence) => sentence.text).join(" "));
}

/** A topic summary and the articles it was made from, best match first: citations number into them. */
export interface TopicSummaryResult {
  articles: Article[];
  summary: TopicSummary;
}

/** How many of the best matching articles a topic summary reads. */
export const TOPIC_ARTICLES = 6;

/** Summarises what the best matching articles say about a topic; computed on demand (it depends on the query). */
export function topicSummary(
  library: SummaryLibrary,
  topic: string,
  filters: LibrarySearchFilters,
  length: SummaryLength,
): TopicSummaryResult {
  const articles = library.search(topic, filters, TOPIC_ARTICLES).map((result) => result.article);
  return { articles, summary: summarizeTopic(articles, { query: topic, length }) };
}

/** An article found from what a member typed, or the titles closest to it. */
export type ArticleResolution = { kind: "found"; article: Article } | { kind: "unknown"; closest: Article[] };

/** A title must hold this share of the typed words to be the article meant: all of three, three of four. */
const TITLE_MATCH_SHARE = 0.75;
const CLOSEST_TITLES = 3;

/**
 * Resolves the `article` option: an article id (what autocomplete sends), else the best title match among
 * the search results for the typed text (the console has no autocomplete).
 */
export function resolveArticle(
  library: SummaryLibrary,
  typed: string,
  guildId: string | undefined,
): ArticleResolution {
  const text = typed.trim();
  const byId = library.get(text);
  if (byId !== undefined && library.isVisible(byId.id, guildId)) return { kind: "found", article: byId };
  const candidates = library.search(text, { guildId }, 10).map((result) => result.article);
  const wanted = new Set(contentTerms(text));
  const exact = candidates.find((article) => folded(article.title) === folded(text));
  if (exact !== undefined) return { kind: "found", article: exact };
  const opening = titleStartingWith(library, text, guildId);
  if (opening !== undefined) return { kind: "found", article: opening };
  let best: Article | undefined;
  let bestShare = 0;
  for (const article of candidates) {
    const share = wanted.size === 0 ? 0 : shareIn(wanted, new Set(contentTerms(article.title)));
    if (share > bestShare) {
      best = article;
      bestShare = share;
    }
  }
  if (best !== undefined && bestShare >= TITLE_MATCH_SHARE) return { kind: "found", article: best };
  return { kind: "unknown", closest: candidates.slice(0, CLOSEST_TITLES) };
}

/** Typed text shorter than this is too little to pick a title by its start. */
const MIN_TITLE_START_CHARS = 4;

/**
 * The newest visible article whose title starts with the typed text (case, accents and apostrophes aside):
 * "putin says there are" means "Putin says there are points…" before any fuzzy match.
 */
function titleStartingWith(
  library: SummaryLibrary,
  typed: string,
  guildId: string | undefined,
): Article | undefined {
  const start = folded(typed);
  if (start.length < MIN_TITLE_START_CHARS) return undefined;
  let newest: Article | undefined;
  for (const article of library.articlesFor(guildId)) {
    if (!folded(article.title).startsWith(start)) continue;
    if (newest === undefined || publishedTime(article) > publishedTime(newest)) newest = article;
  }
  return newest;
}

function publishedTime(article: Article): number {
  return article.publishedAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(article.publishedAt);
}

/** An autocomplete choice: the title as shown, the id as sent back. */
export interface TitleChoice {
  name: string;
  value: string;
  /** The whole title, as a person types it (the console's tab completion). */
  typed: string;
}

/** Discord allows 100 characters in a choice's name. */
const CHOICE_NAME_CHARS = 100;

/**
 * Titles for autocomplete, newest first: every typed word must begin a word of the title (case and
 * accents aside), so "pokr talk" finds "Pokrovsk talks stall". Undated articles come last.
 */
export function titleChoices(
  library: SummaryLibrary,
  typed: string,
  guildId: string | undefined,
  limit = 25,
): TitleChoice[] {
  const prefixes = wordsOf(typed);
  const newest: { article: Article; time: number }[] = [];
  for (const article of library.articlesFor(guildId)) {
    if (!titleMatches(article, prefixes)) continue;
    const time = publishedTime(article);
    // Keep only the newest `limit` seen so far, sorted, so that a large library is scanned once.
    if (newest.length === limit && time <= (newest.at(-1)?.time ?? Number.NEGATIVE_INFINITY)) continue;
    const at = newest.findIndex((entry) => entry.time < time);
    newest.splice(at === -1 ? newest.length : at, 0, { article, time });
    if (newest.length > limit) newest.pop();
  }
  return newest.map(({ article }) => ({
    name: cutAtWord(article.title, CHOICE_NAME_CHARS),
    value: article.id,
    typed: article.title,
  }));
}

const titleWords = new WeakMap<Article, string[]>();

function titleMatches(article: Article, prefixes: readonly string[]): boolean {
  if (prefixes.length === 0) return true;
  let words = titleWords.get(article);
  if (words === undefined) {
    words = wordsOf(article.title);
    titleWords.set(article, words);
  }
  const candidates = words;
  return prefixes.every((prefix) => candidates.some((word) => word.startsWith(prefix)));
}

function wordsOf(text: string): string[] {
  return folded(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Lower case without accents, apostrophes and extra spaces: "Zelenskyy’s" and "zelenskyys" meet. */
function folded(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/['\u2019]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function shareIn(wanted: ReadonlySet<string>, found: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of wanted) if (found.has(term)) shared++;
  return shared / wanted.size;
}
