import { describe, expect, it } from "vitest";
import { TypoIndex, type TypoTerm } from "../../../src/core/follows/typo-index.ts";

function indexOf(terms: TypoTerm[]): TypoIndex<TypoTerm> {
  const index = new TypoIndex<TypoTerm>();
  for (const term of terms) index.add(term);
  return index;
}

const nearTerms = (index: TypoIndex<TypoTerm>, word: string) =>
  index
    .near(word)
    .map(({ term }) => term)
    .sort();

describe("TypoIndex", () => {
  it("GIVEN a term allowed one typo WHEN a word is one edit away (swap, extra, missing letter) THEN it is near; two edits THEN not", () => {
    const index = indexOf([{ term: "geneva", maxTypos: 1 }]);
    expect(nearTerms(index, "geneve")).toEqual(["geneva"]);
    expect(nearTerms(index, "genevas")).toEqual(["geneva"]);
    expect(nearTerms(index, "gneva")).toEqual(["geneva"]);
    expect(nearTerms(index, "geneva")).toEqual(["geneva"]);
    expect(nearTerms(index, "gneve")).toEqual([]);
  });

  it("GIVEN a term allowed two typos WHEN a word is two edits away THEN it is near; three THEN not", () => {
    const index = indexOf([{ term: "negotiators", maxTypos: 2 }]);
    expect(nearTerms(index, "negotiatxrz")).toEqual(["negotiators"]);
    expect(nearTerms(index, "negotiatrs")).toEqual(["negotiators"]);
    expect(nearTerms(index, "nxgxtixtors")).toEqual([]);
  });

  it("GIVEN several terms sharing deletion keys WHEN a word is near some of them THEN each near term comes once and only those", () => {
    const index = indexOf([
      { term: "talks", maxTypos: 1 },
      { term: "tasks", maxTypos: 1 },
      { term: "walks", maxTypos: 1 },
      { term: "stalks", maxTypos: 1 },
      { term: "tales", maxTypos: 1 },
    ]);
    expect(nearTerms(index, "talks")).toEqual(["stalks", "tales", "talks", "tasks", "walks"]);
    expect(nearTerms(index, "talk")).toEqual(["talks"]);
    expect(index.near("talks")).toHaveLength(5);
  });

  it("GIVEN a term allowed no typo THEN it is not filed and no word is near it", () => {
    const index = indexOf([{ term: "geneva", maxTypos: 0 }]);
    expect(index.size).toBe(0);
    expect(nearTerms(index, "geneva")).toEqual([]);
  });

  it("GIVEN short terms allowed typos (a custom rule) WHEN a word is shorter than any term by more than its typos THEN it is not near; within THEN it is", () => {
    const index = indexOf([
      { term: "gas", maxTypos: 1 },
      { term: "oils", maxTypos: 2 },
    ]);
    expect(nearTerms(index, "as")).toEqual(["gas"]);
    expect(nearTerms(index, "ls")).toEqual(["oils"]);
    expect(nearTerms(index, "o")).toEqual([]);
    expect(nearTerms(index, "gis")).toEqual(["gas", "oils"]);
  });

  it("GIVEN a term allowed more typos than the index goes THEN adding it fails loudly rather than miss words", () => {
    expect(() => indexOf([{ term: "negotiations", maxTypos: 3 }])).toThrow(RangeError);
  });
});
