import type { Quote } from "./types.ts";

/**
 * The quoted words as a reader should see them out of their article: on one line, without the comma (or
 * colon) that led into the attribution, as in “…so much time,” he said.
 */
export function spokenWords(quote: Pick<Quote, "text">): string {
  return quote.text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[,;:]$/, "");
}
