/** How many typing mistakes a query of this length may contain and still match. */
export function allowedMistakes(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/**
 * The fewest edits that turn `query` into some prefix of `term` ("trmp" is one edit from "trum…"), giving up
 * early: anything above `limit` is reported as `limit + 1`. Autocomplete ranks near misses by it.
 */
export function prefixDistance(query: string, term: string, limit: number): number {
  const columns = Math.min(term.length, query.length + limit);
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: columns + 1 }, (_, j) => j);
  for (let i = 1; i <= query.length; i++) {
    const current = [i];
    let rowMinimum = i;
    const code = query.charCodeAt(i - 1);
    for (let j = 1; j <= columns; j++) {
      const termCode = term.charCodeAt(j - 1);
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (code === termCode ? 0 : 1),
      );
      // A swap of neighbours ("bidne" for "biden") is one mistake.
      if (i > 1 && j > 1 && code === term.charCodeAt(j - 2) && query.charCodeAt(i - 2) === termCode) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  let best = limit + 1;
  for (let j = Math.max(0, query.length - limit); j <= columns; j++)
    best = Math.min(best, previous[j] ?? best);
  return best;
}
