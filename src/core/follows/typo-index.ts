import { deletions, visitDeletions, withinEdits } from "./edits.ts";

/** The most typos a term of the index may be allowed. */
export const MAX_INDEXED_TYPOS = 2;

/** A word that may match with typos: the word and how many edits away it may be. */
export interface TypoTerm {
  readonly term: string;
  readonly maxTypos: number;
}

/**
 * The words that may match with typos, filed under their deletion keys (each word with up to its number of
 * typos of letters left out), as in symmetric-delete spelling correction: two words within `k` edits share
 * a string each becomes with at most `k` letters left out, so a word of an article finds the terms near it
 * by looking up its own deletions, never by comparing it with every term.
 *
 * The terms' side is built once, when the terms are added; the word's side (`near`) generates only as many
 * deletions as the terms it could reach need, and compares with the edit distance only the terms that share
 * a key with it.
 */
export class TypoIndex<Term extends TypoTerm> {
  readonly #byKey = new Map<string, Term[]>();
  /** The shortest term allowed each number of typos (index 1 and 2; the rest unused), to know how deep to go. */
  readonly #shortest: number[] = [];
  #size = 0;

  /** How many terms are filed. */
  get size(): number {
    return this.#size;
  }

  /**
   * Files a term under its deletion keys; a term allowed no typo is not filed. At most {@link MAX_INDEXED_TYPOS}
   * typos: the keys grow with the power of the typos, and no rule allows more.
   */
  add(term: Term): void {
    if (term.maxTypos > MAX_INDEXED_TYPOS) {
      throw new RangeError(
        `"${term.term}" allows ${String(term.maxTypos)} typos; at most ${String(MAX_INDEXED_TYPOS)}`,
      );
    }
    if (term.maxTypos <= 0) return;
    for (const key of deletions(term.term, term.maxTypos)) {
      const list = this.#byKey.get(key);
      if (list === undefined) this.#byKey.set(key, [term]);
      else list.push(term);
    }
    const shortest = this.#shortest[term.maxTypos];
    if (shortest === undefined || term.term.length < shortest)
      this.#shortest[term.maxTypos] = term.term.length;
    this.#size++;
  }

  /** The terms `word` is within the typos of (each once; the word's own spelling included), in no particular order. */
  near(word: string): Term[] {
    const depth = this.#depthFor(word);
    if (depth === 0) return [];
    const found = new Set<Term>();
    // Terms sharing no key are never compared; a term allowed more typos than `depth` is one no word this
    // short can reach, so skipping it is safe.
    visitDeletions(word, depth, (key) => {
      const terms = this.#byKey.get(key);
      if (terms === undefined) return;
      for (const term of terms) {
        if (term.maxTypos > depth || found.has(term)) continue;
        if (withinEdits(term.term, word, term.maxTypos)) found.add(term);
      }
    });
    return [...found];
  }

  /**
   * How many letters to leave out of `word`: a term of `n` letters allowed `k` typos is only reached by words
   * of `n - k` letters or more, so a short word need not go as deep as the longest terms would.
   */
  #depthFor(word: string): number {
    let depth = 0;
    for (let typos = 1; typos < this.#shortest.length; typos++) {
      const shortest = this.#shortest[typos];
      if (shortest !== undefined && word.length >= shortest - typos) depth = typos;
    }
    return depth;
  }
}
