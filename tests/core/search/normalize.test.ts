import { describe, expect, it } from "vitest";
import {
  foldText,
  normalizeTerm,
  splitWords,
  textTerms,
  wordSpans,
} from "../../../src/core/search/normalize.ts";

describe("GIVEN words with diacritics, case and special letters", () => {
  it("WHEN folded THEN they compare as plain lower-case Latin", () => {
    expect(foldText("Kyïv")).toBe("kyiv");
    expect(foldText("ZELENSKYY")).toBe("zelenskyy");
    expect(foldText("Zürich Łódź Straße Ærø")).toBe("zurich lodz strasse aero");
  });
});

describe("GIVEN text with possessives, apostrophes and numbers", () => {
  it("WHEN split THEN apostrophes and digit separators stay inside words, hyphens split", () => {
    expect(splitWords("Trump’s envoy met O'Brien on 2,000 peace-talks; $1.13bn.")).toEqual([
      "Trump’s",
      "envoy",
      "met",
      "O'Brien",
      "on",
      "2,000",
      "peace",
      "talks",
      "1.13bn",
    ]);
  });

  it("WHEN normalized THEN possessives drop, other apostrophes and digit commas vanish, numbers stay", () => {
    expect(normalizeTerm("Trump’s")).toBe("trump");
    expect(normalizeTerm("O'Brien")).toBe("obrien");
    expect(normalizeTerm("2,000")).toBe("2000");
    expect(normalizeTerm("1.13bn")).toBe("1.13bn");
    expect(normalizeTerm("1987")).toBe("1987");
  });

  it("WHEN a word is a single letter THEN it is not a term, but a single digit is", () => {
    expect(normalizeTerm("a")).toBeNull();
    expect(normalizeTerm("A")).toBeNull();
    expect(normalizeTerm("é")).toBeNull();
    expect(normalizeTerm("7")).toBe("7");
    expect(normalizeTerm("")).toBeNull();
  });

  it("WHEN a word is plain letters and digits THEN it is only lower-cased", () => {
    expect(normalizeTerm("OPEC")).toBe("opec");
    expect(normalizeTerm("G7")).toBe("g7");
    expect(normalizeTerm("iPod")).toBe("ipod");
  });

  it("WHEN a term is normalized again THEN it is unchanged", () => {
    for (const term of textTerms("Trump’s O'Brien 2,000 Kyïv 1.13bn Straße")) {
      expect(normalizeTerm(term)).toBe(term);
    }
  });
});

describe("GIVEN text with non-BMP characters", () => {
  it("WHEN spans are taken THEN offsets point at the words", () => {
    const text = "👍 Kyïv talks";
    const spans = wordSpans(text);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(["Kyïv", "talks"]);
  });
});

describe("GIVEN words with invisible format characters inside them", () => {
  it("WHEN split and normalized THEN each is one word with the plain term", () => {
    const text = "Pu\u200btin met Zelen\u00adskyy and Wit\u2060koff";
    expect(splitWords(text)).toHaveLength(5);
    expect(textTerms(text)).toEqual(["putin", "met", "zelenskyy", "and", "witkoff"]);
  });

  it("WHEN a zero-width space stands between words THEN they stay apart", () => {
    expect(textTerms("Putin \u200b met")).toEqual(["putin", "met"]);
  });
});
