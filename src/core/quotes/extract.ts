import { articleBody, type Article } from "../articles.ts";
import { Cast, type Entity } from "./cast.ts";
import { withVoicedText } from "./narrator.ts";
import { firstFrame, frameOf, isDirect, type Frame } from "./frames.ts";
import {
  findQuotes,
  splitParagraphs,
  type MarkedQuote,
  type MarkedSegment,
  type Paragraph,
} from "./marks.ts";
import {
  ANONYMITY_WORDS,
  CALENDAR_WORDS,
  GROUP_MEMBER_WORDS,
  INDEFINITE_DETERMINERS,
  PHRASE_STOPS,
  VERB_MODIFIERS,
} from "./lexicon.ts";
import {
  isPunctuation,
  isSpeechVerb,
  readForward,
  readSubject,
  withoutFullStop,
  type Phrase,
} from "./phrases.ts";
import { sentencesOf, type Sentence, type Token } from "./tokens.ts";
import type { ExtractOptions, Quote, QuoteKind, Speaker } from "./types.ts";

type Source = "frame" | "inherited";

interface Attribution {
  speaker: Speaker;
  source: Source;
}

interface SegmentPlace {
  sentence: Sentence;
  token: number;
}

const SUBJECT_PRONOUNS = new Set(["he", "she"]);
const SIGNATURE_DASHES = new Set(["\u2014", "\u2013", "\u2015", "-", "--"]);
const BEFORE_SUBJECT = new Set([
  "and",
  "but",
  "that",
  "because",
  "while",
  "when",
  "as",
  "so",
  "said",
  "after",
  "before",
  "since",
  "if",
]);
const TITLE_WORD = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}'\u2019.&-]*|of|the|and|a|an|in|on|for|to|at|with)$/u;

/** Quotes of a plain text: paragraphs are its non-blank lines; offsets are offsets in `text`. */
export function extractQuotes(text: string, options: ExtractOptions = {}): Quote[] {
  return extractFromParagraphs(text, splitParagraphs(text), options);
}

/**
 * Quotes of an article's body. Offsets refer to `articleBody(article)` (paragraphs joined by blank lines)
 * and `paragraphIndex` to `article.paragraphs`.
 */
export function extractArticleQuotes(
  article: Pick<Article, "paragraphs">,
  options: ExtractOptions = {},
): Quote[] {
  const body = articleBody(article);
  const paragraphs: Paragraph[] = [];
  let offset = 0;
  article.paragraphs.forEach((text, index) => {
    const leading = text.length - text.trimStart().length;
    const trimmed = text.trim();
    if (trimmed.length > 0) paragraphs.push({ text: trimmed, start: offset + leading, index });
    offset += text.length + 2;
  });
  return extractFromParagraphs(body, paragraphs, options);
}

/**
 * Text looked at for quotes in one article, at most: a CPU budget per article. Extraction is linear, but a
 * planted multi-megabyte paragraph of quote marks still costs about a quarter of a second a megabyte on one
 * core, held by every server at once; real articles are under 100,000 characters.
 */
export const MAX_QUOTED_TEXT_CHARS = 1_000_000;

/** The paragraphs within the budget; the one that crosses it is cut at a space. */
function withinBudget(paragraphs: readonly Paragraph[]): readonly Paragraph[] {
  let room = MAX_QUOTED_TEXT_CHARS;
  const kept: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.text.length <= room) {
      kept.push(paragraph);
      room -= paragraph.text.length;
      continue;
    }
    const cut = paragraph.text.lastIndexOf(" ", room);
    if (cut > 0) kept.push({ ...paragraph, text: paragraph.text.slice(0, cut) });
    break;
  }
  return kept;
}

