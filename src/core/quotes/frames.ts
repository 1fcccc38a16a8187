import { DOCUMENT_NOUNS, FRAGMENT_VERBS, PHRASE_STOPS, SPEAKER_PRONOUNS, VERB_MODIFIERS } from "./lexicon.ts";
import {
  isPunctuation,
  isSpeechVerb,
  readBackward,
  readForward,
  readSubject,
  skipVerbModifiers,
  type Phrase,
} from "./phrases.ts";
import type { Token } from "./tokens.ts";

/** A speech verb with the phrase that names its speaker. */
export interface Frame {
  phrase: Phrase;
  /** Token index of the verb (or of "according"). */
  verb: number;
}

const MAX_TAIL = 40;
const DASHES = new Set(["\u2014", "\u2013", "\u2015", "-", "--"]);
const NEAR_TAIL = 8;
const ATTRIBUTING_PUNCTUATION = new Set([",", "?", "!", "\u2014", "\u2013", "-", "\u2026"]);

function isWord(token: Token | undefined): boolean {
  return token !== undefined && token.segment === undefined && !isPunctuation(token);
}

/** What the frame readers ask of a sentence again and again, found once per sentence. */
interface Layout {
  /** Index of the first and the last word of prose (-1 when none). */
  firstWord: number;
  lastWord: number;
  /** Indices of the speech verbs and of the "according" of "according to", in order. */
  verbs: number[];
}

const LAYOUTS = new WeakMap<readonly Token[], Layout>();

/**
 * The sentence's layout, so that every quote of a long sentence does not scan it all again. (The token
 * arrays of sentences are not changed once they are read.)
 */
function layoutOf(tokens: readonly Token[]): Layout {
  let layout = LAYOUTS.get(tokens);
  if (layout === undefined) {
    layout = { firstWord: -1, lastWord: -1, verbs: [] };
    for (let at = 0; at < tokens.length; at++) {
      if (isWord(tokens[at])) {
        if (layout.firstWord === -1) layout.firstWord = at;
        layout.lastWord = at;
      }
      if (isSpeechVerb(tokens[at]) || isAccordingTo(tokens, at)) layout.verbs.push(at);
    }
    LAYOUTS.set(tokens, layout);
  }
  return layout;
}

/** Whether a word of prose stands before token `to`. */
function wordBefore(tokens: readonly Token[], to: number): boolean {
  const { firstWord } = layoutOf(tokens);
  return firstWord !== -1 && firstWord < to;
}

/** Whether a word of prose stands after token `from`. */
function wordAfter(tokens: readonly Token[], from: number): boolean {
  return layoutOf(tokens).lastWord > from;
}

function isAccordingTo(tokens: readonly Token[], at: number): boolean {
  return tokens[at]?.bare === "according" && tokens[at + 1]?.bare === "to";
}

/**
 * "the Vatican spokesman, Federico Lombardi, told": the name set off by commas just before the verb
 * names the person a description (or body) before it only introduces.
 */
function appositiveName(
  source: string,
  tokens: readonly Token[],
  verb: number,
  lowest: number,
  phrase: Phrase | undefined,
): Phrase | undefined {
  if (phrase === undefined || phrase.kind === "name" || phrase.kind === "pronoun") return phrase;
  if (tokens[verb - 1]?.text !== ",") return phrase;
  const name = readBackward(source, tokens, verb - 2, lowest);
  if (name?.kind !== "name" || name.start <= phrase.start) return phrase;
  const before = tokens.findIndex((token) => token.start === name.start) - 1;
  if (tokens[before]?.text !== "," || (tokens[before - 1]?.end ?? -1) !== phrase.end) return phrase;
  return name.role === undefined ? { ...name, role: phrase.text.replace(/^(?:the|an?) /i, "") } : name;
}

/**
 * "said head of equities at Jardine Fleming, Mario Malt.": a description after the verb that a name closes
 * off at the sentence's end introduces that name.
 */
