import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import { normaliseName } from "../../../src/core/quotes/registry.ts";

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

const SEED = new URL("../../../../shared/eval/quotes/seed.jsonl", import.meta.url);
const documents: SeedDocument[] = existsSync(SEED)
  ? readFileSync(SEED, "utf8")
      .split("\n")
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as SeedDocument)
  : [];

/** Speakers compare without a leading article: the gold writes "The Kremlin", extraction "Kremlin". */
const speakerKey = (name: string | undefined): string => normaliseName((name ?? "").replace(/^the\s+/i, ""));

describe.skipIf(documents.length === 0)("GIVEN the hand-labelled seed stories", () => {
  for (const document of documents) {
    describe(`WHEN quotes are extracted from ${document.id} as raw text`, () => {
      const found = extractQuotes(document.text);
      for (const gold of document.quotes) {
        it(`THEN "${gold.quote.slice(0, 40)}…" is found as ${gold.kind} and attributed to ${gold.speaker}`, () => {
          const match = found.find((quote) => quote.start <= gold.start && quote.end >= gold.end);
          expect(match, "quote not found").toBeDefined();
          expect(match?.text.includes(gold.quote.replace(/[,.]$/, ""))).toBe(true);
          expect(speakerKey(match?.speaker?.name)).toBe(speakerKey(gold.speaker));
          expect(match?.kind).toBe(gold.kind);
        });
      }
    });
  }
});
