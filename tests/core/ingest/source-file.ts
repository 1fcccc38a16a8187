import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { fileURLToPath } from "node:url";
import type { SourceFile } from "../../../src/core/ingest/types.ts";

/** When the test files were "modified"; relative dates in fixtures resolve against it. */
export const MODIFIED_AT = new Date("2025-12-04T10:00:00.000Z");

export const OPTIONS = { maxFileBytes: 1_000_000 };

/** A SourceFile holding `content` (text is UTF-8 encoded as is, BOM and line endings included). */
export function sourceFile(path: string, content: string | Uint8Array, modifiedAt = MODIFIED_AT): SourceFile {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return { path, bytes, modifiedAt };
}

/** A fixture under tests/fixtures/ingest, read as a SourceFile at `path`. */
export function fixtureFile(name: string, path = name): SourceFile {
  const url = new URL(`../../fixtures/ingest/${name}`, import.meta.url);
  return sourceFile(path, readFileSync(fileURLToPath(url)));
}

/** The project's seed article file, articles/000_bb1ba0608eabcd20.txt. */
export function seedFile(): SourceFile {
  const url = new URL("../../../articles/000_bb1ba0608eabcd20.txt", import.meta.url);
  return sourceFile("000_bb1ba0608eabcd20.txt", readFileSync(fileURLToPath(url)));
}

/** An asymmetric matcher for a string matching `pattern`, typed as the string it stands for. */
export function matching(pattern: RegExp): string {
  return expect.stringMatching(pattern) as string;
}
