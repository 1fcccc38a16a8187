import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.ts";
import { openDataStore, SchemaTooNewError, Store } from "../../src/store/db.ts";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";

const clock = new ManualClock("2025-12-05T12:00:00Z");
const dirs: string[] = [];
const stores: Store[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-db-"));
  dirs.push(dir);
  return dir;
}

function track(store: Store): Store {
  stores.push(store);
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const berlin = { guildId: "g1", channelId: "c1", time: "09:00", timezone: "Europe/Berlin", userId: "u1" };
const periodKey = (day: string) => ({
  scheduleId: 1,
  guildId: "g1",
  periodKey: day,
  dueAt: new Date(`${day}T08:00:00Z`),
});

describe("opening the store", () => {
  it("GIVEN a new data folder WHEN opened THEN the file uses WAL and every migration is applied once", () => {
    const dir = tempDir();
    const store = track(openDataStore(join(dir, "nested"), { clock }));
    expect(store.journalMode()).toBe("wal");
    expect(store.appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
    store.close();
    const again = track(openDataStore(join(dir, "nested"), { clock }));
    expect(again.appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it("GIVEN a data folder where the database cannot be opened WHEN opened THEN the error names the file and DATA_DIR", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "data", "newsdesk.sqlite"), { recursive: true }); // a folder where the file should be
    expect(() => openDataStore(join(dir, "data"), { clock })).toThrow(
      `cannot open the database ${join(dir, "data", "newsdesk.sqlite")} (DATA_DIR)`,
    );
    writeFileSync(join(dir, "plain-file"), "");
    expect(() => openDataStore(join(dir, "plain-file", "data"), { clock })).toThrow(
      /cannot open the database .*ENOTDIR/,
    );
  });

  it("GIVEN a database from a newer version WHEN opened THEN it refuses and changes nothing", () => {
    const path = join(tempDir(), "newer.sqlite");
    track(Store.open(path, { clock })).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    raw.close();
    expect(() => Store.open(path, { clock })).toThrow(SchemaTooNewError);
  });
});

describe("schedules and settings", () => {
  it("GIVEN a schedule WHEN the bot restarts THEN it is still there", () => {
    const dir = tempDir();
    track(openDataStore(dir, { clock })).schedules.upsert({ ...berlin, topic: "ukraine" });
    const reopened = track(openDataStore(dir, { clock }));
    expect(reopened.schedules.forGuild("g1")).toMatchObject({
      channelId: "c1",
      time: "09:00",
      timezone: "Europe/Berlin",
      topic: "ukraine",
      enabled: true,
      createdBy: "u1",
    });
    expect(reopened.schedules.listEnabled()).toHaveLength(1);
  });

  it("GIVEN an existing schedule WHEN changed, disabled and set again THEN it keeps its id", () => {
    const store = track(Store.open(":memory:", { clock }));
    const first = store.schedules.upsert(berlin);
    clock.advance(60_000);
    const changed = store.schedules.upsert({ ...berlin, time: "18:30", userId: "u2" });
    expect(changed).toMatchObject({ id: first.id, time: "18:30", createdBy: "u1", updatedBy: "u2" });
    expect(changed.topic).toBeUndefined();
    expect(store.schedules.disable("g1", "u3")).toMatchObject({ id: first.id, enabled: false });
    expect(store.schedules.listEnabled()).toEqual([]);
    expect(store.schedules.upsert(berlin)).toMatchObject({ id: first.id, enabled: true });
    expect(store.schedules.disable("unknown")).toBeUndefined();
  });

  it("GIVEN no settings WHEN read THEN empty days post a note; WHEN changed THEN the change sticks", () => {
    const store = track(Store.open(":memory:", { clock }));
    expect(store.settings.get("g1").emptyDigest).toBe("post");
    store.settings.setEmptyDigest("g1", "skip");
    expect(store.settings.get("g1").emptyDigest).toBe("skip");
    expect(store.settings.get("g2").emptyDigest).toBe("post");
  });
});

describe("digest runs", () => {
  it("GIVEN a claimed period WHEN claimed again, even from another connection THEN the second claim gets nothing", () => {
    const dir = tempDir();
    const a = track(openDataStore(dir, { clock }));
    const b = track(openDataStore(dir, { clock }));
    a.schedules.upsert(berlin);
    expect(a.runs.claim(periodKey("2025-12-05"), "a")).toMatchObject({ status: "claimed", claimedBy: "a" });
    expect(b.runs.claim(periodKey("2025-12-05"), "b")).toBeUndefined();
    expect(b.runs.recordSkipped(periodKey("2025-12-05"), "late")).toBe(false);
    expect(b.runs.claim(periodKey("2025-12-06"), "b")).toMatchObject({ claimedBy: "b" });
  });

  it("GIVEN a claimed run WHEN attempts, messages and the outcome are recorded THEN they read back", () => {
    const store = track(Store.open(":memory:", { clock }));
    store.schedules.upsert(berlin);
    const run = store.runs.claim(periodKey("2025-12-05"), "me");
    if (!run) throw new Error("claim failed");
    store.runs.recordAttempt(run.id);
    store.runs.recordAttempt(run.id);
    store.runs.recordMessages(run.id, ["m1", "m2"]);
    const window = { since: new Date("2025-12-04T08:00:00Z"), until: new Date("2025-12-05T08:00:00Z") };
    const done = store.runs.finish(run.id, { status: "posted", window, articleCount: 12 });
    expect(done).toMatchObject({
      status: "posted",
      attempts: 2,
      messageIds: ["m1", "m2"],
      windowUntil: "2025-12-05T08:00:00.000Z",
      articleCount: 12,
    });
    expect(store.runs.finish(run.id, { status: "failed" })).toBeUndefined();
    expect(store.runs.lastPosted("g1")?.id).toBe(run.id);
    expect(store.runs.latest("g1")?.id).toBe(run.id);
  });

  it("GIVEN an old claim and a fresh one WHEN stale claims are failed THEN only the old one is closed", () => {
    const store = track(Store.open(":memory:", { clock }));
    store.schedules.upsert(berlin);
    store.runs.claim(periodKey("2025-12-04"), "crashed");
    clock.advance(3_600_000);
    store.runs.claim(periodKey("2025-12-05"), "alive");
    expect(store.runs.failStaleClaims(new Date(clock.now().getTime() - 60_000), "interrupted")).toBe(1);
    expect(store.runs.forPeriod(1, "2025-12-04")).toMatchObject({ status: "failed", reason: "interrupted" });
    expect(store.runs.forPeriod(1, "2025-12-05")?.status).toBe("claimed");
  });
});
