import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { postReply } from "../../src/discord/post.ts";
import type { Reply } from "../../src/core/reply.ts";
import { IDS } from "./fake-discord/payloads.ts";
import { startHarness, type Harness } from "./harness.ts";

const CHANNEL_POSTS = /^\/channels\/\d+\/messages$/;
const digest: Reply = {
  pages: [
    { title: "Morning digest", description: "Ping attempt: @everyone <@&223456789012345678>" },
    { title: "Morning digest, part 2" },
  ],
};

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(commands);
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function channelPosts() {
  return harness.fake.requests.filter(
    (request) => request.method === "POST" && CHANNEL_POSTS.test(request.path),
  );
}

describe("REST failures seen by the bot", () => {
  it("GIVEN a channel post WHEN it succeeds THEN every page is a message and none parses mentions", async () => {
    const before = channelPosts().length;
    const outcome = await postReply(harness.bot.client.rest, IDS.channel, digest);
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.messageIds).toHaveLength(2);
    const posted = channelPosts().slice(before);
    expect(
      posted.map((request) => (request.body as { allowed_mentions?: unknown }).allowed_mentions),
    ).toEqual([{ parse: [] }, { parse: [] }]);
  });

  it("GIVEN a 429 with retry_after WHEN the bot posts THEN it waits that long and retries successfully", async () => {
    harness.fake.failNext("POST", CHANNEL_POSTS, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
      headers: { "retry-after": "0.3", "x-ratelimit-scope": "user" },
    });
    const before = channelPosts().length;
    const outcome = await postReply(harness.bot.client.rest, IDS.channel, {
      pages: [{ title: "after a 429" }],
    });
    expect(outcome.ok).toBe(true);
    const [limited, retried] = channelPosts().slice(before);
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it("GIVEN two server errors WHEN the bot posts THEN it retries until the post lands", async () => {
    harness.fake.failNext("POST", CHANNEL_POSTS, { status: 500 }, { status: 502 });
    const before = channelPosts().length;
    const outcome = await postReply(harness.bot.client.rest, IDS.channel, {
      pages: [{ title: "after 5xx" }],
    });
    expect(outcome.ok).toBe(true);
    expect(
      channelPosts()
        .slice(before)
        .map((request) => request.status),
    ).toEqual([500, 502, 200]);
  });

  it("GIVEN a channel the bot may not post in WHEN it posts THEN a 403 comes back as a failure to record, not a throw", async () => {
    harness.fake.failNext("POST", CHANNEL_POSTS, {
      status: 403,
      body: { message: "Missing Access", code: 50001 },
    });
    const outcome = await postReply(harness.bot.client.rest, IDS.channel, digest);
    expect(outcome).toEqual({
      ok: false,
      reason: { status: 403, code: 50001, message: "Missing Access" },
      messageIds: [],
    });
  });

  it("GIVEN a server that keeps failing WHEN the bot posts THEN it gives up after its retries with the status", async () => {
    const failures = Array.from({ length: 4 }, () => ({ status: 503 }));
    harness.fake.failNext("POST", CHANNEL_POSTS, ...failures);
    const outcome = await postReply(harness.bot.client.rest, IDS.channel, {
      pages: [{ title: "never lands" }],
    });
    expect(outcome).toMatchObject({ ok: false, reason: { status: 503 } });
  });

  it("GIVEN the interaction callback is rate limited once WHEN a command is answered THEN the retry waits the time asked and lands", async () => {
    harness.fake.failNext("POST", /\/callback$/, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.2, global: false },
      headers: { "retry-after": "0.2" },
    });
    const sent = harness.fake.command("search", [{ name: "query", type: 3, value: "market" }]);
    const answers = await harness.fake.waitForAnswers(sent, 2);
    expect(answers.map((answer) => answer.status)).toEqual([429, 204]);
    // Only a lower bound: how soon after it the retry lands depends on the machine, not on the bot.
    expect((answers[1]?.at ?? 0) - (answers[0]?.at ?? Infinity)).toBeGreaterThanOrEqual(150);
  });
});
