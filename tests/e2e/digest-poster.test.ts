import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { DigestPostError } from "../../src/core/digest/poster.ts";
import { restApiBase } from "../../src/discord/client.ts";
import type { DigestMessage } from "../../src/discord/digest-messages.ts";
import { DiscordDigestPoster } from "../../src/discord/digest-poster.ts";
import {
  ADMIN_PERMISSIONS,
  BOT_PERMISSIONS,
  IDS,
  PERMISSION,
  botRoleId,
  type FakeGuild,
} from "./fake-discord/payloads.ts";
import { startHarness, type Harness } from "./harness.ts";

const CHANNELS = {
  locked: "900000000000000201",
  plain: "900000000000000202",
  allowedToBot: "900000000000000203",
  category: "900000000000000204",
  busy: "900000000000000205",
};
const ADMIN_GUILD = "900000000000500000";
const ADMIN_GUILD_CHANNEL = "900000000000500200";
const ELSEWHERE = "900000000000900000";

const deny = (guildId: string, bits: number) => ({
  id: botRoleId(guildId),
  type: 0 as const,
  allow: "0",
  deny: String(bits),
});
const GUILDS: FakeGuild[] = [
  {
    id: IDS.guild,
    name: "Newsroom",
    botPermissions: BOT_PERMISSIONS,
    channels: [
      { id: IDS.channel, name: "news" },
      { id: CHANNELS.locked, name: "locked", overwrites: [deny(IDS.guild, PERMISSION.sendMessages)] },
      { id: CHANNELS.plain, name: "plain", overwrites: [deny(IDS.guild, PERMISSION.embedLinks)] },
      {
        id: CHANNELS.allowedToBot,
        name: "bots-only",
        overwrites: [
          deny(IDS.guild, PERMISSION.sendMessages),
          { id: IDS.bot, type: 1, allow: String(PERMISSION.sendMessages), deny: "0" },
        ],
      },
      { id: CHANNELS.category, name: "Sections", type: 4 },
      { id: CHANNELS.busy, name: "busy" },
    ],
  },
  {
    id: ADMIN_GUILD,
    name: "Bot admins",
    botPermissions: ADMIN_PERMISSIONS,
    channels: [
      {
        id: ADMIN_GUILD_CHANNEL,
        name: "locked-but-admin",
        overwrites: [deny(ADMIN_GUILD, PERMISSION.sendMessages | PERMISSION.embedLinks)],
      },
    ],
  },
];

const MESSAGES: DigestMessage[] = [
  {
    position: 0,
    embeds: [
      { title: "Digest, part 1", description: "Organisers told @everyone to gather <@&223456789012345678>" },
    ],
  },
  { position: 1, embeds: [{ title: "Digest, part 2", fields: [{ name: "Story", value: "More news" }] }] },
];

/** A digest's post context as the digest service gives it: nothing posted yet. */
const CONTEXT = { title: "Daily digest — 5 Dec 2025", postedMessageIds: [] };

