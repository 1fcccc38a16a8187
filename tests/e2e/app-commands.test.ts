import { copyFile, mkdir, mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { startApp, type RunningApp } from "../../src/app/bootstrap.ts";
import { loadConfig } from "../../src/app/config.ts";
import { createDiscordClient, startBot, type Bot } from "../../src/discord/client.ts";
import { DiscordDigestPoster } from "../../src/discord/digest-poster.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { recordingLogger } from "../helpers/app-context.ts";
import { FakeDiscord, type RecordedRequest } from "./fake-discord/fake-discord.ts";
import { DiscordAlertPoster } from "../../src/discord/follow-poster.ts";

type Json = Record<string, unknown>;
const SEED = resolve(import.meta.dirname, "../../articles/000_bb1ba0608eabcd20.txt");

let fake: FakeDiscord;
let root: string;
let running: RunningApp;
let bot: Bot;

/** The whole app (real library over the seed, quotes, summaries, digests) behind the real client and a fake Discord. */
beforeAll(async () => {
  fake = await FakeDiscord.start();
  root = await mkdtemp(join(tmpdir(), "newsdesk-e2e-app-"));
  await mkdir(join(root, "articles"));
  await copyFile(SEED, join(root, "articles", "seed.txt"));
  const modified = new Date("2025-12-04T10:00:07Z");
  await utimes(join(root, "articles", "seed.txt"), modified, modified);
  const loaded = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.url,
    ARTICLES_DIR: join(root, "articles"),
    DATA_DIR: join(root, "data"),
    WATCH_ARTICLES: "false",
  });
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  const client = createDiscordClient(loaded.value);
  running = await startApp({
    config: loaded.value,
    logger: recordingLogger().logger,
    clock: new ManualClock("2025-12-05T12:00:00Z"),
    poster: new DiscordDigestPoster(client),
    alertPoster: new DiscordAlertPoster(client),
  });
  bot = await startBot(running.app, commands, { client });
}, 60_000);

afterAll(async () => {
  await bot.shutdown();
  await running.close();
  await fake.stop();
  await rm(root, { recursive: true, force: true });
});

function data(answer: RecordedRequest | undefined): Json {
  return ((answer?.body as Json | undefined)?.data ?? {}) as Json;
}

function firstEmbed(answer: RecordedRequest | undefined): Json {
  return ((data(answer).embeds ?? []) as Json[])[0] ?? {};
}

async function autocomplete(command: string, option: string, typed: string): Promise<Json[]> {
  const [answer] = await fake.waitForAnswers(fake.autocomplete(command, option, typed));
  return (data(answer).choices ?? []) as Json[];
}

describe("every command end to end, on the seed articles", () => {
  it("GIVEN /summary's article autocomplete THEN typing part of a title offers it; choosing it gives the summary with a quote", async () => {
    const choices = await autocomplete("summary", "article", "putin points");
    expect(choices[0]?.name).toBe(
      "Putin says there are points he can’t agree to in the US proposal to end Russia’s war in Ukraine",
    );
    const id = String(choices[0]?.value);
    const [answer] = await fake.waitForAnswers(
      fake.command("summary", [{ name: "article", type: 3, value: id }]),
    );
    const embed = firstEmbed(answer);
    expect(String(embed.title)).toMatch(/^Putin says there are points/);
    expect(String(embed.description)).toMatch(
      /^2025-12-04 · local\n\n• Russian President Vladimir Putin says/,
    );
    expect(((embed.fields ?? []) as Json[])[0]?.name).toMatch(/^Quote — /);
    expect(data(answer).allowed_mentions).toEqual({ parse: [] });
  });

  it("GIVEN /summary with a topic THEN a cited summary across both stories", async () => {
    const sent = fake.command("summary", [{ name: "topic", type: 3, value: "Kremlin peace talks" }]);
    const embed = firstEmbed((await fake.waitForAnswers(sent))[0]);
    expect(String(embed.description)).toContain("— [1]");
    expect(((embed.fields ?? []) as Json[]).length).toBe(2);
  });

  it("GIVEN /quotes' speaker autocomplete THEN the most quoted matching speakers; choosing one lists their words", async () => {
    const choices = await autocomplete("quotes", "speaker", "pu");
    expect(choices[0]?.name).toMatch(/^Vladimir Putin \(\d+ quotes\)$/);
    const [answer] = await fake.waitForAnswers(
      fake.command("quotes", [{ name: "speaker", type: 3, value: String(choices[0]?.value) }]),
    );
    const embed = firstEmbed(answer);
    expect(embed.title).toBe("Quotes: Vladimir Putin");
    expect(JSON.stringify(embed.fields)).toContain("We had to go through practically every point");
  });

  it("GIVEN /quotes for someone never quoted THEN an ephemeral answer says so", async () => {
    const [answer] = await fake.waitForAnswers(
      fake.command("quotes", [{ name: "speaker", type: 3, value: "Napoleon Bonaparte" }]),
    );
    expect(data(answer).flags).toBe(64);
    expect(String(firstEmbed(answer).description)).toMatch(/^Nobody called “Napoleon Bonaparte” is quoted/);
  });

  it("GIVEN /digest now THEN a private preview of the seed's stories", async () => {
    const sent = fake.command("digest", [
      { name: "now", type: 1, options: [{ name: "since", type: 3, value: "2025-12-01" }] },
    ]);
    const [answer] = await fake.waitForAnswers(sent);
    expect(data(answer).flags).toBe(64);
    expect(String(firstEmbed(answer).title)).toMatch(/digest/i);
  });
});
