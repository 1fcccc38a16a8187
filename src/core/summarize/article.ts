import type { Article } from "../articles.ts";
import { articleSentences } from "./candidates.ts";
import type { SummaryOptions } from "./length.ts";
import { SUMMARY_MAX_CHARS, sentenceBudget } from "./length.ts";
import type { ScoreWeights } from "./score.ts";
import { DEFAULT_WEIGHTS, scoreSentences } from "./score.ts";
import { selectSentences } from "./select.ts";

/** One sentence of a summary. */
export interface SummarySentence {
  text: string;
  /** Index into `article.paragraphs` of the paragraph the sentence is from. */
  paragraphIndex: number;
  /** 0-based place of the sentence among the article's body sentences. */
  position: number;
  /** How strongly the sentence carries the story; comparable within one article only. */
  score: number;
}

/** An extractive summary: chosen body sentences in the article's order. */
export interface ArticleSummary {
  sentences: SummarySentence[];
}

/** The parts of an article a summary is made from. */
export type SummarizableArticle = Pick<Article, "title" | "paragraphs"> & Partial<Pick<Article, "dek">>;

/**
 * Summarises one article by extraction: scores its body sentences (centrality, title overlap, lead
 * position), takes the best that do not repeat each other, and returns them in article order. Deterministic.
 */
export function summarizeArticle(article: SummarizableArticle, options: SummaryOptions = {}): ArticleSummary {
  return summarizeArticleWithWeights(article, options, DEFAULT_WEIGHTS);
}

/**
 * {@link summarizeArticle} with explicit scoring weights, for the evaluation script's tuning.
 * @internal
 */
export function summarizeArticleWithWeights(
  article: SummarizableArticle,
  options: SummaryOptions,
  weights: ScoreWeights,
  focusTerms: readonly string[] = [],
): ArticleSummary {
  const ranked = rankArticleSentences(article, focusTerms, weights);
  const budget = sentenceBudget(options);
  const eligible = ranked.filter((sentence) => sentence.eligible);
  const pool = eligible.length > 0 ? eligible : ranked.map(truncatedToCap);
  const chosen = selectSentences(pool, budget).map((index) => pool[index]);
  const sentences = chosen
    .filter((sentence) => sentence !== undefined)
    .sort((a, b) => a.position - b.position)
    .map(({ text, paragraphIndex, position, score }) => ({ text, paragraphIndex, position, score }));
  return { sentences };
}

/** A body sentence with its score and what selection needs. */
export interface RankedSentence extends SummarySentence {
  termSet: ReadonlySet<string>;
  eligible: boolean;
}

/**
 * Scores every body sentence of an article; `focusTerms` (stemmed content terms, e.g. of a topic query)
 * favour the sentences that speak of what the reader is after.
 */
export function rankArticleSentences(
  article: SummarizableArticle,
  focusTerms: readonly string[] = [],
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): RankedSentence[] {
  const candidates = articleSentences(article);
  const scores = scoreSentences(candidates, focusTerms, weights);
  return candidates.map((candidate, index) => ({
    text: candidate.text,
    paragraphIndex: candidate.paragraphIndex,
    position: candidate.position,
    score: scores[index] ?? 0,
    termSet: candidate.termSet,
    eligible: candidate.eligible,
  }));
}

function truncatedToCap(sentence: RankedSentence): RankedSentence {
  if (sentence.text.length <= SUMMARY_MAX_CHARS) return sentence;
  return { ...sentence, text: `${sentence.text.slice(0, SUMMARY_MAX_CHARS - 1).trimEnd()}\u2026` };
}
