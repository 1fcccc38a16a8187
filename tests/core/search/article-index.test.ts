import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { ArticleIndex, IndexFormatError } from "../../../src/core/search/article-index.ts";
import type { SearchHit } from "../../../src/core/search/article-index.ts";
import { makeArticle } from "../../fixtures/search/articles.ts";

function indexOf(articles: readonly Article[]): ArticleIndex {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const index = new ArticleIndex({ lookup: (id) => byId.get(id) });
  for (const article of articles) index.add(article);
  return index;
}

const ids = (hits: readonly SearchHit[]): string[] => hits.map((hit) => hit.id);

const FRONT_LINE = [
  makeArticle({
    id: "pokrovsk",
    title: "Russia claims capture of Pokrovsk",
    paragraphs: ["Russian forces said they had taken the logistics hub after months of fighting."],
    publishedAt: "2025-12-01T10:00:00Z",
    source: "Reuters",
  }),
  makeArticle({
    id: "kremlin",
    title: "Kremlin says talks with envoy were useful",
    paragraphs: ["The Kremlin said five hours of negotiations with Trump’s envoy were useful."],
    publishedAt: "2025-12-03T18:30:00Z",
    source: "AP",
  }),
  makeArticle({
    id: "kyiv",
    title: "Zelenskyy meets European leaders",
    paragraphs: ["In Kyïv, the president discussed the peace plan with leaders from Paris and Berlin."],
    source: "BBC",
  }),
  makeArticle({
    id: "weather",
    title: "Snow expected across the region",
    paragraphs: ["Forecasters expect heavy snow; roads near Pokrovske village may close."],
    publishedAt: "2025-12-02T06:00:00Z",
    source: "reuters",
  }),
];

describe("GIVEN an article whose title has the query word and one whose body has a close misspelling", () => {
  const index = indexOf([
    makeArticle({
      id: "fuzzy-body",
      title: "Markets today",
      paragraphs: ["Analysts watched the crane market."],
    }),
    makeArticle({ id: "exact-title", title: "Ukraine talks resume", paragraphs: ["Delegations met again."] }),
  ]);

  it("WHEN searching the word THEN the exact title match ranks first", () => {
    const hits = index.search("ukraine");
    expect(ids(hits)[0]).toBe("exact-title");
  });
});

describe("GIVEN articles with an exact and a typo-distance match of a rare word", () => {
  const index = indexOf([
    makeArticle({ id: "typo-match", title: "Grain exports", paragraphs: ["Shipments of sorghums rose."] }),
    makeArticle({ id: "exact-match", title: "Grain news", paragraphs: ["Shipments of sorghum rose."] }),
  ]);

  it("WHEN searching the exact word THEN the exact match ranks above the near match", () => {
    expect(ids(index.search("sorghum"))).toEqual(["exact-match", "typo-match"]);
  });
});

