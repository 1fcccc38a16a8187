import { isGivenName, isInitial, isNameTitle, NAME_PARTICLES } from "../text/names.ts";
import {
  CALENDAR_WORDS,
  DETERMINERS,
  DOCUMENT_NOUNS,
  GROUP_MEMBER_WORDS,
  GROUP_NOUNS,
  HONORIFICS,
  INDEFINITE_DETERMINERS,
  POST_NOMINALS,
  NON_NAME_CAPITALS,
  ORGANISATION_WORDS,
  PHRASE_STOPS,
  PLACE_NAMES,
  ROLE_NOUNS,
  SPEAKER_PRONOUNS,
  SPEECH_VERBS,
  VERB_MODIFIERS,
} from "./lexicon.ts";
import type { Token } from "./tokens.ts";

export type PhraseKind = "pronoun" | "name" | "organisation" | "description" | "group" | "document";

/** A noun phrase that can name a speaker, as found next to a speech verb. */
export interface Phrase {
  kind: PhraseKind;
  /** The phrase as written in the source. */
  text: string;
  start: number;
  end: number;
  /** For names: the words of the name, titles removed ("Vladimir", "Putin"). */
  name: string[];
  /** The role written with the phrase ("Kremlin spokesman"), if any. */
  role?: string;
  /** For descriptions and groups: the head noun, lower-case ("leader"). */
  head?: string;
  /** For descriptions: the other words, lower-case ("russian"). */
  modifiers: string[];
  /** For descriptions: the modifiers written with a capital ("russian" of "the Russian leader"). */
  capitals?: string[];
  /** For descriptions: the phrase with the words that go on describing ("a broker at Nomura Securities"). */
  full?: string;
}

const OUTLET_NOUNS = new Set(["newspaper", "paper"]);
const ORGANISATION_JOINERS = new Set(["of", "on", "for"]);

const PLACE_QUALIFIERS = new Set([
  "north",
  "south",
  "east",
  "west",
  "new",
  "united",
  "states",
  "kingdom",
  "saudi",
  "city",
]);

/** True when every word (bare, lower case) names a place or qualifies one: "new hampshire", "united states". */
export function isPlaceName(bares: readonly string[]): boolean {
  return bares.every((bare) => PLACE_NAMES.has(bare) || PLACE_QUALIFIERS.has(bare));
}
/** Nouns of nationality or origin ("Dutchman", "Scotswoman"); the capital tells them from "chairman". */
export const DEMONYM_NOUN = /^\p{Lu}\p{Ll}+(?:man|woman)$/u;
const TIME_PREPOSITIONS = new Set([
  "on",
  "in",
  "at",
  "last",
  "this",
  "next",
  "early",
  "late",
  "during",
  "by",
]);

/** Nouns for people by what they do: "seaman", "worker", "motorist", "technician", "attendant", "employee". */
const PERSON_NOUN = /(?:man|woman|person|er|or|ist|ian|ant|ee)$/;
const PERSON_NOUNS_OF_OTHER_FORMS = new Set([
  "resident",
  "student",
  "parent",
  "witness",
  "victim",
  "survivor",
]);
/** Words with those endings that are not nouns for people: "a month later", "a higher price". */
const NOT_PERSON_NOUNS = new Set(
  `later earlier other another rather never ever over under after however together whether either neither
  former latter further sooner higher lower better bigger larger smaller greater longer stronger weaker
  cheaper faster slower harder easier number quarter order power water letter matter paper error
  major minor factor sector corridor floor door colour color honour honor favour favor humour humor
  behaviour behavior meter metre center centre border winter summer chapter offer answer transfer
  register computer monitor motor tractor reactor elevator indicator`.split(/\s+/),
);

/**
 * A common noun that can stand for someone speaking ("a striking seaman told Reuters"), which the role
 * list does not hold: by the endings of nouns for people, and not a text, a thing or a body.
 */
function namesSomeone(token: Token): boolean {
  const bare = token.bare;
  if (token.capitalised || DOCUMENT_NOUNS.has(bare) || ORGANISATION_WORDS.has(bare) || GROUP_NOUNS.has(bare))
    return false;
  if (NOT_PERSON_NOUNS.has(bare)) return false;
  return PERSON_NOUNS_OF_OTHER_FORMS.has(bare) || (bare.length > 4 && PERSON_NOUN.test(bare));
}

