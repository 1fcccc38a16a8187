import {
  bareWord,
  genderOfWord,
  isCapitalised,
  isGivenName,
  isNameTitle,
  NAME_PARTICLES,
  type Gender,
} from "../text/names.ts";
import {
  DETERMINERS,
  DOCUMENT_NOUNS,
  FEMALE_ROLE_NOUNS,
  KIN_NOUNS,
  MALE_ROLE_NOUNS,
  NON_NAME_CAPITALS,
  ORGANISATION_WORDS,
  PHRASE_STOPS,
  PLACE_NAMES,
  PUBLIC_ROLES,
  PUBLICATION_NOUNS,
  PUBLICATION_WORDS,
  ROLE_NOUNS,
  ROLE_SYNONYMS,
  THING_WORDS,
  VERB_MODIFIERS,
} from "./lexicon.ts";
import { typoDistance } from "../text/edit-distance.ts";
import {
  classifyPhrase,
  DEMONYM_NOUN,
  isPunctuation,
  isSpeechVerb,
  organisationTailEnd,
  isPlaceName,
  withoutFullStop,
  type Phrase,
} from "./phrases.ts";
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
  /** The capitalised words of the roles ("russian", "kremlin"), which a description must not contradict. */
  roleCapitals: Set<string>;
  /** Known only by a description ("a spokesman for the casino association"): reported as an unnamed speaker. */
  unnamed?: boolean;
}

interface Mention {
  entity: Entity;
  position: number;
  /** Inside a prepositional phrase ("with Putin"): a less likely antecedent than a subject or object. */
  oblique: boolean;
  /** Named with an appositive role ("Henry Crespo, president of the caucus,"): a speaker being introduced. */
  introduced: boolean;
}

const PREPOSITIONS = new Set([
  "with", "by", "in", "on", "at", "for", "from", "to", "of", "about", "against", "between", "among", "under",
  "over", "into", "through", "toward", "towards", "during", "after", "before", "like", "including", "than",
  "behind", "ahead", "beyond", "beside", "past", "near", "across", "around", "within", "without", "via",
  "alongside", "outside", "inside", "despite", "beat", "beating",
]); // prettier-ignore

const MAX_PRONOUN_DISTANCE = 6;
/** Sentences a pronoun looks back over: its own and the one before first, then up to four more. */
const PRONOUN_REACH: readonly (readonly [number, number])[] = [
  [0, 1],
  [2, MAX_PRONOUN_DISTANCE - 1],
];
/** Longer capitalised runs are headlines or titles, not names. */
const MAX_NAME_WORDS = 4;
const MAX_DESCRIPTION_DISTANCE = 40;
/** Namesakes mentioned equally often go to the one mentioned last within this many sentences. */
const MAX_NAMESAKE_DISTANCE = 400;
/** Longer words are not compared letter by letter as possible misspellings of a surname. */
const MAX_TYPO_LENGTH = 40;
/**
 * A look-back for an antecedent reads at most this many mentions (a news story has a few per sentence), so
 * that a run of text crowded with names cannot make every quote in it read them all.
 */
