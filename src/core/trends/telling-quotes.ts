import type { Quote } from "../quotes/types.ts";
import { contentTerms } from "../text/tokens.ts";

/** Quotes of about this length read best beside a chart: a full thought, not a paragraph. */
const READABLE_CHARS = { min: 40, max: 300 } as const;
const DIRECT_WEIGHT = 0.5;
const STORY_WEIGHT = 2;
const LENGTH_WEIGHT = 1;

/** A quote with the headline of the article it is from, which tells what the day's story was. */
export interface DayQuote {
  quote: Quote;
  title: string;
}

/**
 * The `limit` quotes that tell most of what a speaker said on one day: whole sentences said directly, of
 * readable length, and above all about what that day's articles were about (the words their headlines and the
 * speaker's quotes share most). The same words quoted by several articles count once. Best first; ties keep
 * the given order.
 */
export function tellingQuotes<T extends DayQuote>(quotes: readonly T[], limit = 3): T[] {
  const termsOf = quotes.map(({ quote, title }) => ({
    quote: new Set(contentTerms(quote.text)),
    title: new Set(contentTerms(title)),
  }));
  // How many of the day's articles and quotes use each word: the day's story is in the common ones.
  const weight = new Map<string, number>();
  for (const { quote, title } of termsOf) {
    for (const term of new Set([...quote, ...title])) weight.set(term, (weight.get(term) ?? 0) + 1);
  }
  const most = Math.max(1, ...weight.values());
  const scored = quotes.map((item, position) => {
    const terms = termsOf[position]?.quote ?? new Set<string>();
    let story = 0;
    // A word of this quote alone says nothing about the day; only words others use count.
    for (const term of terms) story += ((weight.get(term) ?? 1) - 1) / most;
    const storyShare = terms.size === 0 ? 0 : story / terms.size;
    const score =
      (item.quote.kind === "direct" ? DIRECT_WEIGHT : 0) +
      STORY_WEIGHT * storyShare +
      LENGTH_WEIGHT * lengthFit(item.quote.text.length);
    return { item, position, score };
  });
  scored.sort((a, b) => b.score - a.score || a.position - b.position);
  const seen = new Set<string>();
  const best: T[] = [];
  for (const { item } of scored) {
    const key = item.quote.text.replace(/\W+/g, " ").trim().toLowerCase();
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    best.push(item);
    if (best.length >= limit) break;
  }
  return best;
}

function lengthFit(chars: number): number {
  if (chars < READABLE_CHARS.min) return chars / READABLE_CHARS.min;
  if (chars > READABLE_CHARS.max) return READABLE_CHARS.max / chars;
  return 1;
}
