import type { IndexState } from "./indexed-minisearch.ts";

/**
 * The per-document values that search reads for every candidate, copied out of MiniSearch's maps into typed
 * arrays indexed by short document id: an array read is many times cheaper than a map look-up, and a search of
 * two common words reads these values tens of thousands of times. MiniSearch never reuses a short id (replacing
 * a document gives it a new one), so a copied value stays right and `sync` only copies documents added since.
 */
export class DocumentColumns {
  readonly #state: IndexState;
  /** The first short id not copied yet. */
  #upTo = 0;
  #capacity = 0;
  /** Field lengths in terms, by MiniSearch field id and then short id. */
  lengths: Uint32Array[] = [];
  /** Publication time in epoch milliseconds; NaN when unknown, so that every date comparison fails. */
  published = new Float64Array(0);
  /** The document's outlet, as a position in `sourceNames`. */
  source = new Uint32Array(0);
  /** Every outlet name stored so far, as stored. */
  readonly sourceNames: string[] = [];
  readonly #sourcePositions = new Map<string, number>();

  constructor(state: IndexState) {
    this.#state = state;
  }

  /** Room for every short id in use; work arrays indexed by short id can be this long. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Copies the values of documents added since the last call. */
  sync(): void {
    const state = this.#state;
    const needed = state.nextShortId;
    if (this.#upTo >= needed) return;
    // Grown with room to spare so that an index taking articles one by one does not reallocate on each search.
    if (needed > this.#capacity) this.#grow(Math.ceil(needed * 1.25) + 64);
    for (let doc = this.#upTo; doc < needed; doc++) {
      state.fieldLengthsByShortId.get(doc)?.forEach((length, fieldId) => {
        const lengths = this.lengths[fieldId];
        if (lengths !== undefined) lengths[doc] = length;
      });
      const stored = state.storedFieldsByShortId.get(doc);
      const published = stored?.publishedMs;
      this.published[doc] = typeof published === "number" ? published : Number.NaN;
      const source = typeof stored?.source === "string" ? stored.source : "";
      let position = this.#sourcePositions.get(source);
      if (position === undefined) {
        position = this.sourceNames.push(source) - 1;
        this.#sourcePositions.set(source, position);
      }
      this.source[doc] = position;
    }
    this.#upTo = needed;
  }

  #grow(capacity: number): void {
    const lengths: Uint32Array[] = [];
    for (const fieldId of Object.values(this.#state.fieldIds)) {
      lengths[fieldId] = new Uint32Array(capacity);
      lengths[fieldId].set(this.lengths[fieldId] ?? []);
    }
    this.lengths = lengths;
    const published = new Float64Array(capacity).fill(Number.NaN);
    published.set(this.published);
    this.published = published;
    const source = new Uint32Array(capacity);
    source.set(this.source);
    this.source = source;
    this.#capacity = capacity;
  }
}