const MAX_SCANNED_MENTIONS = 600;
/** "the article" speaks for an outlet named this few sentences before it. */
const MAX_OUTLET_DISTANCE = 4;
/** "the report" speaks for a body named this few sentences before it. */
const MAX_BODY_DOCUMENT_DISTANCE = 3;
/** "the note" speaks for the author of a note "from" someone named this few sentences before it. */
const MAX_AUTHOR_DISTANCE = 6;
/** Texts a body puts out in its own name, unlike a letter or a book, which have authors of their own. */
const BODY_DOCUMENTS = new Set(["report", "email", "e-mail", "statement", "release", "memo", "newsletter"]);
const DEFINITE = /^the /i;
/** How the article's writer is named as a speaker, as the gold and the registry name an unnamed one. */
const AUTHOR = "the author";
/** "a spokesman", "one trader", "another commenter": a description that brings in someone new. */
const INDEFINITE = /^(?:an?|one|another) /i;
/** "Obama's former campaign strategist": a role tied to someone, so a person the text has in view. */
const POSSESSIVE_START = /^\S+['\u2019]s /;
const POSSESSIVE = /['\u2019]s$/;

/** Roles written in the masculine that are used of women too ("party chairman Ann Lee"): they tell no gender. */
const UNMARKED_ROLES = new Set(["chairman"]);

function addRole(entity: Entity, role: string | undefined): void {
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

/**
 * Who an article mentions and where: full names with their roles and genders, organisations and places,
 * so that "Putin", "he" and "the Russian leader" can be resolved to "Vladimir Putin".
 */
export class Cast {
  readonly #source: string;
  readonly #byKey = new Map<string, Entity>();
  readonly #bySurname = new Map<string, Entity[]>();
  /** Full names by the bare form of their first word ("xi" for "Xi Jinping"). */
  readonly #byFirstWord = new Map<string, Entity[]>();
  /** Surnames by themselves and by each of their one-letter deletions, to find misspellings without a scan. */
  readonly #surnamesByDeletion = new Map<string, Set<string>>();
  readonly #mentions: Mention[][];
  readonly #sentences: readonly Sentence[];
  /** Per sentence, the texts whose author it names: "a note from Ann Lee". */
  readonly #authored: { head: string; entity: Entity; position: number; text: number }[][];
  readonly #counts = new Map<Entity, number>();

  constructor(source: string, sentences: readonly Sentence[]) {
    this.#source = source;
    this.#mentions = sentences.map(() => []);
    this.#sentences = sentences;
    this.#authored = sentences.map(() => []);
    const found: ({ sentence: number } & NameRun)[] = [];
    for (const sentence of sentences) {
      for (const run of nameRuns(source, sentence.tokens)) {
        found.push({ sentence: sentence.index, ...run });
        const { name } = run.phrase;
        if (run.phrase.kind === "name" && name.length > 1 && name.length <= MAX_NAME_WORDS)
          this.#register(run.phrase, run);
      }
    }
    for (const { sentence, phrase, appositive, evidence, modifierOnly, oblique, authorOf } of found) {
      if (modifierOnly && !this.#bySurname.has(bareWord(phrase.name[0] ?? ""))) continue;
      const entity = this.#entityOf(phrase, sentence, phrase.start);
      if (entity === undefined) continue;
      if (phrase.kind === "name") entity.person ||= evidence;
      addRole(entity, phrase.role);
      addRole(entity, appositive);
      this.mention(entity, sentence, phrase.start, oblique, appositive !== undefined);
      if (authorOf !== undefined)
        this.#authored[sentence]?.push({ ...authorOf, entity, position: phrase.start });
    }
    for (const sentence of sentences) this.#mentionNarratorsKin(sentence);
  }

  /** The writer of the article, who speaks as "I" in its own prose: "I laughed and said, “...”". */
  #author(): Entity {
    const entity = this.#plainEntity("author:", AUTHOR, "person");
    entity.person = true;
    entity.unnamed = true;
    return entity;
  }

  /**
   * "my mother", "my uncle" in the article's own prose (not in a quote): someone of the writer's, named by
   * that tie ("the author's mother"), whom a later "she" may stand for.
   */
  #mentionNarratorsKin(sentence: Sentence): void {
    sentence.tokens.forEach((token, index) => {
      const noun = sentence.tokens[index + 1];
      if (token.bare !== "my" || token.segment !== undefined || noun === undefined) return;
      if (noun.segment !== undefined || noun.capitalised || !isRoleNoun(noun.bare)) return;
      const entity = this.#plainEntity(`author:${noun.bare}`, `${AUTHOR}'s ${noun.bare}`, "person");
      entity.person = true;
      entity.unnamed = true;
      addRole(entity, noun.bare);
      this.mention(entity, sentence.index, token.start);
    });
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
      roleCapitals: new Set(),
    };
    this.#byKey.set(key, entity);
    const surname = bareWord(phrase.name.at(-1) ?? "");
    const namesakes = this.#bySurname.get(surname) ?? [];
    namesakes.push(entity);
    this.#bySurname.set(surname, namesakes);
    if (namesakes.length === 1 && surname.length <= MAX_TYPO_LENGTH) {
      for (const key of deletions(surname)) {
        const surnames = this.#surnamesByDeletion.get(key) ?? new Set<string>();
        surnames.add(surname);
        this.#surnamesByDeletion.set(key, surnames);
      }
    }
    const firstBare = bareWord(first);
    const sameFirst = this.#byFirstWord.get(firstBare) ?? [];
    sameFirst.push(entity);
    this.#byFirstWord.set(firstBare, sameFirst);
  }

  /** Records that the entity is mentioned at `position` of sentence `sentence`. */
  mention(entity: Entity, sentence: number, position: number, oblique = false, introduced = false): void {
    const list = this.#mentions[sentence];
    if (list === undefined) return;
    let at = list.length;
    while (at > 0 && (list[at - 1]?.position ?? 0) > position) at--;
    list.splice(at, 0, { entity, position, oblique, introduced });
    this.#counts.set(entity, (this.#counts.get(entity) ?? 0) + 1);
  }

  #entityOf(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    if (phrase.kind === "organisation") return this.#organisation(phrase.text);
    if (phrase.kind !== "name") return undefined;
    if (phrase.name.length > 1) return this.#byKey.get(fullKey(phrase.name));
    const word = phrase.name[0] ?? "";
    const hint = phrase.role === undefined ? undefined : genderOfWord(phrase.role.split(/\s+/).at(-1) ?? "");
    return (
      this.#bySurnameAt(bareWord(word), sentence, position, hint) ??
      this.#byFamilyName(word) ??
      this.#byMisspelling(word) ??
      this.#single(word)
    );
  }

  /** "Wines" for "Leslie Wimes": a surname misspelt by one letter, when only one full name is that close. */
  #byMisspelling(word: string): Entity | undefined {
    const bare = bareWord(word);
    if (bare.length < 5 || bare.length > MAX_TYPO_LENGTH) return undefined;
    // Two words one edit apart (a letter changed, added, dropped or two swapped) share a one-letter deletion.
    const close = new Set<string>();
    for (const key of deletions(bare)) {
      for (const surname of this.#surnamesByDeletion.get(key) ?? []) close.add(surname);
    }
    let found: Entity | undefined;
    for (const surname of close) {
      if (!surname.startsWith(bare.charAt(0)) || typoDistance(surname, bare, 1) > 1) continue;
      for (const entity of this.#bySurname.get(surname) ?? []) {
        if (!entity.person) continue;
        if (found !== undefined && found !== entity) return undefined;
        found = entity;
      }
    }
    return found;
  }

  /** "Xi" for "Xi Jinping": family names that come first, when exactly one full name starts with the word. */
  #byFamilyName(word: string): Entity | undefined {
    const bare = bareWord(word);
    let found: Entity | undefined;
    for (const entity of this.#byFirstWord.get(bare) ?? []) {
      if (!entity.person || bareWord(entity.words[0] ?? "") !== bare) continue;
      if (found !== undefined && found !== entity) return undefined;
      found = entity;
    }
    return found;
  }

  #organisation(text: string): Entity {
    return this.#plainEntity(`org:${text.toLowerCase()}`, text, "organisation");
  }

  /**
   * One entity per key for a speaker known only by one name, with no roles or gender: a body, a text speaking
   * for its authors, or a person named by a single word.
   */
  #plainEntity(key: string, text: string, type: Entity["type"]): Entity {
    let entity = this.#byKey.get(key);
    if (entity === undefined) {
      entity = {
        name: text,
        words: [text],
        type,
        person: false,
        gender: undefined,
        roles: [],
        roleWords: new Set(),
        roleCapitals: new Set(),
      };
      this.#byKey.set(key, entity);
    }
    return entity;
  }

  #single(word: string): Entity {
    const name = /^[A-Z][A-Z'\u2019-]+$/.test(word) ? word.charAt(0) + word.slice(1).toLowerCase() : word;
    const entity = this.#plainEntity(`one:${bareWord(word)}`, name, "person");
    // "Melanie thought it absurd. ... “...,” she said": a given name on its own tells its bearer's gender.
    if (entity.gender === undefined && isGivenName(word)) entity.gender = genderOfWord(word);
    return entity;
  }

  #bySurnameAt(
    surname: string,
    sentence: number,
    position: number,
    gender: Gender | undefined,
  ): Entity | undefined {
    let candidates = (this.#bySurname.get(surname) ?? []).filter((entity) => entity.person);
    if (gender !== undefined) {
      const matching = candidates.filter((entity) => entity.gender === undefined || entity.gender === gender);
      if (matching.length > 0) candidates = matching;
    }
    if (candidates.length <= 1) return candidates[0];
    const counts = candidates.map((entity) => this.#counts.get(entity) ?? 0);
    const most = Math.max(...counts);
    if (counts.filter((count) => count === most).length === 1) return candidates[counts.indexOf(most)];
    let budget = MAX_SCANNED_MENTIONS;
    for (let s = sentence; s >= 0 && s > sentence - MAX_NAMESAKE_DISTANCE; s--) {
      const list = this.#mentions[s] ?? [];
      for (let m = list.length - 1; m >= 0 && budget-- > 0; m--) {
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
  resolve(phrase: Phrase, sentence: number, position: number, lastSpeaker?: Entity): Entity | undefined {
    switch (phrase.kind) {
      case "pronoun":
        return this.resolvePronoun(phrase.head ?? "", sentence, position, lastSpeaker);
      case "description":
        return (
          this.#resolveDescription(phrase, sentence, position) ??
          (INDEFINITE.test(phrase.text) ? this.#unnamedPerson(phrase, sentence, position) : undefined)
        );
      case "group":
        return undefined;
      case "document":
        return this.#resolveDocument(phrase, sentence, position);
      case "name":
      case "organisation": {
        const described = phrase.kind === "organisation" && phrase.head !== undefined;
        // "the editorial board" writes for the paper named just before.
        const board = described && phrase.head === "board" && phrase.modifiers.includes("editorial");
        const entity =
          (board ? this.#outletBefore(sentence, position) : undefined) ??
          (described ? this.#describedOrganisation(phrase.head ?? "", sentence, position) : undefined) ??
          this.#entityOf(phrase, sentence, position);
        if (entity !== undefined && phrase.kind === "name") {
          entity.person = true;
          addRole(entity, phrase.role);
        }
        return entity;
      }
    }
  }

  /**
   * The earlier person (or, for "they" and "it", body) a pronoun most likely stands for. `lastSpeaker`, the
   * person who spoke in the sentence just before, goes on speaking as "he" or "she" when the gender fits and
   * the pronoun's own sentence names no one before it: `..., Stovall said. “...,” he said.` is Stovall even
   * when that sentence named someone else first.
   */
  resolvePronoun(
    pronoun: string,
    sentence: number,
    position: number,
    lastSpeaker?: Entity,
  ): Entity | undefined {
    // "... the Security Council's statement on North Korea. “...,” they said": a body or a text speaks
    // sooner than a place named after it; a place only when nothing else is in reach.
    if (pronoun === "they" || pronoun === "it")
      return (
        this.#recentOrganisation(sentence, position, MAX_PRONOUN_DISTANCE, isBodyNotPlace) ??
        this.#recentOrganisation(sentence, position)
      );
    // A frame is read in the article's own prose, so its "I" is the writer's.
    if (pronoun === "i") return this.#author();
    if (pronoun !== "he" && pronoun !== "she") return undefined;
    const gender: Gender = pronoun === "he" ? "male" : "female";
    const fitsEntity = (entity: Entity): boolean =>
      entity.type === "person" &&
      entity.person &&
      (entity.gender === undefined || entity.gender === gender) &&
      !namesThing(entity) &&
      !isAuthor(entity);
    const fits = (mention: Mention): boolean => fitsEntity(mention.entity);
    const namedBefore = (this.#mentions[sentence] ?? []).some(
      (mention) => mention.position < position && fits(mention),
    );
    if (lastSpeaker !== undefined && fitsEntity(lastSpeaker) && !namedBefore) return lastSpeaker;
    // News prose introduces a speaker with an appositive role and then quotes them: "... concerns Henry
    // Crespo, president of the caucus. “...,” he said." Such a person in this or the previous sentence, whose
    // given name or title tells the pronoun's gender, wins.
    for (let s = sentence; s >= 0 && s >= sentence - 1; s--) {
      const introduced = (this.#mentions[s] ?? []).filter(
        (mention) =>
          mention.introduced &&
          !mention.oblique &&
          (s < sentence || mention.position < position) &&
          fits(mention) &&
          mention.entity.gender === gender,
      );
      if (introduced.length === 1) return introduced[0]?.entity;
      if (introduced.length > 1) break;
    }
    // Subjects and objects first, nearest sentence first, left to right; names inside prepositional
    // phrases ("on Midway", "with Putin") only when the sentences in reach have no other candidate.
    let budget = MAX_SCANNED_MENTIONS;
    for (const [nearest, farthest] of PRONOUN_REACH) {
      for (const oblique of [false, true]) {
        for (let s = sentence - nearest; s >= 0 && s >= sentence - farthest; s--) {
          for (const mention of this.#mentions[s] ?? []) {
            if (budget-- <= 0) return undefined;
            if (mention.oblique !== oblique || (s === sentence && mention.position >= position)) continue;
            const { entity } = mention;
            if (entity.type !== "person" || !entity.person || namesThing(entity) || isAuthor(entity))
              continue;
            if (entity.gender !== undefined && entity.gender !== gender) continue;
            return entity;
          }
        }
      }
    }
    return undefined;
  }

  /** "the commission" for "the Commission on Presidential Debates", "the union" for a body called one. */
  #describedOrganisation(head: string, sentence: number, position: number): Entity | undefined {
    let budget = MAX_SCANNED_MENTIONS;
    for (let s = sentence; s >= 0 && s > sentence - MAX_DESCRIPTION_DISTANCE; s--) {
      const list = this.#mentions[s] ?? [];
      for (let m = list.length - 1; m >= 0 && budget-- > 0; m--) {
        const mention = list[m];
        if (mention === undefined || (s === sentence && mention.position >= position)) continue;
        const { entity } = mention;
        if (entity.type !== "organisation") continue;
        if (entity.roleWords.has(head) || entity.name.toLowerCase().split(/\s+/).includes(head))
          return entity;
      }
    }
    return undefined;
  }

  /**
   * "the article" speaks for the outlet that ran it when one was named just before; any other text ("the
   * letter", "the ruling") is its own, unnamed speaker, which "it" may then stand for.
   */
  #resolveDocument(phrase: Phrase, sentence: number, position: number): Entity {
    const head = phrase.head ?? "";
    // "an agency statement", "the ministry's report": the text of a body the article named as one.
    for (const modifier of phrase.modifiers) {
      if (!ORGANISATION_WORDS.has(modifier) || DOCUMENT_NOUNS.has(modifier)) continue;
      const body = this.#describedOrganisation(modifier, sentence, position);
      if (body !== undefined) return body;
    }
    // "a paper from the Lee Institute had this to say:", "noted a report for Oxfam by the nonprofit E3G":
    // a text named with its author speaks for that author.
    const own = (this.#authored[sentence] ?? []).findLast(
      (record) => record.text >= phrase.start && record.text < phrase.end,
    );
    if (own !== undefined) return own.entity;
    // "a handwritten note from Ann Lee. “...,” the note says": the text speaks for the author it was from.
    if (DEFINITE.test(phrase.text)) {
      const author = this.#authorOf(head, sentence, position);
      if (author !== undefined) return author;
    }
    if (PUBLICATION_NOUNS.has(head)) {
      const outlet = this.#outletBefore(sentence, position);
      if (outlet !== undefined) return outlet;
    }
    if (BODY_DOCUMENTS.has(head)) {
      // "the report", "the email", "the statement": a body's papers speak for the body named just before.
      const body = this.#recentOrganisation(sentence, position, MAX_BODY_DOCUMENT_DISTANCE, isNamedBody);
      if (body !== undefined) return body;
    }
    const text = phrase.text.replace(/^(?:an?|this|that) /i, "the ");
    return this.#plainEntity(`doc:${text.toLowerCase()}`, text, "unknown");
  }

  /** The author of the latest text with head noun `head` written "from" or "by" someone, shortly before. */
  #authorOf(head: string, sentence: number, position: number): Entity | undefined {
    for (let s = sentence; s >= 0 && s > sentence - MAX_AUTHOR_DISTANCE; s--) {
      const list = this.#authored[s] ?? [];
      for (let m = list.length - 1; m >= 0; m--) {
        const record = list[m];
        if (record === undefined || (s === sentence && record.position >= position)) continue;
        if (record.head === head) return record.entity;
      }
      // "... an email sent by Ann Lee. Her rival's campaign sent out an email too. “...,” the email said":
      // a later text of the same kind with no author named is the one meant.
      const other = (this.#sentences[s]?.tokens ?? []).some(
        (token) =>
          token.bare === head && token.segment === undefined && (s < sentence || token.start < position),
      );
      if (other) return undefined;
    }
    return undefined;
  }

  /** The outlet a newspaper's text speaks for: the latest paper named, else the latest body, just before. */
  #outletBefore(sentence: number, position: number): Entity | undefined {
    return (
      this.#recentOrganisation(sentence, position, MAX_OUTLET_DISTANCE, isOutlet) ??
      this.#recentOrganisation(sentence, position, MAX_OUTLET_DISTANCE, isNamedBody) ??
      // A story about what a paper wrote names it once and then calls it "the newspaper" for paragraphs.
      this.#recentOrganisation(sentence, position, MAX_DESCRIPTION_DISTANCE, isOutlet)
    );
  }

  /** The latest body (or text speaking for its authors) mentioned before the position, within `distance`. */
  #recentOrganisation(
    sentence: number,
    position: number,
    distance = MAX_PRONOUN_DISTANCE,
    accepts: (entity: Entity) => boolean = isBody,
  ): Entity | undefined {
    let budget = MAX_SCANNED_MENTIONS;
    for (let s = sentence; s >= 0 && s > sentence - distance; s--) {
      const list = this.#mentions[s] ?? [];
      for (let m = list.length - 1; m >= 0 && budget-- > 0; m--) {
        const mention = list[m];
        if (mention === undefined || (s === sentence && mention.position >= position)) continue;
        if (mention.entity.type !== "person" && accepts(mention.entity)) return mention.entity;
      }
    }
    return undefined;
  }

  #resolveDescription(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    const head = phrase.head ?? "";
    const heads = ROLE_SYNONYMS.get(head) ?? [head];
    const capitals = phrase.capitals ?? [];
    const former = phrase.text.split(/[\s-]+/).some((word) => FORMER.has(bareWord(word)));
    let best: Entity | undefined;
    let bestScore = 0;
    let bestSentence = sentence;
    let budget = MAX_SCANNED_MENTIONS;
    for (let s = sentence; s >= 0 && s > sentence - MAX_DESCRIPTION_DISTANCE; s--) {
      const list = this.#mentions[s] ?? [];
      for (let m = list.length - 1; m >= 0 && budget-- > 0; m--) {
        const mention = list[m];
        if (mention === undefined || (s === sentence && mention.position >= position)) continue;
        const { entity } = mention;
        if (entity.type !== "person" || !heads.some((word) => entity.roleWords.has(word))) continue;
        if (!former && !holdsNow(entity, heads)) continue;
        if (entity.unnamed === true && INDEFINITE.test(phrase.text)) continue;
        const contradicts =
          capitals.length > 0 &&
          entity.roleCapitals.size > 0 &&
          !capitals.some((word) => entity.roleCapitals.has(word));
        if (contradicts) continue;
        const score = 2 + phrase.modifiers.filter((word) => entity.roleWords.has(word)).length;
        if (score > bestScore) {
          best = entity;
          bestScore = score;
          bestSentence = s;
        }
      }
    }
    // "Cruz defends his record in an ad: “...,” the senator says": the sentence's own subject, of whom no
    // role is known, is a likelier antecedent than someone who held the role sentences before.
    if (best !== undefined && bestSentence < sentence - 1 && DEFINITE.test(phrase.text)) {
      const subject =
        this.#sentenceSubject(sentence, position, heads) ??
        (capitals.length === 0 ? this.#previousSubject(sentence, best, heads) : undefined);
      if (subject !== undefined) return subject;
    }
    if (best !== undefined) return best;
    const possessive = POSSESSIVE_START.test(phrase.text);
    // "the Arsenal boss", "the Gawker employee": a role at a named body is someone the text has in view.
    const qualified = capitals.length > 0 && ROLE_NOUNS.has(head);
    const personal =
      PUBLIC_ROLES.has(head) || qualified || DEMONYM_NOUN.test(phrase.text.replace(DEFINITE, ""));
    if (!possessive && !(DEFINITE.test(phrase.text) && personal)) return undefined;
    // "The New York businessman says": an unmatched definite description most likely means the person in focus.
    return this.#nearestPerson(sentence, position, 3);
  }

  /**
   * The person who opens sentence `sentence` as its subject and brings in a quote before `position` with a
   * colon, when nothing known of them contradicts a description with one of `heads`: they have no role of
   * their own, or one of those.
   */
  /**
   * "Rubio stopped by his headquarters. ... the senator said": the person who opens the sentence before, of
   * whom no role is known, is the one the story is following, rather than someone who held the role
   * sentences before. A role tied to a named body ("the Toshiba spokesman") is left to that body's people.
   */
  #previousSubject(sentence: number, best: Entity, heads: readonly string[]): Entity | undefined {
    const tokens = this.#sentences[sentence - 1]?.tokens ?? [];
    const opening = tokens.find((token) => token.segment === undefined);
    const first = (this.#mentions[sentence - 1] ?? [])[0];
    if (opening === undefined || first === undefined || first.oblique || first.position !== opening.start)
      return undefined;
    const { entity } = first;
    if (entity.type !== "person" || !entity.person || entity.unnamed === true) return undefined;
    // "Mr. Biden" for "Joseph R. Biden Jr.": the same person, however the cast keeps the short name.
    const surname = (words: readonly string[]): string =>
      bareWord(words.findLast((word) => !NAME_SUFFIXES.has(bareWord(word))) ?? "");
    if (surname(entity.words) === surname(best.words)) return undefined;
    const roles = [...entity.roleWords].filter((word) => isRoleNoun(word));
    return roles.length === 0 || heads.some((head) => entity.roleWords.has(head)) ? entity : undefined;
  }

  #sentenceSubject(sentence: number, position: number, heads: readonly string[]): Entity | undefined {
    const tokens = this.#sentences[sentence]?.tokens ?? [];
    const opening = tokens.find((token) => token.segment === undefined);
    const first = (this.#mentions[sentence] ?? []).find((mention) => mention.position < position);
    if (opening === undefined || first === undefined || first.oblique || first.position !== opening.start)
      return undefined;
    // The subject's own clause brings the quote in with a colon; a quote inside a reported clause ("Brown
    // liked to rattle off “...”, the Tory leader said") is the speaker's, not the subject's.
    const quoted = tokens.some(
      (token, index) =>
        token.segment !== undefined &&
        token.start > first.position &&
        token.end <= position &&
        tokens[index - 1]?.text === ":",
    );
    const { entity } = first;
    if (!quoted || entity.type !== "person" || !entity.person || entity.unnamed === true) return undefined;
    const roles = [...entity.roleWords].filter((word) => isRoleNoun(word));
    return roles.length === 0 || heads.some((head) => entity.roleWords.has(head)) ? entity : undefined;
  }

  #nearestPerson(sentence: number, position: number, distance: number): Entity | undefined {
    let budget = MAX_SCANNED_MENTIONS;
    for (let s = sentence; s >= 0 && s > sentence - distance; s--) {
      for (const mention of this.#mentions[s] ?? []) {
        if (budget-- <= 0) return undefined;
        if (s === sentence && mention.position >= position) continue;
        const { entity } = mention;
        if (entity.type === "person" && entity.person && entity.unnamed !== true) return entity;
      }
    }
    return undefined;
  }

  /**
   * Someone the article knows only by a description ("a broker at Nomura", "one trader"): a person of their
   * own, named by the whole description, whom a later "the broker" or "he" may stand for.
   */
  #unnamedPerson(phrase: Phrase, sentence: number, position: number): Entity {
    const text = phrase.full ?? phrase.text;
    const key = `unnamed:${sentence}:${position}`;
    const entity = this.#plainEntity(key, text, "person");
    entity.person = true;
    entity.unnamed = true;
    addRole(entity, phrase.role ?? phrase.text.replace(INDEFINITE, "").replace(DEFINITE, ""));
    return entity;
  }

  /** The speaker a resolved (or unresolved) phrase gives. */
  speakerOf(phrase: Phrase, entity: Entity | undefined): Speaker {
    const mention = withoutFullStop(this.#source.slice(phrase.start, phrase.end));
    if (entity === undefined) {
      const name =
        phrase.kind === "name"
          ? phrase.name.join(" ")
          : phrase.kind === "description"
            ? (phrase.full ?? phrase.text)
            : phrase.text;
      const type: SpeakerType =
        phrase.kind === "name" ? "person" : phrase.kind === "organisation" ? "organisation" : "unknown";
      return withRole({ name, mention, type }, phrase.role);
    }
    const written = isHonorific(phrase.role) ? undefined : phrase.role;
    return withRole(
      { name: entity.name, mention, type: entity.unnamed === true ? "unknown" : entity.type },
      written ?? entity.roles.find((r) => !isHonorific(r)),
    );
  }
}

/** Words that put a role in the past: "the former governor" is not who "the governor" now means. */
const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
const FORMER = new Set(["former", "ex", "onetime", "one-time", "erstwhile", "retired", "late"]);

/** Whether one of the entity's roles with one of `heads` in it is held now, not a former one. */
function holdsNow(entity: Entity, heads: readonly string[]): boolean {
  return entity.roles.some((role) => {
    const words = role.split(/[\s-]+/).map(bareWord);
    const at = words.findIndex((word) => heads.includes(word));
    return at >= 0 && !words.slice(0, at).some((word) => FORMER.has(word));
  });
}

/**
 * "Islamic State", "San Jose", "Dominican Republic": a capitalised run that ends in a thing's or a place's
 * word, with no role or given name to make it a person, is not someone "he" or "she" can stand for.
 */
function namesThing(entity: Entity): boolean {
  if (entity.roles.length > 0 || entity.gender !== undefined) return false;
  return entity.words.some((word) => isThingWord(word) || PLACE_NAMES.has(bareWord(word)));
}

/** The article's writer, who is "I" and never "he" or "she". */
function isAuthor(entity: Entity): boolean {
  return entity.unnamed === true && entity.name === AUTHOR;
}

/** A body with a name of its own: not a text ("the letter") and not a place ("Britain"). */
function isOutlet(entity: Entity): boolean {
  return entity.name.split(/\s+/).some((word) => PUBLICATION_WORDS.has(bareWord(word)));
}

function isNamedBody(entity: Entity): boolean {
  return entity.type === "organisation" && !isPlaceName(entity.name.split(/\s+/).map(bareWord));
}

/** Organisations and the texts that speak for someone ("the letter"), which "it" and "they" may stand for. */
function isBody(entity: Entity): boolean {
  return entity.type !== "person";
}

function isBodyNotPlace(entity: Entity): boolean {
  return isBody(entity) && (entity.type !== "organisation" || isNamedBody(entity));
}

const HONORIFICS = new Set(["mr", "mrs", "ms", "miss", "dr", "mx"]);

function isHonorific(role: string | undefined): boolean {
  return role?.split(/\s+/).every((word) => HONORIFICS.has(bareWord(word))) ?? false;
}

function withRole(speaker: Speaker, role: string | undefined): Speaker {
  return role === undefined || isHonorific(role) ? speaker : { ...speaker, role };
}

/** The word and each of its one-letter deletions. */
function deletions(word: string): string[] {
  const keys = [word];
  for (let at = 0; at < word.length; at++) keys.push(word.slice(0, at) + word.slice(at + 1));
  return keys;
}

function fullKey(words: readonly string[]): string {
  return `${bareWord(words[0] ?? "")} ${bareWord(words.at(-1) ?? "")}`;
}

interface NameRun {
  phrase: Phrase;
  appositive: string | undefined;
  evidence: boolean;
  /** A lone capitalised word used as a modifier ("Democratic statements"): a mention only of a known person. */
  modifierOnly: boolean;
  oblique: boolean;
  /**
   * The text the run wrote, when it follows one: "note" of "a handwritten note from Ann Lee", with where
   * that noun stands.
   */
  authorOf: { head: string; text: number } | undefined;
}

/** "Putin", "McClenney", "O'Neill", "F.", "Ki-moon"; not "USA" or "7th". */
function looksLikeName(word: string): boolean {
  return /^\p{Lu}(?:\.|[\p{Ll}\p{M}'\u2019]+(?:[-\p{Lu}][\p{Ll}\p{M}'\u2019]+)*)$/u.test(word);
}

function isThingWord(word: string): boolean {
  return THING_WORDS.has(bareWord(word));
}

function isModifierUse(next: Token | undefined): boolean {
  if (next === undefined || next.capitalised || next.segment !== undefined || isPunctuation(next))
    return false;
  if (/(?:ed|ly)$/.test(next.bare)) return false; // "Clinton leaned", "Trump repeatedly"
  return !PHRASE_STOPS.has(next.bare) && !isSpeechVerb(next) && !VERB_MODIFIERS.has(next.bare);
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
    const phrase = withFamilyName(
      tokens,
      at,
      end,
      titled && tokens[at - 1]?.bare === "the" && !isModifierUse(tokens[end])
        ? (classifyPhrase(source, tokens.slice(at - 1, end)) ?? read)
        : read,
    );
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
      runs.push({ phrase, appositive, evidence, modifierOnly, oblique, authorOf });
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
        });
    }
    at = end;
  }
  return runs;
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

function isRoleNoun(bare: string): boolean {
  return ROLE_NOUNS.has(bare) || FEMALE_ROLE_NOUNS.has(bare) || MALE_ROLE_NOUNS.has(bare);
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
