import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { MINISEARCH_OPTIONS } from "../../../src/core/search/article-index.ts";
import { IndexedMiniSearch } from "../../../src/core/search/indexed-minisearch.ts";
import { expandTerm } from "../../../src/core/search/term-expansion.ts";
import type { ExpansionRules } from "../../../src/core/search/term-expansion.ts";
import { makeArticle } from "../../fixtures/search/articles.ts";

const miniSearch = new IndexedMiniSearch<Article>(MINISEARCH_OPTIONS);
miniSearch.addAll([
  makeArticle({
    id: "a",
    title: "Negotiators meet",
    paragraphs: ["Negotiations on trade began; negotiate."],
  }),
  makeArticle({ id: "b", title: "Trader notes", paragraphs: ["The negotiator said trades were slow."] }),
]);
const index = miniSearch.termIndex;
const LOOSE: ExpansionRules = { prefix: true, maxTypos: 1, prefixWeight: 0.5, fuzzyWeight: 0.4 };
const terms = (rules: ExpansionRules, term: string): string[] =>
  expandTerm(index, term, rules).map((expansion) => expansion.term);

describe("GIVEN an index with a word, longer words starting with it and near spellings", () => {
  it("WHEN a term is expanded exactly THEN only the term itself comes back, weighing 1", () => {
    const exactOnly = expandTerm(index, "trade", { ...LOOSE, prefix: false, maxTypos: 0 });
    expect(exactOnly.map(({ term, weight, exact }) => ({ term, weight, exact }))).toEqual([
      { term: "trade", weight: 1, exact: true },
    ]);
  });

  it("WHEN prefixes are allowed THEN longer words follow the term, longer ones weighing less", () => {
    const expansions = expandTerm(index, "negotiat", { ...LOOSE, maxTypos: 0 });
    expect(expansions.map((expansion) => expansion.term).sort()).toEqual([
      "negotiate",
      "negotiations",
      "negotiator",
      "negotiators",
    ]);
    const weightOf = (term: string): number =>
      expansions.find((expansion) => expansion.term === term)?.weight ?? Number.NaN;
    expect(weightOf("negotiate")).toBeGreaterThan(weightOf("negotiations"));
    expect(weightOf("negotiate")).toBeLessThan(LOOSE.prefixWeight);
    expect(expansions.every((expansion) => !expansion.exact)).toBe(true);
  });

  it("WHEN typos are allowed THEN near spellings come after the term, and a word that is also a prefix match once", () => {
    const looseTerms = terms(LOOSE, "trade");
    expect(looseTerms[0]).toBe("trade");
    expect(looseTerms.slice(1).sort()).toEqual(["trader", "trades"]);
    const typoTerms = terms({ ...LOOSE, prefix: false }, "trade");
    expect(typoTerms[0]).toBe("trade");
    expect(typoTerms.slice(1).sort()).toEqual(["trader", "trades"]);
    const typoOnly = expandTerm(index, "trade", { ...LOOSE, prefix: false });
    for (const near of typoOnly.slice(1)) expect(near.weight).toBeCloseTo((LOOSE.fuzzyWeight * 6) / 7, 12);
  });

  it("WHEN the term is not indexed THEN only its loose matches come back", () => {
    expect(terms(LOOSE, "trsde")).toEqual(["trade"]);
    expect(terms({ ...LOOSE, maxTypos: 0 }, "trsde")).toEqual([]);
  });
});
