import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guildMember, type RecordedRequest, type SentInteraction } from "./fake-discord/fake-discord.ts";
import {
  ADMIN_PERMISSIONS,
  BOT_PERMISSIONS,
  IDS,
  PERMISSION,
  botRoleId,
  type FakeGuild,
} from "./fake-discord/payloads.ts";
import { startDigestHarness, type DigestHarness } from "./digest-harness.ts";
import { embedLimitViolations } from "./embed-limits.ts";

type Json = Record<string, unknown>;

const LOCKED_CHANNEL = "900000000000000201";
const NO_EMBEDS_CHANNEL = "900000000000000202";
const denyToBot = (bits: number) => [
  { id: botRoleId(IDS.guild), type: 0 as const, allow: "0", deny: String(bits) },
];
const NEWSROOM: FakeGuild = {
  id: IDS.guild,
  name: "Newsroom",
  botPermissions: BOT_PERMISSIONS,
  channels: [
    { id: IDS.channel, name: "news" },
    { id: LOCKED_CHANNEL, name: "locked", overwrites: denyToBot(PERMISSION.sendMessages) },
    { id: NO_EMBEDS_CHANNEL, name: "plain", overwrites: denyToBot(PERMISSION.embedLinks) },
  ],
};
const ADMIN = guildMember(ADMIN_PERMISSIONS);

