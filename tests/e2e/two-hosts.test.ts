import { createServer, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/core/clock.ts";
import { PgStore } from "../../src/store/db.ts";
import { botSettings, jsonLines, startEntryProcess, type EntryProcess } from "../helpers/entry-process.ts";
import { TEST_DATABASE_URL } from "../helpers/store-engines.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";
import { BOT_PERMISSIONS, IDS, newsroomGuild, shardOf, type FakeGuild } from "./fake-discord/payloads.ts";

type Json = Record<string, unknown>;

/** The newsroom sits on shard 1 of 2, this server on shard 0: one server a host. */
const OTHER: FakeGuild = {
  id: "900000000004194404",
  name: "Other paper",
  botPermissions: BOT_PERMISSIONS,
  channels: [{ id: "900000000004194600", name: "headlines" }],
};
const OTHER_CHANNEL = "900000000004194600";
const FEED_TITLE = "Harbour authority opens the northern quay to freight";

/** An RSS feed on 127.0.0.1 that counts how often it is fetched. */
function rssFeed(): { server: Server; fetches: () => number; url: () => string } {
  let fetches = 0;
  const server = createServer((_request, response) => {
    fetches++;
    response.writeHead(200, { "content-type": "application/rss+xml" });
    response.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Port Wire</title>
      <item><title>${FEED_TITLE}</title><link>https://port.example/quay</link>
      <pubDate>${new Date().toUTCString()}</pubDate>
      <description>The harbour authority said the northern quay opens to freight traffic on Monday after a year of repairs.</description></item>
    </channel></rss>`);
  });
  return {
    server,
    fetches: () => fetches,
    url: () => `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/rss`,
  };
}

/** A database of its own on the test server, as a deployment has; `url` is what DATABASE_URL says. */
async function freshDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hosts_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** HH:MM in UTC of a moment. */
function utcTime(at: Date): string {
  return at.toISOString().slice(11, 16);
}

/**
 * Two hosts of one deployment, as an operator runs them: `SHARD_IDS=0` and `SHARD_IDS=1` of
 * `SHARD_COUNT=2`, each the real entry point in its own process with its own DATA_DIR, sharing one
 * PostgreSQL (DATABASE_URL), one fake Discord and one feed.
 */
describe.skipIf(TEST_DATABASE_URL === undefined)("two hosts on one PostgreSQL", () => {
  let fake: FakeDiscord;
  let feed: ReturnType<typeof rssFeed>;
  let database: { url: string; drop: () => Promise<void> };
  const dataDirs: string[] = [];
  const hosts: EntryProcess[] = [];
  let postsBeforeRestart = -1;

  function startHost(shard: number): EntryProcess {
    const dataDir = dataDirs[shard] ?? "";
    const host = startEntryProcess({
      ...botSettings(fake, dataDir),
      DATABASE_URL: database.url,
      SHARD_IDS: String(shard),
      SHARD_COUNT: "2",
      FEEDS: feed.url(),
      FEEDS_ALLOW_PRIVATE: "true",
    });
    hosts[shard] = host;
    return host;
  }

  async function started(host: EntryProcess): Promise<void> {
    await vi.waitFor(
      () => {
        const messages = jsonLines(host.output()).map((line) => line.msg);
        expect(messages).toEqual(expect.arrayContaining(["connected to Discord", "digest schedules loaded"]));
      },
      { timeout: 45_000, interval: 100 },
    );
  }

  /** Posts stored in a channel (not replies to commands): what its readers see, however many requests carried them. */
  function storedIn(channelId: string): Json[] {
    return [...fake.messages.values()].filter(
      (message) => message.channel_id === channelId && message.type === 0,
    );
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start({ guilds: [newsroomGuild(), OTHER] });
    feed = rssFeed();
    await new Promise<void>((listening) => feed.server.listen(0, "127.0.0.1", listening));
    database = await freshDatabase(TEST_DATABASE_URL ?? "");
    for (let shard = 0; shard < 2; shard++)
      dataDirs.push(await mkdtemp(join(tmpdir(), `newsdesk-host${shard}-`)));

    // Each server's digest was due an hour ago and set up two hours before that: both hosts catch up at
    // start, each for the server on its own shard.
    const now = new Date();
    const setup = await PgStore.open({
      url: database.url,
      clock: new ManualClock(new Date(now.getTime() - 3 * 3_600_000)),
    });
    for (const [guildId, channelId] of [
      [IDS.guild, IDS.channel],
      [OTHER.id, OTHER_CHANNEL],
    ] as const) {
      await setup.schedules.upsert({
        guildId,
        channelId,
        time: utcTime(new Date(now.getTime() - 3_600_000)),
        timezone: "UTC",
      });
    }
    await setup.close();

    // Host 1's first post hangs, as if the host died mid-post: it is killed then, before discord.js gives up
    // on the request, and started again.
    fake.failNext("POST", new RegExp(`^/channels/${IDS.channel}/messages$`), { status: 500, hang: true });
    const first = startHost(1);
    const hostZero = started(startHost(0));
    await vi.waitFor(
      () => {
        expect(fake.hanging.some((request) => request.path === `/channels/${IDS.channel}/messages`)).toBe(
          true,
        );
      },
      { timeout: 45_000, interval: 20 },
    );
    first.child.kill("SIGKILL");
    await first.exited;
    postsBeforeRestart = storedIn(IDS.channel).length;
    await Promise.all([hostZero, started(startHost(1))]);
  }, 90_000);

  afterAll(async () => {
    for (const host of hosts) if (host.child.exitCode === null) host.child.kill("SIGKILL");
    await Promise.all(hosts.map((host) => host.exited));
    await fake.stop();
    await new Promise((closed) => feed.server.close(closed));
    await database.drop();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN two hosts THEN each identified only its own shard, host 1 again after its restart", () => {
    expect([shardOf(OTHER.id, 2), shardOf(IDS.guild, 2)]).toEqual([0, 1]);
    const identified = fake.gateway.received
      .filter((frame) => frame.op === 2)
      .map((frame) => JSON.stringify((frame.d as { shard?: unknown }).shard))
      .sort();
    expect(identified).toEqual(["[0,2]", "[1,2]", "[1,2]"]);
  });

  it("GIVEN the shared feed WHEN both hosts start THEN it was fetched once, and its article reaches both hosts", async () => {
    for (const [guildId, channelId] of [
      [OTHER.id, OTHER_CHANNEL],
      [IDS.guild, IDS.channel],
    ] as const) {
      await vi.waitFor(
        async () => {
          const sent = fake.command("search", [{ name: "query", type: 3, value: "northern quay" }], {
            kind: "guild",
            permissions: "0",
            guildId,
            channelId,
          });
          const [answer] = await fake.waitForAnswers(sent);
          expect(JSON.stringify(answer?.body)).toContain(FEED_TITLE);
        },
        { timeout: 20_000, interval: 500 },
      );
    }
    // FEED_POLL_MINUTES is 15: within this test a second fetch would be a second host polling it again.
    expect(feed.fetches()).toBe(1);
  });

  it("GIVEN each host's due digest, and host 1 killed with SIGKILL while its post hung THEN each server got its digest once", async () => {
    expect(postsBeforeRestart).toBe(0);
    await vi.waitFor(
      () => {
        expect(storedIn(IDS.channel)).toHaveLength(1);
        expect(storedIn(OTHER_CHANNEL)).toHaveLength(1);
      },
      { timeout: 30_000, interval: 100 },
    );
    // Nothing more comes: host 0 did not take over host 1's server, and the restart posted its digest once.
    const runs = new pg.Client({ connectionString: database.url });
    await runs.connect();
    try {
      const rows = await runs.query<{ status: string }>("SELECT status FROM digest_runs ORDER BY guild_id");
      expect(rows.rows.map((row) => row.status)).toEqual(["posted", "posted"]);
    } finally {
      await runs.end();
    }
    expect(storedIn(IDS.channel)).toHaveLength(1);
    expect(storedIn(OTHER_CHANNEL)).toHaveLength(1);
  });
});
