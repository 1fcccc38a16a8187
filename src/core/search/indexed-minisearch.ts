import MiniSearch, { type Options } from "minisearch";
import { CompactPostings, CompactTermFields } from "./compact-postings.ts";

/**
 * The MiniSearch release whose protected state this module reads; package.json pins exactly this version,
 * and it is part of the saved index's version, so an index saved with another MiniSearch is rebuilt, not misread.
 */
export const MINISEARCH_VERSION = "7.2.0";

/** field id → short document id → term frequency, as MiniSearch 7 keeps it for each term. */
export type FieldPostings = Map<number, Map<number, number>>;

/**
 * MiniSearch's term index (term → field id → short id → frequency), typed as MiniSearch declares it; the
 * `minisearch/SearchableMap` entry point declares a twin type the compiler keeps apart.
 */
export type TermIndex = IndexedMiniSearch<unknown>["termIndex"];

/** The index-wide part of MiniSearch's state (counts, field ids and average lengths) as plain data. */
export interface IndexedDocumentsMeta {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  serializationVersion: number;
}

/** One indexed document as plain data: short id, document id, field lengths and stored fields. */
export type IndexedDocumentRecord = [
  shortId: number,
  id: unknown,
  fieldLengths: number[],
  storedFields: Record<string, unknown> | null,
];

/**
 * What the search code reads of an index besides MiniSearch's public API: the term index and the
 * per-document maps, read-only. Implemented by `IndexedMiniSearch` and nothing else.
 */
export interface IndexState {
  readonly termIndex: TermIndex;
  readonly documentCount: number;
  /** Documents discarded since the last vacuum; while it is 0 every posting belongs to an indexed document. */
  readonly dirtCount: number;
  /** The next short id MiniSearch will give; every short id in use is below it. */
  readonly nextShortId: number;
  readonly documentIdsByShortId: ReadonlyMap<number, unknown>;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly fieldLengthsByShortId: ReadonlyMap<number, number[]>;
  readonly averageFieldLengths: readonly number[];
  readonly storedFieldsByShortId: ReadonlyMap<number, Record<string, unknown>>;
}

/** The protected fields read here, with what each must be: checked at construction. */
const REQUIRED_STATE = {
  _index: "object",
  _documentCount: "number",
  _dirtCount: "number",
  _nextId: "number",
  _documentIds: Map,
  _idToShortId: Map,
  _fieldIds: "object",
  _fieldLength: Map,
  _avgFieldLength: Array,
  _storedFields: Map,
} as const;

/**
 * The one place that touches MiniSearch's protected state (the compiler checks each read against
 * MiniSearch's own declarations): fast serialization, document-frequency look-ups, and the read-only view
 * that the posting scorer, the document columns and ranking work from. A MiniSearch without one of the
 * fields read here fails at construction with the field's name, instead of quietly skewing scores.
 */
export class IndexedMiniSearch<T> extends MiniSearch<T> implements IndexState {
  constructor(options: Options<T>) {
    super(options);
    assertMiniSearchState(this);
    this.#keepPostingsCompact();
  }

