import type { Article } from "../articles.ts";
import { articleSentences } from "./candidates.ts";
import { readsAsTeaser } from "./guards.ts";
import type { SentenceBudget, SummaryLength, SummaryOptions } from "./length.ts";
import { SUMMARY_MAX_CHARS, sentenceBudget } from "./length.ts";
import type { ScoreWeights } from "./score.ts";
import { DEFAULT_WEIGHTS, countShared, scoreSentences } from "./score.ts";
import { selectSentences } from "./select.ts";

/** One sentence of a summary. */
export interface SummarySentence {
  text: string;
  /** Index into `article.paragraphs` of the paragraph the sentence is from. */
  paragraphIndex: number;
  /** 0-based place of the sentence among the article's body sentences. */
  position: number;
}

/** An extractive summary: chosen body sentences in the article's order. */
export interface ArticleSummary {
  sentences: SummarySentence[];
}

/** The parts of an article a summary is made from. */
export type SummarizableArticle = Pick<Article, "title" | "paragraphs"> & Partial<Pick<Article, "dek">>;

/**
 * The sentences each named length would pick, as positions among the article's body sentences, in article
 * order. Small plain data: it is what the index keeps per article so that no summary is recomputed.
 */
export type SummaryPlan = Record<SummaryLength, number[]>;

const PLANNED_LENGTHS: readonly SummaryLength[] = ["short", "medium", "long"];

/**
 * Summarises one article by extraction: scores its body sentences (forward centrality, word frequency, lead
 * position), opens with the lede, takes the best others that do not repeat what is taken, and returns them in
 * article order. Deterministic.
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
  const pool = selectionPool(ranked);
  const chosen = pickFromPool(pool, sentenceBudget(options));
  return { sentences: standingAlone(chosen.flatMap((index) => summarySentence(pool.sentences[index]))) };
}

/**
 * What every named length would pick, from one scoring of the article: the same sentences
 * `summarizeArticle` returns for each length.
 */
export function planSummaries(article: SummarizableArticle): SummaryPlan {
  const pool = selectionPool(rankArticleSentences(article, [], DEFAULT_WEIGHTS));
  const plan: Partial<SummaryPlan> = {};
  for (const length of PLANNED_LENGTHS) {
    plan[length] = pickFromPool(pool, sentenceBudget({ length })).flatMap((index) =>
      summarySentence(pool.sentences[index]).map((sentence) => sentence.position),
    );
  }
  return plan as SummaryPlan;
}

/**
 * The summary a plan's positions stand for, read back from the article: the text as `summarizeArticle`
 * shows it. Positions the article does not have (it changed since the plan was made) are skipped.
 */
export function summaryFromPositions(
  article: SummarizableArticle,
  positions: readonly number[],
): ArticleSummary {
  const candidates = articleSentences(article);
  const sentences = [...positions]
    .sort((a, b) => a - b)
    .flatMap((position) => {
      const candidate = candidates[position];
      return summarySentence(candidate && truncatedToCap(candidate));
    });
  return { sentences: standingAlone(sentences) };
}

/** A body sentence with its score and what selection needs. */
export interface RankedSentence extends SummarySentence {
  /** How strongly the sentence carries the story; comparable within one article only. */
  score: number;
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

interface SelectionPool {
  sentences: RankedSentence[];
  /** Whether `sentences` are the usable ones; when none is usable they are all, as a last resort. */
  usable: boolean;
}

function selectionPool(ranked: readonly RankedSentence[]): SelectionPool {
  const eligible = ranked.filter((sentence) => sentence.eligible);
  return eligible.length > 0
    ? { sentences: eligible, usable: true }
    : { sentences: ranked.map(truncatedToCap), usable: false };
}

/**
 * Indices into the pool of the chosen sentences, in article order. The lede (the first usable sentence)
 * opens whenever it speaks of the story at all: readers of news expect it, and summaries that passed it over
 * for a longer sentence lost to the article's own first lines on human-written highlights. A teaser that
 * shares no content word with the rest ("Nobody expected what happened next.") is left to the scores. A lede
 * written as a feature's hook (a question, or an opening pronoun with nothing to refer to: "It looks as
 * harmless as a pebble.") says little alone and reads oddly at the head of a summary: it is
 * taken only when nothing else can fill the summary.
 */
function pickFromPool(pool: SelectionPool, budget: SentenceBudget): number[] {
  const hook = pool.usable && pool.sentences[0] !== undefined && readsAsTeaser(pool.sentences[0].text);
  // A hook is taken last, only when nothing else is left to fill the summary.
  const items = hook
    ? pool.sentences.map((sentence, index) =>
        index === 0 ? { ...sentence, score: Number.NEGATIVE_INFINITY } : sentence,
      )
    : pool.sentences;
  const lede = pool.usable && !hook && ledeSpeaksOfTheStory(pool.sentences) ? [0] : [];
  return selectSentences(items, budget, Number.POSITIVE_INFINITY, lede).sort((a, b) => a - b);
}

function ledeSpeaksOfTheStory(usable: readonly RankedSentence[]): boolean {
  const [lede, ...rest] = usable;
  if (lede === undefined) return false;
  return rest.some((sentence) => countShared(lede.termSet, sentence.termSet) > 0);
}

/**
 * A word that ties a sentence to the one before it: "But the council ...", "However, the plan ...". Not
 * "So" nor "Yet", which also open phrases of their own ("So far", "Yet another").
 */
const OPENING_CONNECTIVE =
  /^(?:(?:But|And)\s+(?=\p{Ll})|(?:However|Meanwhile|Still|Also|Moreover|Furthermore|Nevertheless|In addition),\s+(?=\p{L}))/u;

const DOUBLE_QUOTE = /["\u201c\u201d]/u;

/**
 * Summary sentences, in article order, as they read without the article's other sentences: one whose
 * article predecessor is not in the summary drops the connective that answered it ("But the council said
 * ..." reads "The council said ..."), since a summary bullet opening with "But" answers nothing the reader sees. Quoted words are left alone.
 */
function standingAlone(sentences: readonly SummarySentence[]): SummarySentence[] {
  return sentences.map((sentence, index) => {
    if (sentence.position > 0 && sentences[index - 1]?.position === sentence.position - 1) return sentence;
    // Inside quoted speech the words are the speaker's: a sentence with a quote mark is shown as written.
    if (DOUBLE_QUOTE.test(sentence.text)) return sentence;
    const rest = sentence.text.replace(OPENING_CONNECTIVE, "");
    if (rest === sentence.text) return sentence;
    return { ...sentence, text: `${rest.charAt(0).toUpperCase()}${rest.slice(1)}` };
  });
}

/** The sentence as a summary shows it, or nothing for an index or position that is not there. */
function summarySentence(sentence: SummarySentence | undefined): SummarySentence[] {
  if (sentence === undefined) return [];
  const { text, paragraphIndex, position } = sentence;
  return [{ text, paragraphIndex, position }];
}

function truncatedToCap<T extends { text: string }>(sentence: T): T {
  if (sentence.text.length <= SUMMARY_MAX_CHARS) return sentence;
  return { ...sentence, text: `${sentence.text.slice(0, SUMMARY_MAX_CHARS - 1).trimEnd()}\u2026` };
}
