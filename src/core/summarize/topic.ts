import type { Article } from "../articles.ts";
import { contentTerms } from "../text/tokens.ts";
import type { RankedSentence, SummarizableArticle } from "./article.ts";
import { rankArticleSentences } from "./article.ts";
import type { SummaryOptions } from "./length.ts";
import { sentenceBudget } from "./length.ts";
import { countShared } from "./score.ts";
import { selectSentences } from "./select.ts";

/** One sentence of a topic summary, with the article it is cited from. */
export interface TopicSummarySentence {
  text: string;
  articleId: string;
  paragraphIndex: number;
  /** 0-based place of the sentence among its article's body sentences. */
  position: number;
}

export interface TopicSummary {
  /** Grouped by article in the ranking's order, in article order within each. */
  sentences: TopicSummarySentence[];
}

export interface TopicSummaryOptions extends SummaryOptions {
  /** The topic as the member typed it; sentences that speak of it are preferred. */
  query?: string;
  /** Only the best this many articles are read; 8 unless set. */
  maxArticles?: number;
}

const DEFAULT_MAX_ARTICLES = 8;
/** How much a place lower in the ranking weighs on an article's sentences: 1, 1/1.25, 1/1.5, ... */
const RANK_DECAY = 0.25;
/** Weight of the share of the query's words a sentence contains, across articles (within-article scores are relative). */
const QUERY_WEIGHT = 1;

type TopicArticle = SummarizableArticle & Pick<Article, "id">;

/**
 * Summarises a topic across articles ranked best first: every article's sentences are scored within
 * it (with the query as focus), weighted by the article's rank, raised by how much of the query they
 * contain, and the best are taken while skipping
 * any sentence that repeats a fact already taken from this or another article. Each sentence cites its
 * article. Deterministic.
 */
export function summarizeTopic(
  articles: readonly TopicArticle[],
  options: TopicSummaryOptions = {},
): TopicSummary {
  const focusTerms = options.query === undefined ? [] : contentTerms(options.query);
  const focus = new Set(focusTerms);
  const pool: (RankedSentence & { articleId: string; rank: number; group: string })[] = [];
  const read = articles.slice(0, options.maxArticles ?? DEFAULT_MAX_ARTICLES);
  read.forEach((article, rank) => {
    const ranked = rankArticleSentences(article, focusTerms).filter((sentence) => sentence.eligible);
    const best = Math.max(0, ...ranked.map((sentence) => sentence.score));
    if (best === 0) return;
    for (const sentence of ranked) {
      const queryShare = focus.size === 0 ? 0 : countShared(sentence.termSet, focus) / focus.size;
      const score = sentence.score / best / (1 + RANK_DECAY * rank) + QUERY_WEIGHT * queryShare;
      pool.push({ ...sentence, score, articleId: article.id, rank, group: article.id });
    }
  });
  const budget = sentenceBudget(options);
  // Across several stories, no one story may fill more than half of the summary.
  const maxPerArticle = read.length > 1 ? Math.max(1, Math.ceil(budget.max / 2)) : budget.max;
  const chosen = selectSentences(pool, budget, maxPerArticle)
    .map((index) => pool[index])
    .filter((sentence) => sentence !== undefined)
    .sort((a, b) => a.rank - b.rank || a.position - b.position);
  return {
    sentences: chosen.map(({ text, articleId, paragraphIndex, position }) => ({
      text,
      articleId,
      paragraphIndex,
      position,
    })),
  };
}