/** A name word without a possessive ending or a final stop: "Putin's" and "Jr." give "Putin" and "Jr". */
function withoutPossessive(word: string): string {
  const last = word.charAt(word.length - 1);
  if (last !== "s" && last !== "'" && last !== "\u2019" && last !== ".") return word;
  return word.replace(/['\u2019]s$|['\u2019]$/, "").replace(/(..)\.$/, "$1");
}

function isPostNominal(token: Token | undefined): boolean {
  return token !== undefined && /^\p{Lu}{2,4}$/u.test(token.text) && POST_NOMINALS.has(token.bare);
}

const TICKER_IN_TEXT = /\s*<[^<>\s]{1,20}>/g;

/** A wire story's ticker after a company's name, one token: "Adelaide Steamship Co Ltd <ADSA.S>". */
export function isTicker(token: Token): boolean {
  return token.text.startsWith("<");
}

const PUNCTUATION_OPENERS = new Set([",", ";", ":", "(", ")", "<", "\u2014", "\u2013", "\u2015", "-"]);

export function isPunctuation(token: Token): boolean {
  return token.segment === undefined && PUNCTUATION_OPENERS.has(token.text.charAt(0));
}

/** True for a lower-case speech verb token ("said", "told"); capitalised forms are names ("States"). */
export function isSpeechVerb(token: Token | undefined): boolean {
  return (
    token !== undefined && !token.capitalised && token.segment === undefined && SPEECH_VERBS.has(token.bare)
  );
}

function isNameToken(token: Token): boolean {
  return token.segment === undefined && (token.capitalised || isInitial(token.text)) && !isPunctuation(token);
}

function isAcronym(text: string): boolean {
  return /^[A-Z]{2,5}$/.test(text.replace(/\./g, ""));
}

/** A sentence's full stop can cling to its last word ("said Peskov."); it is not part of the phrase. */
export function withoutFullStop(text: string): string {
  // Most phrases end without one: spare them the pattern (this runs for every capitalised run of an article).
  if (!text.endsWith(".")) return text;
  return text.replace(/(\p{L}{2})\.$/u, "$1");
}

