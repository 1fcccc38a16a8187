import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";

type Json = Record<string, unknown>;
const ROOT = resolve(import.meta.dirname, "../..");

let fake: FakeDiscord;
let dataDir: string;
let bot: ChildProcessWithoutNullStreams;
let logs: Json[] = [];
let exit: Promise<number | null>;

/**
 * `npm start` with a token, as an operator runs it: the real entry point in its own process, connected to the
 * fake Discord through DISCORD_API_URL, over the bundled articles.
 */
beforeAll(async () => {
  fake = await FakeDiscord.start();
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-bot-"));
  bot = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.url,
      ARTICLES_DIR: "articles",
      DATA_DIR: dataDir,
      WATCH_ARTICLES: "false",
      LOG_LEVEL: "info",
    },
  });
  let pending = "";
  bot.stderr.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    logs.push(...lines.filter(Boolean).map((line) => JSON.parse(line) as Json));
  });
  exit = new Promise((done) => bot.on("close", done));
  await vi.waitFor(
    () => {
      // The schedules start once the client is ready, so this is the last line of a finished start.
      expect(logs.map((line) => line.msg)).toEqual(
        expect.arrayContaining(["connected to Discord", "digest schedules loaded"]),
      );
    },
    { timeout: 30_000, interval: 100 },
  );
}, 40_000);

afterAll(async () => {
  if (bot.exitCode === null) bot.kill("SIGKILL");
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
  logs = [];
});

describe("the bot process (npm start with DISCORD_TOKEN)", () => {
  it("GIVEN the bot started THEN it logs JSON lines, never the token, and has loaded the digest schedules", () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).not.toContain(fake.token);
    expect(logs.map((line) => line.msg)).toContain("digest schedules loaded");
  });

  it("GIVEN /search pokrovsk from a server WHEN sent THEN the bundled seed story comes back", async () => {
    const sent = fake.command("search", [{ name: "query", type: 3, value: "pokrovsk" }]);
    const [answer] = await fake.waitForAnswers(sent);
    const data = ((answer?.body as Json | undefined)?.data ?? {}) as Json;
    const [embed] = (data.embeds ?? []) as Json[];
    expect(embed?.title).toBe("Search: pokrovsk");
    expect(JSON.stringify(embed?.fields)).toContain("Russia says battlefield success strengthening its hand");
  });

  it("GIVEN SIGTERM THEN it shuts down cleanly and exits 0", async () => {
    bot.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(logs.map((line) => line.msg)).toContain("shutting down");
  });
});
