import type { Article } from "../articles.ts";
import { cleanHeadline, groupStories, publishedMs, representativeArticle } from "./group.ts";
import { strongestQuote, topSpeakers } from "./quotes.ts";
import type { Digest, DigestEnrichment, DigestLink, DigestStory, DigestWindow } from "./types.ts";
import { articlesInWindow } from "./window.ts";

export interface DigestRequest {
  /** Every article the bot knows; the window and topic pick the digest's. */
  articles: Iterable<Article>;
  window: DigestWindow;
  /** The ids a topic search returned; absent for an unfiltered digest. */
  topicIds?: ReadonlySet<string>;
  topic?: string;
  enrichment: DigestEnrichment;
  /** How many stories to show; the rest are counted. Default 15. */
  maxStories?: number;
  /** How many speakers to list. Default 5. */
  maxSpeakers?: number;
}

export const DEFAULT_MAX_STORIES = 15;
const DEFAULT_MAX_SPEAKERS = 5;

/** Weights of a story's rank: coverage first, then breadth of sources, then how fresh it is. */
const RANK_WEIGHTS = { articles: 2, sources: 1.5, recency: 1 } as const;

interface RankedGroup {
  articles: Article[];
  sources: string[];
  latestMs: number;
  score: number;
}

/**
 * Composes the digest of a window: groups its articles into stories, ranks them, and gives the best ones a
 * headline, summary, strongest quote and links. Deterministic for a given input.
 */
export function buildDigest(request: DigestRequest): Digest {
  const { window, enrichment } = request;
  const articles = articlesInWindow(request.articles, window, request.topicIds);
  // Newest first, so that every group lists its articles newest first.
  articles.sort((a, b) => publishedMs(b) - publishedMs(a) || a.id.localeCompare(b.id));
  const ranked = rankStories(groupStories(articles), window);
  const maxStories = Math.max(0, request.maxStories ?? DEFAULT_MAX_STORIES);
  const shown = ranked.slice(0, maxStories);
  const quotesOf = memoize((article: Article) => enrichment.quotes(article));
  const stories = shown.map((group) => describeStory(group, enrichment, quotesOf));
  return {
    window,
    ...(request.topic !== undefined && { topic: request.topic }),
    articleCount: articles.length,
    sourceCount: new Set(articles.map((article) => article.source)).size,
    stories,
    moreStories: ranked.length - shown.length,
    topSpeakers: topSpeakers(
      articles.flatMap((article) => quotesOf(article)),
      request.maxSpeakers ?? DEFAULT_MAX_SPEAKERS,
    ),
  };
}

/**
 * Orders story groups by rank: a log of the article count (the tenth update adds less than the second),
 * the number of distinct outlets, and the newest article's place in the window. Ties go to the newer story.
 */
export function rankStories(groups: readonly Article[][], window: DigestWindow): RankedGroup[] {
  const since = window.since.getTime();
  const span = Math.max(1, window.until.getTime() - since);
  return groups
    .map((articles) => {
      const sources = [...new Set(articles.map((article) => article.source))];
      const latestMs = Math.max(...articles.map(publishedMs));
      const recency = Number.isFinite(latestMs) ? Math.min(1, Math.max(0, (latestMs - since) / span)) : 0;
      const score =
        RANK_WEIGHTS.articles * Math.log2(1 + articles.length) +
        RANK_WEIGHTS.sources * (sources.length - 1) +
        RANK_WEIGHTS.recency * recency;
      return { articles, sources, latestMs, score };
    })
    .sort((a, b) => b.score - a.score || b.latestMs - a.latestMs);
}

function describeStory(
  group: RankedGroup,
  enrichment: DigestEnrichment,
  quotesOf: (article: Article) => ReturnType<DigestEnrichment["quotes"]>,
): DigestStory {
  const lead = representativeArticle(group.articles) ?? group.articles[0];
  if (!lead) throw new Error("a story group cannot be empty");
  const summary = enrichment.summarize(lead).join(" ");
  const quote = strongestQuote(group.articles.map(quotesOf), summary);
  const links = group.articles.map((article): DigestLink => ({
    title: cleanHeadline(article.title),
    source: article.source,
    ...(article.url !== undefined && { url: article.url }),
  }));
  return {
    headline: cleanHeadline(lead.title),
    ...(lead.url !== undefined && { url: lead.url }),
    summary,
    ...(quote && { quote }),
    articleCount: group.articles.length,
    sources: group.sources,
    latestAt: new Date(group.latestMs).toISOString(),
    links,
    score: group.score,
  };
}

function memoize<T extends object, R>(compute: (input: T) => R): (input: T) => R {
  const cache = new WeakMap<T, R>();
  return (input) => {
    if (cache.has(input)) return cache.get(input) as R;
    const result = compute(input);
    cache.set(input, result);
    return result;
  };
}