  /**
   * Makes every term MiniSearch indexes from now on keep its postings as `CompactPostings` (a quarter of a
   * Map's memory): MiniSearch creates a term's field map through `_index.fetch` and stores each field's
   * postings in it with `set`, which `CompactTermFields` converts.
   */
  #keepPostingsCompact(): void {
    const termIndex = this._index;
    const fetch = termIndex.fetch.bind(termIndex);
    termIndex.fetch = (term: string) => fetch(term, () => new CompactTermFields());
  }

  override removeAll(documents?: readonly T[]): void {
    // MiniSearch tells "no argument" from "undefined", and with none it starts a new term index.
    if (documents === undefined) super.removeAll();
    else super.removeAll(documents);
    this.#keepPostingsCompact();
  }

  /**
   * Gives back the spare room and deleted postings of every posting list: lists grow by half as documents
   * are added, so after a bulk build about a fifth of their memory is spare. Cheap next to the build.
   */
  trimPostings(): void {
    for (const fields of this._index.values()) {
      for (const postings of fields.values()) if (postings instanceof CompactPostings) postings.trim();
    }
  }

  get termIndex() {
    return this._index;
  }
  get nextShortId(): number {
    return this._nextId;
  }
  get documentIdsByShortId(): ReadonlyMap<number, unknown> {
    return this._documentIds;
  }
  get fieldIds(): Readonly<Record<string, number>> {
    return this._fieldIds;
  }
  get fieldLengthsByShortId(): ReadonlyMap<number, number[]> {
    return this._fieldLength;
  }
  get averageFieldLengths(): readonly number[] {
    return this._avgFieldLength;
  }
  get storedFieldsByShortId(): ReadonlyMap<number, Record<string, unknown>> {
    return this._storedFields;
  }

  /**
   * About how many documents contain the term: its largest per-field posting list. Cheap (no scoring); may
   * count discarded documents until MiniSearch vacuums them.
   */
  documentFrequency(term: string): number {
    let most = 0;
    for (const postings of this._index.get(term)?.values() ?? []) most = Math.max(most, postings.size);
    return most;
  }

  /** Whether some indexed term is longer than `prefix` and starts with it. */
  hasLongerTerm(prefix: string): boolean {
    for (const term of this._index.atPrefix(prefix).keys()) if (term.length > prefix.length) return true;
    return false;
  }

  /** The index-wide counts, clean of discarded documents. */
  documentsMeta(): IndexedDocumentsMeta {
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      fieldIds: this._fieldIds,
      averageFieldLength: this._avgFieldLength,
      serializationVersion: SERIALIZATION_VERSION,
    };
  }

  /** Every indexed document, one record at a time, in short-id order. */
  *documentRecords(): Generator<IndexedDocumentRecord> {
    for (const [shortId, id] of this._documentIds) {
      yield [shortId, id, this._fieldLength.get(shortId) ?? [], this._storedFields.get(shortId) ?? null];
    }
  }

  /**
   * An index from `documentsMeta()`, `documentRecords()` and its terms' postings, each read one at a time so
   * that no part of a large index has to be one string or one array; `options` must be those it was built with.
   */
  static fromParts<T>(
    meta: IndexedDocumentsMeta,
    documents: Iterable<IndexedDocumentRecord>,
    postings: Iterable<[term: string, fields: FieldPostings]>,
    options: Options<T>,
  ): IndexedMiniSearch<T> {
    if (meta.serializationVersion !== SERIALIZATION_VERSION) {
      throw new Error(`cannot load MiniSearch serialization version ${String(meta.serializationVersion)}`);
    }
    const index = new IndexedMiniSearch(options);
    index._documentCount = meta.documentCount;
    index._nextId = meta.nextId;
    index._fieldIds = meta.fieldIds;
    index._avgFieldLength = meta.averageFieldLength;
    index._dirtCount = 0;
    for (const [shortId, id, fieldLengths, storedFields] of documents) {
      index._documentIds.set(shortId, id);
      index._idToShortId.set(id, shortId);
      index._fieldLength.set(shortId, fieldLengths);
      if (storedFields !== null) index._storedFields.set(shortId, storedFields);
    }
    for (const [term, fields] of postings) {
      const compact = new CompactTermFields();
      for (const [fieldId, fieldPostings] of fields) compact.set(fieldId, fieldPostings);
      index._index.set(term, compact);
    }
    return index;
  }
}

/** MiniSearch 7's own serialization version, which its per-document state follows. */
const SERIALIZATION_VERSION = 2;

/** Throws, naming the field, when MiniSearch lacks a protected field this module reads or it changed kind. */
export function assertMiniSearchState(index: object): void {
  const state = index as Record<string, unknown>;
  for (const [field, kind] of Object.entries(REQUIRED_STATE)) {
    const value = state[field];
    const ok = typeof kind === "string" ? typeof value === kind && value !== null : value instanceof kind;
    if (!ok) {
      throw new Error(
        `MiniSearch's ${field} is missing or changed: Newsdesk's search reads the internals of MiniSearch ` +
          `${MINISEARCH_VERSION} (src/core/search/indexed-minisearch.ts); install that version or update the module.`,
      );
    }
  }
}
