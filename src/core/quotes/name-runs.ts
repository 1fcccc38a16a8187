import { bareWord, isGivenName, isNameTitle, NAME_PARTICLES } from "../text/names.ts";
import { isThingWord } from "./entity.ts";
import {
  DETERMINERS,
  DOCUMENT_NOUNS,
  isRoleNoun,
  KIN_NOUNS,
  NON_NAME_CAPITALS,
  ORGANISATION_WORDS,
  PHRASE_STOPS,
  PLACE_NAMES,
  PREPOSITIONS,
  ROLE_NOUNS,
  VERB_MODIFIERS,
} from "./lexicon.ts";
import { classifyPhrase, isPunctuation, isSpeechVerb, organisationTailEnd, type Phrase } from "./phrases.ts";
import type { Token } from "./tokens.ts";

const POSSESSIVE = /['\u2019]s$/;

/** A capitalised run that names a person or a body, with what the words around it tell of them. */
export interface NameRun {
  phrase: Phrase;
  /** The role in an appositive after the name: "president of the caucus". */
  appositive: string | undefined;
  /** Something beyond capitals says it is a person: a title, a role, a given name, a speech verb. */
  evidence: boolean;
  /** A lone capitalised word used as a modifier ("Democratic statements"): a mention only of a known person. */
  modifierOnly: boolean;
  /** After a preposition ("with Putin"): a less likely antecedent than a subject or object. */
  oblique: boolean;
  /**
   * The text the run wrote, when it follows one: "note" of "a handwritten note from Ann Lee", with where
   * that noun stands.
   */
  authorOf: { head: string; text: number } | undefined;
  /** The short form the article defines in brackets right after the name: "IAEA", "Bafta". */
  acronym: string | undefined;
  /** Inside brackets that gloss the name before them: "Voice of the People" of "Vox Populi (Voice of the People)". */
  gloss: boolean;
}

/** "Putin", "McClenney", "O'Neill", "F.", "Ki-moon"; not "USA" or "7th". */
function looksLikeName(word: string): boolean {
  return /^\p{Lu}(?:\.|[\p{Ll}\p{M}'\u2019]+(?:[-\p{Lu}][\p{Ll}\p{M}'\u2019]+)*)$/u.test(word);
}

/** "Trump campaign", "Oscar ceremony": the word after a lone capitalised word makes it a modifier. */
function isModifierUse(next: Token | undefined): boolean {
  if (next === undefined || next.capitalised || next.segment !== undefined || isPunctuation(next))
    return false;
  if (/(?:ed|ly)$/.test(next.bare)) return false; // "Clinton leaned", "Trump repeatedly"
  return !PHRASE_STOPS.has(next.bare) && !isSpeechVerb(next) && !VERB_MODIFIERS.has(next.bare);
}

/** A capitalised word outside quotes that may open a name (not "But", "According", unless a title). */
function startsName(token: Token): boolean {
  if (token.segment !== undefined || isPunctuation(token) || !token.capitalised) return false;
  return !NON_NAME_CAPITALS.has(token.bare) || isNameTitle(token.text);
}

