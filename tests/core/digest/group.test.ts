import { describe, expect, it } from "vitest";
import { cleanHeadline, groupStories, representativeArticle } from "../../../src/core/digest/group.ts";
import { article, newsDay } from "../../fixtures/digest/articles.ts";

function idsOf(groups: { id: string }[][]): string[][] {
  return groups
    .map((group) => group.map((item) => item.id).sort())
    .sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}

describe("groupStories", () => {
  it("GIVEN updates and another outlet's version of one story WHEN grouped THEN they form one story", () => {
    const groups = groupStories(newsDay());
    expect(idsOf(groups)).toEqual([
      ["football"],
      ["geneva-1", "geneva-2", "geneva-3"],
      ["rates-1", "rates-2"],
      ["volcano"],
    ]);
  });

  it("GIVEN an exact duplicate under a wire tag WHEN grouped THEN it joins the original", () => {
    const original = article({
      id: "a",
      title: "Tesla recalls 2 million cars",
      lead: "Tesla is recalling two million cars over autopilot flaws, regulators said.",
    });
    const refiled = article({
      id: "b",
      title: "REFILE-Tesla recalls 2 million cars",
      lead: original.paragraphs[0] ?? "",
    });
    expect(idsOf(groupStories([original, refiled]))).toEqual([["a", "b"]]);
  });

  it("GIVEN two stories about one place but different events WHEN grouped THEN they stay apart", () => {
    const quake = article({
      id: "quake",
      title: "Earthquake shakes Tokyo, no damage reported",
      lead: "A magnitude 5 earthquake shook Tokyo on Friday; there were no reports of damage, the weather agency said.",
    });
    const election = article({
      id: "vote",
      title: "Tokyo governor wins second term in election",
      lead: "Tokyo's governor won a second term in Sunday's election, public broadcaster NHK projected.",
    });
    expect(groupStories([quake, election])).toHaveLength(2);
  });

  it("GIVEN a roundup that shares words with two stories WHEN grouped THEN it does not merge the two stories", () => {
    const oil = article({
      id: "oil",
      title: "Oil prices jump as OPEC agrees deep output cuts",
      lead: "Oil prices jumped after OPEC agreed deep output cuts at its meeting in Vienna.",
    });
    const gold = article({
      id: "gold",
      title: "Gold prices slide as dollar strengthens on jobs data",
      lead: "Gold prices slid as the dollar strengthened after strong US jobs data.",
    });
    const roundup = article({
      id: "roundup",
      title: "Markets: oil prices jump on OPEC output cuts, gold prices slide as dollar strengthens",
      lead: "Oil prices jumped after OPEC agreed deep output cuts; gold prices slid as the dollar strengthened on jobs data.",
    });
    const groups = groupStories([oil, roundup, gold]);
    const withOil = groups.find((group) => group.some((item) => item.id === "oil"));
    expect(withOil?.some((item) => item.id === "gold")).toBe(false);
  });

  it("GIVEN no articles WHEN grouped THEN there are no stories", () => {
    expect(groupStories([])).toEqual([]);
  });
});

describe("cleanHeadline", () => {
  it("GIVEN wire version tags WHEN cleaned THEN they are removed, and a bare tag-like title is kept", () => {
    expect(cleanHeadline("UPDATE 2-Fed raises rates")).toBe("Fed raises rates");
    expect(cleanHeadline("REFILE-CORRECTED-Fed raises rates")).toBe("Fed raises rates");
    expect(cleanHeadline("Update on the Fed")).toBe("Update on the Fed");
  });
});

describe("representativeArticle", () => {
  it("GIVEN a story in three versions WHEN choosing its representative THEN the one most like the others wins", () => {
    const story = newsDay().filter((item) => item.id.startsWith("geneva"));
    expect(["geneva-1", "geneva-2"]).toContain(representativeArticle(story)?.id);
  });

  it("GIVEN two versions WHEN choosing THEN the newer one wins", () => {
    const story = newsDay().filter((item) => item.id.startsWith("rates"));
    expect(representativeArticle(story)?.id).toBe("rates-2");
  });
});
