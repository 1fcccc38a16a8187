import { describe, expect, it } from "vitest";
import { parseFile } from "../../../src/core/ingest/index.ts";
import { OPTIONS, sourceFile } from "./source-file.ts";

const GOOD_TEXT = "A title\n\nA paragraph of text.\n";

describe("GIVEN files that cannot be read as a whole", () => {
  it.each([
    ["an unsupported extension", sourceFile("notes/photo.png", GOOD_TEXT), /unsupported file type "\.png"/],
    ["no extension", sourceFile("README", GOOD_TEXT), /unsupported file type/],
    ["no bytes", sourceFile("empty.txt", ""), /empty file/],
    ["only whitespace", sourceFile("blank.md", " \n\t\r\n"), /empty file/],
    [
      "invalid UTF-8",
      sourceFile("latin1.txt", new Uint8Array([0x41, 0xe9, 0x74, 0xe9, 0x0a])),
      /not valid UTF-8/,
    ],
    ["binary content", sourceFile("data.json", new Uint8Array([0x7b, 0x00, 0x01, 0x02, 0x7d])), /binary/],
  ])(
    "WHEN the file has %s THEN there is exactly one warning naming it and no article",
    (_case, file, reason) => {
      const { articles, warnings } = parseFile(file, OPTIONS);
      expect(articles).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.file).toBe(file.path);
      expect(warnings[0]?.reason).toMatch(reason);
    },
  );

  it("WHEN the file is over maxFileBytes THEN it is skipped with one warning giving the size and the limit", () => {
    const file = sourceFile("big.txt", GOOD_TEXT);
    const { articles, warnings } = parseFile(file, { maxFileBytes: 10 });
    expect(articles).toEqual([]);
    expect(warnings).toEqual([
      { file: "big.txt", reason: `file too large (${file.bytes.length} bytes, limit 10)` },
    ]);
  });

  it("WHEN the file is exactly maxFileBytes THEN it is read", () => {
    const file = sourceFile("fits.txt", GOOD_TEXT);
    expect(parseFile(file, { maxFileBytes: file.bytes.length }).articles).toHaveLength(1);
  });

  it("WHEN the extension is in capitals THEN the file is still read", () => {
    expect(parseFile(sourceFile("LOUD.TXT", GOOD_TEXT), OPTIONS).articles).toHaveLength(1);
  });
});
