import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guildMember, type SentInteraction } from "./fake-discord/fake-discord.ts";
import {
  ADMIN_PERMISSIONS,
  BOT_PERMISSIONS,
  IDS,
  PERMISSION,
  type FakeGuild,
} from "./fake-discord/payloads.ts";
import { article, FakeLibrary } from "../fixtures/discord/fake-library.ts";
import { DiscordDigestPoster } from "../../src/discord/digest-poster.ts";
import { startDigestHarness, type DigestHarness } from "./digest-harness.ts";

function fail(why: string): never {
  throw new Error(why);
}

type Json = Record<string, unknown>;

const FORUM = "900000000000000301";
const THREAD = "900000000000000302";
const TAGGED_FORUM = "900000000000000303";
const NEWSROOM: FakeGuild = {
  id: IDS.guild,
  name: "Newsroom",
  // A forum post's messages and a thread's take Send Messages in Threads.
  botPermissions: String(BigInt(BOT_PERMISSIONS) | BigInt(PERMISSION.sendMessagesInThreads)),
  channels: [
    { id: IDS.channel, name: "news" },
    { id: FORUM, name: "digests", type: 15 },
    { id: THREAD, name: "morning-thread", type: 11, parentId: IDS.channel },
    { id: TAGGED_FORUM, name: "tagged", type: 15, requiresTag: true },
  ],
};
const ADMIN = guildMember(ADMIN_PERMISSIONS);

/** Fifteen unrelated stories with long leads on each of two days, so that a digest takes more than one message. */
function busyDays(): FakeLibrary {
  return new FakeLibrary(
    [
      ["2025-12-01", "Headline"],
      ["2025-12-02", "Report"],
    ].flatMap(([day = "", word = ""]) =>
      Array.from({ length: 15 }, (_, i) =>
        article(
          `story-${day}-${String(i)}`,
          `${word} ${"abcdefghijklmnopqrstuvwxyz".charAt(i).repeat(4)} number`,
          `${Array.from({ length: 60 }, (_, w) => `word${String(i)}x${String(w)}`).join(" ")}.`,
          "Wire",
          day,
        ),
      ),
    ),
  );
}

