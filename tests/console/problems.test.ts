import { describe, expect, it } from "vitest";
import { problemSummary } from "../../src/console/problems.ts";

describe("GIVEN problems with article files found at start", () => {
  it("WHEN there are none THEN nothing is printed", () => {
    expect(problemSummary([])).toEqual([]);
  });

  it("WHEN two files have problems (one of them twice) THEN one line names both and points at /status", () => {
    expect(
      problemSummary([
        { file: "bad.json", reason: "not an article" },
        { file: "feed.jsonl", line: 3, reason: "no title" },
        { file: "feed.jsonl", line: 9, reason: "no body" },
      ]),
    ).toEqual(["2 article files not fully read: bad.json, feed.jsonl (/status lists why)."]);
  });

  it("WHEN many files have problems THEN three are named and the rest counted", () => {
    const problems = ["a", "b", "c", "d", "e"].map((name) => ({ file: `${name}.md`, reason: "no body" }));
    expect(problemSummary(problems)).toEqual([
      "5 article files not fully read: a.md, b.md, c.md and 2 more (/status lists why).",
    ]);
  });
});
