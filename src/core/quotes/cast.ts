import { bareWord, genderOfWord, isGivenName, type Gender } from "../text/names.ts";
import { typoDistance } from "../text/edit-distance.ts";
import {
  addRole,
  AUTHOR,
  holdsNow,
  isAuthor,
  isBody,
  isBodyNotPlace,
  isNamedBody,
  isOutlet,
  namesThing,
  type Entity,
} from "./entity.ts";
import {
  BODY_DOCUMENTS,
  COMPANY_SUFFIXES,
  DOCUMENT_NOUNS,
  FORMER_WORDS,
  GROUP_MEMBER_WORDS,
  HONORIFICS,
  isRoleNoun,
  NAME_SUFFIXES,
  ORGANISATION_WORDS,
  PUBLIC_ROLES,
  PUBLICATION_NOUNS,
  ROLE_NOUNS,
  ROLE_SYNONYMS,
} from "./lexicon.ts";
import { BodyNames } from "./body-names.ts";
import { article, groupMember } from "./group-member.ts";
import { Mentions, ScanBudget, type Mention, type Reach } from "./mentions.ts";
import { nameRuns, type NameRun } from "./name-runs.ts";
import { DEMONYM_NOUN, isSpeechVerb, withoutFullStop, type Phrase } from "./phrases.ts";
import type { Sentence } from "./tokens.ts";
import type { Speaker, SpeakerType } from "./types.ts";

export type { Entity } from "./entity.ts";

