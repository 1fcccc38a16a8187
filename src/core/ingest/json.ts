import type { Article } from "../articles.ts";
import { articleFromInput } from "./from-input.ts";
import { ArticleInputSchema } from "./input-schema.ts";
import { lineNumbersAt, topLevelArrayElementOffsets } from "./json-offsets.ts";
import type { IngestWarning, SourceFile } from "./types.ts";
import { parsePlain } from "../text/zod-issues.ts";
import { describeProblems, ingestWarning } from "./warnings.ts";

/** Articles read from JSON, before the final schema check, and what could not be read. */
export interface JsonReadResult {
  articles: Article[];
  warnings: IngestWarning[];
}

/**
 * Reads a .json file holding one article object or an array of them. A broken file is one warning; in an array,
 * each bad element is one warning (with its line) and the other elements still load.
 */
export function parseJsonArticles(text: string, file: SourceFile): JsonReadResult {
  const result: JsonReadResult = { articles: [], warnings: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    result.warnings.push(ingestWarning(file.path, `invalid JSON: ${errorMessage(error)}`));
    return result;
  }
  if (Array.isArray(parsed)) {
    const offsets = topLevelArrayElementOffsets(text);
    const lines = lineNumbersAt(text, offsets);
    parsed.forEach((item: unknown, index) => {
      readItem(item, file, result, offsets[index] ?? 0, lines[index] ?? 1, `item ${index + 1}: `);
    });
  } else if (typeof parsed === "object" && parsed !== null) {
    readItem(parsed, file, result, 0, undefined, "");
  } else {
    result.warnings.push(ingestWarning(file.path, "expected an article object or an array of them"));
  }
  return result;
}

/**
 * Reads a .jsonl file, one article object a line; blank lines are skipped. A bad line is one warning with its
 * line number and the other lines still load.
 */
export function parseJsonLinesArticles(text: string, file: SourceFile): JsonReadResult {
  const result: JsonReadResult = { articles: [], warnings: [] };
  let lineNumber = 0;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    lineNumber++;
    const line = text.slice(start, end).trim();
    if (line !== "") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        result.warnings.push(ingestWarning(file.path, `invalid JSON: ${errorMessage(error)}`, lineNumber));
      }
      if (parsed !== undefined) readItem(parsed, file, result, start, lineNumber, "");
    }
    start = end + 1;
  }
  return result;
}

function readItem(
  item: unknown,
  file: SourceFile,
  result: JsonReadResult,
  offset: number,
  line: number | undefined,
  label: string,
): void {
  const input = parsePlain(ArticleInputSchema, item);
  if (!input.ok) {
    result.warnings.push(
      ingestWarning(file.path, `${label}not an article: ${describeProblems(input.reason)}`, line),
    );
    return;
  }
  const origin = line === undefined ? { file: file.path, offset } : { file: file.path, offset, line };
  const article = articleFromInput(input.value, origin, undefined, (note) =>
    result.warnings.push(ingestWarning(file.path, `${label}${note}`, line)),
  );
  if (typeof article === "string") result.warnings.push(ingestWarning(file.path, `${label}${article}`, line));
  else result.articles.push(article);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
