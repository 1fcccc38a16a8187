import { describe, expect, it } from "vitest";
import { findQuotes, splitParagraphs } from "../../../src/core/quotes/marks.ts";

const quotedTexts = (text: string): string[][] =>
  findQuotes(splitParagraphs(text)).map((quote) => quote.segments.map((s) => text.slice(s.start, s.end)));

describe("GIVEN text with quotation marks", () => {
  it("WHEN lines are split into paragraphs THEN blank lines go and offsets point into the text", () => {
    const text = "  First line. \n\n\nSecond line.";
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(["First line.", "Second line."]);
    expect(paragraphs.map((p) => text.slice(p.start, p.start + p.text.length))).toEqual([
      "First line.",
      "Second line.",
    ]);
  });

  it("WHEN curly and straight quotes mix in one paragraph THEN each span is found without its marks", () => {
    expect(quotedTexts('He said “one” and "two" and «three».')).toEqual([["one"], ["two"], ["three"]]);
  });

  it("WHEN double quotes are nested in a straight-quoted transcript THEN they stay inside the outer span", () => {
    expect(quotedTexts('"PENCE: She thinks this is “Shark Tank.” It is not."')).toEqual([
      ["PENCE: She thinks this is “Shark Tank.” It is not."],
    ]);
  });

  it("WHEN an inch mark or a stray closing mark appears outside a quote THEN no span is opened", () => {
    expect(quotedTexts("He is 6'1\" tall.\n” and then nothing.")).toEqual([]);
  });

  it("WHEN a paragraph leaves a quote open and the next does not reopen it THEN the span ends with the paragraph", () => {
    expect(quotedTexts("“This never closes\nNarration follows.")).toEqual([["This never closes"]]);
  });

  it("WHEN transcript lines each open without closing THEN each labelled line is its own quote", () => {
    const quotes = findQuotes(splitParagraphs('"WALLACE: Will she come?\n"PENCE: No.\n"And that is final.'));
    expect(quotes.map((quote) => quote.segments.map((s) => s.label))).toEqual([
      ["WALLACE"],
      ["PENCE", undefined],
    ]);
  });

  it("WHEN doubled apostrophes are the quote marks THEN they pair like double quotes", () => {
    expect(quotedTexts("''We will build it,'' the mayor said of the ''new bridge.''")).toEqual([
      ["We will build it,"],
      ["new bridge."],
    ]);
  });

  it("WHEN a single quote closes right before doubled apostrophes THEN it stays inside the quote", () => {
    expect(quotedTexts("''I dislike the word 'cheap,''' she said. '''Tis the season,'' he said.")).toEqual([
      ["I dislike the word 'cheap,'"],
      ["'Tis the season,"],
    ]);
  });

  it("WHEN a quote reopens after a sentence end without closing THEN the open quote ends there", () => {
    const text = 'The coach said: "We were tired. "We will rest now. It was a long week." Fans left.';
    const quotes = findQuotes(splitParagraphs(text));
    expect(quotes.map((quote) => quote.segments.map((s) => text.slice(s.start, s.end)))).toEqual([
      ["We were tired.", "We will rest now. It was a long week."],
    ]);
    expect(quotes[0]?.segments.map((s) => s.closed)).toEqual([false, true]);
  });

  it("WHEN a quote nested after a colon opens inside an open quote THEN it stays nested", () => {
    expect(quotedTexts('"He told me: "Go home." I did," she said.')).toEqual([
      ['He told me: "Go home." I did,'],
    ]);
  });

  it("WHEN a nickname is quoted inside a name THEN it is part of the name, not a quote", () => {
    expect(
      quotedTexts(
        '“We have his back,” state Del. Marcia "Cia" Price said. Dwayne “The Rock” Johnson agreed.',
      ),
    ).toEqual([["We have his back,"]]);
  });
});

describe("GIVEN a block quote rendered with a straight mark opening each of its paragraphs, amid curly quotes", () => {
  const text = [
    "The reporter wrote:",
    '"Ana Ruiz thought the ruling was unfair. Her lawyer called it \u201ca mistake.\u201d',
    "\u201cI will appeal,\u201d she said.",
    '"The court did not reply.',
    "\u201cWe are done,\u201d she said. \u201cFor now.\u201d",
  ].join("\n");

  it("WHEN the straight marks never close THEN they are dropped and the curly quotes inside stand alone", () => {
    expect(quotedTexts(text)).toEqual([["a mistake."], ["I will appeal,"], ["We are done,"], ["For now."]]);
  });

  it("WHEN straight marks close elsewhere in the article THEN an open one still continues its quote", () => {
    const continued = '"We tried. It was hard.\n"And we will go on," he said.\n\u201cSure,\u201d she said.';
    expect(quotedTexts(continued)).toEqual([["We tried. It was hard.", "And we will go on,"], ["Sure,"]]);
  });
});