function extractFromParagraphs(
  source: string,
  allParagraphs: readonly Paragraph[],
  options: ExtractOptions,
): Quote[] {
  const paragraphs = withinBudget(allParagraphs);
  const marked = findQuotes(paragraphs);
  if (marked.length === 0) return [];
  const segments = marked.flatMap((quote) => quote.segments);
  const sentences = sentencesOf(paragraphs, segments);
  const places = placesOf(sentences, firstSegments(marked, segments.length));
  const attributions = attribute(source, sentences, segments, new Cast(source, sentences));

  const quotes: Quote[] = [];
  let segmentIndex = 0;
  for (const quote of marked) {
    const indices = quote.segments.map(() => segmentIndex++);
    const own = indices.map((index) => attributions[index]);
    const framed =
      own.find((attribution) => attribution?.source === "frame") ?? own.find((a) => a !== undefined);
    const firstIndex = indices[0] ?? 0;
    const place = places[firstIndex];
    if (place === undefined) continue;
    const first = quote.segments[0];
    const last = quote.segments.at(-1) ?? first;
    const kind: QuoteKind =
      quote.segments.length > 1 || first.label !== undefined || isDirect(place.sentence.tokens, place.token)
        ? "direct"
        : "partial";
    const text = quote.segments.map((segment) => source.slice(segment.start, segment.end)).join("\n");
    const speaker = framed?.speaker ?? null;
    if (kind === "partial" && (speaker === null || looksLikeTitle(text))) continue;
    if (speaker === null && options.keepUnattributed === false) continue;
    quotes.push({
      text,
      start: first.start,
      end: last.end,
      paragraphIndex: first.paragraphIndex,
      kind,
      speaker,
      context: source.slice(place.sentence.start, place.sentence.end),
      segments: quote.segments.map((segment) => ({
        start: segment.start,
        end: segment.end,
        paragraphIndex: segment.paragraphIndex,
        text: source.slice(segment.start, segment.end),
      })),
    });
  }
  return withoutRepeats(quotes, paragraphs);
}

const BULLET = /^[\u2022\u25aa\u25cf\u2023\u2043*\u00b7]/u;

function repeatKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/[\s.,;:!?\u2026]+$/, "")
    .trim();
}

/**
 * Highlight bullets over a story repeat its quotes word for word; such a quote is reported once, where the
 * story itself gives it. (A quote the story repeats in its own prose is said twice and kept twice.)
 */
function withoutRepeats(quotes: readonly Quote[], paragraphs: readonly Paragraph[]): Quote[] {
  const bullets = new Set(paragraphs.filter((p) => BULLET.test(p.text)).map((p) => p.index));
  if (bullets.size === 0) return [...quotes];
  const inBody = new Set(
    quotes.filter((quote) => !bullets.has(quote.paragraphIndex)).map((quote) => repeatKey(quote.text)),
  );
  return quotes.filter((quote) => !bullets.has(quote.paragraphIndex) || !inBody.has(repeatKey(quote.text)));
}

/** Which segments open their quote, by segment index. */
function firstSegments(marked: readonly MarkedQuote[], count: number): boolean[] {
  const firsts = new Array<boolean>(count).fill(false);
  let index = 0;
  for (const quote of marked) {
    firsts[index] = true;
    index += quote.segments.length;
  }
  return firsts;
}

/** Where the segments that open a quote stand: only they are looked up. */
function placesOf(sentences: readonly Sentence[], wanted: readonly boolean[]): (SegmentPlace | undefined)[] {
  const places: (SegmentPlace | undefined)[] = new Array<SegmentPlace | undefined>(wanted.length);
  for (const sentence of sentences) {
    sentence.tokens.forEach((token, index) => {
      if (token.segment !== undefined && wanted[token.segment] === true)
        places[token.segment] = { sentence, token: index };
    });
  }
  return places;
}

/** A partial quote in title case ("Fox News Sunday", "Lyin' Ted.") names something; nobody is quoted. */
function looksLikeTitle(text: string): boolean {
  const words = text.replace(/[.,!?;:]+$/, "").split(/\s+/);
  return words.length <= 7 && /^[\p{Lu}\p{N}]/u.test(text) && words.every((word) => TITLE_WORD.test(word));
}

/**
 * Attributes every segment, reading the article in order so that pronouns and descriptions can only
 * point back: frames in the segment's own sentence first, then the latest speaker of the paragraph, then
 * the speaker of the previous paragraph's last sentence (a quote standing alone after an attribution or a
 * colon).
 */
