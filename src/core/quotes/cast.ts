import { bareWord, genderOfWord, isGivenName, isNameTitle, type Gender } from "../text/names.ts";
import {
  DETERMINERS,
  FEMALE_ROLE_NOUNS,
  MALE_ROLE_NOUNS,
  NON_NAME_CAPITALS,
  PHRASE_STOPS,
  ROLE_NOUNS,
  ROLE_SYNONYMS,
} from "./lexicon.ts";
import { classifyPhrase, isPunctuation, isSpeechVerb, type Phrase } from "./phrases.ts";
import type { Sentence, Token } from "./tokens.ts";
import type { Speaker, SpeakerType } from "./types.ts";

/** A person or body the article mentions. */
export interface Entity {
  name: string;
  words: string[];
  type: SpeakerType;
  /** Known to be a person (a title, a given name, a role, or speaking), not just a capitalised phrase. */
  person: boolean;
  gender: Gender | undefined;
  roles: string[];
  roleWords: Set<string>;
}

interface Mention {
  entity: Entity;
  position: number;
}

const MAX_PRONOUN_DISTANCE = 6;
const POSSESSIVE = /['\u2019]s$/;

function addRole(entity: Entity, role: string | undefined): void {
  if (role === undefined || role.length === 0) return;
  if (!entity.roles.includes(role)) entity.roles.push(role);
  for (const word of role.split(/[\s-]+/)) {
    const bare = bareWord(word);
    entity.roleWords.add(bare);
    if (entity.gender === undefined) {
      if (FEMALE_ROLE_NOUNS.has(bare)) entity.gender = "female";
      else if (MALE_ROLE_NOUNS.has(bare)) entity.gender = "male";
      else if (isNameTitle(word)) entity.gender = genderOfWord(word);
    }
  }
}

/**
 * Who an article mentions and where: full names with their roles and genders, organisations and places,
 * so that "Putin", "he" and "the Russian leader" can be resolved to "Vladimir Putin".
 */
export class Cast {
  readonly #source: string;
  readonly #byKey = new Map<string, Entity>();
  readonly #bySurname = new Map<string, Entity[]>();
  readonly #mentions: Mention[][];

  constructor(source: string, sentences: readonly Sentence[]) {
    this.#source = source;
    this.#mentions = sentences.map(() => []);
    const found: { sentence: number; phrase: Phrase; appositive: string | undefined }[] = [];
    for (const sentence of sentences) {
      for (const run of nameRuns(source, sentence.tokens)) {
        found.push({ sentence: sentence.index, ...run });
        if (run.phrase.kind === "name" && run.phrase.name.length > 1) this.#register(run.phrase, run);
      }
    }
    for (const { sentence, phrase, appositive } of found) {
      const entity = this.#entityOf(phrase, sentence, phrase.start);
      if (entity === undefined) continue;
      addRole(entity, phrase.role);
      addRole(entity, appositive);
      this.mention(entity, sentence, phrase.start);
    }
  }

  #register(phrase: Phrase, run: { evidence: boolean }): void {
    const key = fullKey(phrase.name);
    const existing = this.#byKey.get(key);
    if (existing !== undefined) {
      if (phrase.name.length > existing.words.length) {
        existing.words = phrase.name;
        existing.name = phrase.name.join(" ");
      }
      existing.person ||= run.evidence;
      return;
    }
    const first = phrase.name[0] ?? "";
    const entity: Entity = {
      name: phrase.name.join(" "),
      words: phrase.name,
      type: "person",
      person: run.evidence,
      gender: genderOfWord(first),
      roles: [],
      roleWords: new Set(),
    };
    this.#byKey.set(key, entity);
    const surname = bareWord(phrase.name.at(-1) ?? "");
    const namesakes = this.#bySurname.get(surname) ?? [];
    namesakes.push(entity);
    this.#bySurname.set(surname, namesakes);
  }

  /** Records that the entity is mentioned at `position` of sentence `sentence`. */
  mention(entity: Entity, sentence: number, position: number): void {
    const list = this.#mentions[sentence];
    if (list === undefined) return;
    let at = list.length;
    while (at > 0 && (list[at - 1]?.position ?? 0) > position) at--;
    list.splice(at, 0, { entity, position });
  }

  #entityOf(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    if (phrase.kind === "organisation") return this.#organisation(phrase.text);
    if (phrase.kind !== "name") return undefined;
    if (phrase.name.length > 1) return this.#byKey.get(fullKey(phrase.name));
    const word = phrase.name[0] ?? "";
    const hint = phrase.role === undefined ? undefined : genderOfWord(phrase.role.split(/\s+/).at(-1) ?? "");
    return this.#bySurnameAt(bareWord(word), sentence, position, hint) ?? this.#single(word);
  }

  #organisation(text: string): Entity {
    const key = `org:${text.toLowerCase()}`;
    let entity = this.#byKey.get(key);
    if (entity === undefined) {
      entity = { name: text, words: [text], type: "organisation", person: false, gender: undefined, roles: [], roleWords: new Set() };
      this.#byKey.set(key, entity);
    }
    return entity;
  }

  #single(word: string): Entity {
    const key = `one:${bareWord(word)}`;
    let entity = this.#byKey.get(key);
    if (entity === undefined) {
      const name = /^[A-Z][A-Z'\u2019-]+$/.test(word) ? word.charAt(0) + word.slice(1).toLowerCase() : word;
      entity = { name, words: [name], type: "person", person: false, gender: undefined, roles: [], roleWords: new Set() };
      this.#byKey.set(key, entity);
    }
    return entity;
  }

  #bySurnameAt(surname: string, sentence: number, position: number, gender: Gender | undefined): Entity | undefined {
    let candidates = this.#bySurname.get(surname) ?? [];
    if (gender !== undefined) {
      const matching = candidates.filter((entity) => entity.gender === undefined || entity.gender === gender);
      if (matching.length > 0) candidates = matching;
    }
    if (candidates.length <= 1) return candidates[0];
    for (let s = sentence; s >= 0; s--) {
      const list = this.#mentions[s] ?? [];
      for (let m = list.length - 1; m >= 0; m--) {
        const mention = list[m];
        if (mention === undefined || (s === sentence && mention.position >= position)) continue;
        if (candidates.includes(mention.entity)) return mention.entity;
      }
    }
    return candidates[0];
  }

  /**
   * The entity a phrase next to a speech verb stands for, read at `position` of sentence `sentence`:
   * names to the fullest name given, pronouns to the right earlier person, descriptions by their role.
   */
  resolve(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    switch (phrase.kind) {
      case "pronoun":
        return this.resolvePronoun(phrase.head ?? "", sentence, position);
      case "description":
        return this.#resolveDescription(phrase, sentence, position);
      case "group":
        return undefined;
      case "name":
      case "organisation": {
        const entity = this.#entityOf(phrase, sentence, position);
        if (entity !== undefined && phrase.kind === "name") {
          entity.person = true;
          addRole(entity, phrase.role);
        }
        return entity;
      }
    }
  }

  /** The earlier person (or, for "they" and "it", body) a pronoun most likely stands for. */
  resolvePronoun(pronoun: string, sentence: number, position: number): Entity | undefined {
    const wantsPerson = pronoun === "he" || pronoun === "she";
    if (!wantsPerson && pronoun !== "they" && pronoun !== "it") return undefined;
    const gender: Gender | undefined = pronoun === "he" ? "male" : pronoun === "she" ? "female" : undefined;
    for (let s = sentence; s >= 0 && s > sentence - MAX_PRONOUN_DISTANCE; s--) {
      const list = this.#mentions[s] ?? [];
      const ordered = wantsPerson ? list : [...list].reverse();
      for (const mention of ordered) {
        if (s === sentence && mention.position >= position) continue;
        const { entity } = mention;
        if (wantsPerson) {
          if (entity.type !== "person" || !entity.person) continue;
          if (entity.gender !== undefined && entity.gender !== gender) continue;
          return entity;
        }
        if (entity.type === "organisation") return entity;
      }
    }
    return undefined;
  }

  #resolveDescription(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    const head = phrase.head ?? "";
    const heads = ROLE_SYNONYMS.get(head) ?? [head];
    let best: Entity | undefined;
    let bestScore = 0;
    for (let s = sentence; s >= 0; s--) {
      const list = this.#mentions[s] ?? [];
      for (let m = list.length - 1; m >= 0; m--) {
        const mention = list[m];
        if (mention === undefined || (s === sentence && mention.position >= position)) continue;
        const { entity } = mention;
        if (entity.type !== "person") continue;
        if (!heads.some((word) => entity.roleWords.has(word))) continue;
        const score = 2 + phrase.modifiers.filter((word) => entity.roleWords.has(word)).length;
        if (score > bestScore) {
          best = entity;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** The speaker a resolved (or unresolved) phrase gives. */
  speakerOf(phrase: Phrase, entity: Entity | undefined): Speaker {
    const mention = this.#source.slice(phrase.start, phrase.end);
    if (entity === undefined) {
      const name = phrase.kind === "name" ? phrase.name.join(" ") : phrase.text;
      const type: SpeakerType = phrase.kind === "name" ? "person" : phrase.kind === "organisation" ? "organisation" : "unknown";
      return withRole({ name, mention, type }, phrase.role);
    }
    return withRole({ name: entity.name, mention, type: entity.type }, phrase.role ?? entity.roles[0]);
  }
}

function withRole(speaker: Speaker, role: string | undefined): Speaker {
  return role === undefined ? speaker : { ...speaker, role };
}

function fullKey(words: readonly string[]): string {
  return `${bareWord(words[0] ?? "")} ${bareWord(words.at(-1) ?? "")}`;
}

interface NameRun {
  phrase: Phrase;
  appositive: string | undefined;
  evidence: boolean;
}

function startsName(token: Token): boolean {
  if (token.segment !== undefined || isPunctuation(token) || !token.capitalised) return false;
  return !NON_NAME_CAPITALS.has(token.bare) || isNameTitle(token.text);
}

/** The capitalised runs of a sentence that name people or bodies, with the role words written around them. */
function nameRuns(source: string, tokens: readonly Token[]): NameRun[] {
  const runs: NameRun[] = [];
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
      if (next.capitalised && next.segment === undefined && !isPunctuation(next) && !DETERMINERS.has(next.bare)) {
        end++;
      } else if (
        (next.bare === "of" || next.bare === "de" || next.bare === "van" || next.bare === "von" || next.bare === "bin") &&
        tokens[end + 1]?.capitalised === true
      ) {
        end += 2;
      } else {
        break;
      }
    }
    const prefixStart = rolePrefixStart(tokens, at);
    const phrase = classifyPhrase(source, tokens.slice(prefixStart, end));
    if (phrase !== undefined && (phrase.kind === "name" || phrase.kind === "organisation")) {
      const appositive = appositiveRole(source, tokens, end);
      const first = phrase.name[0] ?? "";
      const evidence =
        phrase.role !== undefined || appositive !== undefined || isGivenName(first) || isSpeechVerb(tokens[end]);
      runs.push({ phrase, appositive, evidence });
    }
    at = end;
  }
  return runs;
}

/** Where the role words before a name start: "Kremlin spokesman" of "Kremlin spokesman Dmitry Peskov". */
function rolePrefixStart(tokens: readonly Token[], runStart: number): number {
  const before = tokens[runStart - 1];
  if (before === undefined || before.capitalised || !ROLE_NOUNS.has(before.bare)) return runStart;
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
    if (isSpeechVerb(token)) break;
    if (end - after <= 6 && ROLE_NOUNS.has(token.bare) && !token.capitalised) hasRole = true;
    end++;
  }
  const first = tokens[after + 1];
  const last = tokens[end - 1];
  if (!hasRole || first === undefined || last === undefined || end === after + 1) return undefined;
  if (first.bare === "who" || first.bare === "which") return undefined;
  return source.slice(first.start, last.end).replace(/^(the|a|an) /i, "");
}