let harness: Harness;
let poster: DiscordDigestPoster;
beforeAll(async () => {
  harness = await startHarness(commands, { guilds: GUILDS });
  poster = new DiscordDigestPoster(harness.bot.client);
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function postsTo(channelId: string) {
  return harness.fake.channelPosts(channelId);
}

/** The DigestPostError a post fails with. */
async function failureOf(post: Promise<unknown>): Promise<DigestPostError> {
  const error = await post.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DigestPostError);
  return error as DigestPostError;
}

describe("DiscordDigestPoster.canPost", () => {
  it.each([
    ["the bot's role may view, send and embed", IDS.guild, IDS.channel, true],
    ["the channel is given as <#id>", IDS.guild, `<#${IDS.channel}>`, true],
    ["Send Messages is denied to the bot's role", IDS.guild, CHANNELS.locked, false],
    ["Embed Links is denied to the bot's role", IDS.guild, CHANNELS.plain, false],
    ["the role is denied but the bot member is allowed", IDS.guild, CHANNELS.allowedToBot, true],
    ["the channel is a category", IDS.guild, CHANNELS.category, false],
    ["the channel does not exist", IDS.guild, "900000000000000299", false],
    ["the channel belongs to another server", IDS.guild, ADMIN_GUILD_CHANNEL, false],
    ["the bot is an administrator despite a denying overwrite", ADMIN_GUILD, ADMIN_GUILD_CHANNEL, true],
    ["the bot is not in the server", ELSEWHERE, IDS.channel, false],
  ])("GIVEN %s WHEN asked THEN it answers %s", async (_case, guildId, channel, expected) => {
    expect(await poster.canPost(guildId, channel)).toBe(expected);
  });
});

describe("DiscordDigestPoster.post", () => {
  it("GIVEN two messages WHEN posted THEN each is one channel message with its embeds, pinging no one, and the ids come back", async () => {
    const before = postsTo(IDS.channel).length;
    const { messageIds } = await poster.post(IDS.guild, `<#${IDS.channel}>`, MESSAGES, CONTEXT);
    const requests = postsTo(IDS.channel).slice(before);
    expect(requests.map((request) => request.body)).toEqual(
      MESSAGES.map((message) => ({
        embeds: message.embeds,
        allowed_mentions: { parse: [] },
        nonce: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
        enforce_nonce: true,
      })),
    );
    expect(messageIds).toHaveLength(2);
    expect(messageIds.map((id) => harness.fake.messages.get(id)?.embeds)).toEqual(
      MESSAGES.map((message) => message.embeds),
    );
  });

  it("GIVEN Discord stores a message but answers 502 WHEN posted THEN the retry gets the stored message back, not a second post", async () => {
    const story: DigestMessage[] = [{ position: 0, embeds: [{ title: "Digest of an ambiguous day" }] }];
    harness.fake.failNext("POST", new RegExp(`^/channels/${IDS.channel}/messages$`), {
      status: 502,
      afterDoing: true,
    });
    const before = harness.fake.messages.size;
    const { messageIds } = await poster.post(IDS.guild, IDS.channel, story, CONTEXT);
    expect(harness.fake.messages.size - before).toBe(1);
    expect(harness.fake.messages.get(messageIds[0] ?? "")?.embeds).toEqual(story[0]?.embeds);
    const nonces = new Set(
      postsTo(IDS.channel)
        .slice(-2)
        .map((request) => (request.body as { nonce?: unknown }).nonce),
    );
    expect(nonces.size).toBe(1);
  });

  it("GIVEN the same digest posted again later (a resumed run) WHEN posted THEN each message keeps its nonce", async () => {
    const story: DigestMessage[] = [
      { position: 0, embeds: [{ title: "A resumed digest" }] },
      { position: 1, embeds: [{ title: "Part 2" }] },
    ];
    const first = await poster.post(IDS.guild, IDS.channel, story, CONTEXT);
    const again = await poster.post(IDS.guild, IDS.channel, story, CONTEXT);
    expect(again.messageIds).toEqual(first.messageIds);
  });

  it("GIVEN a run resumed after its first message WHEN the rest of its plan is posted THEN the message that already went out is not posted again", async () => {
    const plan = poster.planMessages([
      { title: "A digest cut off midway", description: "x".repeat(4_000) },
      { title: "Its second message", description: "y".repeat(4_000) },
    ]);
    expect(plan).toHaveLength(2);
    const first = await poster.post(IDS.guild, IDS.channel, plan, CONTEXT);
    const before = harness.fake.messages.size;
    // The run recorded only the first id (the reply to the second was lost), so it posts the plan's tail.
    const resumed = await poster.post(IDS.guild, IDS.channel, plan.slice(1), CONTEXT);
    expect(resumed.messageIds).toEqual(first.messageIds.slice(1));
    expect(harness.fake.messages.size).toBe(before);
  });

  it("GIVEN a 403 on the second message WHEN posted THEN it fails as forbidden and names the message that went out", async () => {
    harness.fake.failNext(
      "POST",
      new RegExp(`^/channels/${IDS.channel}/messages$`),
      { status: 200, body: { id: "900000000000777001" } },
      { status: 403, body: { message: "Missing Permissions", code: 50013 } },
    );
    const error = await failureOf(poster.post(IDS.guild, IDS.channel, MESSAGES, CONTEXT));
    expect(error).toMatchObject({ kind: "forbidden", postedMessageIds: ["900000000000777001"] });
    expect(error.message).toBe(
      `the bot may not post in <#${IDS.channel}> (Discord: Missing Permissions, code 50013)`,
    );
  });

  it("GIVEN a channel that is gone WHEN posted THEN it fails as not-found", async () => {
    const error = await failureOf(poster.post(IDS.guild, "900000000000000299", MESSAGES, CONTEXT));
    expect(error).toMatchObject({ kind: "not-found", postedMessageIds: [] });
    expect(error.message).toContain("Unknown Channel");
  });

  it("GIVEN a long rate limit WHEN posted THEN discord.js hands it back at once as rate-limited with Discord's retry-after", async () => {
    harness.fake.failNext("POST", new RegExp(`^/channels/${CHANNELS.busy}/messages$`), {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 30, global: false },
      headers: { "retry-after": "30" },
    });
    const error = await failureOf(poster.post(IDS.guild, CHANNELS.busy, MESSAGES, CONTEXT));
    expect(error.kind).toBe("rate-limited");
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(postsTo(CHANNELS.busy).map((request) => request.status)).toEqual([429]);
  });

  it("GIVEN a short rate limit WHEN posted THEN discord.js waits it out and the post lands", async () => {
    harness.fake.failNext("POST", new RegExp(`^/channels/${IDS.channel}/messages$`), {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.2, global: false },
      headers: { "retry-after": "0.2" },
    });
    const before = postsTo(IDS.channel).length;
    await expect(poster.post(IDS.guild, IDS.channel, MESSAGES.slice(0, 1), CONTEXT)).resolves.toMatchObject({
      messageIds: [expect.any(String)],
    });
    expect(
      postsTo(IDS.channel)
        .slice(before)
        .map((request) => request.status),
    ).toEqual([429, 200]);
  });

  it("GIVEN Discord keeps failing with 500 WHEN posted THEN discord.js retries three times and it fails as server", async () => {
    const failures = Array.from({ length: 4 }, () => ({ status: 500 }));
    harness.fake.failNext("POST", new RegExp(`^/channels/${IDS.channel}/messages$`), ...failures);
    const before = postsTo(IDS.channel).length;
    const error = await failureOf(poster.post(IDS.guild, IDS.channel, MESSAGES, CONTEXT));
    expect(error.kind).toBe("server");
    expect(error.message).toBe("Discord failed (HTTP 500, after retries)");
    expect(postsTo(IDS.channel).length - before).toBe(4);
  });

  it("GIVEN a request Discord rejects as malformed WHEN posted THEN it fails as other, which is not retried", async () => {
    harness.fake.failNext("POST", new RegExp(`^/channels/${IDS.channel}/messages$`), {
      status: 400,
      body: { message: "Invalid Form Body", code: 50035 },
    });
    const error = await failureOf(poster.post(IDS.guild, IDS.channel, MESSAGES, CONTEXT));
    expect(error.kind).toBe("other");
    expect(error.message).toContain("HTTP 400");
  });

  it("GIVEN Discord cannot be reached WHEN posted THEN it fails as server", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offline = new Client({ intents: [], rest: { api: restApiBase(`http://127.0.0.1:${port}`) } });
    offline.rest.setToken(harness.fake.token);
    try {
      const error = await failureOf(
        new DiscordDigestPoster(offline).post(IDS.guild, IDS.channel, MESSAGES, CONTEXT),
      );
      expect(error.kind).toBe("server");
      expect(error.message).toMatch(/^Discord could not be reached/);
    } finally {
      await offline.destroy();
    }
  });
});
