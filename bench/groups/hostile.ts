import { extractQuotes } from "../../src/core/quotes/extract.ts";
import { makeSnippet } from "../../src/core/search/snippet.ts";
import type { BenchSection } from "../lib/report.ts";
import { timed } from "../lib/report.ts";

const ADVERSARIAL_BYTES = 5_000_000;
const ADVERSARIAL_TARGET_MS = 1_000;
const SNIPPET_TARGET_MS = 50;
/** Quote-dense paragraphs: every few words a quote to attribute, so the cost is per quote, not per byte. */
const DENSE_BYTES = 200_000;
const DENSE_TARGET_MS = 5_000;

/** Repeats `unit` to about `bytes` characters, as one paragraph. */
function paragraphOf(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/**
 * Inputs an attacker can plant through a feed or the articles folder, each of which once held the event loop
 * for every server: a 5 MB paragraph of opening curly quotes that never close (quote extraction was
 * quadratic), and a snippet over a 5 MB body whose only match is its last, over-long word (the snippet
 * window never ended). Each must finish in bounded time; quote extraction reads at most the first
 * MAX_QUOTED_TEXT_CHARS of an article. Paragraphs dense with quotes (and names to attribute them to) cost per
 * quote: 200 kB of them must still finish in seconds.
 */
export function benchHostile(): BenchSection {
  const unclosed = paragraphOf("\u201cWord word word. ", ADVERSARIAL_BYTES);
  const quotes = timed(() => extractQuotes(unclosed).length);
  const straight = paragraphOf('"Word word word. ', ADVERSARIAL_BYTES);
  const straightQuotes = timed(() => extractQuotes(straight).length);
  const longWord = "Q".repeat(219);
  const body = `${paragraphOf("Talks went on for hours in the capital. ", ADVERSARIAL_BYTES)} ${longWord}`;
  const snippet = timed(() => makeSnippet({ paragraphs: [body] }, [longWord.toLowerCase()]).length);
  // Moved here from tests/core/quotes/adversarial.test.ts, which checks the same shapes at 60,000 characters.
  const endless = timed(
    () => extractQuotes(paragraphOf("\u201cWord\u201d\u201cword\u201d", DENSE_BYTES)).length,
  );
  const crowd = paragraphOf("Senator John Smith, \u201ca,\u201d the senator said, ", DENSE_BYTES);
  const crowded = timed(() => extractQuotes(crowd));
  const attributed = crowded.result.filter((quote) => quote.speaker?.name === "John Smith").length;
  return {
    title: "Hostile input: 5 MB paragraphs planted in one article",
    rows: [
      {
        metric: "quotes, unclosed curly quotes",
        value: quotes.ms,
        unit: "ms",
        target: `< ${ADVERSARIAL_TARGET_MS}`,
        met: quotes.ms < ADVERSARIAL_TARGET_MS,
        note: `${quotes.result} quotes`,
      },
      {
        metric: "quotes, straight quotes that never close",
        value: straightQuotes.ms,
        unit: "ms",
        target: `< ${ADVERSARIAL_TARGET_MS}`,
        met: straightQuotes.ms < ADVERSARIAL_TARGET_MS,
        note: `${straightQuotes.result} quotes`,
      },
      {
        metric: "quotes, 200 kB paragraph of quotes with no sentence end",
        value: endless.ms,
        unit: "ms",
        target: `< ${DENSE_TARGET_MS}`,
        met: endless.ms < DENSE_TARGET_MS,
        note: `${endless.result} quotes`,
      },
      {
        metric: "quotes, 200 kB paragraph crowded with names, quotes and descriptions",
        value: crowded.ms,
        unit: "ms",
        target: `< ${DENSE_TARGET_MS}`,
        met: crowded.ms < DENSE_TARGET_MS,
        note: `${crowded.result.length} quotes, ${attributed} attributed to John Smith`,
      },
      {
        metric: "search snippet, match in a 219-letter last word",
        value: snippet.ms,
        unit: "ms",
        target: `< ${SNIPPET_TARGET_MS}`,
        met: snippet.ms < SNIPPET_TARGET_MS,
      },
    ],
  };
}