describe("GIVEN the front-line articles", () => {
  const index = indexOf(FRONT_LINE);

  it("WHEN a place name is mistyped THEN the article is found and the real term reported", () => {
    const hits = index.search("pokrosvk");
    expect(ids(hits)[0]).toBe("pokrovsk");
    expect(hits[0]?.matchedTerms).toContain("pokrovsk");
  });

  it("WHEN a letter is missing THEN the article is still found", () => {
    expect(ids(index.search("kremln"))).toEqual(["kremlin"]);
  });

  it("WHEN only the start of a word is typed THEN articles with the full word are found", () => {
    const hits = index.search("negotiat");
    expect(ids(hits)).toEqual(["kremlin"]);
    expect(hits[0]?.matchedTerms).toEqual(["negotiations"]);
  });

  it("WHEN the query lacks the diacritics of the text THEN it matches, and the reverse too", () => {
    expect(ids(index.search("kyiv"))).toEqual(["kyiv"]);
    expect(ids(index.search("KYÏV"))).toEqual(["kyiv"]);
  });

  it("WHEN the text has a possessive THEN the plain name finds it", () => {
    expect(ids(index.search("trump"))).toEqual(["kremlin"]);
    expect(ids(index.search("Trump’s"))).toEqual(["kremlin"]);
  });

  it("WHEN a name is spelled with one y less THEN it is found", () => {
    expect(ids(index.search("zelensky"))).toEqual(["kyiv"]);
  });

  it("WHEN all words match one article THEN articles with only some words are left out", () => {
    expect(ids(index.search("kremlin envoy"))).toEqual(["kremlin"]);
  });

  it("WHEN no article has all words THEN articles with any of them are returned", () => {
    expect(ids(index.search("kremlin snow")).sort()).toEqual(["kremlin", "weather"]);
  });

  it("WHEN nothing matches THEN there are no hits", () => {
    expect(index.search("xylophone")).toEqual([]);
    expect(index.search("   ")).toEqual([]);
  });

  it("WHEN a limit is given THEN at most that many hits return", () => {
    expect(index.search("the", {}, 2)).toHaveLength(2);
  });

  it("WHEN a hit returns THEN it carries the title, source and date for display", () => {
    expect(index.search("pokrovsk")[0]).toMatchObject({
      id: "pokrovsk",
      title: "Russia claims capture of Pokrovsk",
      source: "Reuters",
      publishedAt: "2025-12-01T10:00:00Z",
    });
    expect(index.search("zelenskyy")[0]).not.toHaveProperty("publishedAt");
  });

  it("WHEN a stop word joins the query THEN it does not narrow the hits", () => {
    expect(ids(index.search("the kremlin"))).toEqual(["kremlin"]);
  });
});

describe("GIVEN articles with dates, without dates, and from several sources", () => {
  const index = indexOf(FRONT_LINE);
  const everything = "the";

  it("WHEN since is set THEN older and undated articles are excluded, the boundary included", () => {
    const hits = index.search(everything, { since: new Date("2025-12-02T06:00:00Z") });
    expect(ids(hits).sort()).toEqual(["kremlin", "weather"]);
  });

  it("WHEN until is set THEN newer and undated articles are excluded, the boundary included", () => {
    const hits = index.search(everything, { until: new Date("2025-12-02T06:00:00Z") });
    expect(ids(hits).sort()).toEqual(["pokrovsk", "weather"]);
  });

  it("WHEN since and until are set THEN only the range is kept", () => {
    const filters = { since: new Date("2025-12-01T12:00:00Z"), until: new Date("2025-12-03T00:00:00Z") };
    expect(ids(index.search(everything, filters))).toEqual(["weather"]);
  });

  it("WHEN a source is set THEN it is compared case-insensitively and exactly", () => {
    expect(ids(index.search(everything, { source: "REUTERS" })).sort()).toEqual(["pokrovsk", "weather"]);
    expect(index.search(everything, { source: "Reut" })).toEqual([]);
  });

  it("WHEN no date filter is set THEN undated articles are found", () => {
    expect(ids(index.search("zelenskyy"))).toEqual(["kyiv"]);
  });
});

describe("GIVEN a quoted phrase", () => {
  const index = indexOf([
    makeArticle({
      id: "phrase",
      title: "Peace plan talks",
      paragraphs: ["They discussed the peace plan in detail."],
    }),
    makeArticle({
      id: "apart",
      title: "A plan for peace",
      paragraphs: ["The plan brings peace, they said."],
    }),
  ]);

  it("WHEN searching it THEN only articles with the words in that order match", () => {
    expect(ids(index.search('"peace plan"'))).toEqual(["phrase"]);
  });

  it("WHEN the same words are searched unquoted THEN both articles match", () => {
    expect(ids(index.search("peace plan")).sort()).toEqual(["apart", "phrase"]);
  });

  it("WHEN quoted words are mistyped THEN they do not match loosely", () => {
    expect(index.search('"peice plan"')).toEqual([]);
  });
});

