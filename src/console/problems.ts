import type { IngestWarning } from "../core/ingest/types.ts";
import { plural } from "../core/text/plural.ts";

/** Files named in the summary line; the rest are counted. */
const NAMED_FILES = 3;

/**
 * Problems with article files as one line for the console ("2 article files not fully read: a.txt, b.json
 * (/status lists why)"), instead of a warning block per file at every start; nothing when there are none.
 */
export function problemSummary(problems: readonly IngestWarning[]): string[] {
  const files = [...new Set(problems.map((problem) => problem.file))];
  if (files.length === 0) return [];
  const named = files.slice(0, NAMED_FILES).join(", ");
  const more = files.length > NAMED_FILES ? ` and ${String(files.length - NAMED_FILES)} more` : "";
  return [`${plural(files.length, "article file")} not fully read: ${named}${more} (/status lists why).`];
}
