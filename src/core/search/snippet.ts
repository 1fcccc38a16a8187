import type { Article } from "../articles.ts";
import { escapeMarkdown } from "../reply.ts";
import { normalizeTerm, wordSpans } from "./normalize.ts";
import type { WordSpan } from "./normalize.ts";

const ELLIPSIS = "…";
/** How much of a long body a snippet looks at, and how far before the first match that part starts. */
const SCAN_CHARS = 20_000;
const SCAN_LEAD = 1_000;
/** Stand-ins for "**" while escaping, so that the escaper does not see the bold marks; stripped from input. */
const BOLD_OPEN = "\uE000";
const BOLD_CLOSE = "\uE001";
const STAND_INS = /[\uE000\uE001]/g;
const SENTENCE_END = /[.!?]["'”’)]*\s*$/u;
const LEADING_PUNCTUATION = /[\p{Ps}\p{Pi}"'¡¿]+$/u;
const TRAILING_PUNCTUATION = /^[\p{P}]+/u;

/**
 * A one-line excerpt of the article's body around the passage with the most of `terms`, at most `maxChars`
 * characters of text (ellipses included; a single word longer than that is kept whole). Cuts only between
 * words, marks cuts with "…", escapes Discord markdown and wraps each word whose index term is in `terms` in
 * **bold**. Pass a hit's `matchedTerms`: they include the words that typo and prefix matches found.
 */
export function makeSnippet(
  article: Pick<Article, "paragraphs">,
  terms: readonly string[],
  maxChars = 220,
): string {
  const whole = article.paragraphs.join(" ");
  const wanted = new Set(terms.map(normalizeTerm).filter((term) => term !== null));
  const region = scanRegion(whole, wanted);
  const text = whole.slice(region.start, region.end).replace(STAND_INS, "").replace(/\s+/g, " ").trim();
  const words = wordSpans(text);
  if (words.length === 0) return escapeMarkdown(text.slice(0, maxChars));

  const matched = words.map((word) => {
    const term = normalizeTerm(word.text);
    return term !== null && wanted.has(term) ? term : null;
  });
  const budget = Math.max(1, maxChars - 2 * ELLIPSIS.length);
  const [first, last] = densestPassage(words, matched, budget);
  const [from, to] = widen(text, words, first, last, budget);

  let start = words[from]?.start ?? 0;
  let end = words[to]?.end ?? text.length;
  // Take in the marks around the passage (quotes, brackets, a final full stop) when they fit: all of the
  // text's start or end if no word is left there, else the punctuation touching the first or last word.
  const opening =
    from === 0 ? text.slice(0, start) : (LEADING_PUNCTUATION.exec(text.slice(0, start))?.[0] ?? "");
  if (end - start + opening.length <= budget) start -= opening.length;
  const closing =
    to === words.length - 1 ? text.slice(end) : (TRAILING_PUNCTUATION.exec(text.slice(end))?.[0] ?? "");
  if (end - start + closing.length <= budget) end += closing.length;

  let marked = "";
  let cursor = start;
  for (let i = from; i <= to; i++) {
    const word = words[i];
    if (word === undefined || matched[i] === null) continue;
    marked += text.slice(cursor, word.start) + BOLD_OPEN + word.text + BOLD_CLOSE;
    cursor = word.end;
  }
  marked += text.slice(cursor, end);
  const body = escapeMarkdown(marked).replaceAll(BOLD_OPEN, "**").replaceAll(BOLD_CLOSE, "**");
  const cutBefore = region.start > 0 || start > 0;
  const cutAfter = region.end < whole.length || end < text.length;
  return (cutBefore ? ELLIPSIS : "") + body + (cutAfter ? ELLIPSIS : "");
}

/**
 * The part of a long body that a snippet is looked for in: at most `SCAN_CHARS` characters from a little
 * before the first place where a wanted term appears as typed (else from the start), cut between words.
 * Splitting and normalising every word of a 5 MB body takes half a second, and a page of hits would hold the
 * event loop for all servers that long; a case-folded `indexOf` over the whole body costs a few milliseconds.
 */
function scanRegion(text: string, wanted: ReadonlySet<string>): { start: number; end: number } {
  if (text.length <= SCAN_CHARS) return { start: 0, end: text.length };
  const folded = text.toLowerCase();
  let first = -1;
  for (const term of wanted) {
    const at = folded.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  let start = Math.max(0, first - SCAN_LEAD);
  let end = Math.min(text.length, start + SCAN_CHARS);
  if (start > 0) start = text.indexOf(" ", start) + 1;
  if (end < text.length) end = Math.max(start, text.lastIndexOf(" ", end));
  return { start, end };
}

/**
 * The first and last matched word of the window of at most `budget` characters with the most distinct matched
 * terms (then the most matches, then the earliest); the first word if nothing matched.
 */
function densestPassage(
  words: readonly WordSpan[],
  matched: readonly (string | null)[],
  budget: number,
): [number, number] {
  const counts = new Map<string, number>();
  let total = 0;
  let best = { distinct: 0, total: 0, first: 0, last: 0 };
  let left = 0;
  for (let right = 0; right < words.length; right++) {
    const term = matched[right];
    if (term === undefined || term === null) continue;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    total++;
    // `left < right`: the window always keeps its newest word, even one longer than the budget; without it
    // `left` ran past the last word and the loop never ended.
    while (left < right && (words[right]?.end ?? 0) - (words[left]?.start ?? 0) > budget) {
      const leaving = matched[left++];
      if (leaving === undefined || leaving === null) continue;
      const remaining = (counts.get(leaving) ?? 1) - 1;
      if (remaining === 0) counts.delete(leaving);
      else counts.set(leaving, remaining);
      total--;
    }
    if (counts.size > best.distinct || (counts.size === best.distinct && total > best.total)) {
      let first = left;
      while (matched[first] === null) first++;
      best = { distinct: counts.size, total, first, last: right };
    }
  }
  return [best.first, best.last];
}

/**
 * Grows the passage [first, last] to fill `budget` with context: a little before it (from a sentence start
 * when one is near), the rest after it, and before it again if the text ends first.
 */
function widen(
  text: string,
  words: readonly WordSpan[],
  first: number,
  last: number,
  budget: number,
): [number, number] {
  const span = (from: number, to: number): number => (words[to]?.end ?? 0) - (words[from]?.start ?? 0);
  let from = first;
  const before = Math.floor((budget - span(first, last)) / 3);
  while (from > 0 && span(from - 1, first) - span(first, first) <= before) from--;
  for (let candidate = from; candidate < first; candidate++) {
    const start = words[candidate]?.start ?? 0;
    if (SENTENCE_END.test(text.slice(Math.max(0, start - 8), start))) {
      from = candidate;
      break;
    }
  }
  let to = last;
  while (to + 1 < words.length && span(from, to + 1) <= budget) to++;
  while (from > 0 && span(from - 1, to) <= budget) from--;
  return [from, to];
}
