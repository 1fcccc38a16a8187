import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guildMember } from "./fake-discord/fake-discord.ts";
import {
  ADMIN_PERMISSIONS,
  BOT_PERMISSIONS,
  IDS,
  newsroomGuild,
  shardOf,
  type FakeGuild,
} from "./fake-discord/payloads.ts";
import { startDigestHarness, type DigestHarness } from "./digest-harness.ts";

/** The newsroom sits on shard 1 of 2; this server on shard 0. */
const OTHER: FakeGuild = {
  id: "900000000004194404",
  name: "Other paper",
  botPermissions: BOT_PERMISSIONS,
  channels: [{ id: "900000000004194600", name: "headlines" }],
};
const SERVERS = [
  { guild: newsroomGuild(), channelId: IDS.channel, shard: 1 },
  { guild: OTHER, channelId: "900000000004194600", shard: 0 },
];

let harness: DigestHarness;
beforeAll(async () => {
  harness = await startDigestHarness({ guilds: [newsroomGuild(), OTHER], shardCount: 2 });
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

async function scheduledGuilds(shard: number): Promise<string[]> {
  const scheduler = harness.bots[shard]?.scheduler;
  const ids = (scheduler?.jobs() ?? []).map((job) => Number(job.id.replace("digest:", "")));
  const schedules = await Promise.all(ids.map((id) => harness.store.schedules.get(id)));
  return schedules.map((schedule) => schedule?.guildId ?? "?").sort();
}

function postsPerShard(): Record<string, number> {
  return Object.fromEntries(
    SERVERS.map(({ guild, channelId }) => [guild.name, harness.fake.channelPosts(channelId).length]),
  );
}

describe("digests under two shards", () => {
  it("GIVEN two shards WHEN they connect THEN each identified with its shard and holds only its own server", () => {
    expect(SERVERS.map(({ guild }) => shardOf(guild.id, 2))).toEqual(SERVERS.map(({ shard }) => shard));
    expect(harness.fake.gateway.liveShards()).toEqual([0, 1]);
    const identified = harness.fake.gateway.received
      .filter((frame) => frame.op === 2)
      .map((frame) => (frame.d as { shard?: unknown }).shard);
    expect(identified).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    for (const { guild, shard } of SERVERS) {
      expect(harness.bots[shard]?.bot.client.guilds.cache.map((cached) => cached.id)).toEqual([guild.id]);
    }
  });

  it("GIVEN an admin in each server WHEN they schedule digests THEN each schedule runs on the shard holding its server", async () => {
    for (const { guild, channelId } of SERVERS) {
      const sent = harness.fake.command(
        "digest",
        [
          {
            name: "schedule",
            type: 1,
            options: [
              { name: "channel", type: 7, value: channelId },
              { name: "time", type: 3, value: "18:00" },
            ],
          },
        ],
        guildMember(ADMIN_PERMISSIONS, { guildId: guild.id, channelId }),
      );
      const [answer] = await harness.fake.waitForAnswers(sent);
      const data = (answer?.body as { data: { embeds: { description?: string }[] } }).data;
      expect(data.embeds[0]?.description).toMatch(/Daily digest \d+ set for 18:00/);
    }
    expect(await scheduledGuilds(0)).toEqual([OTHER.id]);
    expect(await scheduledGuilds(1)).toEqual([IDS.guild]);
  });

  it("GIVEN both schedules WHEN 18:00 passes THEN each server gets its digest once, posted by its own shard", async () => {
    harness.clock.set("2025-12-01T18:00:30Z");
    expect(await harness.runDue()).toBe(2);
    const posts = postsPerShard();
    expect(Object.values(posts).every((count) => count > 0)).toBe(true);
    for (const { guild, shard } of SERVERS) {
      expect(await harness.store.runs.latest(guild.id)).toMatchObject({
        status: "posted",
        claimedBy: `shard-${shard}`,
      });
    }
    expect(await harness.runDue()).toBe(0);
    expect(postsPerShard()).toEqual(posts);
  });

  it("GIVEN a restart of both shards WHEN the schedules load THEN each shard takes only its own server's schedule and the next day posts once each", async () => {
    await harness.restartDigests();
    expect(await scheduledGuilds(0)).toEqual([OTHER.id]);
    expect(await scheduledGuilds(1)).toEqual([IDS.guild]);

    const before = postsPerShard();
    harness.clock.set("2025-12-02T18:00:30Z");
    expect(await harness.runDue()).toBe(2);
    for (const { guild, channelId, shard } of SERVERS) {
      expect(await harness.store.runs.latest(guild.id)).toMatchObject({
        periodKey: "2025-12-02",
        status: "posted",
        claimedBy: `shard-${shard}`,
      });
      // A day without new articles is one short note.
      expect(harness.fake.channelPosts(channelId)).toHaveLength((before[guild.name] ?? 0) + 1);
    }
  });
});