let harness: DigestHarness;
beforeAll(async () => {
  harness = await startDigestHarness({ guilds: [NEWSROOM] });
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

function digestCommand(subcommand: string, options: Json[], place = guildMember()): SentInteraction {
  return harness.fake.command("digest", [{ name: subcommand, type: 1, options }], place);
}

function schedule(channelId: string, time: string, place = ADMIN): SentInteraction {
  return digestCommand(
    "schedule",
    [
      { name: "channel", type: 7, value: channelId },
      { name: "time", type: 3, value: time },
    ],
    place,
  );
}

/** The first answer's message data: flags and embeds. */
async function firstAnswer(sent: SentInteraction): Promise<{ flags: number; embeds: APIEmbed[] }> {
  const [answer] = await harness.fake.waitForAnswers(sent);
  const data = ((answer?.body as Json | undefined)?.data ?? {}) as { flags?: number; embeds?: APIEmbed[] };
  return { flags: data.flags ?? 0, embeds: data.embeds ?? [] };
}

function posted(): RecordedRequest[] {
  return harness.fake.channelPosts(IDS.channel);
}

/** Ids of the messages the bot posted in #news itself (type 0), not interaction replies. */
function channelMessageIds(): string[] {
  return [...harness.fake.messages.values()]
    .filter((message) => message.channel_id === IDS.channel && message.type === 0)
    .map((message) => String(message.id));
}

function embedsOf(request: RecordedRequest | undefined): APIEmbed[] {
  return ((request?.body as Json | undefined)?.embeds ?? []) as APIEmbed[];
}

async function statusText(): Promise<string> {
  const { flags, embeds } = await firstAnswer(digestCommand("status", []));
  expect(flags).toBe(64);
  return JSON.stringify(embeds);
}

describe("daily digests through a fake Discord", () => {
  it("GIVEN a member without Manage Server WHEN they schedule a digest THEN they are refused ephemerally and nothing is saved", async () => {
    const { flags, embeds } = await firstAnswer(schedule(IDS.channel, "18:00", guildMember()));
    expect(flags).toBe(64);
    expect(embeds[0]?.description).toContain("Manage Server");
    expect(await harness.store.schedules.forGuild(IDS.guild)).toEqual([]);
  });

  it.each([
    ["Send Messages is denied to the bot", LOCKED_CHANNEL],
    ["Embed Links is denied to the bot", NO_EMBEDS_CHANNEL],
  ])(
    "GIVEN a channel where %s WHEN an admin schedules a digest there THEN they are told why and nothing is saved",
    async (_why, channelId) => {
      const { flags, embeds } = await firstAnswer(schedule(channelId, "18:00"));
      expect(flags).toBe(64);
      expect(embeds[0]?.description).toContain(`I cannot post in <#${channelId}>`);
      expect(await harness.store.schedules.forGuild(IDS.guild)).toEqual([]);
    },
  );

  it("GIVEN an admin WHEN they schedule a digest in #news at 18:00 THEN it is confirmed ephemerally and scheduled", async () => {
    const { flags, embeds } = await firstAnswer(schedule(IDS.channel, "18:00"));
    expect(flags).toBe(64);
    expect(embeds[0]?.description).toBe(`Daily digest 1 set for 18:00 (UTC) in <#${IDS.channel}>.`);
    expect((await harness.store.schedules.forGuild(IDS.guild))[0]).toMatchObject({
      channelId: IDS.channel,
      time: "18:00",
      enabled: true,
    });
    expect(harness.bots[0]?.scheduler.jobs()).toHaveLength(1);
  });

  it("GIVEN the schedule WHEN 18:00 passes THEN the digest lands in #news once, within Discord's limits, pinging no one", async () => {
    expect(posted()).toHaveLength(0);
    harness.clock.set("2025-12-01T18:00:30Z");
    expect(await harness.runDue()).toBe(1);
    const posts = posted();
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(post.status).toBe(200);
      expect((post.body as Json).allowed_mentions).toEqual({ parse: [] });
      expect(embedLimitViolations(embedsOf(post))).toEqual([]);
    }
    const text = JSON.stringify(posts.map(embedsOf));
    expect(text).toContain("Market story");
    expect(text).toContain("@everyone");

    expect(await harness.runDue()).toBe(0);
    harness.clock.advance(60 * 60_000);
    expect(await harness.runDue()).toBe(0);
    expect(posted()).toHaveLength(posts.length);
    const run = await harness.store.runs.latest(IDS.guild);
    expect(run).toMatchObject({ status: "posted", periodKey: "2025-12-01" });
    expect(run?.messageIds).toEqual(channelMessageIds());
    expect(await statusText()).toContain("Posted (2025-12-01");
  });

  it("GIVEN Discord answers 403 to the next day's post WHEN the run is due THEN it is recorded as failed with the reason, shown by /digest status", async () => {
    const before = posted().length;
    harness.fake.failNext("POST", new RegExp(`^/channels/${IDS.channel}/messages$`), {
      status: 403,
      body: { message: "Missing Access", code: 50001 },
    });
    harness.clock.set("2025-12-02T18:00:30Z");
    expect(await harness.runDue()).toBe(1);
    expect(
      posted()
        .slice(before)
        .map((post) => post.status),
    ).toEqual([403]);
    const run = await harness.store.runs.latest(IDS.guild);
    expect(run).toMatchObject({ status: "failed", periodKey: "2025-12-02", attempts: 1 });
    expect(run?.reason).toMatch(
      /^forbidden: the bot may not post in <#\d+> \(Discord: Missing Access, code 50001\)$/,
    );
    const status = await statusText();
    expect(status).toContain("Failed (2025-12-02");
    expect(status).toContain("Missing Access");
  });

  it("GIVEN Discord fails with 503 four times WHEN the run is due THEN discord.js retries thrice, the service backs off once, and the post lands", async () => {
    const before = posted().length;
    const failures = Array.from({ length: 4 }, () => ({ status: 503 }));
    harness.fake.failNext("POST", new RegExp(`^/channels/${IDS.channel}/messages$`), ...failures);
    harness.clock.set("2025-12-03T18:00:30Z");
    expect(await harness.runDue()).toBe(1);
    expect(
      posted()
        .slice(before)
        .map((post) => post.status),
    ).toEqual([503, 503, 503, 503, 200]);
    expect(await harness.store.runs.latest(IDS.guild)).toMatchObject({ status: "posted", attempts: 2 });
  });

  it("GIVEN any member WHEN they ask /digest now THEN they get an ephemeral preview and nothing is posted", async () => {
    const before = posted().length;
    const sent = digestCommand("now", [{ name: "since", type: 3, value: "2025-12-01" }]);
    const { flags, embeds } = await firstAnswer(sent);
    expect(flags).toBe(64);
    expect(JSON.stringify(embeds)).toContain("Market story");
    expect(embedLimitViolations(embeds)).toEqual([]);
    expect(posted()).toHaveLength(before);
  });

  it("GIVEN an admin WHEN they ask /digest now post:true THEN the digest is posted in their channel and they are told so", async () => {
    const before = posted().length;
    const sent = digestCommand(
      "now",
      [
        { name: "since", type: 3, value: "2025-12-01" },
        { name: "post", type: 5, value: true },
      ],
      ADMIN,
    );
    const { flags, embeds } = await firstAnswer(sent);
    expect(flags).toBe(64);
    expect(embeds[0]?.description).toMatch(
      new RegExp(`^Posted the digest in <#${IDS.channel}> \\(\\d+ messages?\\)\\.$`),
    );
    expect(posted().length).toBeGreaterThan(before);
    expect(harness.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
