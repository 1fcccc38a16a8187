import {
  DETERMINERS,
  DOCUMENT_NOUNS,
  NON_NAME_CAPITALS,
  PHRASE_STOPS,
  PREPOSITIONS,
  QUANTIFIERS,
  SPEAKER_PRONOUNS,
} from "./lexicon.ts";
import { isPunctuation, isSpeechVerb } from "./phrases.ts";
import type { Sentence, Token } from "./tokens.ts";

/** "one said" looks back over its own sentence and this many before it for the group it is one of. */
const MAX_GROUP_DISTANCE = 2;
/** Words kept before the group's noun: "Department feedgrain analysts". */
const MAX_GROUP_MODIFIERS = 3;
/** Prepositional phrases stepped over between a group and its verb: "Deputies from three provinces said". */
const MAX_GROUP_TAILS = 2;

/**
 * `“...,” one said` after "Western diplomats said ...": one member of the group the story last quoted as a
 * speech verb's subject, described as the group is, in the singular ("a Western diplomat"). Undefined when
 * no such group is in reach.
 */
export function groupMember(
  source: string,
  sentences: readonly Sentence[],
  sentence: number,
  position: number,
): string | undefined {
  for (let s = sentence; s >= 0 && s >= sentence - MAX_GROUP_DISTANCE; s--) {
    const tokens = sentences[s]?.tokens ?? [];
    for (let verb = tokens.length - 1; verb > 0; verb--) {
      const token = tokens[verb];
      if (token === undefined || (s === sentence && token.start >= position) || !isSpeechVerb(token))
        continue;
      const group = subjectGroup(source, tokens, verb) ?? invertedGroup(source, tokens, verb);
      if (group !== undefined) return group;
    }
  }
  return undefined;
}

/** "Western diplomats said", "Dealers in the straight bonds noted": the plural subject before the verb. */
function subjectGroup(source: string, tokens: readonly Token[], verb: number): string | undefined {
  let head = verb - 1;
  for (let tails = 0; tails <= MAX_GROUP_TAILS; tails++) {
    const start = phraseStart(tokens, head);
    const before = tokens[start - 1];
    // A plural after a preposition ends a tail of the subject ("in the straight bonds"); its head is before.
    if (before !== undefined && PREPOSITIONS.has(before.bare) && !before.capitalised) {
      head = start - 2;
      continue;
    }
    return describe(source, tokens, head);
  }
  return undefined;
}

/** "..., said analysts.": a plural right after the verb that ends the clause. */
function invertedGroup(source: string, tokens: readonly Token[], verb: number): string | undefined {
  const after = tokens[verb + 2];
  if (after !== undefined && !isPunctuation(after) && after.segment === undefined) return undefined;
  return describe(source, tokens, verb + 1);
}

/** The group named by the plural at `head`, in the singular with its modifiers: "a Western diplomat". */
function describe(source: string, tokens: readonly Token[], head: number): string | undefined {
  const noun = tokens[head];
  if (noun === undefined) return undefined;
  const first = modifiersStart(tokens, head);
  if (!isPluralNoun(noun, head === first && head === firstWord(tokens))) return undefined;
  const written = source.slice(tokens[first]?.start ?? noun.start, noun.start) + singular(noun.text);
  // "Bankers said": a capital that only opens the sentence is no part of the description ("Western
  // diplomats" keeps its own).
  const described = first === head && head === firstWord(tokens) ? written.toLowerCase() : written;
  return `${article(described)} ${described}`;
}

/** Where the noun phrase ending at `head` starts: back over modifiers, determiners and counts. */
function phraseStart(tokens: readonly Token[], head: number): number {
  let start = modifiersStart(tokens, head);
  while (start > 0 && isCountOrDeterminer(tokens[start - 1])) start--;
  return start;
}

function isCountOrDeterminer(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    (DETERMINERS.has(token.bare) || QUANTIFIERS.has(token.bare) || /^\d/.test(token.text))
  );
}

function firstWord(tokens: readonly Token[]): number {
  return tokens.findIndex((token) => token.segment === undefined && !isPunctuation(token));
}

/**
 * "dealers", "delegates", "analysts": a plural that could be people, not a pronoun, a name or a text; written
 * with a capital only where it opens its sentence.
 */
function isPluralNoun(token: Token, opensSentence: boolean): boolean {
  if (token.segment !== undefined || (token.capitalised && !opensSentence)) return false;
  if (!/^\p{L}\p{Ll}{2,}s$/u.test(token.text) || /(?:ss|us|is)$/.test(token.text)) return false; // "press", "bonus"
  const bare = token.bare;
  return !SPEAKER_PRONOUNS.has(bare) && !DOCUMENT_NOUNS.has(singular(bare)) && !PHRASE_STOPS.has(bare);
}

/** Where the words describing the group start: back over its modifiers, not its determiners or counts. */
function modifiersStart(tokens: readonly Token[], noun: number): number {
  let first = noun;
  while (first > 0 && noun - first < MAX_GROUP_MODIFIERS) {
    const token = tokens[first - 1];
    if (token === undefined || token.segment !== undefined || isPunctuation(token)) break;
    if (isCountOrDeterminer(token) || PHRASE_STOPS.has(token.bare) || PREPOSITIONS.has(token.bare)) break;
    if (isSpeechVerb(token) || /['\u2019]s?$/.test(token.text)) break;
    if (token.capitalised && NON_NAME_CAPITALS.has(token.bare)) break;
    first--;
  }
  return first;
}

function singular(plural: string): string {
  if (plural.endsWith("ies")) return plural.slice(0, -3) + "y";
  if (/(?:sh|ch|x)es$/.test(plural)) return plural.slice(0, -2);
  return plural.slice(0, -1);
}

/** "a" or "an" by the sound of the first word: "an underwriter", "a U.S. official", "an FBI agent". */
export function article(phrase: string): string {
  const word = phrase.split(/\s+/)[0] ?? "";
  const letters = word.replace(/\./g, "");
  if (/^[A-Z]{2,}/.test(letters)) return /^[AEFHILMNORSX]/.test(letters) ? "an" : "a";
  return /^[aeio]|^u(?!ni|s[aeiou]|tili)/i.test(word) ? "an" : "a";
}
