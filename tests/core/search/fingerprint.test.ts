import { describe, expect, it } from "vitest";
import { fingerprint } from "../../../src/core/search/fingerprint.ts";

const FILES = [
  { path: "a/one.jsonl", size: 120, mtimeMs: 1_700_000_000_000 },
  { path: "two.txt", size: 3000, mtimeMs: 1_700_000_500_000.25 },
];

describe("GIVEN a list of article files and a parser version", () => {
  const base = fingerprint(FILES, "ingest-1");

  it("WHEN the same files come in another order THEN the fingerprint is the same", () => {
    expect(fingerprint([...FILES].reverse(), "ingest-1")).toBe(base);
  });

  it("WHEN a size, a time, a path or the parser version changes THEN the fingerprint changes", () => {
    const [first, second] = FILES;
    if (first === undefined || second === undefined) throw new Error("fixture");
    expect(fingerprint([{ ...first, size: 121 }, second], "ingest-1")).not.toBe(base);
    expect(fingerprint([{ ...first, mtimeMs: first.mtimeMs + 1 }, second], "ingest-1")).not.toBe(base);
    expect(fingerprint([{ ...first, path: "a/One.jsonl" }, second], "ingest-1")).not.toBe(base);
    expect(fingerprint(FILES, "ingest-2")).not.toBe(base);
    expect(fingerprint([first], "ingest-1")).not.toBe(base);
  });
});
