import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Library } from "../../src/app/library.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { watchArticles, type ArticlesWatcher } from "../../src/app/watcher.ts";
import { ManualClock } from "../../src/core/clock.ts";

let root: string;
let watcher: ArticlesWatcher | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "newsdesk-watch-"));
  await mkdir(join(root, "articles", "wire"), { recursive: true });
});

afterEach(async () => {
  watcher?.close();
  await rm(root, { recursive: true, force: true });
});

describe("watchArticles", () => {
  it("GIVEN a watched folder WHEN files are added, changed and deleted THEN the index follows within seconds", async () => {
    const articlesDir = join(root, "articles");
    const library = await Library.open({
      articlesDir,
      dataDir: join(root, "data"),
      maxFileBytes: 1 << 20,
      clock: new ManualClock("2025-12-05T12:00:00Z"),
      logger: silentLogger(),
    });
    watcher = watchArticles({ dir: articlesDir, library, logger: silentLogger(), debounceMs: 50 });
    const file = join(articlesDir, "wire", "story.json");
    const article = (title: string) => JSON.stringify({ id: "s1", title, body: `${title}. More to follow.` });

    await writeFile(file, article("Dam inspection ordered"));
    await vi.waitFor(
      () => {
        expect(library.search("inspection", {}, 5)).toHaveLength(1);
      },
      { timeout: 5000 },
    );
    expect(library.get("s1")?.source).toBe("wire");

    await writeFile(file, article("Dam inspection finds cracks in the spillway"));
    await vi.waitFor(
      () => {
        expect(library.search("spillway", {}, 5)).toHaveLength(1);
      },
      { timeout: 5000 },
    );

    await rm(file);
    await vi.waitFor(
      () => {
        expect(library.size).toBe(0);
      },
      { timeout: 5000 },
    );
  });

  it("GIVEN a folder that cannot be watched THEN it falls back to polling", async () => {
    const refresh = vi.fn(() =>
      Promise.resolve({ filesRead: 0, filesRemoved: 0, added: 0, updated: 0, removed: 0 }),
    );
    watcher = watchArticles({
      dir: join(root, "does-not-exist"),
      library: { refresh },
      logger: silentLogger(),
      debounceMs: 10,
      pollMs: 30,
    });
    await vi.waitFor(
      () => {
        expect(refresh).toHaveBeenCalled();
      },
      { timeout: 2000 },
    );
  });
});
