import type { DigestQuote, SpeakerCount } from "./types.ts";

/** Quotes of about this length read best in a digest: a full thought, not a paragraph. */
const IDEAL_QUOTE_CHARS = { min: 40, max: 280 } as const;

function normalized(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

function lengthFit(text: string): number {
  const length = text.length;
  if (length >= IDEAL_QUOTE_CHARS.min && length <= IDEAL_QUOTE_CHARS.max) return 1;
  if (length < IDEAL_QUOTE_CHARS.min) return length / IDEAL_QUOTE_CHARS.min;
  return IDEAL_QUOTE_CHARS.max / length;
}

/** A quote whose words the story's summary already prints (this share of them) would be read twice. */
const REPEATED_SHARE = 0.6;

function words(text: string): string[] {
  return normalized(text).match(/[\p{L}\p{N}']+/gu) ?? [];
}

function repeatedIn(summaryWords: ReadonlySet<string>, quote: string): boolean {
  const quoted = words(quote);
  if (quoted.length === 0) return false;
  return quoted.filter((word) => summaryWords.has(word)).length / quoted.length >= REPEATED_SHARE;
}

/**
 * The quote that best carries a story, from the quotes of each of its articles: a whole quote (no fragment)
 * the summary does not already print, said by a named speaker (then a described one, then no one), repeated
 * by several articles (what the coverage agrees mattered), of a readable length. Ties go to the first in order.
 */
export function strongestQuote(
  quotesPerArticle: readonly (readonly DigestQuote[])[],
  summary = "",
): DigestQuote | undefined {
  const summaryWords = new Set(words(summary));
  const echoes = new Map<string, number>();
  for (const quotes of quotesPerArticle) {
    for (const text of new Set(quotes.map((quote) => normalized(quote.text)))) {
      echoes.set(text, (echoes.get(text) ?? 0) + 1);
    }
  }
  let best: DigestQuote | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const quotes of quotesPerArticle) {
    for (const quote of quotes) {
      if (quote.text.trim() === "" || quote.partial === true || repeatedIn(summaryWords, quote.text))
        continue;
      const score =
        (quote.speaker === undefined ? 0 : quote.unnamed === true ? 5 : 10) +
        3 * ((echoes.get(normalized(quote.text)) ?? 1) - 1) +
        lengthFit(quote.text);
      if (score > bestScore) {
        best = quote;
        bestScore = score;
      }
    }
  }
  return best;
}

/**
 * The speakers with the most quotes, most first (then by name), counted as `/quotes` counts them: whole and
 * partial quotes alike; unattributed quotes and unnamed speakers ("a spokesperson") do not count.
 */
export function topSpeakers(quotes: readonly DigestQuote[], limit: number): SpeakerCount[] {
  const counts = new Map<string, number>();
  for (const quote of quotes) {
    if (quote.speaker !== undefined && quote.unnamed !== true) {
      counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([name, count]) => ({ name, quotes: count }))
    .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name))
    .slice(0, Math.max(0, limit));
}
