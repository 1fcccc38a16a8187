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
}
