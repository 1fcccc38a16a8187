import { open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { extensionOf, SUPPORTED_EXTENSIONS } from "../core/ingest/index.ts";
import type { IngestWarning, SourceFile } from "../core/ingest/types.ts";
import { ingestWarning, tooLargeReason } from "../core/ingest/warnings.ts";

/** A file the parsers can read, as the file system describes it. */
export interface ArticleFileStat {
  /** Relative to the articles folder, with forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** A file's bytes, or why they were not read. */
export type SourceFileRead = { file: SourceFile } | { warning: IngestWarning };

/**
 * Lists the article files under `dir`, recursively, sorted by relative path: files with a supported extension,
 * skipping dot files and dot folders. Symbolic links to files are listed (`readSourceFile` reads one only when
 * its target is inside the folder); links to folders are not followed, so that a link cannot make the walk
 * loop. What has an article's name but cannot be read (a pipe, a broken link) goes to `onSkipped`. Rejects
 * when `dir` itself cannot be read.
 */
export async function listArticleFiles(
  dir: string,
  onSkipped: (relativePath: string, reason: string) => void = () => undefined,
): Promise<ArticleFileStat[]> {
  const files: ArticleFileStat[] = [];
  await collect(dir, "", files, onSkipped);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function collect(
  root: string,
  relativeDir: string,
  files: ArticleFileStat[],
  onSkipped: (relativePath: string, reason: string) => void,
): Promise<void> {
  const entries = await readdir(path.join(root, relativeDir), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const relativePath = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) {
      await collect(root, relativePath, files, onSkipped);
      continue;
    }
    if (!SUPPORTED_EXTENSIONS.includes(extensionOf(entry.name))) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) {
      // Reading a pipe would wait for a writer for ever; a device has no end.
      onSkipped(relativePath, "not a regular file (a pipe, socket or device); not read");
      continue;
    }
    const stats = await stat(path.join(root, relativePath)).catch(() => undefined);
    if (stats === undefined) onSkipped(relativePath, "a link that leads nowhere or loops; not read");
    else if (!stats.isFile()) onSkipped(relativePath, "a link to something that is not a file; not read");
    else files.push({ path: relativePath, size: stats.size, mtimeMs: stats.mtimeMs });
  }
}

/**
 * Reads one article file for the parsers. Files over `maxBytes` are not read at all (the size is checked first,
 * and the read stops at the limit should the file have grown since). Paths that leave `dir` are refused.
 * Never rejects: any failure is a warning naming the file.
 */
export async function readSourceFile(
  dir: string,
  relPath: string,
  maxBytes: number,
): Promise<SourceFileRead> {
  const root = path.resolve(dir);
  const fullPath = path.resolve(root, relPath);
  if (!isInside(root, fullPath)) {
    return { warning: ingestWarning(relPath, "path is outside the articles folder") };
  }
  try {
    // A link may point anywhere (a .env, /etc/passwd): what it reaches must stay inside the folder too,
    // or its text would be indexed, searchable and written into the snapshot.
    if (!isInside(await realpath(root), await realpath(fullPath))) {
      return { warning: ingestWarning(relPath, "links to a file outside the articles folder; not read") };
    }
    const stats = await stat(fullPath);
    if (!stats.isFile()) return { warning: ingestWarning(relPath, "not a regular file") };
    if (stats.size > maxBytes)
      return { warning: ingestWarning(relPath, tooLargeReason(stats.size, maxBytes)) };
    // One byte more than allowed tells a file that grew past the limit since `stat`.
    const bytes = await readAtMost(fullPath, stats.size, maxBytes + 1);
    if (bytes.length > maxBytes) {
      return { warning: ingestWarning(relPath, tooLargeReason(bytes.length, maxBytes)) };
    }
    return { file: { path: relPath, bytes, modifiedAt: new Date(stats.mtimeMs) } };
  } catch (error) {
    return { warning: ingestWarning(relPath, `cannot read the file: ${describeFsError(error)}`) };
  }
}

function isInside(root: string, target: string): boolean {
  return target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Reads up to `limit` bytes, starting with a buffer of the expected size and growing it if the file grew. */
async function readAtMost(fullPath: string, expectedSize: number, limit: number): Promise<Uint8Array> {
  const handle = await open(fullPath, "r");
  try {
    let buffer = new Uint8Array(Math.min(expectedSize + 1, limit));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= limit) break;
        const grown = new Uint8Array(Math.min(buffer.length * 2, limit));
        grown.set(buffer);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function describeFsError(error: unknown): string {
  if (error instanceof Error)
    return "code" in error && typeof error.code === "string" ? error.code : error.message;
  return String(error);
}
