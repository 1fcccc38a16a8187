import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { botSettings, jsonLines, startEntryProcess, type EntryProcess } from "../helpers/entry-process.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";

type Json = Record<string, unknown>;

let fake: FakeDiscord;
let dataDir: string;
let bot: EntryProcess;
const logs = (): Json[] => jsonLines(bot.output());

/**
 * `npm start` with a token, as an operator runs it: the real entry point in its own process, connected to the
 * fake Discord through DISCORD_API_URL, over the bundled articles.
 */
beforeAll(async () => {
  fake = await FakeDiscord.start();
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-bot-"));
  bot = startEntryProcess(botSettings(fake, dataDir));
  await vi.waitFor(
    () => {
      // The schedules start once the client is ready, so this is the last line of a finished start.
      expect(logs().map((line) => line.msg)).toEqual(
        expect.arrayContaining(["connected to Discord", "digest schedules loaded"]),
      );
    },
    { timeout: 30_000, interval: 100 },
  );
}, 40_000);

afterAll(async () => {
  if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the bot process (npm start with DISCORD_TOKEN)", () => {
  it("GIVEN the bot started THEN it logs JSON lines, never the token, and has loaded the digest schedules", () => {
    expect(logs().length).toBeGreaterThan(0);
    expect(bot.output()).not.toContain(fake.token);
    expect(logs().map((line) => line.msg)).toContain("digest schedules loaded");
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
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(logs().map((line) => line.msg)).toContain("shutting down");
  });
});
