import { describe, expect, it } from "vitest";
import { contentTerms, stem, words } from "../../../src/core/text/tokens.ts";

describe("words", () => {
  it("GIVEN prose with possessives, numbers and curly apostrophes WHEN split THEN words are lower-cased without the 's", () => {
    expect(words("The Kremlin’s plan: 28 points, Russia's view.")).toEqual([
      "the",
      "kremlin",
      "plan",
      "28",
      "points",
      "russia",
      "view",
    ]);
  });

  it("GIVEN letters outside ASCII WHEN split THEN they stay in their words", () => {
    expect(words("Zürich and Kyiv")).toEqual(["zürich", "and", "kyiv"]);
  });
});

describe("stem", () => {
  it("GIVEN inflected forms of one word WHEN stemmed THEN they meet", () => {
    const forms = ["talks", "talked", "talking", "talk"].map(stem);
    expect(new Set(forms).size).toBe(1);
    expect(stem("negotiations")).toBe(stem("negotiation"));
    expect(stem("stopped")).toBe(stem("stopping"));
    expect(stem("countries")).toBe(stem("country"));
  });

  it("GIVEN short words and words ending in -ss or -us WHEN stemmed THEN they are left alone", () => {
    expect(stem("bus")).toBe("bus");
    expect(stem("press")).toBe("press");
    expect(stem("status")).toBe("status");
  });
});

describe("contentTerms", () => {
  it("GIVEN a sentence WHEN reduced THEN stopwords and one-letter tokens are dropped and the rest stemmed", () => {
    expect(contentTerms("He said the talks were stalled in a Moscow meeting.")).toEqual([
      "talk",
      "stall",
      "moscow",
      "meet",
    ]);
  });
});
