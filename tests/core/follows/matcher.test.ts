import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { FollowMatcher, type FollowFilter } from "../../../src/core/follows/matcher.ts";
import type { IndexedArticle } from "../../../src/core/search/fields.ts";
import { makeArticle } from "../../fixtures/articles.ts";

const GUILD = "g1";

function follow(id: string, filter: Omit<FollowFilter, "id" | "guildId">, guildId = GUILD): FollowFilter {
  return { id, guildId, ...filter };
}

function story(overrides: Partial<Article> & { speakers?: string }): IndexedArticle {
  const { speakers, ...fields } = overrides;
  return {
    ...makeArticle({
      id: "a1",
      title: "Ceasefire talks resume in Geneva",
      paragraphs: ["Negotiators met on Tuesday to discuss the peace plan for the region."],
      ...fields,
    }),
    ...(speakers !== undefined && { derivedText: { speakers } }),
  };
}

function matches(
  follows: FollowFilter[],
  article: IndexedArticle,
  extra: { owner?: string; speakerKeys?: string[] } = {},
): string[] {
  const matcher = new FollowMatcher(follows);
  const { owner } = extra;
  const visibleTo = owner === undefined ? undefined : (guildId: string) => guildId === owner;
  return matcher.match({ article, speakerKeys: extra.speakerKeys ?? [], visibleTo }).sort();
}

describe("FollowMatcher", () => {
  it("GIVEN follows by plain words WHEN an article has every word THEN only those with all their words match", () => {
    const follows = [
      follow("both", { query: "ceasefire geneva" }),
      follow("one-missing", { query: "ceasefire moscow" }),
      follow("title-case", { query: "GENEVA" }),
    ];
    expect(matches(follows, story({}))).toEqual(["both", "title-case"]);
  });

  it("GIVEN a quoted phrase WHEN the words are next to each other THEN it matches; apart THEN it does not", () => {
    const follows = [
      follow("phrase", { query: '"peace plan"' }),
      follow("reversed", { query: '"plan peace"' }),
    ];
    expect(matches(follows, story({}))).toEqual(["phrase"]);
  });

  it("GIVEN typos as /search allows them WHEN the article has the right spelling THEN they match; too many typos THEN not", () => {
    const follows = [
      follow("one-typo", { query: "geneve" }),
      follow("two-typos", { query: "negotiatrs resumd" }),
      follow("two-substitutions", { query: "negotiatxrz" }),
      follow("three-typos", { query: "nxgxtixtors" }),
      follow("three-letter-typo", { query: "mat" }),
      follow("quoted-typo", { query: '"geneve"' }),
    ];
    expect(matches(follows, story({}))).toEqual(["one-typo", "two-substitutions", "two-typos"]);
  });

  it("GIVEN the start of a word WHEN the article has a longer word starting with it THEN it matches, from 4 letters up", () => {
    const follows = [follow("negotiat", { query: "negotiat" }), follow("neg", { query: "neg" })];
    expect(matches(follows, story({}))).toEqual(["negotiat"]);
  });

  it("GIVEN exclude words WHEN the article has one of them, or an excluded phrase THEN the follow does not match", () => {
    const follows = [
      follow("excluded-word", { query: "ceasefire", exclude: "tuesday" }),
      follow("excluded-phrase", { query: "ceasefire", exclude: '"peace plan"' }),
      follow("phrase-apart", { query: "ceasefire", exclude: '"plan tuesday"' }),
      follow("not-in-article", { query: "ceasefire", exclude: "football" }),
      follow("no-typo-in-exclude", { query: "ceasefire", exclude: "tuesdya" }),
    ];
    expect(matches(follows, story({}))).toEqual(["no-typo-in-exclude", "not-in-article", "phrase-apart"]);
  });

  it("GIVEN a speaker follow with the registry's names WHEN an article quotes the speaker under an alias THEN it matches; another speaker THEN not", () => {
    const putin = ["person:vladimir putin", "Vladimir Putin", "Putin", "President Vladimir Putin"];
    const follows = [
      follow("putin", { speakerKeys: putin }),
      follow("putin-on-gas", { speakerKeys: putin, query: "gas" }),
      follow("peskov", { speakerKeys: ["person:dmitry peskov", "Dmitry Peskov"] }),
    ];
    const quoted = story({ speakers: "President Vladimir Putin" });
    expect(matches(follows, quoted, { speakerKeys: ["President Vladimir Putin"] })).toEqual(["putin"]);
    expect(matches(follows, quoted, { speakerKeys: ["person:vladimir putin"] })).toEqual(["putin"]);
    expect(matches(follows, quoted, { speakerKeys: ["Putin’s"] })).toEqual(["putin"]);
    expect(matches(follows, quoted, { speakerKeys: ["Sergei Lavrov"] })).toEqual([]);
  });

  it("GIVEN a source follow WHEN the article is from that outlet in any case THEN it matches; another outlet THEN not", () => {
    const follows = [
      follow("reuters", { source: "reuters" }),
      follow("ap", { source: "AP" }),
      follow("reuters-geneva", { source: "Reuters", query: "geneva" }),
    ];
    expect(matches(follows, story({ source: "Reuters" }))).toEqual(["reuters", "reuters-geneva"]);
  });

  it("GIVEN an article of a server's own feed WHEN matched THEN only that server's follows see it; everyone's articles reach every server", () => {
    const follows = [
      follow("owner", { query: "geneva" }, "g1"),
      follow("other-server", { query: "geneva" }, "g2"),
      follow("other-by-source", { source: "Reuters" }, "g2"),
    ];
    expect(matches(follows, story({}), { owner: "g1" })).toEqual(["owner"]);
    expect(matches(follows, story({}))).toEqual(["other-by-source", "other-server", "owner"]);
  });

  it("GIVEN the matcher is asked by a custom typo rule WHEN a common word must be spelled right THEN its typo no longer matches", () => {
    const matcher = new FollowMatcher([follow("typo", { query: "geneve" })], { typosAllowed: () => 0 });
    expect(matcher.match({ article: story({}), speakerKeys: [] })).toEqual([]);
  });

  it("GIVEN stop words beside other words WHEN matched THEN they are not required, as in /search", () => {
    expect(matches([follow("with-stop-words", { query: "the ceasefire of zurich" })], story({}))).toEqual([]);
    expect(matches([follow("with-stop-words", { query: "the ceasefire of" })], story({}))).toEqual([
      "with-stop-words",
    ]);
  });

  it("GIVEN a follow with nothing to match on (only excludes) THEN it is left out and matches nothing", () => {
    const matcher = new FollowMatcher([follow("empty", { exclude: "football" })]);
    expect(matcher.size).toBe(0);
    expect(matcher.match({ article: story({}), speakerKeys: [] })).toEqual([]);
  });

  it("GIVEN many follows filed under other words WHEN an article arrives THEN the matching one is found among them", () => {
    const follows = Array.from({ length: 2_000 }, (_, index) =>
      follow(`f${index}`, { query: `topic${index}` }),
    );
    follows.push(follow("needle", { query: "geneva ceasefire" }));
    expect(matches(follows, story({}))).toEqual(["needle"]);
  });
});

