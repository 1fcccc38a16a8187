import { bareWord, genderOfWord, isCapitalised, isNameTitle, type Gender } from "../text/names.ts";
import {
  FEMALE_ROLE_NOUNS,
  FORMER_WORDS,
  MALE_ROLE_NOUNS,
  PLACE_NAMES,
  PUBLICATION_WORDS,
  THING_WORDS,
  UNMARKED_ROLES,
} from "./lexicon.ts";
import { isPlaceName } from "./phrases.ts";
import type { SpeakerType } from "./types.ts";

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
  /** The capitalised words of the roles ("russian", "kremlin"), which a description must not contradict. */
  roleCapitals: Set<string>;
  /** Known only by a description ("a spokesman for the casino association"): reported as an unnamed speaker. */
  unnamed?: boolean;
  /** For a body that goes by a short form ("IAEA"), the full name the article defined it with. */
  fullName?: string;
}

/** How the article's writer is named as a speaker, as the gold and the registry name an unnamed one. */
export const AUTHOR = "the author";

/** Adds a role the article gives the entity, with its words, its capitals and the gender it tells. */
export function addRole(entity: Entity, role: string | undefined): void {
  if (role === undefined || role.length === 0) return;
  if (!entity.roles.includes(role)) entity.roles.push(role);
  for (const word of role.split(/[\s-]+/)) {
    const bare = bareWord(word);
    entity.roleWords.add(bare);
    if (isCapitalised(word) && !isNameTitle(word)) entity.roleCapitals.add(bare);
    if (entity.gender === undefined) {
      if (FEMALE_ROLE_NOUNS.has(bare)) entity.gender = "female";
      else if (MALE_ROLE_NOUNS.has(bare) && !UNMARKED_ROLES.has(bare)) entity.gender = "male";
      else if (isNameTitle(word)) entity.gender = genderOfWord(word);
    }
  }
}

/** Whether one of the entity's roles with one of `heads` in it is held now, not a former one. */
export function holdsNow(entity: Entity, heads: readonly string[]): boolean {
  return entity.roles.some((role) => {
    const words = role.split(/[\s-]+/).map(bareWord);
    const at = words.findIndex((word) => heads.includes(word));
    return at >= 0 && !words.slice(0, at).some((word) => FORMER_WORDS.has(word));
  });
}

/** A word that makes a capitalised run a place, an event or a thing: "County", "Act", "Summit". */
export function isThingWord(word: string): boolean {
  return THING_WORDS.has(bareWord(word));
}

/**
 * "Islamic State", "San Jose", "Dominican Republic": a capitalised run that ends in a thing's or a place's
 * word, with no role or given name to make it a person, is not someone "he" or "she" can stand for.
 */
export function namesThing(entity: Entity): boolean {
  if (entity.roles.length > 0 || entity.gender !== undefined) return false;
  return entity.words.some((word) => isThingWord(word) || PLACE_NAMES.has(bareWord(word)));
}

/** The article's writer, who is "I" and never "he" or "she". */
export function isAuthor(entity: Entity): boolean {
  return entity.unnamed === true && entity.name === AUTHOR;
}

/** A news outlet: a body with a paper's word in its name ("The Washington Post"). */
export function isOutlet(entity: Entity): boolean {
  return entity.name.split(/\s+/).some((word) => PUBLICATION_WORDS.has(bareWord(word)));
}

/** A body with a name of its own: not a text ("the letter") and not a place ("Britain"). */
export function isNamedBody(entity: Entity): boolean {
  return entity.type === "organisation" && !isPlaceName(entity.name.split(/\s+/).map(bareWord));
}

/** Organisations and the texts that speak for someone ("the letter"), which "it" and "they" may stand for. */
export function isBody(entity: Entity): boolean {
  return entity.type !== "person";
}

/** A body or a text, but not a place speaking as one. */
export function isBodyNotPlace(entity: Entity): boolean {
  return isBody(entity) && (entity.type !== "organisation" || isNamedBody(entity));
}
