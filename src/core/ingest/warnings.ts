import type { z } from "zod";
import type { IngestWarning } from "./types.ts";

/** A warning about `file`, or about one line of it. */
export function ingestWarning(file: string, reason: string, line?: number): IngestWarning {
  return line === undefined ? { file, reason } : { file, line, reason };
}

/** The reason given for a file over the size limit, the same whether found by `stat` or by length. */
export function tooLargeReason(size: number, maxBytes: number): string {
  return `file too large (${size} bytes, limit ${maxBytes})`;
}

/** Zod issues as one short line: `title: Invalid input; body: Required`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
