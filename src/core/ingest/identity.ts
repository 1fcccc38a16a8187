import { createHash } from "node:crypto";

const NON_WORD_RUNS = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * Folds text for comparison: Unicode-compatibility normalised, lower-cased, every run of characters that are
 * not letters, digits or combining marks (whitespace, punctuation, quote styles) turned into one space.
 */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(NON_WORD_RUNS, " ").trim();
}

/** Hex SHA-1 of a string; used for ids and keys, not for security. */
export function sha1Hex(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/**
 * A stable article id from its source and title, so that re-reading the same story (even re-scraped with
 * other quote marks or spacing) gives the same id: "a_" and the first 16 hex digits of a SHA-1.
 */
export function deriveArticleId(source: string, title: string): string {
  return `a_${sha1Hex(`${source}\n${foldText(title)}`).slice(0, 16)}`;
}

/**
 * The source of an article read from `path` (relative to ARTICLES_DIR) that names none itself: the first
 * folder of the path (`reuters/x.txt` is "reuters"), or "local" for files at the top level.
 */
export function sourceFromPath(path: string): string {
  const slash = path.indexOf("/");
  const folder = slash > 0 ? path.slice(0, slash).trim() : "";
  return folder === "" ? "local" : folder;
}
