/**
 * One term's postings in one field (short document id → term frequency) in a single typed array of
 * interleaved pairs, sorted by document, instead of a `Map`: a Map entry costs V8 about 36 bytes, a pair here 8,
 * and at 100k articles there are ten million postings. It implements `Map<number, number>` so that MiniSearch's
 * own indexing code (which adds, counts and vacuums postings through the Map methods) works on it unchanged.
 *
 * MiniSearch gives short ids in increasing order and never reuses one, so postings are appended at the end and
 * the array stays sorted; look-ups are a binary search. Deleted postings become tombstones (frequency 0) until
 * the next append or `trim`, so that deleting while iterating (as MiniSearch's vacuum does) is safe.
 */
export class CompactPostings implements Map<number, number> {
  /** doc0, frequency0, doc1, frequency1, …; only the first `#used` slots hold postings. */
  #pairs: Uint32Array;
  #used = 0;
  #dead = 0;

  constructor(capacity = 1) {
    this.#pairs = new Uint32Array(Math.max(1, capacity) * 2);
  }

  /** Postings from (document, frequency) pairs in increasing document order, stored with no spare room. */
  static fromSorted(docs: ArrayLike<number>, frequencies: ArrayLike<number>): CompactPostings {
    const postings = new CompactPostings(docs.length);
    const pairs = postings.#pairs;
    for (let i = 0; i < docs.length; i++) {
      if (i > 0 && (docs[i] ?? 0) <= (docs[i - 1] ?? 0)) {
        // Not sorted after all (a hand-made index): fall back to inserting one by one, which sorts.
        const sorted = new CompactPostings(docs.length);
        for (let j = 0; j < docs.length; j++) sorted.set(docs[j] ?? 0, frequencies[j] ?? 0);
        return sorted;
      }
      pairs[2 * i] = docs[i] ?? 0;
      pairs[2 * i + 1] = frequencies[i] ?? 0;
    }
    postings.#used = docs.length * 2;
    return postings;
  }

  get size(): number {
    return this.#used / 2 - this.#dead;
  }

  readonly [Symbol.toStringTag] = "CompactPostings";

  get(doc: number): number | undefined {
    const at = this.#find(doc);
    if (at < 0) return undefined;
    const frequency = this.#pairs[at + 1] ?? 0;
    return frequency === 0 ? undefined : frequency;
  }

  has(doc: number): boolean {
    return this.get(doc) !== undefined;
  }

  set(doc: number, frequency: number): this {
    if (frequency <= 0 || !Number.isInteger(frequency) || frequency > 0xffff_ffff) {
      throw new RangeError(`a term frequency must be a positive 32-bit integer, got ${String(frequency)}`);
    }
    const last = this.#used - 2;
    if (last >= 0 && this.#pairs[last] === doc) {
      // MiniSearch counts a term's occurrences in the document it is adding one by one: the usual call.
      if (this.#pairs[last + 1] === 0) this.#dead--;
      this.#pairs[last + 1] = frequency;
      return this;
    }
    if (last < 0 || (this.#pairs[last] ?? 0) < doc) {
      this.#append(doc, frequency);
      return this;
    }
    const at = this.#find(doc);
    if (at >= 0) {
      if (this.#pairs[at + 1] === 0) this.#dead--;
      this.#pairs[at + 1] = frequency;
      return this;
    }
    this.#insert(doc, frequency);
    return this;
  }

  delete(doc: number): boolean {
    const at = this.#find(doc);
    if (at < 0 || this.#pairs[at + 1] === 0) return false;
    this.#pairs[at + 1] = 0;
    this.#dead++;
    return true;
  }

  clear(): void {
    this.#pairs = new Uint32Array(2);
    this.#used = 0;
    this.#dead = 0;
  }

  forEach(
    callback: (frequency: number, doc: number, map: Map<number, number>) => void,
    thisArg?: unknown,
  ): void {
    const pairs = this.#pairs;
    const used = this.#used;
    for (let i = 0; i < used; i += 2) {
      const frequency = pairs[i + 1] ?? 0;
      if (frequency !== 0) callback.call(thisArg, frequency, pairs[i] ?? 0, this);
    }
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.#used; i += 2) {
      const frequency = this.#pairs[i + 1] ?? 0;
      if (frequency !== 0) yield [this.#pairs[i] ?? 0, frequency];
    }
  }

  *keys(): MapIterator<number> {
    for (const [doc] of this.entries()) yield doc;
  }

  *values(): MapIterator<number> {
    for (const [, frequency] of this.entries()) yield frequency;
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  /** Drops tombstones and spare room, so the array holds exactly the live postings. */
  trim(): void {
    const live = this.size * 2;
    if (live === this.#pairs.length && this.#dead === 0) return;
    const pairs = new Uint32Array(Math.max(2, live));
    let next = 0;
    for (let i = 0; i < this.#used; i += 2) {
      const frequency = this.#pairs[i + 1] ?? 0;
      if (frequency === 0) continue;
      pairs[next++] = this.#pairs[i] ?? 0;
      pairs[next++] = frequency;
    }
    this.#pairs = pairs;
    this.#used = next;
    this.#dead = 0;
  }

  /** The slot of `doc`'s pair, or -1. */
  #find(doc: number): number {
    const pairs = this.#pairs;
    // MiniSearch asks for the document it is adding, the last one, before each `set`.
    if (this.#used > 0 && pairs[this.#used - 2] === doc) return this.#used - 2;
    let low = 0;
    let high = this.#used / 2 - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = pairs[2 * middle] ?? 0;
      if (found === doc) return 2 * middle;
      if (found < doc) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  #append(doc: number, frequency: number): void {
    // Tombstones go before growing: a list that keeps losing and gaining documents stays its live size.
    if (this.#dead > 0 && this.#used === this.#pairs.length && this.#dead * 4 >= this.#used / 2) this.trim();
    if (this.#used === this.#pairs.length) this.#grow();
    this.#pairs[this.#used++] = doc;
    this.#pairs[this.#used++] = frequency;
  }

  /** Out-of-order insert; MiniSearch never does it, but a Map would allow it. */
  #insert(doc: number, frequency: number): void {
    if (this.#used === this.#pairs.length) this.#grow();
    let at = this.#used;
    while (at > 0 && (this.#pairs[at - 2] ?? 0) > doc) at -= 2;
    this.#pairs.copyWithin(at + 2, at, this.#used);
    this.#pairs[at] = doc;
    this.#pairs[at + 1] = frequency;
    this.#used += 2;
  }

  #grow(): void {
    // Half again as large: lists are built one document at a time, and most stay short.
    const pairs = new Uint32Array(Math.max(4, Math.ceil((this.#pairs.length * 1.5) / 2) * 2));
    pairs.set(this.#pairs.subarray(0, this.#used));
    this.#pairs = pairs;
  }
}

/**
 * A term's postings by field id, whose field lists are always `CompactPostings`: a plain Map that MiniSearch's
 * indexing code hands to it is converted as it is stored.
 */
export class CompactTermFields extends Map<number, Map<number, number>> {
  override set(fieldId: number, postings: Map<number, number>): this {
    if (postings instanceof CompactPostings) return super.set(fieldId, postings);
    const compact = new CompactPostings(postings.size);
    for (const [doc, frequency] of [...postings].sort(([a], [b]) => a - b)) compact.set(doc, frequency);
    return super.set(fieldId, compact);
  }
}