function sourceText(source: string, tokens: readonly Token[]): string {
  const first = tokens[0];
  const last = tokens.at(-1);
  if (first === undefined || last === undefined) return "";
  // A ticker inside the phrase ("a Hitachi Ltd <HIT.T> spokesman") is the wire's, not the speaker's name.
  const slice = source.slice(first.start, last.end);
  const text = slice.includes("<") ? slice.replace(TICKER_IN_TEXT, "") : slice;
  return withoutFullStop(text.replace(/['\u2019]s$/, ""));
}

/** Sorts a run of words that could name a speaker into a pronoun, name, organisation, description or group. */
export function classifyPhrase(source: string, tokens: readonly Token[]): Phrase | undefined {
  const first = tokens[0];
  const last = tokens.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const text = sourceText(source, tokens);
  const base = { text, start: first.start, end: last.end, name: [] as string[], modifiers: [] as string[] };
  if (tokens.length === 1 && SPEAKER_PRONOUNS.has(first.bare) && !/^[A-Z]{2,}$/.test(first.text)) {
    return { ...base, kind: "pronoun", head: first.bare };
  }
  // “...,” one said: a member of a group just quoted, which the cast resolves as it does a pronoun.
  if (tokens.length === 1 && GROUP_MEMBER_WORDS.has(first.bare))
    return { ...base, kind: "pronoun", head: first.bare };
  if (isNameToken(last)) return classifyCapitalised(source, tokens, base);
  const modifiers = tokens.slice(0, -1).filter((t) => !DETERMINERS.has(t.bare) && t.bare !== "former");
  const capitals = modifiers.filter((t) => t.capitalised && !isNameTitle(t.text)).map((t) => t.bare);
  const described = { ...base, head: last.bare, modifiers: modifiers.map((t) => t.bare), capitals };
  // "the newspaper" is the paper named before; "the Guardian newspaper" is where someone was quoted.
  const outletNoun = OUTLET_NOUNS.has(last.bare) && tokens.length > 2;
  if (DOCUMENT_NOUNS.has(last.bare) && DETERMINERS.has(first.bare) && !outletNoun)
    return { ...described, kind: "document" };
  if (GROUP_NOUNS.has(last.bare)) return { ...described, kind: "group" };
  if (
    ROLE_NOUNS.has(last.bare) ||
    (INDEFINITE_DETERMINERS.has(first.bare) && tokens.length > 1 && namesSomeone(last))
  )
    return { ...described, kind: "description", role: text.replace(/^(the|a|an) /i, "") };
  if (ORGANISATION_WORDS.has(last.bare) && DETERMINERS.has(first.bare)) {
    // "the Trump campaign" is named by its capitals; "the commission" stands for one named before.
    if (capitals.length > 0 && first.bare === "the")
      return { ...base, kind: "organisation", text: text.replace(/^the /i, ""), capitals };
    return { ...described, kind: "organisation" };
  }
  // "Ukraine's foreign ministry", "Clinton's campaign": a body of the possessor's, not the possessor.
  const owner = tokens.findIndex(isPossessor);
  const owned = owner !== -1 && tokens.slice(0, owner).every((t) => t.capitalised);
  if (ORGANISATION_WORDS.has(last.bare) && tokens.length > 1 && owned)
    return { ...base, kind: "organisation", text: source.slice(first.start, last.end), modifiers: [] };
  return undefined;
}

function classifyCapitalised(
  source: string,
  tokens: readonly Token[],
  base: Omit<Phrase, "kind">,
): Phrase | undefined {
  let runStart = tokens.length - 1;
  while (runStart > 0) {
    const previous = tokens[runStart - 1];
    if (previous === undefined) break;
    const beforeJoin = tokens[runStart - 2]?.bare ?? "";
    const joins =
      NAME_PARTICLES.has(previous.bare) ||
      previous.bare === "of" ||
      ((previous.bare === "on" || previous.bare === "for") && ORGANISATION_WORDS.has(beforeJoin));
    if (
      !isNameToken(previous) &&
      !(joins && runStart - 1 > 0 && isNameToken(tokens[runStart - 2] ?? previous))
    )
      break;
    runStart--;
  }
  const determiner = tokens[0] !== undefined && DETERMINERS.has(tokens[0].bare) ? tokens[0] : undefined;
  if (determiner !== undefined && runStart === 0) runStart = 1;
  const run = tokens.slice(runStart);
  let titleEnd = -1;
  run.forEach((token, index) => {
    const possessor = /['\u2019]s$/.test(token.text);
    if (index < run.length - 1 && (isNameTitle(token.text) || ROLE_NOUNS.has(token.bare) || possessor))
      titleEnd = index;
    if (
      token.bare === "of" &&
      index > 0 &&
      index < run.length - 1 &&
      isNameTitle(run[index - 1]?.text ?? "")
    ) {
      titleEnd = Math.max(titleEnd, index + 1);
    }
  });
  // "Chancellor of the Exchequer Nigel Lawson": capitals before a known given name that a surname follows,
  // none of them a name themselves, belong to the title even when they are not title words. ("Rakeyia
  // Scott" keeps both: Scott ends the run, so it is the surname.)
  const given = run.findIndex(
    (token, index) => index > titleEnd + 1 && index < run.length - 1 && isGivenName(token.text),
  );
  if (
    given !== -1 &&
    run.slice(titleEnd + 1, given).every((t) => !isGivenName(t.text) && !isInitial(t.text))
  ) {
    titleEnd = given - 1;
  }
  const nameTokens = run.slice(titleEnd + 1).filter((t) => t.text !== "of");
  while (nameTokens.length > 1 && isPostNominal(nameTokens.at(-1))) nameTokens.pop();
  const roleTokens = tokens
    .slice(determiner === undefined ? 0 : 1, runStart)
    .concat(run.slice(0, titleEnd + 1));
  const role = roleTokens.length > 0 ? sourceText(source, roleTokens) : undefined;
  const name = nameTokens.map((t) => withoutPossessive(t.text));
  if (name.length === 0 || name.every((word) => CALENDAR_WORDS.has(word.toLowerCase()))) return undefined;
  // "MIDWAY ATOLL - ...": a dateline in capitals names a place, not a speaker.
  if (name.length > 1 && name.every((word) => /^[\p{Lu}\p{N}.'\u2019-]{2,}$/u.test(word))) return undefined;
  const withRole = role === undefined ? base : { ...base, role };
  const bares = nameTokens.map((t) => t.bare);
  // "JAPAN OFFICIAL SAYS": a headline's verb in capitals names no one.
  if (nameTokens.some((t) => /^\p{Lu}{2,}$/u.test(t.text) && SPEECH_VERBS.has(t.bare))) return undefined;
  // "the Dutchman", "the Irishwoman": a nationality noun describes a person, like "the Russian leader".
  if (determiner !== undefined && name.length === 1 && DEMONYM_NOUN.test(name[0] ?? "")) {
    return { ...base, kind: "description", head: bares[0] ?? "", modifiers: roleTokens.map((t) => t.bare) };
  }
  // "the Wisconsin Democrat", "the Prime Minister": capitals ending in a role describe a person, as "the
  // Utah senator" does, rather than name a body.
  const lastBare = bares.at(-1) ?? "";
  if (determiner?.bare === "the" && roleTokens.length === 0 && name.length <= 3 && ROLE_NOUNS.has(lastBare)) {
    const modifiers = bares.slice(0, -1);
    return {
      ...base,
      kind: "description",
      head: lastBare,
      modifiers,
      capitals: modifiers,
      role: base.text.replace(/^the /i, ""),
    };
  }
  const organisational =
    bares.some((bare) => ORGANISATION_WORDS.has(bare)) ||
    isPlaceName(bares) ||
    (name.length === 1 && isAcronym(name[0] ?? "")) ||
    (determiner?.bare === "the" && roleTokens.length === 0);
  if (ORGANISATION_WORDS.has(bares.at(-1) ?? "") || (organisational && titleEnd === -1)) {
    return { ...withRole, kind: "organisation", name, text: base.text.replace(/^(the|an?) /i, "") };
  }
  if (name.length === 1 && NON_NAME_CAPITALS.has(bares[0] ?? "")) return undefined;
  // "Mr. King" is a surname after an honorific, not the role "king".
  const honorific = roleTokens.length === 1 && HONORIFICS.has(roleTokens[0]?.bare ?? "");
  if (name.length === 1 && !honorific && (isNameTitle(name[0] ?? "") || ROLE_NOUNS.has(bares[0] ?? ""))) {
    return { ...base, kind: "description", head: bares[0] ?? "", modifiers: roleTokens.map((t) => t.bare) };
  }
  return { ...withRole, kind: "name", name };
}

/** The end (exclusive) of the words a phrase may take when read forwards from `from`. */
export function readForward(
  source: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): Phrase | undefined {
  const taken: Token[] = [];
  let at = from;
  const first = tokens[at];
  if (first !== undefined && DETERMINERS.has(first.bare) && at < to) {
    taken.push(first);
    at++;
  }
  const pronoun = tokens[at];
  if (taken.length === 0 && pronoun !== undefined && at < to && SPEAKER_PRONOUNS.has(pronoun.bare)) {
    return classifyPhrase(source, [pronoun]);
  }
  for (; at < to && taken.length < 9; at++) {
    const token = tokens[at];
    if (token !== undefined && isTicker(token) && taken.length > 0 && tokens[at + 1]?.capitalised === false)
      continue;
    if (token === undefined || token.segment !== undefined || isPunctuation(token)) break;
    if (token.capitalised) {
      if (taken.length > 0 && DETERMINERS.has(token.bare)) break;
      if (NON_NAME_CAPITALS.has(token.bare) && !isNameTitle(token.text) && !DETERMINERS.has(token.bare))
        break;
      taken.push(token);
      if (/['\u2019]s$/.test(token.text) && !ROLE_NOUNS.has(tokens[at + 1]?.bare ?? "")) {
        // "Bafta's Grant Dean", "Gartner's principal analyst Ann Lee": a possessor before a name or a role
        // is part of that person's role, not the speaker.
        const goesOn =
          startsPossessedName(tokens[at + 1]) ||
          leadsToOrganisation(tokens, at + 1, to) ||
          leadsToRole(tokens, at + 1, to);
        if (!goesOn) break;
      }
      continue;
    }
    if (joinsName(tokens, at, taken) || joinsRoles(tokens, at, taken, to)) {
      taken.push(token);
      continue;
    }
    if (PHRASE_STOPS.has(token.bare) || isSpeechVerb(token) || DETERMINERS.has(token.bare)) break;
    if (
      taken.some((t) => t.capitalised) &&
      !leadsToRole(tokens, at, to) &&
      !leadsToOrganisation(tokens, at, to)
    )
      break;
    taken.push(token);
  }
  while (taken.length > 0) {
    const last = taken.at(-1);
    if (last === undefined || last.capitalised || isInitial(last.text) || ROLE_NOUNS.has(last.bare)) break;
    if (GROUP_NOUNS.has(last.bare) || ORGANISATION_WORDS.has(last.bare) || SPEAKER_PRONOUNS.has(last.bare))
      break;
    if (DOCUMENT_NOUNS.has(last.bare)) break;
    if (INDEFINITE_DETERMINERS.has(taken[0]?.bare ?? "") && taken.length > 1 && namesSomeone(last)) break;
    taken.pop();
  }
  return classifyPhrase(source, taken);
}

function isPossessor(token: Token): boolean {
  return token.capitalised && token.segment === undefined && /['\u2019]s$/.test(token.text);
}

/** How many lower-case words a body's name may take after the capitals: "foreign ministry", "press office". */
const MAX_ORGANISATION_TAIL = 3;

/**
 * After capitals, lower-case words that end the phrase on a body's word go on as that body's name: "the
 * Trump campaign", "Ukraine's foreign ministry" (not "Trump campaign manager", a role, nor "the Obama
 * administration's plan"). A text ("the IMF report") is the body's, and speaks for it.
 */
export function leadsToOrganisation(tokens: readonly Token[], at: number, to: number): boolean {
  return organisationTailEnd(tokens, at, to) !== -1;
}

/**
 * The end (exclusive) of the body's words that `leadsToOrganisation` finds from `at`, else -1; with
 * `subject`, the body's word need not end a phrase.
 */
export function organisationTailEnd(
  tokens: readonly Token[],
  at: number,
  to: number,
  subject = false,
): number {
  for (let index = at; index < to && index < at + MAX_ORGANISATION_TAIL; index++) {
    const token = tokens[index];
    if (token === undefined || token.segment !== undefined || isPunctuation(token) || token.capitalised)
      return -1;
    if (PHRASE_STOPS.has(token.bare) || isSpeechVerb(token) || DETERMINERS.has(token.bare)) return -1;
    if (/['\u2019]s?$/.test(token.text)) return -1;
    if (ORGANISATION_WORDS.has(token.bare) && !DOCUMENT_NOUNS.has(token.bare)) {
      const next = tokens[index + 1];
      // A body's name as a subject ("Clinton's campaign sent") may be followed by any verb.
      const ends =
        (subject && next !== undefined && !next.capitalised && !ROLE_NOUNS.has(next.bare)) ||
        index + 1 >= to ||
        next === undefined ||
        next.segment !== undefined ||
        isPunctuation(next) ||
        isSpeechVerb(next) ||
        PHRASE_STOPS.has(next.bare) ||
        VERB_MODIFIERS.has(next.bare);
      return ends ? index + 1 : -1;
    }
  }
  return -1;
}

/** A capitalised word that can start a name after a possessor: "Grant" of "Bafta's Grant Dean". */
function startsPossessedName(token: Token | undefined): boolean {
  if (token === undefined || !isNameToken(token) || DETERMINERS.has(token.bare)) return false;
  return !NON_NAME_CAPITALS.has(token.bare) || isNameTitle(token.text);
}

/** After a name, lower-case words continue the phrase only as a role: "NATO chief Mark Rutte". */
function leadsToRole(tokens: readonly Token[], at: number, to: number): boolean {
  for (let index = at; index < to && index < at + 4; index++) {
    const token = tokens[index];
    if (token === undefined || token.segment !== undefined || isPunctuation(token)) return false;
    if (token.capitalised) return isNameTitle(token.text) || ROLE_NOUNS.has(token.bare);
    // "music and marketing manager Simon George": an "and" inside the role.
    const inRole = token.bare === "and" && index > at && tokens[index + 1]?.capitalised === false;
    if ((PHRASE_STOPS.has(token.bare) && !inRole) || isSpeechVerb(token)) return false;
    if (ROLE_NOUNS.has(token.bare)) return true;
    // "state archivist Jody Norman": a noun for a person right before a name is that person's role.
    if (
      namesSomeone(token) &&
      isNameToken(tokens[index + 1] ?? token) &&
      tokens[index + 1]?.capitalised === true
    )
      return true;
  }
  return false;
}

/**
 * "GM chairman and chief executive Rick Wagoner": an "and" between two roles of one person belongs to the
 * role, so the name after the second is still the speaker's.
 */
function joinsRoles(tokens: readonly Token[], at: number, taken: readonly Token[], to: number): boolean {
  const token = tokens[at];
  const previous = taken.at(-1);
  const next = tokens[at + 1];
  if (token?.bare !== "and" || previous === undefined || next === undefined) return false;
  if (DETERMINERS.has(next.bare) || SPEAKER_PRONOUNS.has(next.bare)) return false;
  // A role's own words ("chairman and chief executive", "music and marketing manager").
  if (!ROLE_NOUNS.has(previous.bare) && previous.capitalised) return false;
  // Not "Mr. King and Mr. Morial": a role word that is someone's name, or a second person's honorific.
  if (previous.capitalised !== next.capitalised || HONORIFICS.has(next.bare)) return false;
  return leadsToRole(tokens, at + 1, to);
}

function joinsName(tokens: readonly Token[], at: number, taken: readonly Token[]): boolean {
  const token = tokens[at];
  const previous = taken.at(-1);
  const next = tokens[at + 1];
  if (token === undefined || previous === undefined || next === undefined) return false;
  // "Secretary of the Treasury": a title's "of", and the "the" after it, belong to the title.
  if (token.bare === "of" && isNameTitle(previous.text)) {
    return next.capitalised || (next.bare === "the" && tokens[at + 2]?.capitalised === true);
  }
  if (!next.capitalised) return false;
  if (NAME_PARTICLES.has(token.bare)) return previous.capitalised;
  // "the Board of Elections", "the Commission on Fair Debates": a body's name goes on after its word.
  if (ORGANISATION_JOINERS.has(token.bare) && previous.capitalised && ORGANISATION_WORDS.has(previous.bare))
    return !CALENDAR_WORDS.has(next.bare);
  return token.bare === "the" && previous.bare === "of" && isTitleOf(tokens, at - 1);
}

/** Whether the token at `at` is an "of" that follows a title: "Chancellor of", "Minister of". */
function isTitleOf(tokens: readonly Token[], at: number): boolean {
  return tokens[at]?.bare === "of" && isNameTitle(tokens[at - 1]?.text ?? "");
}

/** Skips, leftwards from `at`, the words between a subject and its verb ("also", "on Wednesday", "(R-Tex)"). */
export function skipVerbModifiers(tokens: readonly Token[], at: number, lowest: number): number {
  let index = at;
  while (index >= lowest) {
    const token = tokens[index];
    if (token === undefined) break;
    if (!token.capitalised && VERB_MODIFIERS.has(token.bare)) {
      index--;
    } else if (token.capitalised && CALENDAR_WORDS.has(token.bare)) {
      index--;
      if (TIME_PREPOSITIONS.has(tokens[index]?.bare ?? "")) index--;
    } else if (token.text === ")") {
      while (index >= lowest && tokens[index]?.text !== "(") index--;
      index--;
    } else if (isTicker(token)) {
      index--;
    } else {
      break;
    }
  }
  return index;
}

/** Reads a phrase leftwards from `at` (inclusive), after skipping verb modifiers; stops at `lowest`. */
export function readBackward(
  source: string,
  tokens: readonly Token[],
  at: number,
  lowest: number,
): Phrase | undefined {
  const taken: Token[] = [];
  const start = skipVerbModifiers(tokens, at, lowest);
  const pronoun = tokens[start];
  if (
    start >= lowest &&
    pronoun !== undefined &&
    SPEAKER_PRONOUNS.has(pronoun.bare) &&
    pronoun.segment === undefined
  ) {
    return classifyPhrase(source, [pronoun]);
  }
  for (let index = start; index >= lowest && taken.length < 9; index--) {
    const token = tokens[index];
    // "a Hitachi Ltd <HIT.T> spokesman": the phrase goes on over a ticker.
    if (token !== undefined && isTicker(token) && taken.length > 0) continue;
    if (token === undefined || token.segment !== undefined || isPunctuation(token)) break;
    const of = tokens[index - 1];
    if (token.bare === "the" && of !== undefined && index - 2 >= lowest && isTitleOf(tokens, index - 1)) {
      // "Chancellor of the Exchequer Nigel Lawson": the title goes on before "of the".
      taken.push(token, of);
      index--;
      continue;
    }
    if (DETERMINERS.has(token.bare) && (!token.capitalised || ["the", "a", "an"].includes(token.bare))) {
      taken.push(token);
      break;
    }
    if (token.capitalised) {
      if (NON_NAME_CAPITALS.has(token.bare) && !isNameTitle(token.text)) break;
      if (/['\u2019]s$/.test(token.text) && taken.length > 0 && taken.at(-1)?.capitalised === true) break;
      taken.push(token);
      continue;
    }
    if (joinsName(tokens, index, [tokens[index - 1] ?? token])) {
      taken.push(token);
      continue;
    }
    if (PHRASE_STOPS.has(token.bare) || isSpeechVerb(token)) break;
    const right = taken.at(-1);
    if (right?.capitalised === true && !ROLE_NOUNS.has(token.bare)) {
      taken.push(...describingWords(tokens, index, lowest));
      break;
    }
    taken.push(token);
  }
  taken.reverse();
  return classifyPhrase(source, taken);
}

/** Lower-case words an indefinite description may have before its capitals: "a senior Senate source". */
const MAX_DESCRIBING_WORDS = 2;

/**
 * Read leftwards from `at`, the lower-case words before a description's capitals and the "a", "an" or "one"
 * that opens it ("a senior Senate source"), right to left; none when no such opener is in reach.
 */
function describingWords(tokens: readonly Token[], at: number, lowest: number): Token[] {
  const words: Token[] = [];
  // The words themselves, then one more place for their opener.
  for (let index = at; index >= lowest && index >= at - MAX_DESCRIBING_WORDS; index--) {
    const token = tokens[index];
    if (token === undefined || token.segment !== undefined || isPunctuation(token) || token.capitalised)
      return [];
    if (INDEFINITE_DETERMINERS.has(token.bare)) return words.length > 0 ? [...words, token] : [];
    if (PHRASE_STOPS.has(token.bare) || DETERMINERS.has(token.bare) || isSpeechVerb(token)) return [];
    words.push(token);
  }
  return [];
}

const CLAUSE_OPENERS = new Set([
  "in", "on", "at", "during", "after", "before", "since", "speaking", "asked", "according", "while", "when",
  "as", "earlier", "later", "last", "meanwhile", "but", "and", "yet", "still", "however", "also", "then",
  "instead", "separately", "elsewhere", "for", "with", "despite", "although", "though", "if", "under", "once", "likewise", "similarly",
]); // prettier-ignore

const DATELINE_DASHES = new Set(["-", "--", "\u2014", "\u2013"]);

/** "WASHINGTON, March 4 - President Reagan ...": the place and date of a wire story's dateline say nothing. */
function afterDateline(tokens: readonly Token[], from: number, to: number): number {
  const first = tokens[from];
  if (first === undefined || !/^[\p{Lu}.'\u2019-]{3,}$/u.test(first.text)) return from;
  for (let at = from + 1; at < to && at <= from + 6; at++) {
    const token = tokens[at];
    if (token === undefined || token.segment !== undefined) return from;
    if (DATELINE_DASHES.has(token.text)) return at + 1;
  }
  return from;
}

/**
 * The subject of the clause that starts at `from`: the first phrase that can name a speaker, after an
 * opening adverbial ("In a Facebook post Friday, Cruz ...").
 */
export function readSubject(
  source: string,
  tokens: readonly Token[],
  from: number,
  to: number,
): Phrase | undefined {
  let at = afterDateline(tokens, from, to);
  for (let attempt = 0; attempt < 4 && at < to; attempt++) {
    const first = tokens[at];
    // "Explaining why it chose wheels, Horiuchi said": a participle opens an adverbial clause.
    const participle = first !== undefined && attempt === 0 && /^\p{Lu}\p{Ll}+ing$/u.test(first.text);
    if (first === undefined || (!CLAUSE_OPENERS.has(first.bare) && !participle)) break;
    let comma = at;
    while (comma < to && tokens[comma]?.text !== "," && tokens[comma]?.segment === undefined) comma++;
    if (comma < to && tokens[comma]?.text === ",") {
      at = comma + 1;
    } else {
      if (["but", "and", "yet", "still", "also", "then"].includes(first.bare)) at++;
      break;
    }
    // "On July 6, 2015, Sanders ...": a date's own comma does not end the opening phrase.
    while (at < to && /^\d/.test(tokens[at]?.text ?? "")) {
      at++;
      if (tokens[at]?.text === ",") at++;
    }
  }
  if (at >= to) return undefined;
  const phrase = readForward(source, tokens, at, to);
  return phrase?.kind === "group" && at > from ? undefined : phrase;
}
