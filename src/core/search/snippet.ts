import type { Article } from "../articles.ts";
import { escapeMarkdown } from "../reply.ts";
import { normalizeTerm, wordSpans } from "./normalize.ts";
import type { WordSpan } from "./normalize.ts";

const ELLIPSIS = "…";
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
  const text = article.paragraphs.join(" ").replace(STAND_INS, "").replace(/\s+/g, " ").trim();
  const words = wordSpans(text);
  if (words.length === 0) return escapeMarkdown(text.slice(0, maxChars));

  const wanted = new Set(terms.map(normalizeTerm).filter((term) => term !== null));
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
  return (start > 0 ? ELLIPSIS : "") + body + (end < text.length ? ELLIPSIS : "");
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
    while ((words[right]?.end ?? 0) - (words[left]?.start ?? 0) > budget) {
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
