/** One sentence of a text: `text === source.slice(start, end)`, with surrounding whitespace left out. */
export interface SentenceSpan {
  text: string;
  /** Offset of the sentence's first character in the source text. */
  start: number;
  /** Offset just past the sentence's last character. */
  end: number;
}

/**
 * Words that end with a period without ending the sentence: titles before names, months before days,
 * and the like. After one of these (or an initial, or a dotted acronym such as U.S. or p.m.) a sentence
 * only ends when the next word is one that typically opens a sentence.
 */
const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "sens",
  "adm", "cmdr", "brig", "gov", "sen", "rep", "reps", "rev", "hon", "pres", "supt", "det", "insp", "amb",
  "st", "mt", "ft", "jr", "sr", "esq",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "no", "nos", "vol", "vols", "pp", "art", "fig", "approx", "est", "vs", "v", "cf", "ca", "al",
  "ave", "blvd", "rd", "hwy",
  "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky",
  "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn",
  "tex", "va", "vt", "wash", "wis", "wyo",
]); // prettier-ignore

/** Words that commonly open a sentence, so an abbreviation before them does end one ("in the U.S. The ..."). */
const SENTENCE_OPENERS = new Set([
  "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my",
  "this", "that", "these", "those", "there", "here", "but", "and", "or", "so", "yet", "in", "on", "at",
  "for", "as", "if", "when", "while", "after", "before", "since", "however", "meanwhile", "still", "also",
  "then", "now", "what", "why", "how", "who", "where", "some", "many", "most", "all", "both", "no",
]); // prettier-ignore

/**
 * A run of sentence-final punctuation with the quotes and brackets that close over it, standing before
 * whitespace or the end; or a line break. Decimals ($1.13bn), URLs and e-mails have no space after their
 * dots and so never match.
 */
const CANDIDATE = /[.!?\u2026]+["'\u201d\u2019\u201c\u2018\u00bb)\]]*(?=\s|$)|\n(?:[^\S\n]*\n)*/g;
const WORD_BEFORE = /([A-Za-z][A-Za-z.]*)$/;
const DOTTED_ACRONYM = /^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$/; // U.S, a.m, e.g, Ph.D
const WORD_BOUNDARY = /[\s"'\u201c\u2018\u201d\u2019([\u2014\u2013-]/;
const OPENING_PUNCTUATION = /["'\u201c\u2018\u201d\u2019\u00ab([]/;
const LOWERCASE_START = /\p{Ll}/u;
const FIRST_WORD = /^[\p{L}]+/u;
const QUOTE_ATTRIBUTION =
  /^\S+(?:\s+\S+){0,4}\s+(?:said|says|asked|asks|added|adds|told|replied|wrote|writes|insisted|warned|shouted|demanded|declared|explained|continued|noted|recalled|tweeted|joked|wondered|exclaimed|answered|responded|argued|cried)\b[^.!?]*\.$/;
const ENDS_WITH_QUOTED_QUESTION = /[!?]["'\u201d\u2019]+$/;

/**
 * Splits prose into sentences. Built for news text: it keeps abbreviations (Mr., Dec., U.S., a.m.),
 * initials (George W. Bush), decimals ($1.13bn, 3.5%), URLs and datelines ("MOSCOW: ...") inside their
 * sentence, ends a sentence after closing quotes (`agree.’“`), keeps `"...?" he asked.` together, and
 * treats a blank line as a hard break and a single line break as one unless the next line continues in
 * lower case.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let segmentStart = 0;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const candidate = match[0];
    const breakAt = match.index + candidate.length;
    const isLineBreak = candidate.startsWith("\n");
    const ends = isLineBreak
      ? endsAtLineBreak(text, candidate, breakAt)
      : endsAtPunctuation(text, segmentStart, match.index, candidate, breakAt);
    if (ends) {
      pushTrimmed(spans, text, segmentStart, isLineBreak ? match.index : breakAt);
      segmentStart = breakAt;
    }
  }
  pushTrimmed(spans, text, segmentStart, text.length);
  return mergeQuoteAttributions(spans, text);
}

function endsAtLineBreak(text: string, lineBreak: string, after: number): boolean {
  if (lineBreak.includes("\n", 1)) return true;
  const next = firstLetterAfter(text, after);
  return next === undefined || !LOWERCASE_START.test(next);
}

function endsAtPunctuation(
  text: string,
  segmentStart: number,
  punctuationAt: number,
  candidate: string,
  after: number,
): boolean {
  const nextIndex = skipWhitespace(text, after);
  if (nextIndex >= text.length) return true;
  const nextChar = text.charAt(nextIndex);
  if (nextChar === "," || nextChar === ";" || nextChar === ":") return false;
  const nextLetter = firstLetterAfter(text, nextIndex);
  if (nextLetter !== undefined && LOWERCASE_START.test(nextLetter)) return false;
  if (!candidate.startsWith(".") || candidate.startsWith("..")) return true;

  const before = text.slice(Math.max(segmentStart, punctuationAt - 24), punctuationAt);
  if (/^\s*\d{1,3}$/.test(text.slice(segmentStart, punctuationAt))) return false; // a list number: "1."
  const word = WORD_BEFORE.exec(before)?.[1];
  if (word === undefined || !isAbbreviation(word, before)) return true;
  const nextWord = FIRST_WORD.exec(text.slice(nextIndex, nextIndex + 20))?.[0];
  return nextWord !== undefined && SENTENCE_OPENERS.has(nextWord.toLowerCase());
}

function isAbbreviation(word: string, before: string): boolean {
  const standsAlone =
    before.length === word.length || WORD_BOUNDARY.test(before.charAt(before.length - word.length - 1));
  if (!standsAlone) return false;
  if (word.includes(".")) return DOTTED_ACRONYM.test(word);
  if (word.length === 1) return word === word.toUpperCase(); // an initial: George W. Bush
  return ABBREVIATIONS.has(word.toLowerCase());
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text.charAt(index))) index++;
  return index;
}

function firstLetterAfter(text: string, from: number): string | undefined {
  let index = skipWhitespace(text, from);
  while (index < text.length && OPENING_PUNCTUATION.test(text.charAt(index))) index++;
  return index < text.length ? text.charAt(index) : undefined;
}

function pushTrimmed(spans: SentenceSpan[], text: string, from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  if (end > start) spans.push({ text: text.slice(start, end), start, end });
}

/** `"Will it hold?" Smith asked.` is one sentence, not a question and a fragment. */
function mergeQuoteAttributions(spans: SentenceSpan[], text: string): SentenceSpan[] {
  const merged: SentenceSpan[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (
      previous !== undefined &&
      ENDS_WITH_QUOTED_QUESTION.test(previous.text) &&
      QUOTE_ATTRIBUTION.test(span.text) &&
      !text.slice(previous.end, span.start).includes("\n")
    ) {
      merged[merged.length - 1] = {
        text: text.slice(previous.start, span.end),
        start: previous.start,
        end: span.end,
      };
    } else {
      merged.push(span);
    }
  }
  return merged;
}
