import { bestFirst } from "./best-first.ts";
import type { StoredFields } from "./fields.ts";
import type { FieldPostings, IndexState } from "./indexed-minisearch.ts";
import type { Matches } from "./posting-scorer.ts";
import type { TermExpansion } from "./term-expansion.ts";

/** One search result, with what a result list shows. */
export interface SearchHit {
  id: string;
  score: number;
  /** The document terms that matched, including typo and prefix matches ("pokrovsk" for "pokrosvk"). */
  matchedTerms: string[];
  title: string;
  publishedAt?: string;
  source: string;
}

/**
 * The hits of one query run, lazily in rank order, and how many articles matched before phrase checks. The
 * hits read the scorer's reused buffers: take them before the index's next search.
 */
export interface RankedHits {
  size: number;
  hits: Iterable<SearchHit>;
}

/**
 * Orders matches by score, or with `exactFirst` by how many query terms they contain, then how many exactly,
 * then score; equal keys keep index order. Hits are built only for the matches the caller reads, since a page
 * needs a handful of the thousands an AND of common words matches.
 */
export function rankMatches(
  state: IndexState,
  matches: Matches,
  expansions: readonly (readonly TermExpansion[])[],
  exactFirst: boolean,
  scratch?: Uint32Array,
): RankedHits {
  const { docs, scores, exact, matched } = matches;
  const at = (values: ArrayLike<number>, i: number): number => values[i] ?? 0;
  const byScore = (a: number, b: number): boolean =>
    at(scores, a) !== at(scores, b) ? at(scores, a) > at(scores, b) : at(docs, a) < at(docs, b);
  const byExactThenScore = (a: number, b: number): boolean =>
    at(matched, a) !== at(matched, b)
      ? at(matched, a) > at(matched, b)
      : at(exact, a) !== at(exact, b)
        ? at(exact, a) > at(exact, b)
        : byScore(a, b);
  const order = bestFirst(docs.length, exactFirst ? byExactThenScore : byScore, scratch);
  function* hits(): Generator<SearchHit, void, undefined> {
    for (const i of order) yield toHit(state, at(docs, i), at(scores, i), expansions);
  }
  return { size: docs.length, hits: hits() };
}

/** A search hit for a matched document, with the index terms it contains of those the query matched. */
function toHit(
  state: IndexState,
  doc: number,
  score: number,
  expansions: readonly (readonly TermExpansion[])[],
): SearchHit {
  const stored = state.storedFieldsByShortId.get(doc) as StoredFields | undefined;
  const matchedTerms: string[] = [];
  for (const { term, postings } of expansions.flat()) {
    if (!matchedTerms.includes(term) && containsDocument(postings, doc)) matchedTerms.push(term);
  }
  return {
    id: String(state.documentIdsByShortId.get(doc)),
    score,
    matchedTerms,
    title: stored?.title ?? "",
    source: stored?.source ?? "",
    ...(stored?.publishedAt !== undefined && { publishedAt: stored.publishedAt }),
  };
}

/** Whether any field of a term's postings lists the document. */
function containsDocument(postings: FieldPostings, doc: number): boolean {
  for (const fieldPostings of postings.values()) if (fieldPostings.has(doc)) return true;
  return false;
}
