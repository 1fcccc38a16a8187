import type { Article } from "../articles.ts";

/** A file handed to the parsers: its bytes and what the file system says of it. */
export interface SourceFile {
  /** Path relative to ARTICLES_DIR, with forward slashes; becomes `origin.file`. */
  path: string;
  bytes: Uint8Array;
  /** The file's modification time; relative times such as "Updated 7 sec ago" resolve against it. */
  modifiedAt: Date;
}

/** Why one file, or one line of it, was not (fully) ingested. Ingestion goes on. */
export interface IngestWarning {
  file: string;
  /** 1-based line, for line-oriented formats. */
  line?: number;
  reason: string;
}

export interface ParseResult {
  articles: Article[];
  warnings: IngestWarning[];
}

export interface ParseOptions {
  /** Files larger than this are skipped with a warning. */
  maxFileBytes: number;
  /** Articles read from one file at most; the rest are left out with a warning. Default {@link MAX_ARTICLES_PER_FILE}. */
  maxArticles?: number;
}

/**
 * One file holds at most this many articles: a 5 MB JSON Lines file of one-word articles is 150,000 of them,
 * and a few such files once made a million-article index of gigabytes. Real exports stay far below it (the
 * 21,268-article research corpus is one file).
 */
export const MAX_ARTICLES_PER_FILE = 50_000;
