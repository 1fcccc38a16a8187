import type { Options } from "minisearch";
import { CompactPostings } from "./compact-postings.ts";
import {
  IndexedMiniSearch,
  type FieldPostings,
  type IndexedDocumentRecord,
  type IndexedDocumentsMeta,
} from "./indexed-minisearch.ts";

/**
 * A run of terms of a saved MiniSearch index with their posting lists: base64 of varint-coded postings
 * instead of millions of objects with numeric keys, which loads several times faster than MiniSearch's own
 * `toJSON` form. A saved index is a list of these, each about `TERM_CHUNK_BYTES` of postings, so that no
 * string grows with the index (one string for all postings passed V8's string limit near 400k articles).
 * Tested by the round-trip tests in tests/core/search.
 */
export interface CompactTermChunk {
  /** The chunk's terms, in the order of `postings`. */
  terms: string[];
  /**
   * Base64 of, for each term: the number of fields, then per field its id, the number of documents, the
   * documents' short ids (zigzag deltas) and the term's frequency in each.
   */
  postings: string;
}

/** Postings bytes per saved term chunk (before base64). */
const TERM_CHUNK_BYTES = 256 * 1024;

/** The index's terms and postings as chunks, one at a time. Postings of discarded documents are left out. */
export function* compactTermChunks<T>(miniSearch: IndexedMiniSearch<T>): Generator<CompactTermChunk> {
  const documentIds = miniSearch.documentIdsByShortId;
  let terms: string[] = [];
  let writer = new VarintWriter();
  for (const [term, fields] of miniSearch.termIndex) {
    const live: [number, [number, number][]][] = [];
    for (const [fieldId, postings] of fields) {
      const entries = [...postings].filter(([shortId]) => documentIds.has(shortId));
      if (entries.length > 0) live.push([fieldId, entries]);
    }
    if (live.length === 0) continue;
    terms.push(term);
    writer.write(live.length);
    for (const [fieldId, entries] of live) {
      writer.write(fieldId);
      writer.write(entries.length);
      let previous = 0;
      for (const [shortId] of entries) {
        writer.write(zigzag(shortId - previous));
        previous = shortId;
      }
      for (const [, frequency] of entries) writer.write(frequency);
    }
    if (writer.length >= TERM_CHUNK_BYTES) {
      yield { terms, postings: Buffer.from(writer.bytes()).toString("base64") };
      terms = [];
      writer = new VarintWriter();
    }
  }
  if (terms.length > 0) yield { terms, postings: Buffer.from(writer.bytes()).toString("base64") };
}

/** The terms and postings of saved chunks, one term at a time. Throws when a chunk does not add up. */
export function* readTermChunks(chunks: Iterable<CompactTermChunk>): Generator<[string, FieldPostings]> {
  for (const chunk of chunks) {
    const reader = new VarintReader(Buffer.from(chunk.postings, "base64"));
    yield* readPostings(chunk.terms, reader);
    if (!reader.done()) throw new Error("search index postings are longer than their terms");
  }
}

/** Rebuilds an index from its saved parts; `options` must be those it was built with. */
export function loadCompactMiniSearch<T>(
  meta: IndexedDocumentsMeta,
  documents: Iterable<IndexedDocumentRecord>,
  chunks: Iterable<CompactTermChunk>,
  options: Options<T>,
): IndexedMiniSearch<T> {
  return IndexedMiniSearch.fromParts(meta, documents, readTermChunks(chunks), options);
}

function* readPostings(terms: readonly string[], reader: VarintReader): Generator<[string, FieldPostings]> {
  for (const term of terms) {
    const fields: FieldPostings = new Map();
    for (let fieldCount = reader.read(); fieldCount > 0; fieldCount--) {
      const fieldId = reader.read();
      const count = reader.read();
      const shortIds = new Uint32Array(count);
      let previous = 0;
      for (let i = 0; i < count; i++) shortIds[i] = previous += unzigzag(reader.read());
      const frequencies = new Uint32Array(count);
      for (let i = 0; i < count; i++) frequencies[i] = reader.read();
      fields.set(fieldId, CompactPostings.fromSorted(shortIds, frequencies));
    }
    yield [term, fields];
  }
}

const zigzag = (value: number): number => (value >= 0 ? value * 2 : -value * 2 - 1);
const unzigzag = (value: number): number => (value % 2 === 0 ? value / 2 : -(value + 1) / 2);

class VarintWriter {
  #buffer = new Uint8Array(1 << 16);
  #length = 0;

  write(value: number): void {
    if (this.#length + 10 > this.#buffer.length) {
      const grown = new Uint8Array(this.#buffer.length * 2);
      grown.set(this.#buffer);
      this.#buffer = grown;
    }
    let rest = value;
    while (rest >= 0x80) {
      this.#buffer[this.#length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.#buffer[this.#length++] = rest;
  }

  get length(): number {
    return this.#length;
  }

  bytes(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
  }
}

class VarintReader {
  readonly #bytes: Uint8Array;
  #position = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  read(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.#bytes[this.#position++];
      if (byte === undefined) throw new Error("search index postings end in the middle of a number");
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  done(): boolean {
    return this.#position === this.#bytes.length;
  }
}
