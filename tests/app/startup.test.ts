import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "../../src/app/bootstrap.ts";
import { loadConfig, type Config } from "../../src/app/config.ts";
import { StartupError } from "../../src/app/folders.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { recordingLogger } from "../helpers/app-context.ts";
import { startEntryProcess } from "../helpers/entry-process.ts";
import { RecordingPoster } from "../fixtures/digest/poster.ts";
import { RecordingAlertPoster } from "../fixtures/follows/poster.ts";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "newsdesk-startup-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function configOf(env: Record<string, string>): Config {
  const loaded = loadConfig({ DATA_DIR: join(root, "data"), WATCH_ARTICLES: "false", ...env });
  if (!loaded.ok) throw new Error(loaded.reason.join("; "));
  return loaded.value;
}

function start(config: Config) {
  const { logger, lines } = recordingLogger();
  const clock = new ManualClock("2025-12-05T07:00:00Z");
  return {
    lines,
    started: startApp({
      config,
      logger,
      clock,
      poster: new RecordingPoster(),
      alertPoster: new RecordingAlertPoster(),
    }),
  };
}

describe("startApp's folders", () => {
  it("GIVEN a missing ARTICLES_DIR and no feeds THEN one line naming the folder", async () => {
    const missing = join(root, "nope");
    const { started } = start(configOf({ ARTICLES_DIR: missing }));
    await expect(started).rejects.toThrow(StartupError);
    await expect(started).rejects.toThrow(
      `ARTICLES_DIR ${missing} does not exist: create it, or set ARTICLES_DIR to your articles folder.`,
    );
  });

  it("GIVEN a missing ARTICLES_DIR and feeds THEN it starts, with one warning", async () => {
    const config = configOf({ ARTICLES_DIR: join(root, "nope"), FEEDS: "https://news.example/feed.xml" });
    const { started, lines } = start(config);
    const running = await started;
    try {
      expect(running.app.library.size).toBe(0);
      await running.app.library.refresh();
      const warnings = lines.filter((line) => line.level === "warn" || line.level === 40);
      expect(warnings.map((line) => line.msg)).toEqual(["the articles folder does not exist yet"]);
      expect(JSON.stringify(lines)).not.toContain("stack");
    } finally {
      await running.close();
    }
  });

  it("GIVEN a DATA_DIR or ARTICLES_DIR that is a file THEN one line saying so", async () => {
    await mkdir(join(root, "articles"));
    await writeFile(join(root, "file"), "not a folder");
    const dataFile = start(configOf({ ARTICLES_DIR: join(root, "articles"), DATA_DIR: join(root, "file") }));
    await expect(dataFile.started).rejects.toThrow(
      `DATA_DIR ${join(root, "file")} is a file, not a folder: remove it or set DATA_DIR to a folder.`,
    );
    const articlesFile = start(configOf({ ARTICLES_DIR: join(root, "file") }));
    await expect(articlesFile.started).rejects.toThrow(
      `ARTICLES_DIR ${join(root, "file")} is a file, not a folder: set ARTICLES_DIR to a folder.`,
    );
  });
});

describe("npm start with a missing ARTICLES_DIR", () => {
  it("GIVEN no feeds THEN one line on stderr, no stack trace, no console, exit 1", async () => {
    const missing = join(root, "nope");
    const entry = startEntryProcess({
      ARTICLES_DIR: missing,
      DATA_DIR: join(root, "data"),
      WATCH_ARTICLES: "false",
    });
    entry.child.stdin.end("/search query:x\n");
    expect(await entry.exited).toBe(1);
    expect(entry.stdout()).toBe("");
    expect(entry.stderr()).toBe(
      `Newsdesk failed to start: ARTICLES_DIR ${missing} does not exist: create it, or set ARTICLES_DIR to your articles folder.\n`,
    );
  });
});
