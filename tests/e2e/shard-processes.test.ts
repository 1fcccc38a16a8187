import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEntryProcess, type EntryProcess } from "../helpers/entry-process.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";

type Json = Record<string, unknown>;

let fake: FakeDiscord;
let dataDir: string;
let manager: EntryProcess;

/** `SHARDS=2 npm start`: the real entry point runs discord.js's ShardingManager, which starts two shard processes. */
beforeAll(async () => {
  fake = await FakeDiscord.start();
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-shards-"));
  manager = startEntryProcess({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.url,
    SHARDS: "2",
    ARTICLES_DIR: "articles",
    DATA_DIR: dataDir,
    WATCH_ARTICLES: "false",
    LOG_LEVEL: "info",
  });
  await vi.waitFor(
    () => {
      expect(manager.output().match(/"msg":"connected to Discord"/g)?.length ?? 0).toBe(2);
    },
    { timeout: 60_000, interval: 200 },
  );
}, 70_000);

afterAll(async () => {
  if (manager.child.exitCode === null) manager.child.kill("SIGKILL");
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("SHARDS=2", () => {
  it("GIVEN the manager started THEN two shard processes identified as shards 0 and 1 of 2", () => {
    const shards = fake.gateway.received
      .filter((frame) => frame.op === 2)
      .map((frame) => (frame.d as Json).shard)
      .sort();
    expect(shards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(manager.output()).not.toContain(fake.token);
  });

  it("GIVEN a command from the server THEN the shard that holds it answers", async () => {
    const [answer] = await fake.waitForAnswers(
      fake.command("search", [{ name: "query", type: 3, value: "kremlin" }]),
    );
    const embeds = (((answer?.body as Json | undefined)?.data as Json | undefined)?.embeds ?? []) as Json[];
    expect(embeds[0]?.title).toBe("Search: kremlin");
  });

  it("GIVEN SIGTERM THEN the shards finish and the manager exits 0", async () => {
    manager.child.kill("SIGTERM");
    expect(await manager.exited).toBe(0);
    // Two shard processes close their libraries and databases; a busy machine can take a while.
  }, 90_000);
});
