/** The summary lengths a member can ask for. */
export type SummaryLength = "short" | "medium" | "long";

/** Either a named length (default "medium") or an exact number of sentences, which wins when both are given. */
export interface SummaryOptions {
  length?: SummaryLength;
  sentences?: number;
}

/** How many sentences a summary may have, and how many characters of text the lower count may stretch to. */
export interface SentenceBudget {
  min: number;
  max: number;
  /** Take more than `min` sentences only while their text stays under this many characters. */
  stretchChars: number;
}

/**
 * Characters of sentence text allowed in one summary: a Discord embed description holds 4,096, and the
 * renderer adds a bullet and a line break per sentence and may escape markdown.
 */
export const SUMMARY_MAX_CHARS = 3600;

const BUDGETS: Record<SummaryLength, SentenceBudget> = {
  short: { min: 1, max: 2, stretchChars: 320 },
  medium: { min: 3, max: 3, stretchChars: SUMMARY_MAX_CHARS },
  long: { min: 5, max: 6, stretchChars: 1400 },
};

/** Resolves the options to a sentence budget; a sentence count is clamped to 1..20. */
export function sentenceBudget(options: SummaryOptions = {}): SentenceBudget {
  if (options.sentences !== undefined) {
    const count = Math.min(20, Math.max(1, Math.round(options.sentences)));
    return { min: count, max: count, stretchChars: SUMMARY_MAX_CHARS };
  }
  return BUDGETS[options.length ?? "medium"];
}