function attribute(
  source: string,
  sentences: readonly Sentence[],
  segments: readonly MarkedSegment[],
  cast: Cast,
): (Attribution | undefined)[] {
  const attributions: (Attribution | undefined)[] = new Array<Attribution | undefined>(segments.length);
  const sentenceSpeakers: (Speaker | undefined)[] = [];
  // The person who spoke last in each sentence, as resolved: "he" in the next sentence goes on with them.
  const sentenceEntities: (Entity | undefined)[] = [];
  let spoken: Entity | undefined;
  const speakerOf = (
    written: Phrase,
    sentence: Sentence,
    fragment = false,
    quoted?: string,
  ): Speaker | undefined => {
    const phrase =
      written.kind === "description"
        ? withVoicedText(source, sentences, sentence.index, withTail(source, sentence.tokens, written))
        : written;
    const entity: Entity | undefined = cast.resolve(
      phrase,
      sentence.index,
      phrase.start,
      spoken ?? sentenceEntities[sentence.index - 1],
      quoted,
    );
    // "He added that it had risen “a couple clicks” because of Lee's remarks, which called X “a fraud”": a
    // fragment later in the sentence does not make its speaker the one "he" goes on with.
    if (!fragment || spoken === undefined) spoken = entity;
    if (entity !== undefined && phrase.kind !== "name" && phrase.kind !== "organisation") {
      cast.mention(entity, sentence.index, phrase.start);
    }
    // “...,” one said, with no group in view to be one of: someone the story does not tell.
    if (entity === undefined && phrase.kind === "pronoun" && GROUP_MEMBER_WORDS.has(phrase.head ?? ""))
      return undefined;
    return cast.speakerOf(phrase, entity);
  };

  // The speaker a quote without a frame carries on: the latest one of its paragraph, else the one of the
  // previous paragraph's last sentence. Kept as the sentences are read, so that no quote looks back.
  let carried: Speaker | undefined;
  let paragraphIndex = -1;
  for (const sentence of sentences) {
    if (sentence.paragraphIndex !== paragraphIndex) {
      carried = paragraphIndex === -1 ? undefined : sentenceSpeakers[sentence.index - 1];
      paragraphIndex = sentence.paragraphIndex;
    }
    mentionSubjectPronouns(cast, sentence);
    let latest: Speaker | undefined;
    spoken = undefined;
    sentence.tokens.forEach((token, index) => {
      if (token.segment === undefined) return;
      const segment = segments[token.segment];
      if (segment === undefined) return;
      const labelled = segment.label === undefined ? undefined : labelPhrase(segment, source);
      const frame: Frame | undefined =
        labelled === undefined ? frameOf(source, sentence.tokens, index) : undefined;
      const signed =
        index === sentence.tokens.length - 1
          ? signature(source, sentences[sentence.index + 1], sentence, sentences[sentence.index + 2])
          : undefined;
      const framed =
        frame === undefined ? undefined : introducedBefore(source, sentence.tokens, index, frame.phrase);
      const phrase = labelled ?? framed ?? signed;
      if (phrase !== undefined) {
        // Enough of the quote to see whom it names; a runaway segment of unclosed quotes is not read whole.
        const quoted = source.slice(segment.start, Math.min(segment.end, segment.start + QUOTE_NAMES_SPAN));
        latest = speakerOf(phrase, sentence, !isDirect(sentence.tokens, index), quoted);
        if (latest !== undefined) attributions[token.segment] = { speaker: latest, source: "frame" };
        return;
      }
      // Only a full quote carries on an earlier speaker; a fragment without a frame is a scare quote.
      const continues = segment.label !== undefined || isDirect(sentence.tokens, index) || !segment.closed;
      const inherited = continues ? (latest ?? carried) : undefined;
      if (inherited !== undefined) {
        attributions[token.segment] = { speaker: inherited, source: "inherited" };
        latest = inherited;
      }
    });
    if (latest === undefined) {
      const phrase = firstFrame(source, sentence.tokens)?.phrase ?? colonSubject(source, sentence);
      if (phrase !== undefined) latest = speakerOf(phrase, sentence);
    }
    sentenceSpeakers[sentence.index] = latest;
    sentenceEntities[sentence.index] = spoken;
    if (latest !== undefined) carried = latest;
  }
  return attributions;
}

/** How much of a quote is read for the people it names (see `Cast.resolvePronoun`). */
const QUOTE_NAMES_SPAN = 2_000;

const MAX_INTRODUCTION_DISTANCE = 30;

/**
 * “...,” the source said, after "a source familiar with the case did so, with a caveat:" in the same
 * sentence: the definite description stands for the indefinite one with its head noun before the quote.
 */
function introducedBefore(source: string, tokens: readonly Token[], quote: number, phrase: Phrase): Phrase {
  if (phrase.kind !== "description" || phrase.head === undefined || !/^the /i.test(phrase.text))
    return phrase;
  if (phrase.start < (tokens[quote]?.end ?? Infinity)) return phrase;
  for (let at = Math.max(0, quote - MAX_INTRODUCTION_DISTANCE); at < quote; at++) {
    const token = tokens[at];
    if (token === undefined || token.segment !== undefined || !INDEFINITE_DETERMINERS.has(token.bare))
      continue;
    const introduced = readForward(source, tokens, at, quote);
    if (introduced?.kind === "description" && introduced.head === phrase.head) return introduced;
  }
  return phrase;
}

const TAIL_STARTS = new Set(["for", "at", "of", "with", "from", "familiar", "close", "who"]);
const MAX_TAIL = 12;