function namedAfter(
  source: string,
  tokens: readonly Token[],
  phrase: Phrase | undefined,
  end: number,
): Phrase | undefined {
  if (phrase?.kind !== "description") return phrase;
  let comma = tokens.findIndex((token) => token.start >= phrase.end);
  for (let steps = 0; comma !== -1 && comma < end && steps < 12; steps++, comma++) {
    const token = tokens[comma];
    if (token === undefined || token.segment !== undefined || isSpeechVerb(token)) return phrase;
    if (token.text === ",") break;
  }
  if (comma === -1 || tokens[comma]?.text !== ",") return phrase;
  const name = readForward(source, tokens, comma + 1, end);
  if (name?.kind !== "name" || name.end !== tokens[end - 1]?.end) return phrase;
  const role = source.slice(phrase.start, tokens[comma - 1]?.end ?? phrase.end).replace(/^(?:the|an?) /i, "");
  return name.role === undefined ? { ...name, role } : name;
}

const TAIL_PREPOSITIONS = new Set(["for", "at", "with", "from"]);

/**
 * "a spokesman for the Widget Makers Association said", "a spokesman for a smaller refiner said": read back
 * from the verb, the body is only the tail of the description before it, which names the speaker.
 */
function describedBy(
  source: string,
  tokens: readonly Token[],
  phrase: Phrase | undefined,
  lowest: number,
): Phrase | undefined {
  if (phrase === undefined) return phrase;
  if (phrase.kind !== "organisation" && phrase.kind !== "name" && phrase.kind !== "description")
    return phrase;
  const first = tokens.findIndex((token) => token.start === phrase.start);
  if (first < lowest + 2 || !TAIL_PREPOSITIONS.has(tokens[first - 1]?.bare ?? "")) return phrase;
  const description = readBackward(source, tokens, first - 2, lowest);
  return description?.kind === "description" ? description : phrase;
}

/**
 * The subject between a quote and the verb after it, read forwards; but "the Ohio-based think-tank The
 * Carver Institution says": a name right before the verb that a description only introduces is the speaker.
 */
function subjectBefore(
  source: string,
  tokens: readonly Token[],
  from: number,
  verb: number,
): Phrase | undefined {
  const forward = readForward(source, tokens, from, verb);
  const backward = describedBy(source, tokens, readBackward(source, tokens, verb - 1, from), from);
  if (forward === undefined) return backward;
  const named = backward !== undefined && (backward.kind === "name" || backward.kind === "organisation");
  if (forward.kind !== "description" || !named || backward.start < forward.end) return forward;
  const between = tokens.filter((token) => token.start >= forward.end && token.end <= backward.start);
  return between.every((token) => isWord(token) && !PHRASE_STOPS.has(token.bare)) ? backward : forward;
}

const ARRIVAL_VERBS = new Set(["came", "comes", "come"]);
/** What a voice sends out, as the subject of "came": "came shouts from the crowd", "came the reply". */
const UTTERANCE_NOUNS = new Set([
  "shout",
  "shouts",
  "cry",
  "cries",
  "chant",
  "chants",
  "call",
  "calls",
  "yell",
  "yells",
  "reply",
  "replies",
  "response",
  "answer",
  "retort",
  "voice",
  "voices",
  "word",
]);
const MAX_UTTERANCE_WORDS = 3;

/**
 * `“Call the roll,” came shouts from the crowd`, `came the terse reply from the White House`: the verb
 * "came" with what was said as its subject; the speaker is the one it came from.
 */
function cameFrom(source: string, tokens: readonly Token[], quote: number, end: number): Frame | undefined {
  const verb = quote + 1;
  if (!ARRIVAL_VERBS.has(tokens[verb]?.bare ?? "")) return undefined;
  const last = Math.min(end, verb + 1 + MAX_UTTERANCE_WORDS);
  for (let at = verb + 1; at < last; at++) {
    const token = tokens[at];
    if (token === undefined || !isWord(token)) return undefined;
    if (!UTTERANCE_NOUNS.has(token.bare)) continue;
    if (tokens[at + 1]?.bare !== "from") return undefined;
    const phrase = readForward(source, tokens, at + 2, end);
    return phrase === undefined ? undefined : { phrase, verb };
  }
  return undefined;
}

