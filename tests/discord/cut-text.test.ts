import { describe, expect, it } from "vitest";
import { cutText } from "../../src/discord/cut-text.ts";

/** True when no surrogate half stands alone (String#isWellFormed is newer than our ES2023 lib). */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe("cutText", () => {
  it("GIVEN text within the limit WHEN cut THEN it is unchanged", () => {
    expect(cutText("short words", 20)).toBe("short words");
  });

  it("GIVEN a long sentence WHEN cut THEN it ends at a word boundary with an ellipsis", () => {
    const cut = cutText("the quick brown fox jumps over the lazy dog", 20);
    expect(cut).toBe("the quick brown fox…");
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it("GIVEN one long word WHEN cut THEN it is cut inside the word", () => {
    expect(cutText("abcdefghijklmnopqrstuvwxyz", 10)).toBe("abcdefghi…");
  });

  it("GIVEN an emoji straddling the limit WHEN cut THEN the surrogate pair is not split", () => {
    const text = "aaaa😀bbbb";
    const cut = cutText(text, 6);
    expect(cut).toBe("aaaa…");
    expect(isWellFormed(cut)).toBe(true);
  });

  it("GIVEN emoji-only text of every length WHEN cut anywhere THEN the result is well formed and fits", () => {
    const text = "😀".repeat(30);
    for (let max = 1; max < 60; max++) {
      const cut = cutText(text, max);
      expect(isWellFormed(cut)).toBe(true);
      expect(cut.length).toBeLessThanOrEqual(max);
    }
  });

  it("GIVEN a cut inside **bold** WHEN cut THEN the bold run is closed after the ellipsis", () => {
    const cut = cutText("plain **very important words here** tail", 25);
    expect(cut).toBe("plain **very important…**");
    expect(cut.length).toBeLessThanOrEqual(25);
  });

  it("GIVEN an escaped asterisk pair WHEN cut THEN it does not count as bold", () => {
    expect(cutText("a \\*\\* b c d e f g h i j", 12)).toBe("a \\*\\* b c…");
  });

  it("GIVEN a cut right after a markdown escape backslash WHEN cut THEN the lone backslash is dropped", () => {
    const cut = cutText("abcdefgh\\*rest", 10);
    expect(cut).toBe("abcdefgh…");
  });

  it("GIVEN a limit of zero or one WHEN cut THEN nothing or just the ellipsis remains", () => {
    expect(cutText("hello", 0)).toBe("");
    expect(cutText("hello", 1)).toBe("…");
  });
});
