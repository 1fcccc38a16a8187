import { randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { SectionHeading } from "../core/articles.ts";

/** The part of an article that is kept on disk rather than in memory: its text. */
export interface ArticleBody {
  paragraphs: string[];
  headings: SectionHeading[];
}

/** Where one body is: a segment file of the store, and a byte range in it. */
export interface BodyRef {
  segment: string;
  offset: number;
  length: number;
}

/** The folder of DATA_DIR that holds the body segments. */
export const BODIES_DIR_NAME = "bodies";
const SEGMENT_SUFFIX = ".bodies";
const SEGMENT_NAME = /^[0-9a-f]{16}\.bodies$/;
/** Appended bodies are written once this many bytes are waiting (or before a read or sync needs them). */
const WRITE_BUFFER_BYTES = 1 << 20;
/** Recently read bodies, so that a command that reads one body several times (snippet, then summary) parses it once. */
const READ_CACHE_ENTRIES = 64;

/**
 * Article bodies in append-only segment files under `DATA_DIR/bodies/`, one JSON record each, found by
 * (segment, offset, length); the library keeps those three numbers per article instead of its text.
 *
 * Why files and not a SQLite table: a body is read synchronously in the middle of a search (snippets, quoted
 * phrases) where a `pread` of a few kilobytes from the page cache costs microseconds; the bodies are a cache
 * of ARTICLES_DIR and of the stored feed items, rebuilt with the index, so they need no transactions; and they
 * stay out of the repositories that may move to PostgreSQL. A segment is never rewritten: this process appends
 * only to the one segment it created, so several processes on one DATA_DIR never write to the same file, and
 * a snapshot that names a segment can trust the bytes it points at. `compact` copies the live bodies to a new
 * segment when dropped bodies (retention, changed feed items) take up too much room.
 */
export class ArticleBodyStore {
  readonly #dir: string;
  /** Open segments by name: those of the snapshot the library started from, and this process's own. */
  readonly #readers = new Map<string, number>();
  /** The segment this process appends to, made on the first append. */
  #writer: { name: string; fd: number; written: number } | undefined;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  readonly #cache = new Map<string, ArticleBody>();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** A store in `dataDir/bodies`, made if missing; no segment is opened yet. */
  static open(dataDir: string): ArticleBodyStore {
    const dir = join(dataDir, BODIES_DIR_NAME);
    mkdirSync(dir, { recursive: true });
    return new ArticleBodyStore(dir);
  }

  /**
   * Opens segments that a snapshot refers to, checking that each holds at least `bytes` bytes. False, with none
   * of them kept open, when one is missing or shorter: the snapshot cannot be used.
   */
  adopt(segments: ReadonlyMap<string, number>): boolean {
    const opened: string[] = [];
    for (const [name, bytes] of segments) {
      if (!SEGMENT_NAME.test(name)) return this.#forget(opened);
      if (this.#readers.has(name)) continue;
      let fd: number;
      try {
        fd = openSync(join(this.#dir, name), "r");
      } catch {
        return this.#forget(opened);
      }
      this.#readers.set(name, fd);
      opened.push(name);
      if (fstatSync(fd).size < bytes) return this.#forget(opened);
    }
    return true;
  }

  /** Appends a body; it can be read back at once. */
  append(body: ArticleBody): BodyRef {
    const writer = this.#openWriter();
    const bytes = Buffer.from(JSON.stringify([body.paragraphs, body.headings]), "utf8");
    const ref = { segment: writer.name, offset: writer.written + this.#pendingBytes, length: bytes.length };
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes >= WRITE_BUFFER_BYTES) this.#flush();
    return ref;
  }

  /** Reads a body back. Throws when the segment is not open here or the bytes are not a body. */
  read(ref: BodyRef): ArticleBody {
    const key = `${ref.segment}:${String(ref.offset)}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      // Map order is the recency order: move it to the newest end.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    if (this.#writer?.name === ref.segment && ref.offset + ref.length > this.#writer.written) this.#flush();
    const fd = this.#readers.get(ref.segment);
    if (fd === undefined) throw new Error(`article body segment ${ref.segment} is not open`);
    const bytes = Buffer.allocUnsafe(ref.length);
    let read = 0;
    while (read < ref.length) {
      const got = readSync(fd, bytes, read, ref.length - read, ref.offset + read);
      if (got === 0)
        throw new Error(
          `article body segment ${ref.segment} ends before byte ${String(ref.offset + ref.length)}`,
        );
      read += got;
    }
    const [paragraphs, headings] = JSON.parse(bytes.toString("utf8")) as [string[], SectionHeading[]];
    const body = { paragraphs, headings };
    this.#cache.set(key, body);
    if (this.#cache.size > READ_CACHE_ENTRIES) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return body;
  }

  /** Writes what is buffered and flushes this process's segment to disk: before a snapshot names it. */
  sync(): void {
    this.#flush();
    if (this.#writer) fsyncSync(this.#writer.fd);
  }

  /** Each open segment's name and the bytes a snapshot may rely on (everything written so far). */
  segmentSizes(): Map<string, number> {
    this.#flush();
    const sizes = new Map<string, number>();
    for (const [name, fd] of this.#readers)
      sizes.set(name, name === this.#writer?.name ? this.#writer.written : fstatSync(fd).size);
    return sizes;
  }

  /**
   * Lets go of segments whose bodies were all copied elsewhere (compaction): they are closed and no longer
   * listed by `segmentSizes`, so the next snapshot does not name them. Their files stay until `deleteSegments`,
   * which the library calls once that snapshot is written.
   */
  retire(segments: Iterable<string>): void {
    for (const name of segments) {
      const fd = this.#readers.get(name);
      if (fd === undefined) continue;
      if (name === this.#writer?.name) {
        this.#flush();
        this.#writer = undefined;
      }
      closeSync(fd);
      this.#readers.delete(name);
    }
    for (const key of [...this.#cache.keys()])
      if (!this.#readers.has(key.slice(0, key.indexOf(":")))) this.#cache.delete(key);
  }

  /**
   * Deletes retired segments' files. Another process that still has one open keeps reading it (the file lives
   * until its last descriptor is closed).
   */
  deleteSegments(segments: Iterable<string>): void {
    for (const name of segments) {
      if (!SEGMENT_NAME.test(name) || this.#readers.has(name)) continue;
      try {
        unlinkSync(join(this.#dir, name));
      } catch {
        // Already gone (another process compacted it away): nothing to free.
      }
    }
  }

  /** Makes later appends go to a new segment (compaction copies the live bodies there before retiring the rest). */
  startNewSegment(): void {
    this.#flush();
    this.#writer = undefined;
  }

  /** The segment that appends go to now, if one was made. */
  get writingSegment(): string | undefined {
    return this.#writer?.name;
  }

  /**
   * Deletes segment files that no process has written for `olderThanMs` and that `keep` does not name: what
   * processes killed before their next snapshot left behind. Young ones may belong to a process running now.
   */
  removeOrphans(keep: ReadonlySet<string>, now: number, olderThanMs: number): void {
    let names: string[];
    try {
      names = readdirSync(this.#dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!SEGMENT_NAME.test(name) || keep.has(name) || this.#readers.has(name)) continue;
      const path = join(this.#dir, name);
      try {
        if (now - statSync(path).mtimeMs > olderThanMs) unlinkSync(path);
      } catch {
        // Deleted meanwhile by another process.
      }
    }
  }

  /** Closes every segment; buffered appends are written first. */
  close(): void {
    this.#flush();
    for (const fd of this.#readers.values()) closeSync(fd);
    this.#readers.clear();
    this.#writer = undefined;
    this.#cache.clear();
  }

  #openWriter(): { name: string; fd: number; written: number } {
    if (this.#writer) return this.#writer;
    const name = `${randomBytes(8).toString("hex")}${SEGMENT_SUFFIX}`;
    const fd = openSync(join(this.#dir, name), "wx+");
    this.#writer = { name, fd, written: 0 };
    this.#readers.set(name, fd);
    return this.#writer;
  }

  #flush(): void {
    const writer = this.#writer;
    if (!writer || this.#pendingBytes === 0) return;
    const bytes = Buffer.concat(this.#pending, this.#pendingBytes);
    let done = 0;
    while (done < bytes.length) {
      const wrote = writeSync(writer.fd, bytes, done, bytes.length - done, writer.written + done);
      if (wrote <= 0)
        throw new Error(`short write to article body segment ${writer.name} (is the disk full?)`);
      done += wrote;
    }
    writer.written += bytes.length;
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  #forget(names: readonly string[]): false {
    for (const name of names) {
      const fd = this.#readers.get(name);
      if (fd !== undefined) closeSync(fd);
      this.#readers.delete(name);
    }
    return false;
  }
}
