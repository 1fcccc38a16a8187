import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { landArticle } from "../helpers/watched-folder.ts";
import { botSettings, jsonLines, startEntryProcess, type EntryProcess } from "../helpers/entry-process.ts";
import { FakeDiscord, guildMember } from "./fake-discord/fake-discord.ts";
import { ADMIN_PERMISSIONS, BOT_PERMISSIONS, IDS, PERMISSION } from "./fake-discord/payloads.ts";

type Json = Record<string, unknown>;

const NEWS_MESSAGES = new RegExp(`^/channels/${IDS.channel}/messages$`);
const THREAD_PERMISSIONS = BigInt(PERMISSION.createPublicThreads) + BigInt(PERMISSION.sendMessagesInThreads);

let fake: FakeDiscord;
let dataDir: string;
let articlesDir: string;
let bot: EntryProcess | undefined;

/** `npm start` with a token over a watched articles folder, until its follows are loaded (and orphans resumed). */
async function startBot(): Promise<EntryProcess> {
  const started = startEntryProcess({
    ...botSettings(fake, dataDir),
    ARTICLES_DIR: articlesDir,
    WATCH_ARTICLES: "true",
  });
  await vi.waitFor(
    () => {
      expect(jsonLines(started.output()).map((line) => line.msg)).toContain("follows loaded");
    },
    { timeout: 30_000, interval: 100 },
  );
  return started;
}

async function kill(running: EntryProcess): Promise<void> {
  running.child.kill("SIGKILL");
  await running.exited;
}

/** The bot's messages in #news whose embeds mention `text`. */
function newsMessagesAbout(text: string): Json[] {
  return fake.messagesIn(IDS.channel).filter((message) => JSON.stringify(message.embeds).includes(text));
}

beforeAll(async () => {
  fake = await FakeDiscord.start({
    guilds: [
      {
        id: IDS.guild,
        name: "Newsroom",
        botPermissions: String(BigInt(BOT_PERMISSIONS) | THREAD_PERMISSIONS),
        channels: [{ id: IDS.channel, name: "news" }],
      },
    ],
  });
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-follow-crash-"));
  articlesDir = join(dataDir, "articles");
  await mkdir(articlesDir);
  await landArticle(articlesDir, "seed", "Quiet day at the harbour", "Nothing moved at the harbour today.");
  bot = await startBot();
  const sent = fake.command(
    "follow",
    [{ name: "add", type: 1, options: [{ name: "query", type: 3, value: "glacier" }] }],
    guildMember(ADMIN_PERMISSIONS),
  );
  const [answer] = await fake.waitForAnswers(sent);
  expect(JSON.stringify(answer?.body)).toContain("Following “glacier”");
}, 60_000);

afterAll(async () => {
  if (bot?.child.exitCode === null) await kill(bot);
  await fake.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a follow's posts across kill -9 (npm start with DISCORD_TOKEN)", () => {
  it("GIVEN the bot is killed after claiming an article but before Discord stored the post WHEN it restarts THEN the article is posted, once", async () => {
    if (!bot) throw new Error("bot not started");
    fake.failNext("POST", NEWS_MESSAGES, { status: 500, hang: true });
    await landArticle(
      articlesDir,
      "glacier-1",
      "Glacier retreat speeds up in the Alps",
      "The glacier lost forty metres this year.",
    );
    await fake.waitFor(() => (fake.hanging.length === 1 ? true : undefined), "the held post", 20_000);
    await kill(bot);
    expect(newsMessagesAbout("forty metres")).toEqual([]);
    bot = await startBot();
    expect(newsMessagesAbout("forty metres")).toHaveLength(1);
  }, 60_000);

  it("GIVEN the bot is killed after Discord stored the post but before it heard back WHEN it restarts THEN the repeat carries the same nonce and nothing is posted twice", async () => {
    if (!bot) throw new Error("bot not started");
    fake.failNext("POST", NEWS_MESSAGES, { status: 500, afterDoing: true, hang: true });
    await landArticle(
      articlesDir,
      "glacier-2",
      "Glacier village evacuated as lake swells",
      "A meltwater lake threatens the village.",
    );
    await fake.waitFor(() => (fake.hanging.length === 2 ? true : undefined), "the held post", 20_000);
    await kill(bot);
    expect(newsMessagesAbout("meltwater lake")).toHaveLength(1);
    bot = await startBot();
    const attempts = fake.requests.filter(
      (request) =>
        NEWS_MESSAGES.test(request.path) && JSON.stringify(request.body).includes("meltwater lake"),
    );
    const nonces = [fake.hanging[1]?.body, ...attempts.map((request) => request.body)].map(
      (body) => (body as Json | undefined)?.nonce,
    );
    expect(nonces.length).toBeGreaterThanOrEqual(2);
    expect(new Set(nonces).size).toBe(1);
    expect(newsMessagesAbout("meltwater lake")).toHaveLength(1);
  }, 60_000);

  it("GIVEN posts recorded as done WHEN the bot is killed and restarted THEN none of them is posted again", async () => {
    if (!bot) throw new Error("bot not started");
    await kill(bot);
    bot = await startBot();
    expect(newsMessagesAbout("forty metres")).toHaveLength(1);
    expect(newsMessagesAbout("meltwater lake")).toHaveLength(1);
    expect(fake.messagesIn(IDS.channel)).toHaveLength(2);
  }, 60_000);
});
