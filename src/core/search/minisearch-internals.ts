import type MiniSearch from "minisearch";
import type SearchableMap from "minisearch/SearchableMap";

/** field id → short document id → term frequency, as MiniSearch 7 keeps it for each term. */
export type FieldPostings = Map<number, Map<number, number>>;

/**
 * The protected MiniSearch 7 state that its public API cannot read or write quickly. The compact
 * serialization, document-frequency look-ups, the document columns and the posting scorer use it; the
 * round-trip, search and scorer-versus-MiniSearch tests catch a change.
 */
export interface MiniSearchInternals {
  _index: SearchableMap<FieldPostings>;
  _documentCount: number;
  /** Documents discarded since the last vacuum; while it is 0 every posting belongs to an indexed document. */
  _dirtCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown>>;
}

export function internals<T>(miniSearch: MiniSearch<T>): MiniSearchInternals {
  return miniSearch as unknown as MiniSearchInternals;
}

/**
 * About how many documents contain the term: its largest per-field posting list. Cheap (no scoring); may
 * count discarded documents until MiniSearch vacuums them.
 */
export function documentFrequency<T>(miniSearch: MiniSearch<T>, term: string): number {
  let most = 0;
  for (const postings of internals(miniSearch)._index.get(term)?.values() ?? []) {
    most = Math.max(most, postings.size);
  }
  return most;
}

/** Whether some indexed term is longer than `prefix` and starts with it. */
export function hasLongerTerm<T>(miniSearch: MiniSearch<T>, prefix: string): boolean {
  for (const term of internals(miniSearch)._index.atPrefix(prefix).keys()) {
    if (term.length > prefix.length) return true;
  }
  return false;
}