describe("FollowMatcher over many articles", () => {
  const geneva = story({});
  const moscow = story({
    id: "a2",
    title: "Talks stall in Moscow",
    paragraphs: ["Officials gave no date for the next round."],
  });

  it("GIVEN a follow whose other word has a typo WHEN an article has both words THEN it matches, whichever word it is filed under", () => {
    const follows = [
      follow("speaker-and-typo", { speakerKeys: ["Dmitry Peskov"], query: "negotiatrs" }),
      follow("exact-and-typo", { query: '"geneva" ceasfire' }),
      follow("typo-too-far", { query: '"geneva" cxasxfirx' }),
    ];
    expect(matches(follows, geneva, { speakerKeys: ["Dmitry Peskov"] })).toEqual([
      "exact-and-typo",
      "speaker-and-typo",
    ]);
  });

  it("GIVEN one matcher WHEN articles with and without a follow's words come in turn THEN each is matched on its own words only", () => {
    const matcher = new FollowMatcher([
      follow("typo", { query: "geneve" }),
      follow("start", { query: "negotiat" }),
      follow("officials", { query: "oficials" }),
    ]);
    const run = (article: IndexedArticle) => matcher.match({ article, speakerKeys: [] }).sort();
    expect(run(geneva)).toEqual(["start", "typo"]);
    expect(run(moscow)).toEqual(["officials"]);
    expect(run(geneva)).toEqual(["start", "typo"]);
    expect(run(moscow)).toEqual(["officials"]);
  });

  it("GIVEN a matcher that remembers only a few words WHEN it has forgotten them THEN the same articles match the same follows", () => {
    const follows = [follow("typo", { query: "geneve" }), follow("officials", { query: "oficials" })];
    const forgetful = new FollowMatcher(follows, { rememberedWords: 2 });
    const run = (article: IndexedArticle) => forgetful.match({ article, speakerKeys: [] }).sort();
    for (let round = 0; round < 3; round++) {
      expect(run(geneva)).toEqual(["typo"]);
      expect(run(moscow)).toEqual(["officials"]);
    }
  });

  it("GIVEN two follows with the same typo'd word WHEN one is removed (the matcher rebuilt without it) THEN only the other matches", () => {
    const kept = follow("kept", { query: "geneve" });
    const removed = follow("removed", { query: "geneve" }, "g2");
    expect(matches([kept, removed], geneva)).toEqual(["kept", "removed"]);
    expect(matches([kept], geneva)).toEqual(["kept"]);
    expect(matches([removed], geneva)).toEqual(["removed"]);
  });
});