/** The capitalised runs of a sentence that name people or bodies, with the role words written around them. */
export function nameRuns(source: string, tokens: readonly Token[]): NameRun[] {
  const runs: NameRun[] = [];
  // Brackets are rare: one look at the sentence's tokens spares a look at every run for a gloss. (A search
  // of the source from the sentence on would read to the end of the text for every sentence without one.)
  const bracketed = tokens.some((token) => token.text === "(");
  let at = 0;
  while (at < tokens.length) {
    const token = tokens[at];
    if (token === undefined || !startsName(token)) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < tokens.length && !POSSESSIVE.test(tokens[end - 1]?.text ?? "")) {
      const next = tokens[end];
      if (next === undefined) break;
      if (
        next.capitalised &&
        next.segment === undefined &&
        !isPunctuation(next) &&
        !DETERMINERS.has(next.bare)
      ) {
        end++;
      } else if (
        tokens[end + 1]?.capitalised === true &&
        (NAME_PARTICLES.has(next.bare) ||
          (next.bare === "of" && isNameTitle(tokens[end - 1]?.text ?? "")) ||
          joinsOrganisation(tokens, end))
      ) {
        end += 2;
      } else {
        break;
      }
    }
    const prefixStart = rolePrefixStart(tokens, at);
    const read = classifyPhrase(source, tokens.slice(prefixStart, end));
    // "the editors of The Advocate, who": a capitalised run after "the" that ends its noun phrase names a
    // body, as it does next to a speech verb ("the Post reported").
    const titled = read?.kind === "name" && prefixStart === at && !isNameTitle(read.name[0] ?? "");
    let phrase = withFamilyName(
      tokens,
      at,
      end,
      titled && tokens[at - 1]?.bare === "the" && !isModifierUse(tokens[end])
        ? (classifyPhrase(source, tokens.slice(at - 1, end)) ?? read)
        : read,
    );
    const acronym = definedAcronym(tokens, at, end);
    // "Human Rights Watch (HRW)": a name given a short form of its initials is a body's, whatever its words.
    if (acronym !== undefined && phrase?.kind === "name" && phrase.role === undefined)
      phrase = { ...phrase, kind: "organisation", text: sourceOf(source, tokens, at, end) };
    if (phrase !== undefined && (phrase.kind === "name" || phrase.kind === "organisation")) {
      const appositive = appositiveRole(source, tokens, end);
      const first = phrase.name[0] ?? "";
      const plainName =
        phrase.kind === "name" &&
        phrase.name.length > 1 &&
        phrase.name.every(
          (word) => !isThingWord(word) && !PLACE_NAMES.has(bareWord(word)) && looksLikeName(word),
        );
      // "at the Nou Camp", "the Islamic State": a capitalised run after "the" names a place or a thing.
      const afterArticle = prefixStart === at && tokens[at - 1]?.bare === "the" && !isNameTitle(first);
      const evidence =
        (plainName && !afterArticle) ||
        phrase.role !== undefined ||
        appositive !== undefined ||
        isGivenName(first) ||
        isSpeechVerb(tokens[end]);
      // Earlier runs that are only the role words of this name ("Trump" of "Trump campaign spokesman
      // Jason Miller") mention nobody themselves.
      while (runs.length > 0 && (runs.at(-1)?.phrase.start ?? -1) >= (tokens[prefixStart]?.start ?? Infinity))
        runs.pop();
      // "Melanie thought": a given name alone is someone, not a modifier as "Trump" is in "the Trump campaign"
      // or "Oscar" in "the Oscar ceremony".
      const givenAlone =
        isGivenName(first) &&
        !PLACE_NAMES.has(bareWord(first)) &&
        !DETERMINERS.has(tokens[at - 1]?.bare ?? "") &&
        !isRoleNoun(tokens[end]?.bare ?? "");
      const modifierOnly =
        end - at === 1 && phrase.role === undefined && !givenAlone && isModifierUse(tokens[end]);
      let before = prefixStart - 1;
      while (
        before > 0 &&
        (DETERMINERS.has(tokens[before]?.bare ?? "") || POSSESSIVE.test(tokens[before]?.text ?? ""))
      ) {
        before--;
      }
      // "As for Brack, he said": the name after "as for" is the topic the clause goes on about, not an oblique.
      const topic = tokens[before]?.bare === "for" && tokens[before - 1]?.bare === "as";
      const oblique = PREPOSITIONS.has(tokens[before]?.bare ?? "") && !topic;
      const authorOf = authoredText(tokens, prefixStart, end);
      const gloss = bracketed && inGloss(tokens, at);
      runs.push({ phrase, appositive, evidence, modifierOnly, oblique, authorOf, acronym, gloss });
      // "Clinton's campaign sent an email", "the Trump campaign": the body is mentioned too, for a later
      // "the email" or "it" to speak for.
      const owner = POSSESSIVE.test(tokens[end - 1]?.text ?? "")
        ? at
        : tokens[at - 1]?.bare === "the" && prefixStart === at
          ? at - 1
          : -1;
      const bodyEnd = owner === -1 ? -1 : organisationTailEnd(tokens, end, tokens.length, true);
      const body = bodyEnd === -1 ? undefined : classifyPhrase(source, tokens.slice(owner, bodyEnd));
      if (body?.kind === "organisation")
        runs.push({
          phrase: body,
          appositive: undefined,
          evidence: false,
          modifierOnly: false,
          oblique,
          authorOf: authoredText(tokens, owner, bodyEnd),
          acronym: undefined,
          gloss: false,
        });
    }
    at = end;
  }
  return runs;
}