let harness: DigestHarness;
beforeAll(async () => {
  harness = await startDigestHarness({ guilds: [NEWSROOM], library: busyDays });
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function digestCommand(subcommand: string, options: Json[]): SentInteraction {
  return harness.fake.command("digest", [{ name: subcommand, type: 1, options }], ADMIN);
}

async function answerText(sent: SentInteraction): Promise<string> {
  const [answer] = await harness.fake.waitForAnswers(sent);
  const data = ((answer?.body as Json | undefined)?.data ?? {}) as { embeds?: APIEmbed[] };
  return JSON.stringify(data.embeds ?? []);
}

async function schedule(channelId: string, time: string): Promise<string> {
  return answerText(
    digestCommand("schedule", [
      { name: "channel", type: 7, value: channelId },
      { name: "time", type: 3, value: time },
    ]),
  );
}

/** The forum posts the bot started in a forum, as the fake keeps them. */
function postsIn(forumId: string) {
  return [...harness.fake.threads.values()].filter((entry) => entry.channel.parentId === forumId);
}

function messageCreates(channelId: string) {
  return harness.fake.channelPosts(channelId).filter((request) => request.status === 200);
}

describe("digests into forums and threads through a fake Discord", () => {
  it("GIVEN a forum and a thread WHEN an admin schedules a digest in each THEN both are accepted as two schedules of the server", async () => {
    expect(await schedule(FORUM, "18:00")).toContain(`set for 18:00 (UTC) in <#${FORUM}>`);
    expect(await schedule(THREAD, "18:00")).toContain(`set for 18:00 (UTC) in <#${THREAD}>`);
    const schedules = await harness.store.schedules.forGuild(IDS.guild);
    expect(schedules.map((each) => each.channelId)).toEqual([FORUM, THREAD]);
    expect(harness.bots[0]?.scheduler.jobs()).toHaveLength(2);
    const list = await answerText(digestCommand("list", []));
    expect(list).toContain(`#${String(schedules[0]?.id)} · daily`);
    expect(list).toContain(`<#${THREAD}>`);
  });

  it("GIVEN both schedules WHEN 18:00 passes THEN the forum gets one post titled with the day, the thread gets messages, each once", async () => {
    harness.clock.set("2025-12-01T18:00:30Z");
    expect(await harness.runDue()).toBe(2);

    const [post, ...more] = postsIn(FORUM);
    expect(more).toEqual([]);
    expect(post?.channel.name).toBe("Daily digest — 1 Dec 2025");
    const threadId = post?.channel.id ?? "";
    const [starter] = harness.fake.messagesIn(threadId);
    expect(JSON.stringify(starter?.embeds)).toContain("News digest");
    const [forumRun, threadRun] = await Promise.all(
      (await harness.store.schedules.forGuild(IDS.guild)).map((each) =>
        harness.store.runs.latestForSchedule(each.id),
      ),
    );
    expect(forumRun).toMatchObject({ status: "posted", periodKey: "2025-12-01" });
    // The first message is the post's starter; the rest went into the post, each with its nonce.
    expect(forumRun?.messageIds[0]).toBe(threadId);
    const inPost = messageCreates(threadId);
    expect(inPost.length).toBeGreaterThan(0);
    expect(forumRun?.messageIds).toEqual(harness.fake.messagesIn(threadId).map((message) => message.id));
    for (const request of inPost) {
      expect(request.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
      expect(typeof (request.body as Json).nonce).toBe("string");
    }
    expect(messageCreates(FORUM)).toEqual([]);

    const inThread = messageCreates(THREAD);
    expect(inThread.length).toBeGreaterThan(0);
    expect(threadRun).toMatchObject({
      status: "posted",
      messageIds: harness.fake.messagesIn(THREAD).map((message) => message.id),
    });
    expect(JSON.stringify(inThread.map((request) => request.body))).toContain("News digest");

    expect(await harness.runDue()).toBe(0);
    expect(postsIn(FORUM)).toHaveLength(1);
  });

  it("GIVEN Discord fails a message inside the forum post WHEN the service retries THEN the rest goes into the same post, not a new one", async () => {
    // The thread's digest is turned off first, so that the failures below can only meet the forum's.
    const threadSchedule = (await harness.store.schedules.forGuild(IDS.guild))[1];
    const off = await answerText(
      digestCommand("off", [{ name: "schedule", type: 3, value: String(threadSchedule?.id) }]),
    );
    expect(off).toContain(`Daily digest ${String(threadSchedule?.id)} is off.`);
    expect(harness.bots[0]?.scheduler.jobs()).toHaveLength(1);
    const threadsBefore = postsIn(FORUM).length;
    // Every message create into a thread of this forum fails four times (discord.js tries four times).
    const failures = Array.from({ length: 4 }, () => ({ status: 503 }));
    harness.fake.failNext("POST", /^\/channels\/\d+\/messages$/, ...failures);
    harness.clock.set("2025-12-02T18:00:30Z");
    await harness.runDue();
    const posts = postsIn(FORUM);
    expect(posts).toHaveLength(threadsBefore + 1);
    const newest = posts.at(-1);
    expect(newest?.channel.name).toBe("Daily digest — 2 Dec 2025");
    const forumSchedule = (await harness.store.schedules.forGuild(IDS.guild))[0];
    const run = await harness.store.runs.latestForSchedule(forumSchedule?.id ?? 0);
    expect(run).toMatchObject({ status: "posted", periodKey: "2025-12-02", attempts: 2 });
    expect(run?.messageIds[0]).toBe(newest?.channel.id);
    expect(run?.messageIds).toEqual(
      harness.fake.messagesIn(newest?.channel.id ?? "").map((message) => message.id),
    );
  });

  it("GIVEN a digest's forum post that an attempt started before its process died WHEN posted again as a possible repeat THEN it continues in that post", async () => {
    const poster = new DiscordDigestPoster(harness.bots[0]?.bot.client ?? fail("no bot"));
    const messages = poster.planMessages([
      { title: "Overview", description: "Two stories." },
      { title: "Story", description: "A story." },
    ]);
    const context = { title: "Daily digest — 9 Dec 2025", postedMessageIds: [] };
    const starts = () =>
      harness.fake.requests.filter(
        (request) => request.method === "POST" && request.path === `/channels/${FORUM}/threads`,
      ).length;
    const before = starts();
    const first = await poster.post(IDS.guild, FORUM, messages, context);
    const again = await poster.post(IDS.guild, FORUM, messages, { ...context, mayHaveStarted: true });
    expect(again.messageIds).toEqual(first.messageIds);
    expect(starts()).toBe(before + 1);
  });

  it("GIVEN a forum that requires tags WHEN its digest is due THEN the run fails with that reason and is not retried", async () => {
    expect(await schedule(TAGGED_FORUM, "19:00")).toContain(`in <#${TAGGED_FORUM}>`);
    harness.clock.set("2025-12-02T19:00:30Z");
    await harness.runDue();
    const tagged = (await harness.store.schedules.forGuild(IDS.guild)).find(
      (each) => each.channelId === TAGGED_FORUM,
    );
    const run = await harness.store.runs.latestForSchedule(tagged?.id ?? 0);
    expect(run).toMatchObject({ status: "failed", attempts: 1 });
    expect(run?.reason).toContain("requires a tag");
  });
});