/** The frame after a quote: `,” Kremlin spokesman Dmitry Peskov said`, `,” said Caddell`, `according to X`. */
export function frameAfter(source: string, tokens: readonly Token[], quote: number): Frame | undefined {
  let end = quote + 1;
  while (end < tokens.length && tokens[end]?.segment === undefined && tokens[end]?.text !== ";") end++;
  const dash = tokens[quote + 1];
  if (dash !== undefined && DASHES.has(dash.text)) {
    // A signature: “...” ― Pamela Padilla
    const phrase = readForward(source, tokens, quote + 2, end);
    if (phrase?.kind === "name" && phrase.end === tokens[end - 1]?.end) return { phrase, verb: quote + 1 };
  }
  const came = cameFrom(source, tokens, quote, end);
  if (came !== undefined) return came;
  const limit = Math.min(end, quote + 1 + MAX_TAIL);
  for (let at = quote + 1; at < limit; at++) {
    if (isAccordingTo(tokens, at)) {
      const phrase = readForward(source, tokens, at + 2, end);
      return phrase === undefined ? undefined : { phrase, verb: at };
    }
    const token = tokens[at];
    if (!isSpeechVerb(token) || FRAGMENT_VERBS.has(token?.bare ?? "")) continue;
    const verbFirst = tokens
      .slice(quote + 1, at)
      .every((t) => isPunctuation(t) || (!t.capitalised && VERB_MODIFIERS.has(t.bare)));
    const phrase = verbFirst
      ? namedAfter(
          source,
          tokens,
          readForward(source, tokens, at + 1, end) ?? roleThenName(source, tokens, at + 1, end),
          end,
        )
      : appositiveName(source, tokens, at, quote + 1, subjectBefore(source, tokens, quote + 1, at));
    return phrase === undefined
      ? undefined
      : { phrase: quotedSource(source, tokens, at, end, phrase), verb: at };
  }
  return undefined;
}

/** Lower-case words a role may take before the name it introduces after the verb. */
const MAX_ROLE_BEFORE_NAME = 5;

/**
 * "said master of ceremonies Asab Tabchi": a role with "of" in it, which no phrase reads across, before the
 * name that closes the frame.
 */
function roleThenName(
  source: string,
  tokens: readonly Token[],
  from: number,
  end: number,
): Phrase | undefined {
  for (let at = from; at < end && at - from <= MAX_ROLE_BEFORE_NAME; at++) {
    const token = tokens[at];
    if (token === undefined || token.segment !== undefined || isPunctuation(token) || isSpeechVerb(token))
      return undefined;
    if (!token.capitalised) continue;
    if (at === from) return undefined;
    const name = readForward(source, tokens, at, end);
    if (name?.kind !== "name") return undefined;
    const role = source.slice(tokens[from]?.start ?? 0, tokens[at - 1]?.end ?? 0);
    return name.role === undefined ? { ...name, role } : name;
  }
  return undefined;
}

const CITING = new Set(["quoting", "citing"]);

/**
 * "the Post reported, quoting an anonymous official": a paper or body that quotes someone passes on that
 * person's words, so the person it quotes is the speaker.
 */
function quotedSource(
  source: string,
  tokens: readonly Token[],
  verb: number,
  end: number,
  phrase: Phrase,
): Phrase {
  if (phrase.kind !== "organisation" && phrase.kind !== "document") return phrase;
  let at = verb + 1;
  while (at < end && (tokens[at]?.start ?? 0) < phrase.end) at++;
  if (tokens[at]?.text !== "," || !CITING.has(tokens[at + 1]?.bare ?? "")) return phrase;
  const quoted = readForward(source, tokens, at + 2, end);
  return quoted?.kind === "name" || quoted?.kind === "description" ? quoted : phrase;
}

const MAX_RECIPIENT_WORDS = 6;
const CLAUSE_JOINS = new Set(["and", "but", "then", "so", "yet"]);

/** Verbs by which a speaker puts out a text in their own name: "issued a statement", "sent a message". */
const SENDING_VERBS = new Set([
  "sent", "sends", "send", "issued", "issues", "released", "releases", "put", "puts", "posted", "posts",
  "published", "publishes", "circulated", "distributed", "emailed", "e-mailed", "mailed", "tweeted", "fired",
]); // prettier-ignore

