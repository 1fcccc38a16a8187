import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEntryProcess, type EntryProcess } from "../helpers/entry-process.ts";
import { DATABASE_FILE } from "../../src/store/db.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";

type Json = Record<string, unknown>;

let fake: FakeDiscord;
let dataDir: string;
let bot: EntryProcess;

/** `SHARDS=auto npm start` where Discord recommends two shards: one process runs both. */
beforeAll(async () => {
  fake = await FakeDiscord.start({ recommendedShards: 2, maxConcurrency: 2 });
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-shards-"));
  bot = startEntryProcess({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.url,
    SHARDS: "auto",
    ARTICLES_DIR: "articles",
    DATA_DIR: dataDir,
    WATCH_ARTICLES: "false",
    LOG_LEVEL: "info",
  });
  await vi.waitFor(
    () => {
      expect(bot.output()).toContain('"msg":"connected to Discord"');
    },
    { timeout: 60_000, interval: 200 },
  );
}, 70_000);

afterAll(async () => {
  if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("SHARDS=auto", () => {
  it("GIVEN Discord recommends two shards THEN one process identified as shards 0 and 1 of 2, and logged in once", () => {
    const shards = fake.gateway.received
      .filter((frame) => frame.op === 2)
      .map((frame) => (frame.d as Json).shard)
      .sort();
    expect(shards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.output().match(/"msg":"connected to Discord"/g)).toHaveLength(1);
    expect(bot.output()).not.toContain(fake.token);
  });

  it("GIVEN a command from the server THEN the shard that holds it answers", async () => {
    const [answer] = await fake.waitForAnswers(
      fake.command("search", [{ name: "query", type: 3, value: "kremlin" }]),
    );
    const embeds = (((answer?.body as Json | undefined)?.data as Json | undefined)?.embeds ?? []) as Json[];
    expect(embeds[0]?.title).toBe("Search: kremlin");
  });

  it("GIVEN SIGTERM THEN both shards close and the process exits 0", async () => {
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 60_000);

  it("GIVEN the run is over THEN both identifies were paced through the store, one bucket a shard (max_concurrency 2)", () => {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare("SELECT bucket FROM identify_buckets ORDER BY bucket").all()).toEqual([
        { bucket: 0 },
        { bucket: 1 },
      ]);
    } finally {
      db.close();
    }
  });
});