describe("GIVEN an indexed article", () => {
  it("WHEN it is removed THEN it is no longer found and the size drops", () => {
    const index = indexOf(FRONT_LINE);
    expect(index.remove("kremlin")).toBe(true);
    expect(index.has("kremlin")).toBe(false);
    expect(index.size).toBe(FRONT_LINE.length - 1);
    expect(index.search("kremlin")).toEqual([]);
    expect(index.remove("kremlin")).toBe(false);
  });

  it("WHEN it is replaced by a new version THEN the new text is found and the old is not", () => {
    const index = indexOf(FRONT_LINE);
    index.replace(
      makeArticle({ id: "kremlin", title: "Kremlin rejects proposal", paragraphs: ["No deal."] }),
    );
    expect(index.size).toBe(FRONT_LINE.length);
    expect(ids(index.search("rejects"))).toEqual(["kremlin"]);
    expect(index.search("envoy")).toEqual([]);
  });

  it("WHEN replace is given an unknown id THEN the article is added", () => {
    const index = indexOf(FRONT_LINE);
    index.replace(makeArticle({ id: "new", title: "Fresh story" }));
    expect(ids(index.search("fresh"))).toEqual(["new"]);
  });

  it("WHEN the same id is added twice THEN it throws", () => {
    const index = indexOf(FRONT_LINE);
    expect(() => {
      index.add(makeArticle({ id: "kremlin" }));
    }).toThrow();
  });
});

describe("GIVEN a query that finds nothing because of typos", () => {
  const index = indexOf(FRONT_LINE);

  it("WHEN suggestions are asked THEN the known spelling comes first", () => {
    expect(index.suggest("pokrosvk")[0]).toBe("pokrovsk");
    expect(index.suggest("kremln enovy")[0]).toBe("kremlin envoy");
  });

  it("WHEN the query is spelled right THEN there is nothing to suggest", () => {
    expect(index.suggest("kremlin")).toEqual([]);
  });

  it("WHEN nothing is close THEN there is nothing to suggest", () => {
    expect(index.suggest("xylophone")).toEqual([]);
  });

  it("WHEN a word is only far from known ones THEN it is not replaced, nor dropped", () => {
    const people = indexOf([
      makeArticle({
        id: "w",
        title: "A woman on the date of the talks",
        paragraphs: ["A woman spoke then."],
      }),
    ]);
    expect(people.suggest("human")).toEqual([]);
    expect(people.suggest("human date")).toEqual([]);
    expect(people.suggest("wiman dte")).toEqual(["woman date"]);
  });
});

describe("GIVEN an index saved with toJSON", () => {
  const queries = ["pokrosvk", "kremlin", "negotiat", "the", "kyiv", '"peace plan"'];

  it("WHEN loaded from its JSON text THEN every query gives the same hits and scores", () => {
    const original = indexOf(FRONT_LINE);
    const loaded = ArticleIndex.loadJSON(JSON.stringify(original));
    expect(loaded.size).toBe(original.size);
    for (const query of queries) expect(loaded.search(query, {}, 10)).toEqual(original.search(query, {}, 10));
    expect(loaded.search("the", { source: "reuters" })).toEqual(
      original.search("the", { source: "reuters" }),
    );
  });

  it("WHEN articles were removed and replaced before saving THEN it agrees with an index built afresh", () => {
    const updatedKyiv = makeArticle({ id: "kyiv", title: "Kyiv update", paragraphs: ["Talks continue."] });
    const original = indexOf(FRONT_LINE);
    original.remove("weather");
    original.replace(updatedKyiv);
    const loaded = ArticleIndex.loadJSON(structuredClone(original.toJSON()));
    const afresh = indexOf(
      [FRONT_LINE[0], FRONT_LINE[1], updatedKyiv].filter((article) => article !== undefined),
    );
    expect(loaded.has("weather")).toBe(false);
    const scoreless = (hits: SearchHit[]) => hits.map(({ id, matchedTerms }) => ({ id, matchedTerms }));
    for (const query of [...queries, "talks", "snow"]) {
      expect(scoreless(loaded.search(query))).toEqual(scoreless(afresh.search(query)));
      expect(loaded.search(query).map((hit) => hit.score)).toEqual(
        afresh.search(query).map((hit) => expect.closeTo(hit.score, 9) as unknown),
      );
    }
  });

  it("WHEN the loaded index changes THEN it behaves like a fresh one", () => {
    const loaded = ArticleIndex.loadJSON(indexOf(FRONT_LINE).toJSON());
    loaded.add(makeArticle({ id: "late", title: "Late news from the Kremlin" }));
    expect(ids(loaded.search("kremlin")).sort()).toEqual(["kremlin", "late"]);
  });

  it("WHEN its version or fields differ THEN loading throws an IndexFormatError", () => {
    const json = indexOf(FRONT_LINE).toJSON();
    expect(() => ArticleIndex.loadJSON({ ...json, version: "4+minisearch-7.1.0" })).toThrow(IndexFormatError);
    expect(() => ArticleIndex.loadJSON({ ...json, fields: ["title"] })).toThrow(IndexFormatError);
  });
});

