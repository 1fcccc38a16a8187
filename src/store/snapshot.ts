import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";

/**
 * Bumped whenever the layout or the meaning of a snapshot changes; older snapshots are then reported as
 * "old-version" and rebuilt. (Index layout changes are caught too: `ArticleIndex.fromParts` checks its own.)
 * 2: sections as checksummed chunks of records, so no part of the file is one giant string.
 */
export const SNAPSHOT_FORMAT_VERSION = 2;
export const SNAPSHOT_FILE_NAME = "library.snapshot";

const MAGIC = "newsdesk-snapshot";
/** The header is one short JSON line; anything longer is not a snapshot. */
const MAX_HEADER_BYTES = 64 * 1024;
/** About how many bytes of records go in one chunk: small enough to parse in a few ms, large enough to be few. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** Length and CRC-32 of a chunk, each a 32-bit big-endian number, before its bytes. */
const FRAME_BYTES = 8;
/** No chunk is this long: a length beyond it is damage, not data. */
const MAX_CHUNK_BYTES = 1 << 30;

/** What the caller puts in a snapshot: named sections, each a stream of JSON records, in order. */
export interface SnapshotContents {
  /** What the snapshot's data was built from; `loadSnapshot` with another one says "stale". */
  fingerprint: string;
  /** ISO 8601 instant, given by the caller's clock. */
  createdAt: string;
  /** Each section's records, read one at a time while writing. */
  sections: readonly (readonly [name: string, records: Iterable<unknown>])[];
}

/** A snapshot as read back: every section's records, in the order they were written. */
export interface Snapshot {
  formatVersion: number;
  fingerprint: string;
  createdAt: string;
  sections: Map<string, unknown[]>;
}

/** Tuning for tests: a small chunk size makes a section of a few records span several chunks. */
export interface SnapshotOptions {
  chunkBytes?: number;
}

export type SnapshotLoadResult =
  | { kind: "loaded"; snapshot: Snapshot }
  | { kind: "missing" }
  | { kind: "stale" }
  | { kind: "corrupt"; reason: string }
  | { kind: "old-version"; found: unknown };

interface SnapshotHeader {
  magic: typeof MAGIC;
  formatVersion: number;
  fingerprint: string;
  createdAt: string;
  /** Section names, in the order they follow. */
  sections: string[];
}

/**
 * Writes the snapshot to `dataDir` atomically: to a temporary file in the same folder, flushed to disk, then
 * renamed over the old one, so a crash leaves either the old snapshot or the new one, never a mix.
 *
 * Layout: one JSON header line (magic, format version, fingerprint, section names), then each section as
 * chunks: a frame of length and CRC-32 (32-bit big-endian each), then a JSON array of records of about
 * `chunkBytes`; an empty frame ends the section. Records are turned into text a chunk at a time and written
 * between chunks, so neither the file nor any section is ever one string (V8 caps a string near 512 MB), the
 * memory a save needs stays about one chunk, and the event loop gets a turn between chunks. JSON parses
 * article text several times faster than `v8.deserialize` (see bench/groups/snapshot.ts).
 */