/** Words a gloss in brackets may take before a name in it. */
const MAX_GLOSS_WORDS = 6;

/** Small words inside a body's name that its initials may leave out: "Department of Trade and Industry". */
const INITIALS_JOINERS = new Set(["of", "and", "for", "on", "the", "&", "de", "du", "des", "in"]);

/**
 * The short form in brackets right after the run `at`..`end` when it is made of the run's initials, with or
 * without those of its small words: "International Atomic Energy Agency (IAEA)", "British Academy of Film and
 * Television Arts (Bafta)". A bracket that only glosses the name ("Vox Populi (Voice of the People)") is not.
 */
function definedAcronym(tokens: readonly Token[], at: number, end: number): string | undefined {
  const short = tokens[end + 1];
  if (tokens[end]?.text !== "(" || tokens[end + 2]?.text !== ")" || short === undefined) return undefined;
  if (!/^\p{Lu}[\p{L}.&]+$/u.test(short.text)) return undefined;
  const letters = short.text.replace(/[.&]/g, "").toLowerCase();
  const words = tokens.slice(at, end).filter((token) => !isPunctuation(token) && token.segment === undefined);
  if (words.length < 2) return undefined;
  const initials = (keepJoiners: boolean): string =>
    words
      .filter((token) => keepJoiners || !INITIALS_JOINERS.has(token.bare))
      .map((token) => token.text.charAt(0).toLowerCase())
      .join("");
  return letters === initials(false) || letters === initials(true) ? short.text : undefined;
}

/**
 * Whether the run at `at` is inside brackets that open right after a name ("Vox Populi (Voice of the
 * People)"), which only translate or explain it; a short form of its initials is not such a gloss.
 */
function inGloss(tokens: readonly Token[], at: number): boolean {
  let open = at - 1;
  while (
    open >= 0 &&
    tokens[open]?.text !== "(" &&
    tokens[open]?.text !== ")" &&
    at - open <= MAX_GLOSS_WORDS
  )
    open--;
  const named = tokens[open - 1];
  if (tokens[open]?.text !== "(" || named === undefined || !named.capitalised || named.segment !== undefined)
    return false;
  const close = tokens.findIndex((token, index) => index > at && token.text === ")");
  return close !== -1 && close - open > 2;
}

function sourceOf(source: string, tokens: readonly Token[], at: number, end: number): string {
  return source.slice(tokens[at]?.start ?? 0, tokens[end - 1]?.end ?? 0);
}

/**
 * "Lee's husband, Bill, ...": a given name in apposition to a family tie of someone named by surname is
 * that relative's full name ("Bill Lee"), so that it is not taken for a person of its own.
 */
function withFamilyName(
  tokens: readonly Token[],
  at: number,
  end: number,
  phrase: Phrase | undefined,
): Phrase | undefined {
  if (phrase?.kind !== "name" || phrase.name.length !== 1 || end !== at + 1) return phrase;
  const given = phrase.name[0] ?? "";
  const owner = tokens[at - 3];
  if (!isGivenName(given) || tokens[at - 1]?.text !== "," || tokens[end]?.text !== ",") return phrase;
  if (!KIN_NOUNS.has(tokens[at - 2]?.bare ?? "") || owner?.capitalised !== true) return phrase;
  if (!POSSESSIVE.test(owner.text)) return phrase;
  const surname = owner.text.replace(POSSESSIVE, "");
  if (!looksLikeName(surname) || isGivenName(surname)) return phrase;
  return { ...phrase, name: [given, surname] };
}

