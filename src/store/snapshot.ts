import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import type { Article } from "../core/articles.ts";
import type { IngestWarning } from "../core/ingest/types.ts";
import type { ArticleIndexJSON } from "../core/search/article-index.ts";

/**
 * Bumped whenever the layout or the meaning of a snapshot changes; older snapshots are then reported as
 * "old-version" and rebuilt. (Index layout changes are caught too: `ArticleIndex.loadJSON` checks its own.)
 */
export const SNAPSHOT_FORMAT_VERSION = 1;
export const SNAPSHOT_FILE_NAME = "library.snapshot";

const MAGIC = "newsdesk-snapshot";
const SECTIONS = ["articles", "files", "index", "extras"] as const;
type SectionName = (typeof SECTIONS)[number];
/** The header is one short JSON line; anything longer is not a snapshot. */
const MAX_HEADER_BYTES = 64 * 1024;

/** What the snapshot remembers of one article file. */
export interface SnapshotFileRecord {
  path: string;
  size: number;
  mtimeMs: number;
  /** Ids of the articles parsed from the file, in file order, duplicates included. */
  articleIds: string[];
  warnings: IngestWarning[];
}

/** Everything a cold start needs, so that it parses no article file. */
export interface Snapshot {
  formatVersion: number;
  /** `fingerprint()` of the article files the snapshot was built from. */
  fingerprint: string;
  /** ISO 8601 instant, given by the caller's clock. */
  createdAt: string;
  /** Parsed articles of all files, in the order of `files` and their `articleIds`. */
  articles: Article[];
  files: SnapshotFileRecord[];
  index: ArticleIndexJSON;
  /** Caches of other features (summaries, quotes) by feature name; plain JSON data. */
  extras: Record<string, unknown>;
}

/** What `saveSnapshot` takes: the format version is always the current one. */
export type SnapshotContents = Omit<Snapshot, "formatVersion">;

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
  /** Byte length of each section, in `SECTIONS` order, right after the header line. */
  sections: Record<SectionName, number>;
  /** CRC-32 of all section bytes. */
  crc32: number;
}

/**
 * Writes the snapshot to `dataDir` atomically: to a temporary file in the same folder, flushed to disk, then
 * renamed over the old one, so a crash leaves either the old snapshot or the new one, never a mix.
 *
 * Layout: one JSON header line (version, fingerprint, section sizes, checksum), then each section as JSON.
 * Sections are parsed separately, which keeps each string below V8's length limit for longer, and JSON
 * parses article text several times faster than `v8.deserialize` (see bench/groups/snapshot.ts).
 */
export async function saveSnapshot(dataDir: string, contents: SnapshotContents): Promise<void> {
  const sections = SECTIONS.map((name) => Buffer.from(JSON.stringify(contents[name]), "utf8"));
  let checksum = 0;
  for (const section of sections) checksum = crc32(section, checksum);
  const header: SnapshotHeader = {
    magic: MAGIC,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    fingerprint: contents.fingerprint,
    createdAt: contents.createdAt,
    sections: Object.fromEntries(SECTIONS.map((name, i) => [name, sections[i]?.length ?? 0])) as Record<
      SectionName,
      number
    >,
    crc32: checksum,
  };

  await mkdir(dataDir, { recursive: true });
  await removeOrphanedTempFiles(dataDir);
  const finalPath = join(dataDir, SNAPSHOT_FILE_NAME);
  const tempPath = join(dataDir, `.${SNAPSHOT_FILE_NAME}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(tempPath, "wx");
    try {
      await writeFully(file, [Buffer.from(`${JSON.stringify(header)}\n`, "utf8"), ...sections]);
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
 * (`expectedFingerprint`), checking its size and checksum. Never throws for a bad file: the result says why
 * it cannot be used.
 */
export async function loadSnapshot(
  dataDir: string,
  expectedFingerprint: string,
): Promise<SnapshotLoadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dataDir, SNAPSHOT_FILE_NAME));
  } catch (error) {
    if (isFileNotFound(error)) return { kind: "missing" };
    return { kind: "corrupt", reason: `cannot read: ${errorMessage(error)}` };
  }

  const headerEnd = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  if (headerEnd < 0) return { kind: "corrupt", reason: "no header line" };
  let header: unknown;
  try {
    header = JSON.parse(bytes.subarray(0, headerEnd).toString("utf8"));
  } catch {
    return { kind: "corrupt", reason: "header is not JSON" };
  }
  if (!isRecord(header) || header.magic !== MAGIC)
    return { kind: "corrupt", reason: "not a Newsdesk snapshot" };
  if (header.formatVersion !== SNAPSHOT_FORMAT_VERSION)
    return { kind: "old-version", found: header.formatVersion };
  if (!isHeader(header)) return { kind: "corrupt", reason: "malformed header" };
  if (header.fingerprint !== expectedFingerprint) return { kind: "stale" };

  const body = bytes.subarray(headerEnd + 1);
  const sizes = SECTIONS.map((name) => header.sections[name]);
  const expectedLength = sizes.reduce((sum, size) => sum + size, 0);
  if (body.length !== expectedLength) {
    return { kind: "corrupt", reason: `${body.length} bytes of data, header says ${expectedLength}` };
  }
  if (crc32(body) !== header.crc32) return { kind: "corrupt", reason: "checksum mismatch" };

  const parsed: Partial<Record<SectionName, unknown>> = {};
  let offset = 0;
  for (const [i, name] of SECTIONS.entries()) {
    const size = sizes[i] ?? 0;
    try {
      parsed[name] = JSON.parse(body.subarray(offset, offset + size).toString("utf8"));
    } catch {
      return { kind: "corrupt", reason: `section "${name}" is not JSON` };
    }
    offset += size;
  }
  const { articles, files, index, extras } = parsed;
  if (!Array.isArray(articles) || !Array.isArray(files) || !isRecord(index) || !isRecord(extras)) {
    return { kind: "corrupt", reason: "sections have the wrong shape" };
  }
  return {
    kind: "loaded",
    snapshot: {
      formatVersion: header.formatVersion,
      fingerprint: header.fingerprint,
      createdAt: header.createdAt,
      // Written by saveSnapshot from typed data and checksummed, so the sections are trusted past their shape.
      articles: articles as Article[],
      files: files as SnapshotFileRecord[],
      index: index as unknown as ArticleIndexJSON,
      extras,
    },
  };
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
    typeof value.crc32 === "number" &&
    isRecord(sections) &&
    SECTIONS.every((name) => Number.isSafeInteger(sections[name]) && (sections[name] as number) >= 0)
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