const MAX_PRONOUN_DISTANCE = 6;
/** Sentences a pronoun looks back over: its own and the one before first, then up to four more. */
const PRONOUN_REACH: readonly { skip: number; within: number }[] = [
  { skip: 0, within: 2 },
  { skip: 2, within: MAX_PRONOUN_DISTANCE },
];
/** Longer capitalised runs are headlines or titles, not names. */
const MAX_NAME_WORDS = 4;
const MAX_DESCRIPTION_DISTANCE = 40;
/** Namesakes mentioned equally often go to the one mentioned last within this many sentences. */
const MAX_NAMESAKE_DISTANCE = 400;
/** Longer words are not compared letter by letter as possible misspellings of a surname. */
const MAX_TYPO_LENGTH = 40;
/** "the article" speaks for an outlet named this few sentences before it. */
const MAX_OUTLET_DISTANCE = 4;
/** "the report" speaks for a body named this few sentences before it. */
const MAX_BODY_DOCUMENT_DISTANCE = 3;
/** "the note" speaks for the author of a note "from" someone named this few sentences before it. */
const MAX_AUTHOR_DISTANCE = 6;
/** "Ann Lee, Republican of Ohio, and Bob Stone": the most words from one name of a pair to the next. */
const MAX_PAIR_TOKENS = 12;
const DEFINITE = /^the /i;
/** "a spokesman", "one trader", "another commenter": a description that brings in someone new. */
const INDEFINITE = /^(?:an?|one|another) /i;
/** "Obama's former campaign strategist": a role tied to someone, so a person the text has in view. */
const POSSESSIVE_START = /^\S+['\u2019]s /;

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
  readonly #mentions: Mentions;
  readonly #bodyNames = new BodyNames();
  /** The group the latest "one said" was one of, and where: a later "another said" may be one of it too. */
  #lastGroupMember: { sentence: number; described: string } | undefined;
  readonly #sentences: readonly Sentence[];
  /** Per sentence, the texts whose author it names: "a note from Ann Lee". */
  readonly #authored: { head: string; entity: Entity; position: number; text: number }[][];

  constructor(source: string, sentences: readonly Sentence[]) {
    this.#source = source;
    this.#mentions = new Mentions(sentences.length);
    this.#sentences = sentences;
    this.#authored = sentences.map(() => []);
    const found: { sentence: number; run: NameRun }[] = [];
    for (const sentence of sentences) {
      for (const run of nameRuns(source, sentence.tokens)) {
        found.push({ sentence: sentence.index, run });
        this.#bodyNames.note(run);
        const { name } = run.phrase;
        const body = this.#bodyNames.hasShortForm(name) || this.#bodyNames.isShortCompanyName(name);
        if (run.phrase.kind === "name" && name.length > 1 && name.length <= MAX_NAME_WORDS && !body)
          this.#register(run.phrase, run);
      }
    }
    for (const { sentence, run } of found) {
      const { phrase, appositive, evidence, modifierOnly, oblique, authorOf } = run;
      if (run.gloss) continue;
      if (modifierOnly && !this.#bySurname.has(bareWord(phrase.name[0] ?? ""))) continue;
      const entity = this.#entityOf(phrase, sentence, phrase.start);
      if (entity === undefined) continue;
      if (run.acronym !== undefined && entity.type === "organisation")
        this.#defineAcronym(entity, run.acronym);
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
    this.#mentions.add(entity, sentence, position, oblique, introduced);
  }

  #entityOf(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    if (phrase.kind === "organisation") return this.#organisation(phrase.text);
    if (phrase.kind !== "name") return undefined;
    // "Human Rights Watch (HRW)": a name given a short form of its initials is a body's.
    if (this.#bodyNames.hasShortForm(phrase.name)) return this.#organisation(phrase.name.join(" "));
    // "American Motors said" after "American Motors Corp": the company by a shorter name.
    if (this.#bodyNames.isShortCompanyName(phrase.name)) return this.#organisation(phrase.name.join(" "));
    if (phrase.name.length > 1) return this.#byKey.get(fullKey(phrase.name));
    const word = phrase.name[0] ?? "";
    const hint = phrase.role === undefined ? undefined : genderOfWord(phrase.role.split(/\s+/).at(-1) ?? "");
    return (
      this.#bySurnameAt(bareWord(word), sentence, position, hint) ??
      this.#byFamilyName(word) ??
      this.#byMisspelling(word) ??
      this.#companyByFirstWord(word) ??
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
      // The surname itself was looked up by `#bySurnameAt`, which may have ruled its bearers out.
      if (surname === bare || !surname.startsWith(bare.charAt(0)) || typoDistance(surname, bare, 1) > 1)
        continue;
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

  /**
   * "the International Atomic Energy Agency (IAEA)": the body goes by its short form from here on, as the
   * article calls it, with its full name kept as its role; both forms, and "the agency", are the one body.
   * Where a quote names it in full, it is reported in full (see `speakerOf`).
   */
  #defineAcronym(body: Entity, acronym: string): void {
    const key = `org:${acronym.toLowerCase()}`;
    if (this.#byKey.has(key)) return;
    addRole(body, body.name);
    body.fullName = body.name;
    body.name = acronym;
    body.words = [acronym];
    this.#byKey.set(key, body);
  }

  #organisation(text: string): Entity {
    const name = this.#bodyNames.fullName(text);
    return this.#plainEntity(`org:${name.toLowerCase()}`, name, "organisation");
  }

  /** "Kestrel said" after "Kestrel Marine Corp": the one company whose full name the word starts. */
  #companyByFirstWord(word: string): Entity | undefined {
    const full = this.#bodyNames.fullName(word);
    return full === word ? undefined : this.#organisation(full);
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
      // "Mr. Obama" after "the first lady, Michelle Obama" only: a namesake of the other sex, not her.
      candidates = candidates.filter((entity) => entity.gender === undefined || entity.gender === gender);
    }
    if (candidates.length <= 1) return candidates[0];
    const counts = candidates.map((entity) => this.#mentions.count(entity));
    const most = Math.max(...counts);
    if (counts.filter((count) => count === most).length === 1) return candidates[counts.indexOf(most)];
    const reach: Reach = { within: MAX_NAMESAKE_DISTANCE, order: "latest" };
    for (const { mention } of this.#mentions.mentionsBefore(sentence, position, reach)) {
      if (candidates.includes(mention.entity)) return mention.entity;
    }
    return candidates[0];
  }

  /**
   * The entity a phrase next to a speech verb stands for, read at `position` of sentence `sentence`:
   * names to the fullest name given, pronouns to the right earlier person, descriptions by their role.
   */
  resolve(
    phrase: Phrase,
    sentence: number,
    position: number,
    lastSpeaker?: Entity,
    quoted?: string,
  ): Entity | undefined {
    switch (phrase.kind) {
      case "pronoun":
        return this.resolvePronoun(phrase.head ?? "", sentence, position, lastSpeaker, quoted);
      case "description":
        // "one diplomat said", "a spokesman said": an indefinite brings in someone new, not a person named before.
        return INDEFINITE.test(phrase.text)
          ? (this.#appositiveHolder(phrase, sentence, position) ??
              this.#unnamedPerson(phrase, sentence, position))
          : this.#resolveDescription(phrase, sentence, position);
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
        if (entity?.type === "person" && phrase.kind === "name") {
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
   * when that sentence named someone else first. Nobody named in `quoted`, the words the pronoun's frame
   * brings in, is taken: "“I've had a word with Olof,” he said" is not Olof speaking.
   */
  resolvePronoun(
    pronoun: string,
    sentence: number,
    position: number,
    lastSpeaker?: Entity,
    quoted?: string,
  ): Entity | undefined {
    // "... the Security Council's statement on North Korea. “...,” they said": a body or a text speaks
    // sooner than a place named after it; "they" sooner for two people named together; a place only when
    // nothing else is in reach.
    if (pronoun === "they" || pronoun === "it")
      return (
        this.#recentOrganisation(sentence, position, MAX_PRONOUN_DISTANCE, isBodyNotPlace) ??
        (pronoun === "they" ? this.#pairBefore(sentence, position) : undefined) ??
        this.#recentOrganisation(sentence, position)
      );
    // A frame is read in the article's own prose, so its "I" is the writer's.
    if (pronoun === "i") return this.#author();
    if (GROUP_MEMBER_WORDS.has(pronoun)) return this.#groupMember(pronoun, sentence, position);
    if (pronoun !== "he" && pronoun !== "she") return undefined;
    const gender: Gender = pronoun === "he" ? "male" : "female";
    const namedInQuote = quoted === undefined ? undefined : capitalisedWords(quoted);
    // "One questioner claimed that .... “You're right, ...,” he said": an answer is the other party's.
    const answered = quoted !== undefined && AGREEING_REPLY.test(quoted) ? lastSpeaker : undefined;
    const fitsEntity = (entity: Entity): boolean =>
      entity.type === "person" &&
      entity.person &&
      (entity.gender === undefined || entity.gender === gender) &&
      !namesThing(entity) &&
      !isAuthor(entity) &&
      !(namedInQuote !== undefined && isNamedIn(entity, namedInQuote)) &&
      entity !== answered;
    const fits = (mention: Mention): boolean => fitsEntity(mention.entity);
    const namedBefore = this.#mentions
      .of(sentence)
      .some((mention) => mention.position < position && fits(mention));
    if (lastSpeaker !== undefined && fitsEntity(lastSpeaker) && !namedBefore) return lastSpeaker;
    // News prose introduces a speaker with an appositive role and then quotes them: "... concerns Henry
    // Crespo, president of the caucus. “...,” he said." Such a person in this or the previous sentence, whose
    // given name or title tells the pronoun's gender, wins.
    for (let s = sentence; s >= 0 && s >= sentence - 1; s--) {
      const introduced = this.#mentions
        .of(s)
        .filter(
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
    const budget = new ScanBudget();
    for (const { skip, within } of PRONOUN_REACH) {
      for (const oblique of [false, true]) {
        const reach: Reach = { skip, within, order: "reading", budget };
        for (const { mention, sentence: s } of this.#mentions.mentionsBefore(sentence, position, reach)) {
          if (mention.oblique === oblique && fits(mention) && !this.#isAside(s)) return mention.entity;
        }
      }
    }
    return undefined;
  }

  /** "(Subscribe to our podcast with Glenn Lee.)": a sentence wholly in brackets, an aside the story steps out for. */
  #isAside(sentence: number): boolean {
    const tokens = this.#sentences[sentence]?.tokens ?? [];
    return tokens.length > 2 && tokens[0]?.text === "(" && tokens.at(-1)?.text === ")";
  }

  /**
   * "Senators Ann Lee, Republican of Ohio, and Bob Stone, Democrat of Utah, sent a letter": the first of two
   * people named together as "A and B", latest pair first, for a "they" that the pair's words are quoted
   * with. The first one named stands for both, as a quote has one speaker.
   */
  #pairBefore(sentence: number, position: number): Entity | undefined {
    for (let s = sentence; s >= 0 && s > sentence - MAX_PRONOUN_DISTANCE; s--) {
      const tokens = this.#sentences[s]?.tokens ?? [];
      const people = this.#mentions
        .of(s)
        .filter(
          (mention) =>
            (s < sentence || mention.position < position) &&
            mention.entity.type === "person" &&
            mention.entity.person &&
            mention.entity.unnamed !== true,
        );
      for (let m = people.length - 1; m > 0; m--) {
        const second = people[m];
        const first = people[m - 1];
        if (second === undefined || first === undefined || first.entity === second.entity) continue;
        const at = tokens.findIndex((token) => token.start === second.position);
        const from = tokens.findIndex((token) => token.start === first.position);
        if (tokens[at - 1]?.bare !== "and" || from === -1 || at - from > MAX_PAIR_TOKENS) continue;
        // Only an appositive may stand between them: "Ann Lee, Republican of Ohio, and Bob Stone".
        const between = tokens.slice(from, at - 1);
        if (between.some((token) => token.segment !== undefined || isSpeechVerb(token))) continue;
        return first.entity;
      }
    }
    return undefined;
  }

  /**
   * "the commission" for "the Commission on Presidential Debates", "the union" for a body called one, "the
   * company" for a company by its name's suffix ("F. W. Woolworth Co"): the latest such body.
   */
  #describedOrganisation(head: string, sentence: number, position: number): Entity | undefined {
    const reach: Reach = { within: MAX_DESCRIPTION_DISTANCE, order: "latest" };
    for (const { mention } of this.#mentions.mentionsBefore(sentence, position, reach)) {
      const { entity } = mention;
      if (entity.type !== "organisation") continue;
      const words = entity.name.toLowerCase().split(/\s+/);
      if (entity.roleWords.has(head) || words.includes(head)) return entity;
      if (COMPANY_NOUNS.has(head) && COMPANY_SUFFIXES.has(bareWord(words.at(-1) ?? ""))) return entity;
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
    const reach: Reach = { within: distance, order: "latest" };
    for (const { mention } of this.#mentions.mentionsBefore(sentence, position, reach)) {
      if (mention.entity.type !== "person" && accepts(mention.entity)) return mention.entity;
    }
    return undefined;
  }

  #resolveDescription(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    const head = phrase.head ?? "";
    const heads = ROLE_SYNONYMS.get(head) ?? [head];
    const capitals = phrase.capitals ?? [];
    const former = phrase.text.split(/[\s-]+/).some((word) => FORMER_WORDS.has(bareWord(word)));
    let best: Entity | undefined;
    let bestScore = 0;
    let bestSentence = sentence;
    const reach: Reach = { within: MAX_DESCRIPTION_DISTANCE, order: "latest" };
    for (const { mention, sentence: s } of this.#mentions.mentionsBefore(sentence, position, reach)) {
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
   * "Rubio stopped by his headquarters. ... the senator said": the person who opens the sentence before, of
   * whom no role is known, is the one the story is following, rather than someone who held the role
   * sentences before. A role tied to a named body ("the Toshiba spokesman") is left to that body's people.
   */
  #previousSubject(sentence: number, best: Entity, heads: readonly string[]): Entity | undefined {
    const tokens = this.#sentences[sentence - 1]?.tokens ?? [];
    const opening = tokens.find((token) => token.segment === undefined);
    const first = this.#mentions.of(sentence - 1)[0];
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

  /**
   * The person who opens sentence `sentence` as its subject and brings in a quote before `position` with a
   * colon, when nothing known of them contradicts a description with one of `heads`: they have no role of
   * their own, or one of those.
   */
  #sentenceSubject(sentence: number, position: number, heads: readonly string[]): Entity | undefined {
    const tokens = this.#sentences[sentence]?.tokens ?? [];
    const opening = tokens.find((token) => token.segment === undefined);
    const first = this.#mentions.of(sentence).find((mention) => mention.position < position);
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
    for (const { mention } of this.#mentions.mentionsBefore(sentence, position, {
      within: distance,
      order: "reading",
    })) {
      const { entity } = mention;
      if (entity.type === "person" && entity.person && entity.unnamed !== true) return entity;
    }
    return undefined;
  }

  /**
   * "Robert Crandall, a trade specialist at Brookings Institution, said": the person the description was just
   * given to as an appositive, earlier in the same sentence.
   */
  #appositiveHolder(phrase: Phrase, sentence: number, position: number): Entity | undefined {
    const described = bareDescription(phrase.full ?? phrase.text);
    for (const mention of this.#mentions.of(sentence)) {
      if (mention.position >= position || !mention.introduced) continue;
      const { entity } = mention;
      if (entity.type !== "person" || entity.unnamed === true) continue;
      if (entity.roles.some((role) => sameDescription(bareDescription(role), described))) return entity;
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

  /** “...,” one said, after "Western diplomats said": an unnamed member of that group ("a Western diplomat"). */
  #groupMember(pronoun: string, sentence: number, position: number): Entity | undefined {
    // "“...,” one said. Another said ... “...,” another added": the group the last one belonged to goes on.
    const last = this.#lastGroupMember;
    const described =
      groupMember(this.#source, this.#sentences, sentence, position) ??
      (last !== undefined && last.sentence >= sentence - MAX_PRONOUN_DISTANCE ? last.described : undefined) ??
      this.#ofLastUnnamedKind(pronoun, sentence, position);
    if (described === undefined) return undefined;
    this.#lastGroupMember = { sentence, described };
    const entity = this.#plainEntity(`unnamed:${sentence}:${position}`, described, "person");
    entity.person = true;
    entity.unnamed = true;
    addRole(entity, described.replace(INDEFINITE, ""));
    return entity;
  }

  /**
   * "“...,” said one expert. “...,” another said": one of the kind of the latest unnamed person just before
   * ("another expert").
   */
  #ofLastUnnamedKind(pronoun: string, sentence: number, position: number): string | undefined {
    const reach: Reach = { within: MAX_PRONOUN_DISTANCE, order: "latest" };
    for (const { mention } of this.#mentions.mentionsBefore(sentence, position, reach)) {
      const { entity } = mention;
      if (entity.type !== "person" || entity.unnamed !== true || entity.name.startsWith(AUTHOR)) continue;
      const kind = entity.name.replace(INDEFINITE, "").replace(DEFINITE, "");
      if (kind === entity.name) return undefined;
      return `${pronoun === "another" ? "another" : article(kind)} ${kind}`;
    }
    return undefined;
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
    // "said the Harbour Safety Agency (HSA)": a body named in full where it speaks is reported so; "the HSA
    // said", "the agency said" and "it said" give the short form the article goes by.
    const named =
      entity.fullName === undefined
        ? undefined
        : phrase.kind === "name"
          ? phrase.name.join(" ")
          : phrase.text.replace(DEFINITE, "");
    const inFull = named?.toLowerCase() === entity.fullName?.toLowerCase() ? named : undefined;
    return withRole(
      {
        name: inFull ?? entity.name,
        mention,
        type: entity.unnamed === true ? "unknown" : entity.type,
      },
      written ?? entity.roles.find((r) => !isHonorific(r)),
    );
  }
}

/**
 * Capitalised words of a quote that refer to someone: past the opening, and standing as a name ("a word with
 * Olof.", "Sanders's message", "Olof is"), not as a modifier ("the Trump supporters", where Trump may well be
 * the one speaking).
 */
const NAME_IN_QUOTE =
  /(?<=[\p{Ll},;]\s+)\p{Lu}[\p{L}'\u2019-]+(?=['\u2019]s\b|[.,;:!?)\u2019"\u201d]|\s+\p{Lu}|\s+(?:and|or|is|was|has|had|have|will|would|can|could|should|did|does|to|for|in|on|at|who|said|says|told)\b|$)/gu;

function capitalisedWords(quoted: string): Set<string> {
  const found = new Set<string>();
  for (const match of quoted.matchAll(NAME_IN_QUOTE)) found.add(bareWord(match[0]));
  return found;
}

/** A description without its article, in lower case: "a trade specialist at X" gives "trade specialist at x". */
function bareDescription(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(?:an?|the|one) /, "")
    .trim();
}

/** Whether two descriptions are one, the shorter one the start of the longer ("trade specialist" ~ "... at X"). */
function sameDescription(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return a.startsWith(b) || b.startsWith(a);
}

/** What a company is called once named: "the company", "the firm". */
const COMPANY_NOUNS = new Set(["company", "firm", "corporation", "concern"]);

/** A quote that opens by agreeing with someone: the one agreed with is not its speaker. */
const AGREEING_REPLY =
  /^(?:you(?:['\u2019]re| are) (?:absolutely |quite )?right|that['\u2019]s (?:absolutely )?right|i agree\b|exactly[,.!])/i;

/** Whether a person's given name or surname is one of `words`. */
function isNamedIn(entity: Entity, words: ReadonlySet<string>): boolean {
  if (entity.unnamed === true) return false;
  return entity.words.some((word) => {
    const bare = bareWord(word);
    return bare.length >= 3 && !HONORIFICS.has(bare) && words.has(bare);
  });
}

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
