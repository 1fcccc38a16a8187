import { describe, expect, it } from "vitest";
import { bestFirst } from "../../../src/core/search/best-first.ts";

const VALUES = [5, 3, 9, 1, 9, 7, 2, 8, 6, 4, 0, 7];
/** Higher value first, then lower position: a strict total order over positions. */
const before = (a: number, b: number): boolean =>
  VALUES[a] !== VALUES[b] ? (VALUES[a] ?? 0) > (VALUES[b] ?? 0) : a < b;
const fullySorted = VALUES.map((_, i) => i).sort((a, b) => (before(a, b) ? -1 : 1));

describe("GIVEN positions ranked by a comparator", () => {
  it("WHEN every position is read THEN they come in the comparator's order, each once", () => {
    expect([...bestFirst(VALUES.length, before)]).toEqual(fullySorted);
  });

  it("WHEN only the first few are read THEN they are the best few", () => {
    const taken: number[] = [];
    for (const position of bestFirst(VALUES.length, before)) {
      taken.push(position);
      if (taken.length === 3) break;
    }
    expect(taken).toEqual(fullySorted.slice(0, 3));
    expect(taken.map((position) => VALUES[position])).toEqual([9, 9, 8]);
  });

  it("WHEN there is one position or none THEN that is all that is yielded", () => {
    expect([...bestFirst(1, before)]).toEqual([0]);
    expect([...bestFirst(0, before)]).toEqual([]);
  });
});
