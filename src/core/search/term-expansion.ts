import type { FieldPostings, TermIndex } from "./indexed-minisearch.ts";

/** An index term that one query term matches, and how much a match with it counts. */
export interface TermExpansion {
  term: string;
  /** 1 for the query term itself, less for a typo or prefix match. */
  weight: number;
  /** Whether this is the query term itself rather than a typo or prefix match. */
  exact: boolean;
  postings: FieldPostings;
}

/** How loosely a query term may match, and what loose matches are worth. */
export interface ExpansionRules {
  /** Whether longer index terms starting with the query term match. */
  prefix: boolean;
  /** Largest edit distance of a typo match; 0 for none. */
  maxTypos: number;
  prefixWeight: number;
  fuzzyWeight: number;
}

/**
 * The index terms a query term matches: itself, then longer terms starting with it, then terms within
 * `maxTypos` edits. Weights follow MiniSearch 7's formulas so that scores stay what they were when MiniSearch
 * ran the query: loose matches count less the further they are from the query term.
 */
export function expandTerm(index: TermIndex, term: string, rules: ExpansionRules): TermExpansion[] {
  const expansions: TermExpansion[] = [];
  const exact = index.get(term);
  if (exact !== undefined) expansions.push({ term, weight: 1, exact: true, postings: exact });
  if (rules.prefix) {
    for (const [longer, postings] of index.atPrefix(term)) {
      const extra = longer.length - term.length;
      if (extra === 0) continue;
      const weight = (rules.prefixWeight * longer.length) / (longer.length + 0.3 * extra);
      expansions.push({ term: longer, weight, exact: false, postings });
    }
  }
  if (rules.maxTypos > 0) {
    for (const [near, [postings, distance]] of index.fuzzyGet(term, rules.maxTypos)) {
      // A term that is also a prefix match was counted as one, which weighs more for long words.
      if (distance === 0 || (rules.prefix && near.startsWith(term))) continue;
      const weight = (rules.fuzzyWeight * near.length) / (near.length + distance);
      expansions.push({ term: near, weight, exact: false, postings });
    }
  }
  return expansions;
}
