import type { CandidateSentence } from "./candidates.ts";

/** How much each signal counts. Exported so that the evaluation can compare settings. */
export interface ScoreWeights {
  /** Forward centrality: similarity to the sentences that follow. */
  centrality: number;
  /** Summed in-article frequency of a sentence's content words (a length-favouring centroid). */
  centroid: number;
  /** Share of the focus terms (a topic query) the sentence contains. */
  focus: number;
  /** Bonus for the lead, `lead * exp(-leadDecay * position)`. */
  lead: number;
  leadDecay: number;
}

/**
 * Chosen on three checks at 3 sentences: CNN/DailyMail stories with their human-written highlights (what
 * readers want, and where the article's own first sentences are the bar to clear), the BBC dev set, whose
 * machine-made references reward long central sentences, and the headline check. Measure all with
 * scripts/eval-summaries.ts, which prints LEAD-3 beside the summarizer.
 */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  centrality: 1,
  centroid: 0.5,
  focus: 0.5,
  lead: 0.1,
  leadDecay: 0.2,
};

/** Sentences past this many get no centrality score, bounding the quadratic graph on very long texts. */
const MAX_GRAPH_SENTENCES = 150;

/**
 * Scores every candidate sentence: forward centrality, the in-article frequency of its words,
 * overlap with the focus terms, and a bonus for the lead that fades over the first sentences.
 */
export function scoreSentences(
  candidates: readonly CandidateSentence[],
  focusTerms: readonly string[],
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): number[] {
  const termSets = candidates.map((candidate) => candidate.termSet);
  const centrality = normalise(graphCentrality(candidates, termSets));
  const centroid = normalise(frequencyScores(candidates));
  const focus = new Set(focusTerms);
  return termSets.map((terms, index) => {
    const focusShare = focus.size === 0 ? 0 : countShared(terms, focus) / focus.size;
    return (
      weights.centrality * (centrality[index] ?? 0) +
      weights.centroid * (centroid[index] ?? 0) +
      weights.focus * focusShare +
      weights.lead * Math.exp(-weights.leadDecay * index)
    );
  });
}

/**
 * Directed centrality over the eligible sentences (after PacSum, Zheng & Lapata 2019): a sentence's score is
 * its similarity to the sentences that follow it. News states its point first and elaborates after, so the
 * sentences that later ones echo carry the story; undirected TextRank instead favoured long sentences deep in
 * the text that share words with everything. Edges weigh shared content words over the sum of log sentence
 * sizes. Fragments and captions take no part, so they lend no one centrality.
 */
function graphCentrality(
  candidates: readonly CandidateSentence[],
  termSets: readonly ReadonlySet<string>[],
): number[] {
  const members: number[] = [];
  candidates.forEach((candidate, index) => {
    if (candidate.eligible && members.length < MAX_GRAPH_SENTENCES) members.push(index);
  });
  const graph = similarityMatrix(members.map((index) => termSets[index] ?? new Set<string>()));
  const ranks = forwardSimilarity(graph, members.length);
  const centrality = new Array<number>(candidates.length).fill(0);
  members.forEach((index, member) => {
    centrality[index] = ranks[member] ?? 0;
  });
  return centrality;
}

/**
 * The symmetric similarity matrix, flat (row-major). Shared words are counted through postings so that
 * the cost follows how often words repeat rather than the square of the sentence count times their length.
 */
function similarityMatrix(termSets: readonly ReadonlySet<string>[]): Float64Array {
  const count = termSets.length;
  const postings = new Map<string, number[]>();
  termSets.forEach((terms, sentence) => {
    for (const term of terms) {
      const list = postings.get(term);
      if (list === undefined) postings.set(term, [sentence]);
      else list.push(sentence);
    }
  });
  const matrix = new Float64Array(count * count);
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      const row = (list[a] ?? 0) * count;
      for (let b = a + 1; b < list.length; b++) {
        const cell = row + (list[b] ?? 0);
        matrix[cell] = (matrix[cell] ?? 0) + 1;
      }
    }
  }
  const logSizes = termSets.map((terms) => Math.log(terms.size + 1));
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const shared = matrix[i * count + j] ?? 0;
      if (shared === 0) continue;
      const similarity = shared / ((logSizes[i] ?? 1) + (logSizes[j] ?? 1));
      matrix[i * count + j] = similarity;
      matrix[j * count + i] = similarity;
    }
  }
  return matrix;
}

/** Each row's summed similarity to the rows after it. */
function forwardSimilarity(matrix: Float64Array, count: number): Float64Array {
  const sums = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let j = i + 1; j < count; j++) sum += matrix[i * count + j] ?? 0;
    sums[i] = sum;
  }
  return sums;
}

/**
 * Sum of the in-article frequencies of a sentence's words, repeats counted (Luhn's significance, unnormalised):
 * long sentences on the article's main subject win.
 */
function frequencyScores(candidates: readonly CandidateSentence[]): number[] {
  const frequency = new Map<string, number>();
  for (const candidate of candidates) {
    for (const term of candidate.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  return candidates.map(({ terms }) => {
    let sum = 0;
    for (const term of terms) sum += frequency.get(term) ?? 0;
    return sum;
  });
}

/** How many members two sets share. */
export function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared;
}

function normalise(values: ArrayLike<number>): number[] {
  const list = Array.from(values);
  const max = Math.max(0, ...list);
  return max === 0 ? list.map(() => 0) : list.map((value) => value / max);
}
