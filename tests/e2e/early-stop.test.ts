import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { botSettings, jsonLines, startEntryProcess } from "../helpers/entry-process.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";

let fake: FakeDiscord;
let dataDir: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-early-stop-"));
});

afterAll(async () => {
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a stop while the bot is still starting", () => {
  it("GIVEN SIGTERM while the client logs in WHEN it arrives THEN the bot shuts down cleanly and exits 0", async () => {
    const bot = startEntryProcess(botSettings(fake, dataDir));
    try {
      await vi.waitFor(
        () => {
          expect(fake.requests.some((request) => request.path === "/gateway/bot")).toBe(true);
        },
        { timeout: 30_000, interval: 20 },
      );
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      expect(jsonLines(bot.output()).map((line) => line.msg)).toContain("shutting down");
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
    }
  }, 40_000);
});
