import { createHash } from "node:crypto";

/** What the file system says of one article file; enough to notice that it changed. */
export interface FileStamp {
  /** Path relative to the articles folder, with forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * A short hash of the article files and the parser version: equal fingerprints mean a saved snapshot still
 * describes the articles. Independent of the order the files are listed in.
 */
export function fingerprint(files: readonly FileStamp[], parserVersion: string): string {
  const hash = createHash("sha256");
  hash.update(`parser ${JSON.stringify(parserVersion)}\n`);
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) hash.update(`${JSON.stringify(file.path)} ${file.size} ${file.mtimeMs}\n`);
  return hash.digest("hex").slice(0, 32);
}
