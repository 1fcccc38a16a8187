import type { Entity } from "./entity.ts";

/**
 * A look-back for an antecedent reads at most this many mentions (a news story has a few per sentence), so
 * that a run of text crowded with names cannot make every quote in it read them all.
 */
export const MAX_SCANNED_MENTIONS = 600;

/** One place where the article mentions an entity. */
export interface Mention {
  entity: Entity;
  position: number;
  /** Inside a prepositional phrase ("with Putin"): a less likely antecedent than a subject or object. */
  oblique: boolean;
  /** Named with an appositive role ("Henry Crespo, president of the caucus,"): a speaker being introduced. */
  introduced: boolean;
}

/** A mention met on a walk back, with the sentence it is in. */
export interface MentionBefore {
  mention: Mention;
  sentence: number;
}

/** The mentions one search may still read; passes of one search that share it share the cap. */
export class ScanBudget {
  #left = MAX_SCANNED_MENTIONS;

  /** Takes one mention from the budget; false once it is spent. */
  take(): boolean {
    return this.#left-- > 0;
  }
}

/** Which sentences a walk back reads, in which order, and the budget it reads them on. */
export interface Reach {
  /** Sentences read: from `skip` before the start (0: the start's own) to fewer than `within` before. */
  within: number;
  skip?: number;
  /** "latest": each sentence from its end back; "reading": each sentence left to right. */
  order: "latest" | "reading";
  budget?: ScanBudget;
}

/** Where each entity is mentioned, sentence by sentence, in the order of the text. */
export class Mentions {
  readonly #bySentence: Mention[][];
  readonly #counts = new Map<Entity, number>();

  constructor(sentenceCount: number) {
    this.#bySentence = Array.from({ length: sentenceCount }, () => []);
  }

  /** Records a mention at `position` of sentence `sentence`, kept in text order. */
  add(entity: Entity, sentence: number, position: number, oblique: boolean, introduced: boolean): void {
    const list = this.#bySentence[sentence];
    if (list === undefined) return;
    let at = list.length;
    while (at > 0 && (list[at - 1]?.position ?? 0) > position) at--;
    list.splice(at, 0, { entity, position, oblique, introduced });
    this.#counts.set(entity, (this.#counts.get(entity) ?? 0) + 1);
  }

  /** How often the entity has been mentioned. */
  count(entity: Entity): number {
    return this.#counts.get(entity) ?? 0;
  }

  /** The mentions of one sentence, in text order. */
  of(sentence: number): readonly Mention[] {
    return this.#bySentence[sentence] ?? [];
  }

  /**
   * The mentions before `position` of sentence `sentence`, nearest sentence first, within `reach`. Each
   * mention looked at (those at or after the position too) takes one from the budget; the walk ends when
   * it is spent.
   */
  *mentionsBefore(sentence: number, position: number, reach: Reach): Generator<MentionBefore> {
    const budget = reach.budget ?? new ScanBudget();
    const latest = reach.order === "latest";
    for (let s = sentence - (reach.skip ?? 0); s >= 0 && s > sentence - reach.within; s--) {
      const list = this.of(s);
      for (let i = 0; i < list.length; i++) {
        if (!budget.take()) return;
        const mention = list[latest ? list.length - 1 - i : i];
        if (mention === undefined || (s === sentence && mention.position >= position)) continue;
        yield { mention, sentence: s };
      }
    }
  }
}