export async function saveSnapshot(
  dataDir: string,
  contents: SnapshotContents,
  options: SnapshotOptions = {},
): Promise<void> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const header: SnapshotHeader = {
    magic: MAGIC,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    fingerprint: contents.fingerprint,
    createdAt: contents.createdAt,
    sections: contents.sections.map(([name]) => name),
  };

  await mkdir(dataDir, { recursive: true });
  await removeOrphanedTempFiles(dataDir);
  const finalPath = join(dataDir, SNAPSHOT_FILE_NAME);
  const tempPath = join(dataDir, `.${SNAPSHOT_FILE_NAME}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(tempPath, "wx");
    try {
      await writeFully(file, [Buffer.from(`${JSON.stringify(header)}\n`, "utf8")]);
      for (const [, records] of contents.sections) {
        for (const chunk of chunksOf(records, chunkBytes)) await writeFully(file, [frame(chunk), chunk]);
        await writeFully(file, [frame(new Uint8Array(0))]);
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, finalPath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dataDir);
}

/** The records as JSON arrays of about `chunkBytes` each (a record larger than that is a chunk of its own). */
function* chunksOf(records: Iterable<unknown>, chunkBytes: number): Generator<Buffer> {
  let parts: string[] = [];
  let length = 0;
  for (const record of records) {
    const text = JSON.stringify(record) as string | undefined;
    if (text === undefined) throw new TypeError("a snapshot record must be JSON data");
    parts.push(text);
    length += text.length + 1;
    if (length >= chunkBytes) {
      yield Buffer.from(`[${parts.join(",")}]`, "utf8");
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(`[${parts.join(",")}]`, "utf8");
}

function frame(chunk: Uint8Array): Buffer {
  const bytes = Buffer.alloc(FRAME_BYTES);
  bytes.writeUInt32BE(chunk.length, 0);
  bytes.writeUInt32BE(chunk.length === 0 ? 0 : crc32(chunk), 4);
  return bytes;
}

/** A temporary snapshot older than this was left by a process killed while writing it. */
const ORPHAN_AGE_MS = 10 * 60_000;
const TEMP_FILE = new RegExp(`^\\.${SNAPSHOT_FILE_NAME.replace(".", "\\.")}\\.[0-9a-f]+\\.tmp$`);

/**
 * Deletes the temporary snapshots that killed processes left behind (each as large as a snapshot). Young
 * ones are kept: another process on the same folder may be writing one right now.
 */
async function removeOrphanedTempFiles(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    if (!TEMP_FILE.test(name)) continue;
    const path = join(dataDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > ORPHAN_AGE_MS)
      await unlink(path).catch(() => undefined);
  }
}

/** What `writeFully` needs of a file handle: `FileHandle.write`, which may write less than it is given. */
export interface WritableHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
}

/**
 * Writes every byte of `buffers`, in order, going on after short writes; rejects when a write makes no
 * progress (a full disk can accept part of a buffer and then nothing), so that a truncated snapshot is
 * never renamed over a good one.
 */
export async function writeFully(handle: WritableHandle, buffers: readonly Uint8Array[]): Promise<void> {
  for (const buffer of buffers) {
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
      if (bytesWritten <= 0) {
        throw new Error(`short write: ${offset} of ${buffer.length} bytes written (is the disk full?)`);
      }
      offset += bytesWritten;
    }
  }
}

/**
 * Reads the snapshot in `dataDir` if there is one written by this format version for these article files
 * (`expectedFingerprint`), chunk by chunk, checking each chunk's checksum and that the file ends where its last
 * section does. Never throws for a bad file: the result says why it cannot be used.
 */
export async function loadSnapshot(
  dataDir: string,
  expectedFingerprint: string,
): Promise<SnapshotLoadResult> {
  let file: FileHandle;
  try {
    file = await open(join(dataDir, SNAPSHOT_FILE_NAME), "r");
  } catch (error) {
    if (isFileNotFound(error)) return { kind: "missing" };
    return { kind: "corrupt", reason: `cannot read: ${errorMessage(error)}` };
  }
  try {
    return await readSnapshot(file, expectedFingerprint);
  } catch (error) {
    return { kind: "corrupt", reason: `cannot read: ${errorMessage(error)}` };
  } finally {
    await file.close();
  }
}

async function readSnapshot(file: FileHandle, expectedFingerprint: string): Promise<SnapshotLoadResult> {
  const start = await readAt(file, 0, MAX_HEADER_BYTES);
  const headerEnd = start.indexOf(0x0a);
  if (headerEnd < 0) return { kind: "corrupt", reason: "no header line" };
  let header: unknown;
  try {
    header = JSON.parse(start.subarray(0, headerEnd).toString("utf8"));
  } catch {
    return { kind: "corrupt", reason: "header is not JSON" };
  }
  if (!isRecord(header) || header.magic !== MAGIC)
    return { kind: "corrupt", reason: "not a Newsdesk snapshot" };
  if (header.formatVersion !== SNAPSHOT_FORMAT_VERSION)
    return { kind: "old-version", found: header.formatVersion };
  if (!isHeader(header)) return { kind: "corrupt", reason: "malformed header" };
  if (header.fingerprint !== expectedFingerprint) return { kind: "stale" };

  const sections = new Map<string, unknown[]>();
  let position = headerEnd + 1;
  for (const name of header.sections) {
    const records: unknown[] = [];
    for (;;) {
      const framing = await readAt(file, position, FRAME_BYTES);
      if (framing.length < FRAME_BYTES) return { kind: "corrupt", reason: `section "${name}" is cut short` };
      const length = framing.readUInt32BE(0);
      const checksum = framing.readUInt32BE(4);
      position += FRAME_BYTES;
      if (length === 0) break;
      if (length > MAX_CHUNK_BYTES)
        return { kind: "corrupt", reason: `section "${name}" has a damaged frame` };
      const chunk = await readAt(file, position, length);
      if (chunk.length < length) return { kind: "corrupt", reason: `section "${name}" is cut short` };
      if (crc32(chunk) !== checksum) return { kind: "corrupt", reason: "checksum mismatch" };
      position += length;
      let parsed: unknown;
      try {
        parsed = JSON.parse(chunk.toString("utf8"));
      } catch {
        return { kind: "corrupt", reason: `section "${name}" is not JSON` };
      }
      if (!Array.isArray(parsed)) return { kind: "corrupt", reason: `section "${name}" has the wrong shape` };
      for (const record of parsed) records.push(record);
    }
    sections.set(name, records);
  }
  if ((await readAt(file, position, 1)).length > 0) {
    return { kind: "corrupt", reason: "data after the last section" };
  }
  return {
    kind: "loaded",
    snapshot: {
      formatVersion: header.formatVersion,
      fingerprint: header.fingerprint,
      createdAt: header.createdAt,
      sections,
    },
  };
}

/** Up to `length` bytes from `position`; fewer at the end of the file. */
async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** Makes the rename durable; some platforms cannot open a folder, which only weakens durability. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not fatal: the snapshot is complete either way; at worst a power cut brings back the previous one.
  }
}

function isHeader(value: Record<string, unknown>): value is Record<string, unknown> & SnapshotHeader {
  const sections = value.sections;
  return (
    typeof value.fingerprint === "string" &&
    typeof value.createdAt === "string" &&
    Array.isArray(sections) &&
    sections.every((name) => typeof name === "string")
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFileNotFound(error: unknown): boolean {
  return isRecord(error) && error.code === "ENOENT";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