/**
 * "his campaign sent a text message to supporters saying: “...”", "the ministry issued a statement saying":
 * the text a subject sends out speaks in the sender's name, and those it was sent to say nothing; so the
 * subject of the sending verb is the speaker.
 */
function senderOf(source: string, tokens: readonly Token[], verb: number): Phrase | undefined {
  if (!tokens[verb]?.bare.endsWith("ing")) return undefined;
  // The recipients ("to supporters", "to all the members") say nothing: the text is what comes before "to".
  let to = verb - 1;
  while (to > verb - MAX_RECIPIENT_WORDS && isWord(tokens[to]) && tokens[to]?.bare !== "to") to--;
  const before = readBackward(source, tokens, tokens[to]?.bare === "to" ? to - 1 : verb - 1, 0);
  const first = tokens.findIndex((token) => token.start === before?.start);
  const text = before?.kind === "document" || DOCUMENT_NOUNS.has(before?.head ?? "");
  if (before === undefined || before.kind === "name" || !text || first < 2) return undefined;
  let sending = first - 1;
  while (sending > 0 && !tokens[sending]?.capitalised && VERB_MODIFIERS.has(tokens[sending]?.bare ?? ""))
    sending--;
  if (tokens[sending]?.bare === "out") sending--;
  if (!SENDING_VERBS.has(tokens[sending]?.bare ?? "")) return undefined;
  const subject = readBackward(source, tokens, sending - 1, 0);
  if (subject === undefined || subject.kind === "group" || subject.kind === "document") return undefined;
  if (subject.end !== tokens[sending - 1]?.end) return undefined;
  // The phrase opens its clause: "Later, his office sent ...", not "a letter to his office sent ...".
  const opener = tokens[tokens.findIndex((token) => token.start === subject.start) - 1];
  return opener === undefined || isPunctuation(opener) || CLAUSE_JOINS.has(opener.bare) ? subject : undefined;
}

/**
 * "..., and Ann Lee, who joked, “...”", "denied by a party spokesman, who said: “...”": a relative "who" set
 * off by a comma before the speech verb stands for the name or description just before the comma, which is
 * the speaker.
 */
function relativeSubject(source: string, tokens: readonly Token[], verb: number): Phrase | undefined {
  const who = skipVerbModifiers(tokens, verb - 1, 0);
  if (tokens[who]?.bare !== "who" || tokens[who - 1]?.text !== ",") return undefined;
  const name = readBackward(source, tokens, who - 2, 0);
  const kind = name?.kind;
  return (kind === "name" || kind === "description") && name?.end === tokens[who - 2]?.end ? name : undefined;
}

/** The nearest frame before a quote in its sentence: `X said: “`, `X called it “`, `according to X, “`. */
export function frameBefore(source: string, tokens: readonly Token[], quote: number): Frame | undefined {
  const { verbs } = layoutOf(tokens);
  // The last verb before the quote, by binary search: verbs[next] < quote <= verbs[next + 1].
  let low = 0;
  let high = verbs.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((verbs[middle] ?? 0) < quote) low = middle + 1;
    else high = middle;
  }
  for (let next = low - 1; next >= 0; next--) {
    const at = verbs[next] ?? 0;
    if (isAccordingTo(tokens, at)) {
      const phrase = readForward(source, tokens, at + 2, quote);
      if (phrase !== undefined) return { phrase, verb: at };
      continue;
    }
    // "I had to change my answer:": after a possessive or an article the word is a noun, not a verb.
    if (!isSpeechVerb(tokens[at]) || NOUN_MARKERS.has(tokens[at - 1]?.bare ?? "")) continue;
    // "When Lee suggested a deal, Ray fired back: “...”": a later clause brings the quote in with a colon.
    const afterVerb =
      tokens[quote - 1]?.text === ":" ? lastClauseSubject(source, tokens, quote - 1) : undefined;
    if (afterVerb !== undefined && afterVerb.start > (tokens[at]?.end ?? 0))
      return { phrase: afterVerb, verb: quote - 1 };
    const phrase =
      senderOf(source, tokens, at) ??
      relativeSubject(source, tokens, at) ??
      describedBy(source, tokens, readBackward(source, tokens, at - 1, 0), 0) ??
      appositiveName(source, tokens, at, 0, readSubject(source, tokens, 0, at));
    return phrase === undefined ? undefined : { phrase, verb: at };
  }
  // "Obama is rolling out a new campaign message: “It's about me.”": the subject introduces the quote.
  if (tokens[quote - 1]?.text === ":") {
    const label = labelBeforeColon(source, tokens, quote - 1);
    if (label !== undefined) return { phrase: label, verb: quote - 1 };
    const phrase = lastClauseSubject(source, tokens, quote - 1) ?? readSubject(source, tokens, 0, quote - 1);
    if (phrase !== undefined && phrase.kind !== "group") return { phrase, verb: quote - 1 };
  }
  return undefined;
}

