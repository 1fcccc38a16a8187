import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { status } from "../../commands/status.ts";
import { Library } from "../../src/app/library.ts";
import { silentLogger } from "../../src/app/logger.ts";
import type { IngestWarning } from "../../src/core/ingest/types.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { testAppContext } from "../helpers/app-context.ts";

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** A library over `files` (name → content), with problems reported to the returned list instead of logs. */
async function libraryOf(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), "newsdesk-status-"));
  roots.push(root);
  const articlesDir = join(root, "articles");
  await mkdir(articlesDir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(articlesDir, name), content);
  const reported: IngestWarning[] = [];
  const library = await Library.open({
    articlesDir,
    dataDir: join(root, "data"),
    maxFileBytes: 1_000_000,
    clock: new ManualClock("2025-12-05T12:00:00Z"),
    logger: silentLogger(),
    snapshotDelayMs: 0,
    reportProblems: (problems) => reported.push(...problems),
  });
  return { library, reported };
}

const GOOD = JSON.stringify({ title: "Talks resume", body: "Talks resumed on Monday.", date: "2025-12-03" });

describe("GIVEN an articles folder with a good file and two that cannot be read", () => {
  it("WHEN /status runs THEN it counts what is indexed and lists each problem file with its reason", async () => {
    const { library, reported } = await libraryOf({
      "good.json": GOOD,
      "bad.json": '{"title": 5}',
      "empty.md": "---\ntitle: Nothing here\n---\n",
    });
    try {
      expect(reported.map((problem) => problem.file).sort()).toEqual(["bad.json", "empty.md"]);
      const reply = await status.execute({}, { app: testAppContext({ library }) });
      expect(reply.ephemeral).toBe(true);
      const [page] = reply.pages;
      expect(page.description).toBe(
        [
          "1 article from 1 source, all from 2025-12-03.",
          "0 feeds followed (`/feeds list`).",
          "2 files with problems, listed below.",
        ].join("\n"),
      );
      expect(page.fields?.map((field) => field.name)).toEqual(["bad.json", "empty.md"]);
    } finally {
      await library.close();
    }
  });
});

describe("GIVEN a folder where every file reads", () => {
  it("WHEN /status runs THEN it says so", async () => {
    const { library, reported } = await libraryOf({ "good.json": GOOD });
    try {
      expect(reported).toEqual([]);
      const reply = await status.execute({}, { app: testAppContext({ library }) });
      expect(reply.pages[0].description).toContain("Every article file was read.");
      expect(reply.pages[0].fields).toBeUndefined();
    } finally {
      await library.close();
    }
  });
});
