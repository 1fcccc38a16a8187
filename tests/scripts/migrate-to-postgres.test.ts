import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToPostgres } from "../../scripts/migrate-to-postgres.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openDataStore, PgStore } from "../../src/store/db.ts";
import { EVERY_SERVER } from "../../src/store/feeds.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { TEST_DATABASE_URL, testSchemaName } from "../helpers/store-engines.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database of its own on the test server (the script uses DATABASE_URL's default schema). */
async function freshDatabase(): Promise<string> {
  const admin = TEST_DATABASE_URL ?? "";
  const name = testSchemaName();
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  cleanups.push(() => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A SQLite deployment with a bit of everything. */
async function sqliteDeployment(clock: ManualClock): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-copy-"));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
    return Promise.resolve();
  });
  const store = openDataStore(dir, { clock });
  await store.settings.setEmptyDigest("g1", "skip");
  const schedule = await store.schedules.upsert({
    guildId: "g1",
    channelId: "c1",
    time: "09:00",
    timezone: "Europe/Berlin",
    topic: "ports",
  });
  const off = await store.schedules.upsert({
    guildId: "g2",
    channelId: "c2",
    time: "07:30",
    timezone: "UTC",
    weekday: "monday",
  });
  await store.schedules.disable("g2", off.id);
  const run = await store.runs.claim(
    {
      scheduleId: schedule.id,
      guildId: "g1",
      periodKey: "2025-12-05",
      dueAt: new Date("2025-12-05T08:00:00Z"),
    },
    "host:1:x",
  );
  if (!run) throw new Error("claim failed");
  await store.runs.recordMessages(run.id, ["m1"]);
  await store.runs.finish(run.id, { status: "posted", articleCount: 3 });
  const feed = await store.feeds.ensure("https://outlet.example/rss");
  await store.feeds.subscribe(feed.id, EVERY_SERVER);
  await store.feeds.subscribe(feed.id, "g1", "u1");
  await store.feeds.saveItems(feed.id, [
    { key: "k1", fingerprint: "f1", guidKey: "g-1", article: makeArticle({ id: "a1" }) },
    {
      key: "k2",
      fingerprint: "f2",
      article: makeArticle({ id: "a2", publishedAt: "2025-11-01T08:00:00.000Z" }),
    },
  ]);
  await store.close();
  return dir;
}

describe.skipIf(TEST_DATABASE_URL === undefined)("npm run migrate-to-postgres", () => {
  it("GIVEN a SQLite deployment WHEN copied twice THEN PostgreSQL holds the same data once, with counts printed", async () => {
    const clock = new ManualClock("2025-12-05T12:00:00Z");
    const dataDir = await sqliteDeployment(clock);
    const url = await freshDatabase();
    const out: string[] = [];
    const err: string[] = [];
    const env = { DATA_DIR: dataDir, DATABASE_URL: url };

    expect(
      await migrateToPostgres(
        env,
        (line) => out.push(line),
        (line) => err.push(line),
      ),
    ).toBe(0);
    expect(
      await migrateToPostgres(
        env,
        (line) => out.push(line),
        (line) => err.push(line),
      ),
    ).toBe(0);

    expect(err).toEqual([]);
    const report = out.slice(0, 7).join("\n");
    expect(report).toMatch(
      /settings +1\n {2}schedules +2\n {2}runs +1\n {2}feeds +1\n {2}subscriptions +2\n {2}items +2$/,
    );
    const store = await PgStore.open({ url, clock });
    cleanups.push(() => store.close());
    expect((await store.settings.get("g1")).emptyDigest).toBe("skip");
    const [schedule] = await store.schedules.forGuild("g1");
    expect(schedule).toMatchObject({
      time: "09:00",
      timezone: "Europe/Berlin",
      topic: "ports",
      enabled: true,
    });
    expect(await store.schedules.forGuild("g2")).toMatchObject([{ enabled: false, weekday: "monday" }]);
    // The copied schedule is still the one of its channel and topic: setting it again changes it in place.
    expect(
      await store.schedules.upsert({
        guildId: "g1",
        channelId: "c1",
        time: "10:00",
        timezone: "UTC",
        topic: "ports",
      }),
    ).toMatchObject({ id: schedule?.id, time: "10:00" });
    expect(await store.runs.latest("g1")).toMatchObject({
      scheduleId: schedule?.id,
      status: "posted",
      messageIds: ["m1"],
      dueAt: "2025-12-05T08:00:00.000Z",
    });
    // The copied period stays taken: a host on PostgreSQL cannot post it again.
    expect(
      await store.runs.claim(
        { scheduleId: schedule?.id ?? 0, guildId: "g1", periodKey: "2025-12-05", dueAt: new Date() },
        "new-host",
      ),
    ).toBeUndefined();
    const feed = await store.feeds.byUrl("https://outlet.example/rss");
    expect((await store.feeds.items(feed?.id ?? 0)).map((item) => [item.key, item.guidKey])).toEqual([
      ["k1", "g-1"],
      ["k2", undefined],
    ]);
    // Items keep their dates, so that retention prunes them on PostgreSQL too.
    expect(await store.feeds.pruneItems(new Date("2025-11-02T00:00:00Z"))).toBe(1);
    expect(await store.feeds.subscriptions()).toHaveLength(2);
    // Ids go on after the copied ones.
    const third = await store.schedules.upsert({
      guildId: "g3",
      channelId: "c3",
      time: "10:00",
      timezone: "UTC",
    });
    expect(third.id).toBeGreaterThan(2);
  });

  it("GIVEN no DATABASE_URL or no SQLite file THEN it says what is missing and fails", async () => {
    const err: string[] = [];
    expect(
      await migrateToPostgres(
        { DATA_DIR: "/nonexistent" },
        () => undefined,
        (line) => err.push(line),
      ),
    ).toBe(1);
    expect(
      await migrateToPostgres(
        { DATA_DIR: "/nonexistent", DATABASE_URL: "postgres://u:hunter2@localhost/db" },
        () => undefined,
        (line) => err.push(line),
      ),
    ).toBe(1);
    expect(err).toEqual([
      "Set DATABASE_URL to the PostgreSQL database to copy into (postgres://user:password@host/db).",
      "No SQLite database at /nonexistent/newsdesk.sqlite (DATA_DIR): nothing to copy.",
    ]);
  });
});
