import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { landArticle } from "../helpers/watched-folder.ts";
import { startEntryProcess, type EntryProcess } from "../helpers/entry-process.ts";

let dataDir: string;
let articlesDir: string;
let console_: EntryProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-console-follow-"));
  articlesDir = join(dataDir, "articles");
  await mkdir(articlesDir);
  await landArticle(articlesDir, "seed", "Quiet day at the harbour", "Nothing moved at the harbour today.");
  console_ = startEntryProcess({
    ARTICLES_DIR: articlesDir,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    WATCH_ARTICLES: "true",
  });
});

afterAll(async () => {
  if (console_.child.exitCode === null) console_.child.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

describe("/follow in the local console (npm start without DISCORD_TOKEN)", () => {
  it("GIVEN /follow add query:… WHEN matching articles arrive in the folder THEN they are printed as they arrive; others are not", async () => {
    console_.child.stdin.write("/follow add query:glacier\n");
    await vi.waitFor(
      () => {
        expect(console_.stdout()).toContain("Following “glacier” in this console");
      },
      { timeout: 20_000, interval: 100 },
    );
    await landArticle(articlesDir, "other", "Bakery wins bread prize", "The sourdough won.");
    await landArticle(
      articlesDir,
      "glacier",
      "Glacier retreat speeds up in the Alps",
      "The glacier lost forty metres this year.",
    );
    await vi.waitFor(
      () => {
        expect(console_.stdout()).toContain("🔔 Glacier retreat speeds up in the Alps");
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(console_.stdout()).toContain("The glacier lost forty metres this year.");
    expect(console_.stdout()).not.toContain("Bakery wins bread prize");
    console_.child.stdin.end();
    expect(await console_.exited).toBe(0);
  }, 40_000);
});
