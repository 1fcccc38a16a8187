import type { DocumentColumns } from "./document-columns.ts";

/** Narrows a search. Dates are instants and inclusive; articles without a date fail any date filter. */
export interface SearchFilters {
  since?: Date;
  until?: Date;
  /** Outlet name, compared case-insensitively. */
  source?: string;
}

/**
 * Whether a document (by short id) passes the filters, or undefined when nothing is filtered. It runs for every
 * candidate of a search, so it reads only typed arrays: outlet names are compared once per distinct outlet.
 * `columns` must be synced before the call, so that every outlet is known.
 */
export function documentFilter(
  filters: SearchFilters,
  columns: DocumentColumns,
): ((doc: number) => boolean) | undefined {
  const since = filters.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const until = filters.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const wanted = filters.source?.toLowerCase();
  const dated = filters.since !== undefined || filters.until !== undefined;
  if (!dated && wanted === undefined) return undefined;
  const sourceOk =
    wanted === undefined
      ? undefined
      : Uint8Array.from(columns.sourceNames, (name) => (name.toLowerCase() === wanted ? 1 : 0));
  return (doc) => {
    if (sourceOk !== undefined && sourceOk[columns.source[doc] ?? 0] !== 1) return false;
    if (!dated) return true;
    // An unknown date is NaN, which fails both comparisons.
    const published = columns.published[doc] ?? Number.NaN;
    return published >= since && published <= until;
  };
}
