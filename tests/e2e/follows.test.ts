import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle } from "../fixtures/articles.ts";
import { guildMember, type RecordedRequest, type SentInteraction } from "./fake-discord/fake-discord.ts";
import {
  ADMIN_PERMISSIONS,
  BOT_PERMISSIONS,
  IDS,
  PERMISSION,
  type FakeGuild,
} from "./fake-discord/payloads.ts";
import { DiscordAlertPoster } from "../../src/discord/follow-poster.ts";
import { startFollowHarness, type FollowHarness } from "./follow-harness.ts";

type Json = Record<string, unknown>;

const FORUM = "900000000000000210";
const BRIEFS = "900000000000000211";
const DOOMED = "900000000000000212";
const TAGGED_FORUM = "900000000000000213";
const ROLE = "900000000000000400";
/** Beyond 32 bits, so added as big integers (`|` on numbers would drop them). */
const THREAD_PERMISSIONS = BigInt(PERMISSION.createPublicThreads) + BigInt(PERMISSION.sendMessagesInThreads);
const NEWSROOM: FakeGuild = {
  id: IDS.guild,
  name: "Newsroom",
  botPermissions: String(BigInt(BOT_PERMISSIONS) | THREAD_PERMISSIONS),
  channels: [
    { id: IDS.channel, name: "news" },
    { id: FORUM, name: "stories", type: 15 },
    { id: BRIEFS, name: "briefs" },
    { id: DOOMED, name: "doomed" },
    { id: TAGGED_FORUM, name: "tagged", type: 15, requiresTag: true },
  ],
};
const ADMIN = guildMember(ADMIN_PERMISSIONS);

