/**
 * How article text and queries become index terms. Indexing, querying, phrase checks and snippet highlighting
 * all go through these functions so that a word matches the same way everywhere.
 */

/**
 * A word: letters, digits and combining marks, joined across an apostrophe ("O’Brien", "Trump’s") and across a
 * dot or comma between digits ("1.13bn", "2,000"). Hyphens and other punctuation split words. Invisible
 * format characters (zero-width space and joiners, soft hyphens) inside a word do not split it: "Pu\u200btin"
 * is one word, so text laced with them cannot hide from search.
 */
const WORD_PART = "[\\p{L}\\p{N}\\p{M}]+(?:\\p{Cf}+[\\p{L}\\p{N}\\p{M}]+)*";
const WORD = new RegExp(`${WORD_PART}(?:(?:['’ʼ]|(?<=\\p{N})[.,](?=\\p{N}))${WORD_PART})*`, "gu");
const FORMAT_CHARACTERS = /\p{Cf}/gu;

const APOSTROPHES = /['’ʼ]/g;
const POSSESSIVE = /['’ʼ]s$/;
const DIGIT_GROUPING = /(?<=\p{N}),(?=\p{N})/gu;
const COMBINING_MARKS = /\p{M}/gu;
const SINGLE_LETTER = /^\p{L}$/u;

/** Letters that Unicode decomposition leaves alone but that readers treat as plain Latin letters. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};
const FOLDABLE_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join("")}]`, "g");

/** A word of a text with where it stands, for callers that mark words in place (snippets). */
export interface WordSpan {
  text: string;
  start: number;
  end: number;
}

/** The words of a text, as typed. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The words of a text with their offsets. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    spans.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** Lower-cases and strips diacritics, so that "Kyïv" and "KYIV" compare equal. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Pure ASCII is the common case; skipping normalize() there roughly halves indexing time.
  if (isAscii(lower)) return lower;
  return lower
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .replace(FOLDABLE_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/**
 * The index term for one word, or null for words not worth indexing (single letters). Possessives lose
 * their "’s", other apostrophes and digit-grouping commas disappear ("O’Brien" → "obrien", "2,000" → "2000").
 * Applying it to its own output gives the same term back.
 */
export function normalizeTerm(word: string): string | null {
  // Nearly all words are plain ASCII letters and digits, for which lower-casing is the whole job. Skipping the
  // regular expressions for them makes this about three times faster, and it runs for every word indexed and
  // for every word of an article whose "quoted phrase" is checked.
  if (isPlainWord(word))
    return word.length === 0 || (word.length === 1 && !isDigit(word)) ? null : word.toLowerCase();
  const term = foldText(word.replace(FORMAT_CHARACTERS, ""))
    .replace(POSSESSIVE, "")
    .replace(APOSTROPHES, "")
    .replace(DIGIT_GROUPING, "");
  if (term.length === 0 || SINGLE_LETTER.test(term)) return null;
  return term;
}

/** The index terms of a text, in order (words that normalize to nothing are left out). */
export function textTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    const term = normalizeTerm(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** Only ASCII letters and digits: nothing to fold, no apostrophes or digit commas to drop. */
function isPlainWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const plain =
      (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
    if (!plain) return false;
  }
  return true;
}

function isDigit(character: string): boolean {
  return character >= "0" && character <= "9";
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}