/** Words before a noun, never before a verb: "my answer", "the reply". */
const NOUN_MARKERS = new Set(["my", "his", "her", "their", "our", "your", "its", "the", "a", "an"]);

/** Words after which a new clause, with a subject of its own, may open. */
const CLAUSE_SEPARATORS = new Set([",", "that"]);

/**
 * "She was so upset that I had to change my answer: “...”", "When Lee asked, Ray fired back: “...”": the
 * clause right before a colon introduces the quote with its own subject, not the sentence's first one.
 */
function lastClauseSubject(source: string, tokens: readonly Token[], colon: number): Phrase | undefined {
  for (let at = colon - 1; at > 0; at--) {
    const token = tokens[at];
    if (token === undefined || token.segment !== undefined) return undefined;
    if (!CLAUSE_SEPARATORS.has(tokens[at - 1]?.bare ?? "")) continue;
    if (!token.capitalised && !SPEAKER_PRONOUNS.has(token.bare)) continue;
    const phrase = readForward(source, tokens, at, colon);
    if (phrase === undefined || phrase.kind === "group" || phrase.kind === "document") continue;
    const next = tokens.find((t) => t.start >= phrase.end);
    if (next !== undefined && next !== tokens[colon] && isWord(next) && !next.capitalised) return phrase;
  }
  return undefined;
}

const LABEL_LEADS = new Set([...DASHES, "from"]);

/**
 * "POLLS WERE EARLY - Ann Lee and Bo Ray: “...”", "More from Lee: “...”": a name set off by a dash (or
 * "from") just before the colon labels the quote that follows, as a heading names the writer it quotes.
 */
function labelBeforeColon(source: string, tokens: readonly Token[], colon: number): Phrase | undefined {
  const name = readBackward(source, tokens, colon - 1, 0);
  if (name === undefined || (name.kind !== "name" && name.kind !== "organisation")) return undefined;
  if (tokens[colon - 1]?.end !== name.end) return undefined;
  let first = tokens.findIndex((token) => token.start === name.start);
  // "Ann Lee and Bo Ray": the last of the names speaks for the pair.
  if (tokens[first - 1]?.bare === "and") {
    const other = readBackward(source, tokens, first - 2, 0);
    if (other?.kind === "name") first = tokens.findIndex((token) => token.start === other.start);
  }
  const lead = tokens[first - 1];
  if (lead === undefined || !LABEL_LEADS.has(lead.bare === "from" ? "from" : lead.text)) return undefined;
  return name;
}

const AFTER_INVERTED = new Set(["in", "on", "at", "during", "after", "before", "when", "while", "as"]);

/**
 * Whether a phrase read after a verb ends its clause: "..., noted NBC's Dante Chinni." does, but in "...,
 * said Trump continued to hurt him" the name is the subject of what was said.
 */
function endsClause(tokens: readonly Token[], from: number, phrase: Phrase): boolean {
  let at = from;
  while (at < tokens.length && (tokens[at]?.start ?? 0) < phrase.end) at++;
  const next = tokens[at];
  return (
    next === undefined ||
    next.segment !== undefined ||
    isPunctuation(next) ||
    /^[.?!]/.test(next.text) ||
    AFTER_INVERTED.has(next.bare)
  );
}

/**
 * "Cruz won crowds with speeches and promises to fight, Stovall said.": a frame set off by a comma at the
 * sentence's end reports all that comes before it, so its speaker is the sentence's, whatever verbs (or
 * nouns that look like them) the reported words hold.
 */