/**
 * The words that go on describing after a description's head noun, up to a comma, a quote, a speech verb or
 * the sentence's end: "a broker at Nomura Securities Co", "an aide familiar with the talks". A tail longer
 * than a dozen words is a clause of its own, and is left out; so is a "who" clause that only tells why
 * the source is unnamed ("who was not authorized to speak"), unlike one that tells who they are ("a lawyer
 * who specializes in drug cases").
 */
function withTail(source: string, tokens: readonly Token[], phrase: Phrase): Phrase {
  let at = tokens.findIndex((token) => token.end === phrase.end) + 1;
  const start = tokens[at]?.bare ?? "";
  if (at === 0 || !TAIL_STARTS.has(start) || tokens[at]?.capitalised === true) return phrase;
  const from = at;
  while (at < tokens.length && at - from < MAX_TAIL) {
    const token = tokens[at];
    if (token === undefined || token.segment !== undefined || isPunctuation(token) || isSpeechVerb(token))
      break;
    if (!token.capitalised && VERB_MODIFIERS.has(token.bare)) break;
    if (token.capitalised && CALENDAR_WORDS.has(token.bare)) break;
    at++;
  }
  const stopped = tokens[at];
  if (at - from >= MAX_TAIL && stopped !== undefined && !isPunctuation(stopped) && !isSpeechVerb(stopped))
    return phrase;
  while (at > from && PHRASE_STOPS.has(tokens[at - 1]?.bare ?? "")) at--;
  const last = tokens[at - 1];
  if (at <= from + 1 || last === undefined) return phrase;
  if (start === "who" && tokens.slice(from, at).some((token) => ANONYMITY_WORDS.has(token.bare)))
    return phrase;
  return { ...phrase, full: withoutFullStop(source.slice(phrase.start, last.end)) };
}

/**
 * A signature in the sentence after a quote: “... matter.” ― Krystal Correa. A quote that makes up a
 * paragraph of its own may be signed by the next paragraph, when that is only a dash and a name (“...” /
 * "- Bernie Sanders.", the layout of fact checks and reader round-ups).
 */
function signature(
  source: string,
  next: Sentence | undefined,
  sentence: Sentence,
  afterNext: Sentence | undefined,
): Phrase | undefined {
  if (next === undefined) return undefined;
  let from = 1;
  if (next.paragraphIndex === sentence.paragraphIndex) {
    if (!SIGNATURE_DASHES.has(next.tokens[0]?.text ?? "")) return undefined;
  } else {
    const alone = sentence.tokens.every((token) => token.segment !== undefined);
    const whole = afterNext?.paragraphIndex !== next.paragraphIndex;
    const first = next.tokens[0];
    if (!alone || !whole || first === undefined) return undefined;
    // A dash that opens a paragraph has no space before it, so it is not read as a token.
    const lead = source.slice(next.start, first.start).trim();
    if (SIGNATURE_DASHES.has(lead)) from = 0;
    else if (lead.length > 0 || !SIGNATURE_DASHES.has(first.text)) return undefined;
  }
  const phrase = readForward(source, next.tokens, from, next.tokens.length);
  return phrase?.kind === "name" && phrase.end === next.tokens.at(-1)?.end ? phrase : undefined;
}

/** "Sanders made the following comment:" introduces the quote that follows with its subject. */
function colonSubject(source: string, sentence: Sentence): Phrase | undefined {
  const { tokens } = sentence;
  if (tokens.at(-1)?.text !== ":") return undefined;
  const phrase = readSubject(source, tokens, 0, tokens.length - 1);
  return phrase?.kind === "group" ? undefined : phrase;
}

/** Records "he"/"she" in subject position as mentions of the person they stand for, for later pronouns. */
function mentionSubjectPronouns(cast: Cast, sentence: Sentence): void {
  sentence.tokens.forEach((token, index) => {
    if (token.capitalised && index > 0) return;
    if (!SUBJECT_PRONOUNS.has(token.bare) || token.segment !== undefined) return;
    const previous = sentence.tokens[index - 1];
    if (previous !== undefined && !isPunctuation(previous) && !BEFORE_SUBJECT.has(previous.bare)) return;
    const entity = cast.resolvePronoun(token.bare, sentence.index, token.start);
    if (entity !== undefined) cast.mention(entity, sentence.index, token.start);
  });
}

function labelPhrase(segment: MarkedSegment, source: string): Phrase | undefined {
  const label = segment.label;
  if (label === undefined) return undefined;
  const words = label.split(" ").map((word) => word.charAt(0) + word.slice(1).toLowerCase());
  const start = source.indexOf(label, segment.start);
  return {
    kind: "name",
    text: label,
    start,
    end: start + label.length,
    name: words,
    modifiers: [],
  };
}
