import { textTerms } from "./normalize.ts";

/** One term to look up, and whether it may match loosely (typos, word starts). */
export interface QueryTerm {
  term: string;
  /** Words inside quotes match exactly: the user said which word they meant. */
  exactOnly: boolean;
}

/** A search query split into the terms to look up and the phrases the hits must contain. */
export interface ParsedQuery {
  terms: QueryTerm[];
  /** Quoted phrases of two or more terms, each as its terms in order. */
  phrases: string[][];
}

/** Straight or curly double quotes around a phrase; an unmatched quote is ignored. */
const QUOTED = /["“”„]([^"“”„]*)["“”„]/g;

/** Splits a query such as `kremlin "peace plan" negotiat` into terms and phrases. */
export function parseQuery(query: string): ParsedQuery {
  const byTerm = new Map<string, QueryTerm>();
  const phrases: string[][] = [];
  const addTerm = (term: string, exactOnly: boolean): void => {
    const known = byTerm.get(term);
    if (known === undefined) byTerm.set(term, { term, exactOnly });
    else known.exactOnly ||= exactOnly;
  };

  for (const match of query.matchAll(QUOTED)) {
    const phrase = textTerms(match[1] ?? "");
    for (const term of phrase) addTerm(term, true);
    if (phrase.length > 1) phrases.push(phrase);
  }
  for (const term of textTerms(query.replace(QUOTED, " "))) addTerm(term, false);

  return { terms: [...byTerm.values()], phrases };
}