let harness: FollowHarness;
beforeAll(async () => {
  harness = await startFollowHarness({ guilds: [NEWSROOM], postsPerHour: 2 });
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function followCommand(subcommand: string, options: Json[], place = ADMIN): SentInteraction {
  return harness.fake.command("follow", [{ name: subcommand, type: 1, options }], place);
}

async function answer(sent: SentInteraction): Promise<{ flags: number; text: string }> {
  const [first] = await harness.fake.waitForAnswers(sent);
  const data = ((first?.body as Json | undefined)?.data ?? {}) as { flags?: number; embeds?: unknown[] };
  return { flags: data.flags ?? 0, text: JSON.stringify(data.embeds ?? []) };
}

async function add(channelId: string, extra: Json[]): Promise<string> {
  const { flags, text } = await answer(
    followCommand("add", [{ name: "channel", type: 7, value: channelId }, ...extra]),
  );
  expect(flags).toBe(64);
  const id = /Its id is `([0-9a-f]+)`/.exec(text)?.[1];
  if (id === undefined) throw new Error(`no follow id in ${text}`);
  return id;
}

function news(id: string, title: string, body: string) {
  return makeArticle({
    id,
    title,
    paragraphs: [body],
    publishedAt: "2025-12-05T11:30:00Z",
    url: `https://news.example/${id}`,
  });
}

/** Lands articles and waits until the follow service has posted what they match. */
async function land(...articles: ReturnType<typeof news>[]): Promise<void> {
  harness.library.land(articles);
  await harness.follows.idle();
}

function creates(): RecordedRequest[] {
  return harness.fake.requests.filter(
    (request) => request.method === "POST" && /^\/channels\/\d+\/messages$/.test(request.path),
  );
}

describe("/follow through a fake Discord", () => {
  it("GIVEN a member without Manage Server WHEN they add a follow THEN they are refused privately and nothing is saved", async () => {
    const { flags, text } = await answer(
      followCommand("add", [{ name: "query", type: 3, value: "glacier" }], guildMember()),
    );
    expect(flags).toBe(64);
    expect(text).toContain("Manage Server");
    expect(await harness.store.follows.all()).toEqual([]);
  });

  it("GIVEN a forum follow WHEN a story lands and then a later article of it THEN one forum post titled with the headline holds both", async () => {
    await add(FORUM, [{ name: "query", type: 3, value: "volcano" }]);
    await land(
      news("volcano-1", "Volcano erupts near coastal town", "Lava reached the coastal town at dawn."),
    );
    await land(
      news("volcano-2", "Volcano erupts near coastal town again", "More lava reached the coastal town."),
    );
    const posts = harness.fake.requests.filter((request) => request.path === `/channels/${FORUM}/threads`);
    expect(posts.map((post) => [post.status, (post.body as Json).name])).toEqual([
      [201, "Volcano erupts near coastal town"],
    ]);
    const [thread] = [...harness.fake.threads.values()].filter((entry) => entry.channel.parentId === FORUM);
    const inThread = harness.fake.messagesIn(thread?.channel.id ?? "");
    expect(inThread.map((message) => JSON.stringify(message.embeds))).toEqual([
      expect.stringContaining("Lava reached the coastal town at dawn."),
      expect.stringContaining("More lava reached the coastal town."),
    ]);
  });

  it("GIVEN a forum post an earlier attempt started WHEN the alert is sent again as a possible repeat THEN the post is found, not started twice; a fresh alert starts its own", async () => {
    const poster = new DiscordAlertPoster(harness.bot.client);
    const alert = {
      kind: "story",
      headline: "Dam gates opened after record rain",
      source: "wire",
      summary: "The river rose.",
    } as const;
    const post = {
      guildId: IDS.guild,
      channelId: FORUM,
      place: { kind: "new-story" },
      alert,
      nonce: "dam-1",
    } as const;
    const starts = () =>
      harness.fake.requests.filter(
        (request) => request.method === "POST" && request.path === `/channels/${FORUM}/threads`,
      ).length;
    const before = starts();
    const first = await poster.post(post);
    const again = await poster.post({ ...post, mayHaveStarted: true });
    expect(again).toEqual(first);
    expect(starts()).toBe(before + 1);
    const other = await poster.post({
      ...post,
      alert: { ...alert, headline: "Second dam gates opened" },
      mayHaveStarted: true,
    });
    expect(other.threadId).not.toBe(first.threadId);
    expect(starts()).toBe(before + 2);
  });

  it("GIVEN a text-channel follow WHEN a story lands and then a later article THEN the first is a message in #news and the later one a reply in a thread started from it", async () => {
    await add(IDS.channel, [{ name: "query", type: 3, value: "harbour" }]);
    await land(
      news("harbour-1", "Harbour crane collapses in storm", "A crane fell into the harbour overnight."),
    );
    await land(
      news(
        "harbour-2",
        "Harbour crane collapses in storm, two hurt",
        "Two workers were hurt at the harbour.",
      ),
    );
    const top = harness.fake.messagesIn(IDS.channel);
    expect(top).toHaveLength(1);
    const starter = String(top[0]?.id);
    const threadStart = harness.fake.requests.filter(
      (request) => request.path === `/channels/${IDS.channel}/messages/${starter}/threads`,
    );
    expect(threadStart.map((request) => request.status)).toEqual([201]);
    expect(harness.fake.messagesIn(starter).map((message) => JSON.stringify(message.embeds))).toEqual([
      expect.stringContaining("Two workers were hurt"),
    ]);
  });

  it("GIVEN a follow that mentions a role WHEN an article saying @everyone and pinging a user lands THEN only that role may be pinged", async () => {
    await add(BRIEFS, [
      { name: "query", type: 3, value: "orchestra" },
      { name: "mention", type: 8, value: ROLE },
    ]);
    await land(
      news(
        "orchestra",
        "Orchestra strike called off",
        "The union told @everyone and @here, and <@123456789012345678>, to return.",
      ),
    );
    const [post] = harness.fake.channelPosts(BRIEFS);
    const body = post?.body as Json;
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(body.content).toBe(`<@&${ROLE}>`);
    expect(JSON.stringify(body.embeds)).toContain("@everyone");
  });

  it("GIVEN a limit of 2 posts an hour WHEN 4 stories land THEN 2 are posted and, an hour on, one message lists the other 2", async () => {
    await add(BRIEFS, [{ name: "query", type: 3, value: "satellite" }]);
    const before = harness.fake.channelPosts(BRIEFS).length;
    await land(
      news("sat-1", "Satellite launch delayed by wind", "The rocket stayed on the pad."),
      news("sat-2", "Satellite dish farm opens in desert", "Antennas now cover the dunes."),
      news("sat-3", "Satellite imagery shows melting glacier", "Ice retreated by a kilometre."),
      news("sat-4", "Satellite phone sales soar among hikers", "Mountain shops sold out."),
    );
    expect(harness.fake.channelPosts(BRIEFS).length - before).toBe(2);
    harness.clock.advance(60 * 60_000);
    await harness.follows.flushBatches();
    const posts = harness.fake.channelPosts(BRIEFS).slice(before);
    expect(posts).toHaveLength(3);
    const batch = JSON.stringify((posts[2]?.body as Json).embeds);
    expect(batch).toContain("2 more stories matched");
    expect(batch).toContain("https://news.example/sat-3");
  });

  it("GIVEN two follows WHEN one's channel is deleted and a story lands THEN only that follow is paused, with the reason shown by /follow list", async () => {
    const doomed = await add(DOOMED, [{ name: "query", type: 3, value: "museum" }]);
    const kept = await add(IDS.channel, [{ name: "query", type: 3, value: "museum" }]);
    harness.fake.deleteChannel(DOOMED);
    await land(news("museum", "Museum reopens after flood", "The galleries dried out."));
    expect(await harness.store.follows.get(doomed)).toMatchObject({ paused: true });
    expect(await harness.store.follows.get(kept)).toMatchObject({ paused: false });
    expect(JSON.stringify(harness.fake.messagesIn(IDS.channel))).toContain("Museum reopens after flood");
    const { text } = await answer(followCommand("list", []));
    expect(text).toContain(`${doomed} · “museum”`);
    expect(text).toMatch(/Paused: not-found: .*no longer exists/);
    expect(text).toContain("Last post:");
  });

  it("GIVEN a forum that requires a tag on each post WHEN a story lands THEN the follow is paused at once, saying so", async () => {
    const tagged = await add(TAGGED_FORUM, [{ name: "query", type: 3, value: "bakery" }]);
    await land(news("bakery", "Bakery wins bread prize", "The sourdough won."));
    expect(await harness.store.follows.get(tagged)).toMatchObject({
      paused: true,
      pausedReason: `other: the forum <#${TAGGED_FORUM}> requires a tag on each post`,
    });
  });

  it("GIVEN every follow post so far THEN each message create carried a nonce with enforce_nonce", () => {
    const all = creates();
    expect(all.length).toBeGreaterThan(5);
    for (const request of all) {
      const body = request.body as { nonce?: unknown; enforce_nonce?: unknown };
      expect(String(body.nonce)).toMatch(/^[0-9a-f]{16}$/);
      expect(body.enforce_nonce).toBe(true);
    }
    expect(harness.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
