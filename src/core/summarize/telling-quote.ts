import type { Quote } from "../quotes/types.ts";
import { contentTerms } from "../text/tokens.ts";
import { countShared } from "./score.ts";

/** Quotes of about this length read best under a summary: a full thought, not a paragraph. */
const READABLE_CHARS = { min: 40, max: 300 } as const;
/** What each trait of a quote is worth; the story's words count most. */
const SPEAKER_WEIGHT = { person: 1, organisation: 0.7, unknown: 0 } as const;
const DIRECT_WEIGHT = 0.5;
const STORY_WEIGHT = 2;
const LENGTH_WEIGHT = 1;

/**
 * The quote that best tells the story a summary gives: said by a named person (or a body), a direct quote
 * of readable length, and above all about what the summary is about (its content words). Ties go to the
 * earlier quote. Undefined when there are no quotes.
 */
export function tellingQuote(quotes: readonly Quote[], summaryText: string): Quote | undefined {
  const story = new Set(contentTerms(summaryText));
  let best: Quote | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const quote of quotes) {
    if (quote.text.trim() === "") continue;
    const terms = new Set(contentTerms(quote.text));
    const storyShare = terms.size === 0 ? 0 : countShared(terms, story) / terms.size;
    const score =
      SPEAKER_WEIGHT[quote.speaker?.type ?? "unknown"] +
      (quote.kind === "direct" ? DIRECT_WEIGHT : 0) +
      STORY_WEIGHT * storyShare +
      LENGTH_WEIGHT * lengthFit(quote.text.length);
    if (score > bestScore) {
      best = quote;
      bestScore = score;
    }
  }
  return best;
}

function lengthFit(chars: number): number {
  if (chars < READABLE_CHARS.min) return chars / READABLE_CHARS.min;
  if (chars > READABLE_CHARS.max) return READABLE_CHARS.max / chars;
  return 1;
}
