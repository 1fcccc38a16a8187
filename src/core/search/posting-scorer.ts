import type { DocumentColumns } from "./document-columns.ts";
import type { IndexState } from "./indexed-minisearch.ts";
import type { TermExpansion } from "./term-expansion.ts";

/** MiniSearch 7's BM25 parameters, so that scores equal those MiniSearch's own search gave. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/**
 * Walking a posting list costs about a quarter of looking documents up in it (measured on V8), so a list is
 * walked unless it is more than this many times longer than the list of candidates.
 */
const WALK_FACTOR = 4;
/** Stamps count up across searches; before they overflow the marks are cleared and counting restarts. */
const MAX_STAMP = 0xffff_fff0;

/**
 * The documents a query matched, as parallel arrays in no particular order. The arrays are views of the
 * scorer's own buffers, valid until its next `match`: a search of two common words at a million articles
 * matches a hundred thousand, and fresh arrays of that size on every search made the garbage collector run
 * full collections of the whole heap, which were the slowest searches by far.
 */
export interface Matches {
  /** MiniSearch short document ids. */
  docs: Uint32Array;
  /** BM25 summed over matched terms and fields, times the number of query terms matched (as MiniSearch does). */
  scores: Float64Array;
  /** How many query terms each document contains exactly. */
  exact: Uint16Array;
  /** How many query terms each document contains in any form. */
  matched: Uint16Array;
}

/**
 * Scores documents for a query straight from MiniSearch's posting lists, with the same BM25 formula as
 * MiniSearch but without its costs: MiniSearch scores every posting of every term into a fresh object and
 * intersects afterwards, which made queries of two common words the slowest. Here an AND query starts from the
 * documents of its rarest term and each further term only looks at the candidates left, and the work is kept
 * in typed arrays indexed by document that are reused from one search to the next.
 */
export class PostingScorer {
  readonly #state: IndexState;
  /** Score multiplier by MiniSearch field id. */
  readonly #boosts: number[];
  #stamp = 0;
  /** The candidate list: short ids, as many as the current count says. */
  #docs = new Uint32Array(0);
  /** Equal to a search's candidate stamp for candidates, to its rejected stamp for documents ruled out. */
  #mark = new Uint32Array(0);
  /** Equal to a term's stamp for the documents that term matched. */
  #touched = new Uint32Array(0);
  #termScore = new Float64Array(0);
  #termExact = new Uint8Array(0);
  #score = new Float64Array(0);
  #exact = new Uint16Array(0);
  #matched = new Uint16Array(0);
  /** The result buffers that `Matches` views (with `#docs`), grown as needed and reused. */
  #resultScores = new Float64Array(0);
  #resultExact = new Uint16Array(0);
  #resultMatched = new Uint16Array(0);
  /** Scratch for ranking the matches (see `bestFirst`), reused the same way. */
  #order = new Uint32Array(0);
  readonly #columns: DocumentColumns;

  constructor(state: IndexState, columns: DocumentColumns, boosts: Readonly<Record<string, number>>) {
    this.#state = state;
    this.#columns = columns;
    this.#boosts = [];
    for (const [field, id] of Object.entries(state.fieldIds)) this.#boosts[id] = boosts[field] ?? 1;
  }

