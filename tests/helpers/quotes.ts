import { extractQuotes } from "../../src/core/quotes/extract.ts";
import type { Quote } from "../../src/core/quotes/types.ts";

/** The quote whose words include `words`; fails the test when there is none. */
export function quoteWith(quotes: readonly Quote[], words: string): Quote {
  const found = quotes.find((quote) => quote.text.includes(words));
  if (found === undefined)
    throw new Error(`no quote with "${words}" among ${JSON.stringify(quotes.map((q) => q.text))}`);
  return found;
}

/** The speaker extraction gives the quote of `text` whose words include `words`. */
export const speakerOf = (text: string, words: string): string | undefined =>
  quoteWith(extractQuotes(text), words).speaker?.name;
