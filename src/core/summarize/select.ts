import { countShared } from "./score.ts";
import type { SentenceBudget } from "./length.ts";
import { SUMMARY_MAX_CHARS } from "./length.ts";

/** What selection needs of a sentence: its text, its distinct terms and its score. */
export interface Selectable {
  text: string;
  termSet: ReadonlySet<string>;
  score: number;
  /** Sentences of one group (an article, in a topic summary) share the `maxPerGroup` allowance. */
  group?: string;
}

/**
 * Two sentences say the same thing when this share of the shorter one's content words is in the other.
 * High enough that sentences on one subject with different facts both survive.
 */
export const REDUNDANCY_THRESHOLD = 0.6;

/** True when most content words of the shorter sentence also occur in the other. */
export function isRedundant(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const smaller = Math.min(a.size, b.size);
  if (smaller === 0) return false;
  return countShared(a, b) / smaller >= REDUNDANCY_THRESHOLD;
}

/**
 * Greedily takes the best-scored sentences that do not repeat one already taken, within the budget and
 * the embed's character cap, and at most `maxPerGroup` from any one group. `first` (indices into `items`)
 * are considered before all others, in that order, under the same rules. Returns indices into `items` in
 * the order they were chosen.
 */
export function selectSentences(
  items: readonly Selectable[],
  budget: SentenceBudget,
  maxPerGroup: number = Number.POSITIVE_INFINITY,
  first: readonly number[] = [],
): number[] {
  const perGroup = new Map<string, number>();
  const byScore = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.score - a.item.score || a.index - b.index);
  const preferred = first.flatMap((index) => {
    const item = items[index];
    return item === undefined ? [] : [{ item, index }];
  });
  const order = [...preferred, ...byScore.filter(({ index }) => !first.includes(index))];
  const chosen: number[] = [];
  let chars = 0;
  for (const { item, index } of order) {
    if (chosen.length >= budget.max) break;
    const limit = chosen.length >= budget.min ? budget.stretchChars : SUMMARY_MAX_CHARS;
    if (chars + item.text.length > limit) continue;
    const groupCount = item.group === undefined ? 0 : (perGroup.get(item.group) ?? 0);
    if (groupCount >= maxPerGroup) continue;
    if (chosen.some((other) => isRedundant(items[other]?.termSet ?? new Set(), item.termSet))) continue;
    chosen.push(index);
    if (item.group !== undefined) perGroup.set(item.group, groupCount + 1);
    chars += item.text.length;
  }
  return chosen;
}
