import type { Article } from "../articles.ts";
import { decodeText } from "./decode.ts";
import { keepValidArticles } from "./finalize.ts";
import { parseJsonArticles, parseJsonLinesArticles } from "./json.ts";
import { parseMarkdownArticle } from "./markdown.ts";
import { parseWireText } from "./txt/wire.ts";
import {
  MAX_ARTICLES_PER_FILE,
  type IngestWarning,
  type ParseOptions,
  type ParseResult,
  type SourceFile,
} from "./types.ts";
import { ingestWarning, tooLargeReason } from "./warnings.ts";

export type { IngestWarning, ParseOptions, ParseResult, SourceFile } from "./types.ts";
export {
  ArticleDeduper,
  dedupeArticles,
  normalizedBodyKey,
  rememberBodyKey,
  type DedupeResult,
  type DuplicateArticle,
} from "./dedupe.ts";

/**
 * Changes whenever parsing changes what articles a file yields, so that stored results of older parsers are
 * not reused. That includes the wording of its warnings, which the snapshot keeps (ingest-3: plain words).
 */
export const PARSER_VERSION = "ingest-3";

/** File extensions (lower case, with the dot) that `parseFile` reads. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [".txt", ".md", ".json", ".jsonl"];

/** The extension of a path, lower-cased with its dot ("" when there is none). */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/**
 * Reads the articles in one file, by extension: scraped wire text (.txt), Markdown with YAML front matter (.md),
 * one article or an array of them (.json), one article a line (.jsonl). Never throws: whatever cannot be read
 * (unsupported type, a file over `maxFileBytes`, binary or non-UTF-8 bytes, an empty file, broken JSON or YAML,
 * an entry that is not an article) becomes one warning naming the file, and the line for line formats, while
 * every good article of the same file is still returned. Every returned article satisfies ArticleSchema.
 */
export function parseFile(file: SourceFile, options: ParseOptions): ParseResult {
  const extension = extensionOf(file.path);
  if (!SUPPORTED_EXTENSIONS.includes(extension)) {
    return failed(file, `unsupported file type "${extension || "(none)"}"`);
  }
  if (file.bytes.length > options.maxFileBytes) {
    return failed(file, tooLargeReason(file.bytes.length, options.maxFileBytes));
  }
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return failed(file, decoded.reason);
  const { articles, warnings } = readArticles(extension, decoded.value, file);
  const limit = options.maxArticles ?? MAX_ARTICLES_PER_FILE;
  if (articles.length > limit) {
    warnings.push(
      ingestWarning(file.path, `holds ${articles.length} articles; only the first ${limit} are read`),
    );
    articles.length = limit;
  }
  return keepValidArticles(articles, warnings);
}

function readArticles(
  extension: string,
  text: string,
  file: SourceFile,
): { articles: Article[]; warnings: IngestWarning[] } {
  switch (extension) {
    case ".json":
      return parseJsonArticles(text, file);
    case ".jsonl":
      return parseJsonLinesArticles(text, file);
    case ".md": {
      const notes: IngestWarning[] = [];
      const read = parseMarkdownArticle(text, file, notes);
      return "reason" in read ? { articles: [], warnings: [read] } : { articles: [read], warnings: notes };
    }
    default:
      return parseWireText(text, file);
  }
}

function failed(file: SourceFile, reason: string): ParseResult {
  return { articles: [], warnings: [ingestWarning(file.path, reason)] };
}
