import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { dedupeArticles } from "../../../src/core/ingest/dedupe.ts";
import { parseFile } from "../../../src/core/ingest/index.ts";
import { sharedDataPresent, sharedFile } from "../../helpers/shared-data.ts";
import { sourceFile } from "./source-file.ts";

const CORPUS = sharedFile("corpus/news.jsonl");

describe.skipIf(!sharedDataPresent(CORPUS))("GIVEN the shared news corpus (news.jsonl)", () => {
  // Read in beforeAll: a skipped describe still runs its body to collect the tests.
  let lines: string[] = [];
  let parsed: ReturnType<typeof parseFile> = { articles: [], warnings: [] };
  beforeAll(() => {
    const bytes = readFileSync(CORPUS);
    lines = new TextDecoder()
      .decode(bytes)
      .split("\n")
      .filter((line) => line.trim() !== "");
    parsed = parseFile(sourceFile("corpus/news.jsonl", bytes), { maxFileBytes: bytes.length });
  });

  it("WHEN parsed THEN all 21,268 lines load without a warning", () => {
    expect(parsed.warnings).toEqual([]);
    expect(lines).toHaveLength(21_268);
    expect(parsed.articles).toHaveLength(lines.length);
  });

  it("THEN ids, titles and bodies are those of the lines", () => {
    const step = 997;
    for (let index = 0; index < lines.length; index += step) {
      const line = JSON.parse(lines[index] ?? "") as { id: string; title: string; body: string };
      const article = parsed.articles[index];
      expect(article?.id).toBe(line.id);
      expect(article?.title).toBe(line.title.trim());
      expect(article?.paragraphs.join("\n\n")).toBe(line.body.trim());
      expect(article?.origin.line).toBe(index + 1);
    }
  });

  it("THEN every article marked dup_of in the corpus is found as a duplicate of that article", () => {
    const { duplicates } = dedupeArticles(parsed.articles);
    const found = new Map(duplicates.map(({ article, duplicateOf }) => [article.id, duplicateOf.id]));
    const marked = lines
      .map((line) => JSON.parse(line) as { id: string; dup_of: string | null })
      .filter((line) => line.dup_of !== null);
    expect(marked.length).toBeGreaterThan(0);
    for (const { id, dup_of } of marked) expect(found.get(id), id).toBe(dup_of);
  });
});
