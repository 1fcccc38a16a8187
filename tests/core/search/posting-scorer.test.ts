import type { SearchResult } from "minisearch";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { FIELD_BOOSTS, MINISEARCH_OPTIONS } from "../../../src/core/search/article-index.ts";
import { DocumentColumns } from "../../../src/core/search/document-columns.ts";
import type { IndexedArticle } from "../../../src/core/search/fields.ts";
import { IndexedMiniSearch } from "../../../src/core/search/indexed-minisearch.ts";
import { PostingScorer } from "../../../src/core/search/posting-scorer.ts";
import { expandTerm } from "../../../src/core/search/term-expansion.ts";
import type { ExpansionRules } from "../../../src/core/search/term-expansion.ts";
import { makeArticle } from "../../fixtures/search/articles.ts";

const ARTICLES: IndexedArticle[] = [
  makeArticle({
    id: "opec",
    title: "Opec agrees output cut as oil prices slide",
    highlights: ["Oil ministers meet in Vienna"],
    paragraphs: [
      "Oil prices fell again. Opec said output would be cut by oil producers.",
      "Prices of crude oil.",
    ],
  }),
  makeArticle({
    id: "rates",
    title: "Fed holds interest rates",
    paragraphs: ["The Fed kept interest rates steady while oil prices rose.", "Rates futures moved."],
  }),
  makeArticle({
    id: "intrest",
    title: "Markets",
    paragraphs: ["Intrest in oil stocks grew as interested buyers returned; pricing was firm."],
  }),
  {
    ...makeArticle({
      id: "speaker",
      title: "Minister speaks",
      paragraphs: ["He spoke about oil and about prices at length, then about oil again."],
    }),
    derivedText: { speakers: "Oil Minister\nPrice Watchdog" },
  },
  makeArticle({ id: "weather", title: "Rain expected", paragraphs: ["Heavy rain is expected."] }),
  makeArticle({ id: "tanker", title: "Tanker delayed", paragraphs: ["An oil tanker waited off the coast."] }),
  makeArticle({ id: "heating", title: "Heating bills", paragraphs: ["Heating oil costs more this winter."] }),
];

const RULES: ExpansionRules = { prefix: true, maxTypos: 1, prefixWeight: 0.375, fuzzyWeight: 0.45 };
const EXACT: ExpansionRules = { ...RULES, prefix: false, maxTypos: 0 };

function setUp(articles: readonly IndexedArticle[]) {
  const miniSearch = new IndexedMiniSearch<Article>(MINISEARCH_OPTIONS);
  miniSearch.addAll(articles);
  const state = miniSearch;
  const scorer = new PostingScorer(state, new DocumentColumns(state), FIELD_BOOSTS);
  const ours = (
    terms: readonly string[],
    rules: ExpansionRules,
    combineWith: "AND" | "OR",
    accept: (doc: number) => boolean = () => true,
  ): Map<string, number> => {
    const expansions = terms.map((term) => expandTerm(state.termIndex, term, rules));
    const { docs, scores } = scorer.match(expansions, combineWith, accept);
    return new Map(
      Array.from(docs, (doc, i) => [String(state.documentIdsByShortId.get(doc)), scores[i] ?? 0]),
    );
  };
  const theirs = (
    terms: readonly string[],
    rules: ExpansionRules,
    combineWith: "AND" | "OR",
    filter?: (result: SearchResult) => boolean,
  ): Map<string, number> => {
    const results = miniSearch.search(
      {
        combineWith,
        queries: terms.map((term) => ({
          queries: [term],
          prefix: rules.prefix,
          fuzzy: rules.maxTypos || false,
        })),
      },
      {
        boost: FIELD_BOOSTS,
        weights: { prefix: rules.prefixWeight, fuzzy: rules.fuzzyWeight },
        ...(filter && { filter }),
      },
    );
    return new Map(results.map((result) => [String(result.id), result.score]));
  };
  return { miniSearch, state, ours, theirs };
}

function expectSameScores(ours: Map<string, number>, theirs: Map<string, number>): void {
  expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
  for (const [id, score] of theirs) expect(ours.get(id), id).toBeCloseTo(score, 10);
}

describe("GIVEN articles sharing words across title, highlights, body and speakers", () => {
  const { state, ours, theirs } = setUp(ARTICLES);

  it.each([
    { terms: ["oil", "prices"], rules: EXACT, combineWith: "AND" as const },
    { terms: ["oil", "prices"], rules: EXACT, combineWith: "OR" as const },
    { terms: ["interest", "rates"], rules: RULES, combineWith: "AND" as const },
    { terms: ["intrest", "oil"], rules: RULES, combineWith: "AND" as const },
    { terms: ["opec", "rain"], rules: RULES, combineWith: "OR" as const },
    { terms: ["pric"], rules: RULES, combineWith: "AND" as const },
    { terms: ["minister"], rules: EXACT, combineWith: "AND" as const },
    // One candidate against a long posting list: the list is probed rather than walked.
    { terms: ["vienna", "oil"], rules: EXACT, combineWith: "AND" as const },
  ])(
    "WHEN $terms are matched with $combineWith THEN the documents and scores equal MiniSearch's",
    ({ terms, rules, combineWith }) => {
      const mine = ours(terms, rules, combineWith);
      expect(mine.size).toBeGreaterThan(0);
      expectSameScores(mine, theirs(terms, rules, combineWith));
    },
  );

  it("WHEN a term matches nothing THEN AND matches nothing and OR matches the other term", () => {
    expect(ours(["oil", "xylophone"], EXACT, "AND").size).toBe(0);
    expectSameScores(ours(["oil", "xylophone"], EXACT, "OR"), theirs(["oil"], EXACT, "OR"));
  });

  it("WHEN documents are filtered THEN the rest keep their unfiltered scores", () => {
    const keep = new Set(["opec", "speaker"]);
    const accept = (doc: number): boolean => keep.has(String(state.documentIdsByShortId.get(doc)));
    const filtered = ours(["oil", "prices"], RULES, "AND", accept);
    expect([...filtered.keys()].sort()).toEqual(["opec", "speaker"]);
    expectSameScores(
      filtered,
      theirs(["oil", "prices"], RULES, "AND", (result) => keep.has(String(result.id))),
    );
  });
});

describe("GIVEN an article discarded from the index", () => {
  it("WHEN its words are searched THEN its lingering postings are not matched", () => {
    const { miniSearch, ours } = setUp(ARTICLES);
    miniSearch.discard("rates");
    expect(miniSearch.dirtCount).toBeGreaterThan(0);
    expect([...ours(["interest", "rates"], EXACT, "AND").keys()]).toEqual([]);
    expect([...ours(["oil"], EXACT, "OR").keys()].sort()).toEqual([
      "heating",
      "intrest",
      "opec",
      "speaker",
      "tanker",
    ]);
  });
});

describe("GIVEN articles added after the first match", () => {
  it("WHEN they are matched THEN their field lengths are known and scores still equal MiniSearch's", () => {
    const { miniSearch, ours, theirs } = setUp(ARTICLES.slice(0, 2));
    expect(ours(["oil"], EXACT, "AND").size).toBe(2);
    miniSearch.addAll(ARTICLES.slice(2));
    expectSameScores(ours(["oil", "prices"], RULES, "AND"), theirs(["oil", "prices"], RULES, "AND"));
  });
});