describe("GIVEN an index that has already been searched", () => {
  it("WHEN articles from a new outlet, with and without a date, are added THEN the filters see them", () => {
    const index = indexOf(FRONT_LINE);
    expect(index.search("kremlin", { source: "Tass" })).toEqual([]);
    index.add(
      makeArticle({
        id: "tass",
        title: "Kremlin comment",
        source: "TASS",
        publishedAt: "2025-12-04T09:00:00Z",
      }),
    );
    index.add(makeArticle({ id: "undated", title: "Kremlin undated", source: "TASS" }));
    expect(ids(index.search("kremlin", { source: "tass" })).sort()).toEqual(["tass", "undated"]);
    expect(ids(index.search("kremlin", { source: "tass", since: new Date("2025-12-04T00:00:00Z") }))).toEqual(
      ["tass"],
    );
  });
});

describe("GIVEN more matching articles than the page holds", () => {
  const index = indexOf(
    Array.from({ length: 30 }, (_, i) =>
      makeArticle({
        id: `oil-${i}`,
        title: i % 3 === 0 ? "Oil prices" : "Markets",
        paragraphs: [`Oil ${"and gas ".repeat(i % 7)}prices moved.`, i % 2 === 0 ? "Oil again." : "Calm."],
      }),
    ),
  );

  it("WHEN a smaller page is asked THEN it is the start of the longer ranking", () => {
    const all = index.search("oil prices", {}, 30);
    expect(all).toHaveLength(30);
    const scores = all.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(index.search("oil prices", {}, 7)).toEqual(all.slice(0, 7));
  });
});

describe("GIVEN an article that hides a name behind zero-width characters", () => {
  const index = indexOf([
    makeArticle({ id: "laced", title: "Talks", paragraphs: ["Pu\u200btin met the envoys in Mos\u200dcow."] }),
  ]);

  it("WHEN the plain name is searched THEN the article is found", () => {
    expect(ids(index.search("putin"))).toEqual(["laced"]);
    expect(ids(index.search("moscow"))).toEqual(["laced"]);
  });
});

describe("GIVEN the front-line articles WHEN counting matches", () => {
  const index = indexOf(FRONT_LINE);
  const matchedIds = (query: string, filters = {}) =>
    index
      .matches(query, filters)
      .map((match) => match.id)
      .sort();

  it("THEN every query matches the same articles as an unlimited search: typos, prefixes, phrases, any-term fallback", () => {
    for (const query of [
      "pokrosvk",
      "negotiat",
      "kremlin useful",
      '"peace plan"',
      '"plan peace"',
      "kremlin snow",
      "the",
    ]) {
      expect(matchedIds(query), query).toEqual(ids(index.search(query, {}, 100)).sort());
    }
  });

  it("THEN each match has its publication time, NaN when undated, and date filters apply", () => {
    const times = Object.fromEntries(
      index.matches("kremlin kyiv").map((match) => [match.id, match.publishedMs]),
    );
    expect(times).toEqual({ kremlin: Date.parse("2025-12-03T18:30:00Z"), kyiv: Number.NaN });
    expect(matchedIds("pokrovsk", { since: new Date("2025-12-02T00:00:00Z") })).toEqual(["weather"]);
  });
});
