import { splitSentences } from "../text/sentences.ts";
import { bareWord, isCapitalised, isGivenName, isNameTitle } from "../text/names.ts";
import { ORGANISATION_WORDS, PLACE_NAMES, SPEECH_VERBS } from "./lexicon.ts";
import type { MarkedSegment, Paragraph } from "./marks.ts";

/** A word or punctuation mark of the writer's own prose, or a stand-in for a quoted segment. */
export interface Token {
  text: string;
  /** Lower-case, without a trailing period or possessive: the form the word lists use. */
  bare: string;
  start: number;
  end: number;
  capitalised: boolean;
  /** Set on the stand-in of a quoted segment: its index in the article's segment list. */
  segment?: number;
  /** The last character of the quoted words (for stand-ins): tells "," from "." before the closing mark. */
  closingPunctuation?: string;
}

/** A sentence of the writer's prose with the quotes inside it as stand-in tokens. */
export interface Sentence {
  index: number;
  paragraphIndex: number;
  start: number;
  end: number;
  tokens: Token[];
}

const WORD =
  /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['\u2019.\-&][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*(?:\.(?=[\s,;:)\u201d"]|$)|['\u2019](?=\s))?|<[^<>\s]{1,20}>|[,;:()\u2014\u2013\u2015]|(?<=\s)--?(?=\s)/gu;
const SENTENCE_PUNCTUATION = /[.?!,;:\u2014\u2013\u2015\u2026-]/;
/** Longer sentences are cut into pieces of this many tokens (the longest in 21,000 news articles has 241). */
const MAX_SENTENCE_TOKENS = 400;

function maskQuotes(paragraph: Paragraph, segments: readonly MarkedSegment[]): string {
  if (segments.length === 0) return paragraph.text;
  let masked = "";
  let from = 0;
  for (const segment of segments) {
    const start = segment.start - paragraph.start;
    const end = segment.end - paragraph.start;
    const last = paragraph.text.charAt(end - 1);
    const keepsLast = SENTENCE_PUNCTUATION.test(last);
    masked += paragraph.text.slice(from, start) + "X".repeat(end - start - (keepsLast ? 1 : 0));
    if (keepsLast) masked += last;
    from = end;
  }
  return masked + paragraph.text.slice(from);
}

function pushWords(tokens: Token[], text: string, offset: number): void {
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const word = match[0];
    tokens.push({
      text: word,
      bare: bareWord(word),
      start: offset + match.index,
      end: offset + match.index + word.length,
      capitalised: isCapitalised(word),
    });
  }
}

/**
 * Splits each paragraph into sentences of prose, with quoted segments masked so that the sentences inside
 * a quotation do not split the sentence that carries it, and tokenises the prose between the quotes.
 * `segments` must be in text order; their indices are the stand-ins' `segment` values.
 */
export function sentencesOf(
  paragraphs: readonly Paragraph[],
  segments: readonly MarkedSegment[],
): Sentence[] {
  const sentences: Sentence[] = [];
  let next = 0;
  for (const paragraph of paragraphs) {
    const first = next;
    while (next < segments.length && (segments[next]?.paragraphIndex ?? Infinity) <= paragraph.index) next++;
    const own = segments.slice(first, next);
    const spans = splitSentences(maskQuotes(paragraph, own));
    let segmentAt = 0;
    for (const span of spans) {
      const start = paragraph.start + span.start;
      const end = paragraph.start + span.end;
      const tokens: Token[] = [];
      let cursor = start;
      while (segmentAt < own.length && (own[segmentAt]?.start ?? Infinity) < end) {
        const segment = own[segmentAt];
        if (segment === undefined) break;
        pushWords(
          tokens,
          paragraph.text.slice(cursor - paragraph.start, segment.start - paragraph.start),
          cursor,
        );
        tokens.push({
          text: "\u201cQUOTE\u201d",
          bare: "",
          start: segment.start,
          end: segment.end,
          capitalised: false,
          segment: first + segmentAt,
          closingPunctuation: paragraph.text.charAt(segment.end - paragraph.start - 1),
        });
        cursor = segment.end;
        segmentAt++;
      }
      if (cursor < end)
        pushWords(tokens, paragraph.text.slice(cursor - paragraph.start, end - paragraph.start), cursor);
      pushSentence(sentences, paragraph.index, start, end, tokens);
    }
  }
  demoteSentenceOpeners(sentences);
  return sentences;
}

/**
 * Adds a sentence, cut into pieces of at most `MAX_SENTENCE_TOKENS` tokens: a news sentence has well under a
 * hundred, and every step that reads a sentence around a quote then costs a bounded amount, however long the
 * run of text without a sentence end (an article that never closes its quotes, say) is.
 */
function pushSentence(
  sentences: Sentence[],
  paragraphIndex: number,
  start: number,
  end: number,
  tokens: Token[],
): void {
  if (tokens.length <= MAX_SENTENCE_TOKENS) {
    sentences.push({ index: sentences.length, paragraphIndex, start, end, tokens });
    return;
  }
  for (let from = 0; from < tokens.length; from += MAX_SENTENCE_TOKENS) {
    const piece = tokens.slice(from, from + MAX_SENTENCE_TOKENS);
    const pieceStart = from === 0 ? start : (piece[0]?.start ?? start);
    const pieceEnd = from + MAX_SENTENCE_TOKENS >= tokens.length ? end : (piece.at(-1)?.end ?? end);
    sentences.push({
      index: sentences.length,
      paragraphIndex,
      start: pieceStart,
      end: pieceEnd,
      tokens: piece,
    });
  }
}

function opensClause(tokens: readonly Token[], index: number): boolean {
  const previous = tokens[index - 1];
  return previous === undefined || previous.segment !== undefined || previous.text === ":";
}

/**
 * A capitalised word that opens a sentence ("Once", "Twenty-two") is a name only if the article also
 * capitalises it elsewhere; otherwise it is treated as the common word it is.
 */
function demoteSentenceOpeners(sentences: readonly Sentence[]): void {
  const capitalisedElsewhere = new Set<string>();
  for (const { tokens } of sentences) {
    tokens.forEach((token, index) => {
      // "“...,” Obama stated.": a word that opens a clause before a speech verb is a name there too.
      const speaking = SPEECH_VERBS.has(tokens[index + 1]?.bare ?? "");
      if (token.capitalised && (!opensClause(tokens, index) || speaking))
        capitalisedElsewhere.add(token.bare);
    });
  }
  for (const { tokens } of sentences) {
    tokens.forEach((token, index) => {
      if (!token.capitalised || !opensClause(tokens, index) || capitalisedElsewhere.has(token.bare)) return;
      const next = tokens[index + 1];
      if (next?.capitalised === true || isGivenName(token.text) || isNameTitle(token.text)) return;
      if (next !== undefined && SPEECH_VERBS.has(next.bare)) return; // "McClenney said"
      if (PLACE_NAMES.has(token.bare) || ORGANISATION_WORDS.has(token.bare)) return; // "Britain has ..."
      token.capitalised = false;
    });
  }
}
