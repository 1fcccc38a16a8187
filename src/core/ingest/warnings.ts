import type { IngestWarning } from "./types.ts";

/** A warning about `file`, or about one line of it. */
export function ingestWarning(file: string, reason: string, line?: number): IngestWarning {
  return line === undefined ? { file, reason } : { file, line, reason };
}

/** The reason given for a file over the size limit, the same whether found by `stat` or by length. */
export function tooLargeReason(size: number, maxBytes: number): string {
  return `file too large (${size} bytes, limit ${maxBytes})`;
}

/** A parse's problems as one short line: `title is required; body cannot be empty`. */
export function describeProblems(problems: readonly string[]): string {
  return problems.slice(0, 3).join("; ");
}
