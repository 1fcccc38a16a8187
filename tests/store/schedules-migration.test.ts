import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.ts";
import type { Store } from "../../src/store/db.ts";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";
import { withMigratedPostgres, withMigratedSqlite } from "../helpers/migrated-store.ts";
import { TEST_DATABASE_URL } from "../helpers/store-engines.ts";

/** Migration 005 lets a server have several schedules; what it finds must come through unchanged. */
const BEFORE_005 = MIGRATIONS.filter((migration) => migration.version < 5);
const clock = new ManualClock("2025-12-05T12:00:00Z");

// One server's schedule (id 7, as on a database where others came and went) with a posted and a failed run.
const SCHEDULE = `INSERT INTO digest_schedules
  (id, guild_id, channel_id, time, timezone, topic, enabled, created_by, updated_by, created_at, updated_at)
  VALUES (7, 'g1', 'c1', '09:00', 'Europe/Berlin', 'ports', ENABLED, 'u1', 'u1',
          '2025-11-01T10:00:00.000Z', '2025-11-01T10:00:00.000Z')`;
const RUNS = `INSERT INTO digest_runs
  (id, schedule_id, guild_id, period_key, due_at, status, reason, attempts, claimed_by, claimed_at, finished_at,
   window_since, window_until, article_count, message_ids)
  VALUES
  (40, 7, 'g1', '2025-12-04', '2025-12-04T08:00:00.000Z', 'posted', NULL, 1, 'host', '2025-12-04T08:00:00.000Z',
   '2025-12-04T08:00:05.000Z', '2025-12-03T08:00:00.000Z', '2025-12-04T08:00:00.000Z', 9, '["m1","m2"]'),
  (41, 7, 'g1', '2025-12-05', '2025-12-05T08:00:00.000Z', 'failed', 'forbidden', 1, 'host',
   '2025-12-05T08:00:00.000Z', '2025-12-05T08:00:02.000Z', NULL, NULL, NULL, '[]')`;

/** What every engine must show after the migration, given the rows above. */
async function expectKeptAndExtended(store: Store): Promise<void> {
  expect(await store.schedules.forGuild("g1")).toMatchObject([
    { id: 7, channelId: "c1", time: "09:00", topic: "ports", enabled: true, createdBy: "u1" },
  ]);
  expect(await store.runs.latestForSchedule(7)).toMatchObject({
    id: 41,
    status: "failed",
    reason: "forbidden",
  });
  expect(await store.runs.latestForSchedule(7, "posted")).toMatchObject({
    id: 40,
    messageIds: ["m1", "m2"],
    articleCount: 9,
  });
  // The periods stay taken by the schedule they belong to.
  const key = { scheduleId: 7, guildId: "g1", periodKey: "2025-12-05", dueAt: new Date() };
  expect(await store.runs.claim(key, "new")).toBeUndefined();
  // The same channel and topic is still the same schedule; another channel is a second one.
  expect(
    await store.schedules.upsert({
      guildId: "g1",
      channelId: "c1",
      time: "10:00",
      timezone: "UTC",
      topic: "ports",
    }),
  ).toMatchObject({ id: 7, time: "10:00" });
  const second = await store.schedules.upsert({
    guildId: "g1",
    channelId: "c2",
    time: "08:00",
    timezone: "UTC",
  });
  expect(second.id).toBeGreaterThan(7);
  expect((await store.runs.claim({ ...key, periodKey: "2025-12-06" }, "new"))?.id).toBeGreaterThan(41);
}

describe("migration 005 on SQLite", () => {
  it("GIVEN a database with one schedule and its runs WHEN migrated THEN ids and runs are kept and more schedules fit", async () => {
    await withMigratedSqlite(
      BEFORE_005,
      [SCHEDULE.replace("ENABLED", "1"), RUNS],
      clock,
      expectKeptAndExtended,
    );
  });
});

describe.skipIf(TEST_DATABASE_URL === undefined)("migration 005 on PostgreSQL", () => {
  it("GIVEN a database with one schedule and its runs WHEN migrated THEN ids and runs are kept and more schedules fit", async () => {
    const statements = [
      SCHEDULE.replace("ENABLED", "TRUE"),
      RUNS,
      // As migrate-to-postgres leaves it: the identities go on after the copied ids.
      "SELECT setval(pg_get_serial_sequence('digest_schedules', 'id'), 7)",
      "SELECT setval(pg_get_serial_sequence('digest_runs', 'id'), 41)",
    ];
    await withMigratedPostgres(TEST_DATABASE_URL ?? "", BEFORE_005, statements, clock, expectKeptAndExtended);
  });
});
