import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/core/text/sentences.ts";

function texts(input: string): string[] {
  return splitSentences(input).map((sentence) => sentence.text);
}

describe("splitSentences", () => {
  describe("GIVEN abbreviations that do not end a sentence", () => {
    it("WHEN titles, months and numbers are abbreviated THEN they stay inside the sentence", () => {
      expect(
        texts(
          "Talks resumed on Dec. 2 in Moscow. Mr. Witkoff met Gen. Smith at St. Petersburg. It went well.",
        ),
      ).toEqual([
        "Talks resumed on Dec. 2 in Moscow.",
        "Mr. Witkoff met Gen. Smith at St. Petersburg.",
        "It went well.",
      ]);
      expect(texts("He wore shirt No. 9 on Jan. 3. Fans cheered.")).toEqual([
        "He wore shirt No. 9 on Jan. 3.",
        "Fans cheered.",
      ]);
    });

    it("WHEN dotted acronyms are followed by a name THEN they stay; WHEN followed by a sentence opener THEN they end it", () => {
      expect(
        texts(
          "U.S. officials met at 10 a.m. Monday. They left at 4 p.m. The talks ended in the U.S. It rained.",
        ),
      ).toEqual([
        "U.S. officials met at 10 a.m. Monday.",
        "They left at 4 p.m.",
        "The talks ended in the U.S.",
        "It rained.",
      ]);
    });

    it("WHEN plural titles and state abbreviations in brackets appear THEN they stay inside the sentence", () => {
      expect(
        texts("Sens. Jon Tester (D-Mont.) and David Vitter (R-La.) wrote to the bank. It replied."),
      ).toEqual(["Sens. Jon Tester (D-Mont.) and David Vitter (R-La.) wrote to the bank.", "It replied."]);
    });

    it("WHEN a stray closing quote stands before a title THEN the title still does not end the sentence", () => {
      expect(texts("\u201dMr. Trump embodies the old legacy, she wrote. Others agreed.")).toEqual([
        "\u201dMr. Trump embodies the old legacy, she wrote.",
        "Others agreed.",
      ]);
    });

    it("WHEN a name has a middle initial THEN the initial does not end the sentence", () => {
      expect(texts("George W. Bush spoke to Rep. G.K. Butterfield. Both agreed.")).toEqual([
        "George W. Bush spoke to Rep. G.K. Butterfield.",
        "Both agreed.",
      ]);
    });
  });

  describe("GIVEN quotes around sentence ends", () => {
    it("WHEN a quote ends with a comma or period before the attribution THEN quote and attribution are one sentence", () => {
      expect(
        texts('"We will not agree," he said. “It is over.” he said. “We are ready,” Peskov said.'),
      ).toEqual(['"We will not agree," he said.', "“It is over.” he said.", "“We are ready,” Peskov said."]);
    });

    it("WHEN nested quotes close after the period THEN the closing quotes belong to the sentence", () => {
      expect(texts("He said: “They told us: ‘We cannot agree.’“ The talks ended.")).toEqual([
        "He said: “They told us: ‘We cannot agree.’“",
        "The talks ended.",
      ]);
    });

    it("WHEN a quoted question is followed by a capitalised attribution THEN they stay together", () => {
      expect(texts('"Will it hold?" Smith asked. Nobody knew.')).toEqual([
        '"Will it hold?" Smith asked.',
        "Nobody knew.",
      ]);
    });
  });

  describe("GIVEN numbers, links and datelines", () => {
    it("WHEN decimals and currency appear THEN they do not split", () => {
      expect(texts("Profit rose 3.5% to $1.13bn (£600m). Sales hit 42.09bn.")).toEqual([
        "Profit rose 3.5% to $1.13bn (£600m).",
        "Sales hit 42.09bn.",
      ]);
    });

    it("WHEN URLs and e-mail addresses appear THEN only the final period ends the sentence", () => {
      expect(texts("See www.example.com/a.html or mail j.smith@example.org. Then wait.")).toEqual([
        "See www.example.com/a.html or mail j.smith@example.org.",
        "Then wait.",
      ]);
    });

    it("WHEN a wire dateline opens the text THEN it stays with the first sentence", () => {
      expect(texts("MOSCOW: The Kremlin said Wednesday it was ready. Kyiv disagreed.")).toEqual([
        "MOSCOW: The Kremlin said Wednesday it was ready.",
        "Kyiv disagreed.",
      ]);
      expect(texts("LONDON, Dec. 3 (Reuters) - Shares fell. Bonds rose.")).toEqual([
        "LONDON, Dec. 3 (Reuters) - Shares fell.",
        "Bonds rose.",
      ]);
    });
  });

  describe("GIVEN ellipses and line breaks", () => {
    it("WHEN an ellipsis is followed by lower case THEN it continues; by a capital THEN it ends", () => {
      expect(texts("He paused... then went on. It ended… The next day came.")).toEqual([
        "He paused... then went on.",
        "It ended…",
        "The next day came.",
      ]);
    });

    it("WHEN lines break THEN a blank line always ends a sentence and a single break does unless lower case follows", () => {
      expect(
        texts("A heading without a stop\nThe body starts here\n\nnew paragraph.\nwrapped\ncontinuation."),
      ).toEqual([
        "A heading without a stop",
        "The body starts here",
        "new paragraph.\nwrapped\ncontinuation.",
      ]);
    });
  });

  describe("GIVEN any text", () => {
    it("WHEN split THEN every span's text is the source between its offsets, trimmed", () => {
      const source = "  First one.  Second one!\n\n  “Third?” he asked.  ";
      const spans = splitSentences(source);
      expect(spans.map((span) => span.text)).toEqual(["First one.", "Second one!", "“Third?” he asked."]);
      for (const span of spans) expect(source.slice(span.start, span.end)).toBe(span.text);
    });

    it("WHEN the text is empty or blank THEN there are no sentences", () => {
      expect(splitSentences("")).toEqual([]);
      expect(splitSentences(" \n\n ")).toEqual([]);
    });
  });
});