/** Lower-case words that may stand between "from" or "by" and the author's name: "the left-leaning". */
const MAX_AUTHOR_MODIFIERS = 3;
/** Words from the text's noun to the "by" of its author: "a report for Oxfam on energy policy by". */
const MAX_TEXT_TAIL = 9;

/**
 * The text a name at `nameStart` is the author of: "a note from Ann Lee", "a paper from the left-leaning
 * Lee Institute", "a report for Oxfam on energy policy by the nonprofit E3G". Read back over the name's
 * own modifiers to "from" or "by", then over the text's tail to its noun, within one clause.
 */
function authoredText(tokens: readonly Token[], nameStart: number, nameEnd: number): NameRun["authorOf"] {
  // "by the Securities and Exchange Commission": a name that goes on after "and" is not read whole.
  if (tokens[nameEnd]?.bare === "and" && tokens[nameEnd + 1]?.capitalised === true) return undefined;
  const plain = (token: Token | undefined): token is Token =>
    token !== undefined && token.segment === undefined && !isPunctuation(token) && !isSpeechVerb(token);
  let by = nameStart - 1;
  while (by > 0 && nameStart - by <= MAX_AUTHOR_MODIFIERS) {
    const token = tokens[by];
    if (!plain(token) || token.capitalised || token.bare === "from" || token.bare === "by") break;
    by--;
  }
  if (tokens[by]?.bare !== "from" && tokens[by]?.bare !== "by") return undefined;
  for (let at = by - 1; at >= 0 && by - at <= MAX_TEXT_TAIL; at--) {
    const token = tokens[at];
    if (!plain(token)) return undefined;
    if (!token.capitalised && DOCUMENT_NOUNS.has(token.bare)) return { head: token.bare, text: token.start };
    if (at < by - 1 && (token.bare === "from" || token.bare === "by")) return undefined;
  }
  return undefined;
}

/** "Commission on Presidential Debates", "Association of Flight Attendants": a body's name goes on. */
function joinsOrganisation(tokens: readonly Token[], at: number): boolean {
  const joiner = tokens[at]?.bare ?? "";
  return (
    (joiner === "of" || joiner === "on" || joiner === "for") &&
    ORGANISATION_WORDS.has(tokens[at - 1]?.bare ?? "")
  );
}

/** Where the role words before a name start: "Kremlin spokesman" of "Kremlin spokesman Dmitry Peskov". */
function rolePrefixStart(tokens: readonly Token[], runStart: number): number {
  const before = tokens[runStart - 1];
  if (before === undefined || before.capitalised || !isRoleNoun(before.bare)) return runStart;
  let start = runStart - 1;
  while (start > 0 && runStart - start < 5) {
    const token = tokens[start - 1];
    if (token === undefined || token.segment !== undefined || isPunctuation(token)) break;
    if (DETERMINERS.has(token.bare) || PHRASE_STOPS.has(token.bare) || isSpeechVerb(token)) break;
    start--;
    if (POSSESSIVE.test(token.text)) break;
  }
  return start;
}

/** The role in an appositive after a name: ", head of the regional military administration,". */
function appositiveRole(source: string, tokens: readonly Token[], after: number): string | undefined {
  if (tokens[after]?.text !== ",") return undefined;
  let end = after + 1;
  let hasRole = false;
  while (end < tokens.length && end - after <= 14) {
    const token = tokens[end];
    if (token === undefined || token.segment !== undefined || token.text === "," || token.text === ";") break;
    // "in Chelsea, the mayor also said": a clause's subject, not an appositive.
    if (isSpeechVerb(token) || VERB_MODIFIERS.has(token.bare)) return undefined;
    const roleLike = ROLE_NOUNS.has(token.bare) || ORGANISATION_WORDS.has(token.bare);
    if (end - after <= 6 && roleLike && !token.capitalised) hasRole = true;
    end++;
  }
  const first = tokens[after + 1];
  const last = tokens[end - 1];
  if (!hasRole || first === undefined || last === undefined || end === after + 1) return undefined;
  if (first.bare === "who" || first.bare === "which") return undefined;
  return source
    .slice(first.start, last.end)
    .replace(/^(the|a|an) /i, "")
    .replace(/[.,;:]+$/, "");
}
