import { describe, expect, it } from "vitest";
import { extractQuotes, MAX_QUOTED_TEXT_CHARS } from "../../../src/core/quotes/extract.ts";
import type { Quote } from "../../../src/core/quotes/types.ts";

/** One paragraph of `unit` repeated to `bytes` characters, as a feed could plant it. */
function paragraphOf(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/**
 * Every quote and segment is a real, ordered, non-empty span of the text. Checked in plain code and asserted
 * once: tens of thousands of spans through `expect` cost seconds of the suite.
 */
function expectValidSpans(text: string, quotes: readonly Quote[]): void {
  expect(spanProblems(text, quotes)).toEqual([]);
}

function spanProblems(text: string, quotes: readonly Quote[]): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  for (const [index, quote] of quotes.entries()) {
    const where = `quote ${index} (${quote.start}-${quote.end})`;
    if (quote.start < previousEnd) problems.push(`${where} starts before the previous quote ends`);
    if (quote.end > text.length) problems.push(`${where} ends past the text`);
    let segmentEnd = quote.start;
    for (const segment of quote.segments) {
      const piece = `${where}, segment ${segment.start}-${segment.end}`;
      if (segment.start < segmentEnd) problems.push(`${piece} overlaps what comes before`);
      if (segment.end <= segment.start) problems.push(`${piece} is empty`);
      if (text.slice(segment.start, segment.end) !== segment.text)
        problems.push(`${piece} is not the text there`);
      segmentEnd = segment.end;
    }
    if (segmentEnd !== quote.end) problems.push(`${where} does not end where its last segment does`);
    previousEnd = quote.end;
  }
  return problems;
}

const SIZE = 200_000;
/**
 * Names crowd the cast's look-backs (600 mentions scanned, namesakes 400 words back): 60,000 characters hold
 * 1,300 names and quotes, past every bound. Attribution costs about 0.7 ms a quote, so the 200,000-character
 * case is a bench row (bench/groups/hostile.ts), not a test.
 */
const CROWD_SIZE = 60_000;

describe("GIVEN one very long paragraph whose quotes never close", () => {
  it("WHEN every sentence reopens a quote THEN the result is one quote of valid, sentence-sized pieces", () => {
    const text = paragraphOf("\u201cWord word word. ", SIZE);
    const quotes = extractQuotes(text);
    expect(quotes.length).toBeLessThanOrEqual(1);
    expectValidSpans(text, quotes);
    const pieces = quotes[0]?.segments ?? [];
    expect(pieces.length).toBeGreaterThan(1000);
    expect(Math.max(...pieces.map((segment) => segment.text.length))).toBeLessThan(100);
  });

  it("WHEN only closing marks appear THEN no quote is found", () => {
    expect(extractQuotes(paragraphOf("word word word.\u201d ", SIZE))).toEqual([]);
  });

  it("WHEN straight quotes and doubled apostrophes open every sentence THEN the spans stay valid", () => {
    for (const unit of ['"Word word word. ', "''Word word word. ", "\u201cWORD WORD WORD. "]) {
      const text = paragraphOf(unit, SIZE);
      const quotes = extractQuotes(text);
      expect(quotes.length).toBeLessThanOrEqual(1);
      expectValidSpans(text, quotes);
    }
  });
});

describe("GIVEN one very long paragraph with no sentence end", () => {
  it("WHEN it holds thousands of quotes THEN each quote's context is a bounded piece of it", () => {
    const text = paragraphOf("\u201cWord\u201d\u201cword\u201d", SIZE);
    const quotes = extractQuotes(text);
    expect(quotes.length).toBeGreaterThan(1000);
    expect(quotes.length).toBeLessThanOrEqual(text.split("\u201c").length - 1);
    expectValidSpans(text, quotes);
    expect(Math.max(...quotes.map((quote) => quote.context.length))).toBeLessThan(10_000);
  });

  it("WHEN names, quotes and descriptions crowd it THEN every quote is still attributed", () => {
    const text = paragraphOf("Senator John Smith, \u201ca,\u201d the senator said, ", CROWD_SIZE);
    const quotes = extractQuotes(text);
    expect(quotes.length).toBeGreaterThan(1000);
    expectValidSpans(text, quotes);
    expect(quotes.every((quote) => quote.speaker?.name === "John Smith")).toBe(true);
  });
});

describe("GIVEN a surname written with a typo", () => {
  it.each([
    ["two letters swapped", "Kowlaski"],
    ["a letter added", "Kowallski"],
    ["a letter dropped", "Kowalsi"],
    ["a letter changed", "Kowalsky"],
  ])("WHEN it has %s THEN it still resolves to the full name", (_, written) => {
    const text =
      "\u201cWe are in panic mode,\u201d said Leslie Kowalski, a caucus president.\n" +
      `${written} said the plan \u201cwas not enough.\u201d`;
    const quote = extractQuotes(text).find((q) => q.text.includes("not enough"));
    expect(quote?.speaker?.name).toBe("Leslie Kowalski");
  });
});

describe("GIVEN an article longer than the quote budget", () => {
  const filler = "The council met again and talked about roads for a long time. ".repeat(
    Math.ceil(MAX_QUOTED_TEXT_CHARS / 60),
  );
  const text = `“The budget is fair,” the mayor said.\n\n${filler}\n\n“This one is past the budget,” the clerk said.`;

  it("WHEN quotes are extracted THEN those within the budget are found and the text past it is not read", () => {
    const found = extractQuotes(text);
    expect(found.map((quote) => quote.text)).toEqual(["The budget is fair,"]);
  });
});
