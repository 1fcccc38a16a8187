import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import { normalizeName } from "../../../src/core/quotes/registry.ts";

interface GoldQuote {
  quote: string;
  speaker: string;
  kind: "direct" | "partial";
  start: number;
  end: number;
}

interface SeedDocument {
  id: string;
  text: string;
  quotes: GoldQuote[];
}

/** Our own labels of the two seed stories (also in ../shared/eval/quotes), vendored so the test always runs. */
const SEED = new URL("../../fixtures/quotes/seed-gold.jsonl", import.meta.url);
const documents: SeedDocument[] = readFileSync(SEED, "utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as SeedDocument);

/** Speakers compare without a leading article: the gold writes "The Kremlin", extraction "Kremlin". */
const speakerKey = (name: string | undefined): string => normalizeName((name ?? "").replace(/^the\s+/i, ""));

describe("GIVEN the hand-labelled seed stories", () => {
  it("THEN both stories and their 23 quotes are there", () => {
    expect(documents.map((document) => document.quotes.length)).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(documents.flatMap((document) => document.quotes)).toHaveLength(23);
  });

  for (const document of documents) {
    describe(`WHEN quotes are extracted from ${document.id} as raw text`, () => {
      const found = extractQuotes(document.text);
      for (const gold of document.quotes) {
        it(`THEN "${gold.quote.slice(0, 40)}…" is found as ${gold.kind} and attributed to ${gold.speaker}`, () => {
          // A highlight bullet that repeats the story's words is reported once, where the story gives them.
          const match =
            found.find((quote) => quote.start <= gold.start && quote.end >= gold.end) ??
            found.find((quote) => quote.text === document.text.slice(gold.start, gold.end));
          expect(match, "quote not found").toBeDefined();
          expect(match?.text.includes(gold.quote.replace(/[,.]$/, ""))).toBe(true);
          expect(speakerKey(match?.speaker?.name)).toBe(speakerKey(gold.speaker));
          expect(match?.kind).toBe(gold.kind);
        });
      }
      it("THEN no quote is reported beyond the labelled ones (highlight repeats included)", () => {
        expect(found.flatMap((quote) => quote.segments)).toHaveLength(document.quotes.length);
      });
    });
  }
});