  /**
   * Documents that `accept` lets through and that match every query term ("AND") or any ("OR"). Each query
   * term is given as the index terms it matches.
   */
  match(
    terms: readonly (readonly TermExpansion[])[],
    combineWith: "AND" | "OR",
    accept: (doc: number) => boolean,
  ): Matches {
    this.#prepare();
    const candidate = ++this.#stamp;
    const rejected = ++this.#stamp;
    const byRarity = [...terms].sort((a, b) => postingCount(a) - postingCount(b));
    // Postings of discarded documents stay until MiniSearch vacuums them; with none discarded, none are stale.
    const documentIds = this.#state.dirtCount > 0 ? this.#state.documentIdsByShortId : undefined;
    const admit = (doc: number): boolean =>
      (documentIds === undefined || documentIds.has(doc)) && accept(doc);
    let count = 0;
    for (const [position, expansions] of byRarity.entries()) {
      // AND draws its candidates from the rarest term alone; OR from every term.
      const seeding = combineWith === "OR" || position === 0;
      if (!seeding && count === 0) break;
      count = this.#addTerm(expansions, count, candidate, rejected, combineWith, seeding ? admit : undefined);
    }

    if (this.#resultScores.length < count) {
      const size = Math.max(count, this.#resultScores.length * 2);
      this.#resultScores = new Float64Array(size);
      this.#resultExact = new Uint16Array(size);
      this.#resultMatched = new Uint16Array(size);
    }
    // The candidate list itself: it is only written by the next match, like the other result buffers.
    const docs = this.#docs.subarray(0, count);
    const scores = this.#resultScores.subarray(0, count);
    const exact = this.#resultExact.subarray(0, count);
    const matched = this.#resultMatched.subarray(0, count);
    for (let i = 0; i < count; i++) {
      const doc = docs[i] ?? 0;
      const termsMatched = this.#matched[doc] ?? 0;
      scores[i] = (this.#score[doc] ?? 0) * termsMatched;
      exact[i] = this.#exact[doc] ?? 0;
      matched[i] = termsMatched;
    }
    return { docs, scores, exact, matched };
  }

  /** A scratch array of at least `count` slots for ordering the last matches, valid until the next call. */
  orderScratch(count: number): Uint32Array {
    if (this.#order.length < count) this.#order = new Uint32Array(Math.max(count, this.#order.length * 2));
    return this.#order;
  }

  /**
   * Adds one query term's score to the `listed` candidates where it matches. With `admit`, documents of the
   * term that are not candidates yet and that `admit` lets through join the list first (seeding it in the same
   * walk over the postings). With AND, the candidates the term does not match are dropped. Returns how many
   * candidates there are now.
   */
  #addTerm(
    expansions: readonly TermExpansion[],
    listed: number,
    candidate: number,
    rejected: number,
    combineWith: "AND" | "OR",
    admit: ((doc: number) => boolean) | undefined,
  ): number {
    let count = listed;
    const docs = this.#docs;
    const mark = this.#mark;
    const touched = this.#touched;
    const termScore = this.#termScore;
    const termExact = this.#termExact;
    const totalScore = this.#score;
    const totalExact = this.#exact;
    const totalMatched = this.#matched;
    const documentCount = this.#state.documentCount;
    const term = ++this.#stamp;

    for (const { postings, weight, exact } of expansions) {
      const exactFlag = exact ? 1 : 0;
      for (const [fieldId, fieldPostings] of postings) {
        const boost = this.#boosts[fieldId] ?? 0;
        const lengths = this.#columns.lengths[fieldId];
        if (boost === 0 || lengths === undefined) continue;
        const containing = fieldPostings.size;
        const inverseFrequency = Math.log(1 + (documentCount - containing + 0.5) / (containing + 0.5));
        const factor = weight * boost * inverseFrequency;
        // BM25's length normalisation, k * (1 - b + b * length / average), as base + slope * length.
        const base = BM25.k * (1 - BM25.b);
        const slope = (BM25.k * BM25.b) / (this.#state.averageFieldLengths[fieldId] ?? 1);
        const termWork = { touched, termScore, termExact, stamp: term, exact: exactFlag };
        const scorePosting = (doc: number, frequency: number): void => {
          const saturation = (frequency * (BM25.k + 1)) / (frequency + base + slope * (lengths[doc] ?? 0));
          addTermScore(termWork, doc, factor * (BM25.d + saturation));
        };
        if (admit !== undefined || containing <= count * WALK_FACTOR) {
          // forEach hands over each frequency with its document, sparing a look-up per posting.
          fieldPostings.forEach((frequency, doc) => {
            const seen = mark[doc];
            if (seen !== candidate) {
              if (admit === undefined || seen === rejected) return;
              if (!admit(doc)) {
                mark[doc] = rejected;
                return;
              }
              mark[doc] = candidate;
              totalScore[doc] = 0;
              totalExact[doc] = 0;
              totalMatched[doc] = 0;
              docs[count++] = doc;
            }
            scorePosting(doc, frequency);
          });
        } else {
          for (let i = 0; i < count; i++) {
            const doc = docs[i] ?? 0;
            const frequency = fieldPostings.get(doc);
            if (frequency !== undefined) scorePosting(doc, frequency);
          }
        }
      }
    }

    // Compacted in place: a kept candidate never moves past one not yet read.
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const doc = docs[i] ?? 0;
      if (touched[doc] === term) {
        totalScore[doc] = (totalScore[doc] ?? 0) + (termScore[doc] ?? 0);
        totalExact[doc] = (totalExact[doc] ?? 0) + (termExact[doc] ?? 0);
        totalMatched[doc] = (totalMatched[doc] ?? 0) + 1;
        docs[kept++] = doc;
      } else if (combineWith === "OR") {
        docs[kept++] = doc;
      } else {
        mark[doc] = rejected;
      }
    }
    return kept;
  }

  /** Syncs the document columns, sizes the work arrays to them and restarts the stamps before they overflow. */
  #prepare(): void {
    this.#columns.sync();
    const size = this.#columns.capacity;
    if (this.#mark.length < size) {
      this.#docs = new Uint32Array(size);
      this.#mark = new Uint32Array(size);
      this.#touched = new Uint32Array(size);
      this.#termScore = new Float64Array(size);
      this.#termExact = new Uint8Array(size);
      this.#score = new Float64Array(size);
      this.#exact = new Uint16Array(size);
      this.#matched = new Uint16Array(size);
      this.#stamp = 0;
    } else if (this.#stamp > MAX_STAMP) {
      this.#mark.fill(0);
      this.#touched.fill(0);
      this.#stamp = 0;
    }
  }
}

/** One query term's running totals per document, shared by the scoring loops. */
interface TermWork {
  /** Equal to `stamp` for the documents the term matched so far. */
  touched: Uint32Array;
  termScore: Float64Array;
  termExact: Uint8Array;
  stamp: number;
  /** 1 while scoring the query term itself, 0 for its typo and prefix matches. */
  exact: number;
}

function addTermScore(work: TermWork, doc: number, score: number): void {
  if (work.touched[doc] === work.stamp) {
    work.termScore[doc] = (work.termScore[doc] ?? 0) + score;
    work.termExact[doc] = (work.termExact[doc] ?? 0) | work.exact;
  } else {
    work.touched[doc] = work.stamp;
    work.termScore[doc] = score;
    work.termExact[doc] = work.exact;
  }
}

/** About how many postings a query term's matching would read; the rarest term goes first. */
function postingCount(expansions: readonly TermExpansion[]): number {
  let count = 0;
  for (const { postings } of expansions)
    for (const fieldPostings of postings.values()) count += fieldPostings.size;
  return count;
}