function closingFrame(source: string, tokens: readonly Token[]): Frame | undefined {
  const { verbs, lastWord } = layoutOf(tokens);
  const verb = verbs.at(-1);
  if (verb === undefined || verbs.length < 2 || isAccordingTo(tokens, verb)) return undefined;
  if (!isSpeechVerb(tokens[verb]) || tokens.slice(verb).some((token) => token.segment !== undefined))
    return undefined;
  if (verb === lastWord) {
    const phrase = readBackward(source, tokens, verb - 1, 0);
    if (phrase === undefined || phrase.kind === "group") return undefined;
    const first = tokens.findIndex((token) => token.start === phrase.start);
    return tokens[first - 1]?.text === "," ? { phrase, verb } : undefined;
  }
  if (tokens[verb - 1]?.text !== ",") return undefined;
  const phrase = readForward(source, tokens, verb + 1, tokens.length);
  if (phrase === undefined || phrase.kind === "group" || phrase.kind === "pronoun") return undefined;
  return phrase.end === tokens[lastWord]?.end ? { phrase, verb } : undefined;
}

/** The first frame of a sentence of prose, quotes or not: "Trump said Wednesday that ...". */
export function firstFrame(source: string, tokens: readonly Token[]): Frame | undefined {
  const closing = closingFrame(source, tokens);
  if (closing !== undefined) return closing;
  for (let at = 0; at < tokens.length; at++) {
    if (isAccordingTo(tokens, at)) {
      const phrase = readForward(source, tokens, at + 2, tokens.length);
      if (phrase !== undefined) return { phrase, verb: at };
    }
    if (!isSpeechVerb(tokens[at]) || FRAGMENT_VERBS.has(tokens[at]?.bare ?? "")) continue;
    // "..., noted NBC's Dante Chinni."
    const inverted =
      tokens[at - 1]?.text === "," ? readForward(source, tokens, at + 1, tokens.length) : undefined;
    if (inverted !== undefined && inverted.kind !== "pronoun" && endsClause(tokens, at + 1, inverted))
      return { phrase: inverted, verb: at };
    const phrase =
      relativeSubject(source, tokens, at) ??
      describedBy(source, tokens, readBackward(source, tokens, at - 1, 0), 0) ??
      readSubject(source, tokens, 0, at);
    return phrase === undefined ? undefined : { phrase, verb: at };
  }
  return undefined;
}

/** Picks the frame that attributes the quote at token `quote`, preferring the one that closes around it. */
export function frameOf(source: string, tokens: readonly Token[], quote: number): Frame | undefined {
  const after = frameAfter(source, tokens, quote);
  const opensSentence = !wordBefore(tokens, quote);
  const closing = tokens[quote]?.closingPunctuation ?? "";
  if (
    after !== undefined &&
    (opensSentence || (ATTRIBUTING_PUNCTUATION.has(closing) && after.verb - quote <= NEAR_TAIL))
  ) {
    return after;
  }
  return frameBefore(source, tokens, quote) ?? after;
}

/**
 * True when the quote at token `quote` is the speaker's full words rather than a fragment of the writer's
 * sentence: it opens the sentence, follows a colon or a speech verb, or follows "that" and ends the sentence.
 */
export function isDirect(tokens: readonly Token[], quote: number): boolean {
  if (!wordBefore(tokens, quote)) return true;
  const previous = tokens[quote - 1];
  if (previous === undefined) return true;
  if (previous.text === ":") return true;
  if (isSpeechVerb(previous) && !FRAGMENT_VERBS.has(previous.bare)) return true;
  if (previous.text === ",") {
    for (let at = quote - 2; at >= 0 && at >= quote - 5; at--) {
      const token = tokens[at];
      if (token?.segment !== undefined) break;
      if (isSpeechVerb(token) && !FRAGMENT_VERBS.has(token?.bare ?? "")) return true;
    }
  }
  const endsSentence = /[.?!]/.test(tokens[quote]?.closingPunctuation ?? "") && !wordAfter(tokens, quote);
  return endsSentence && previous.bare === "that";
}
