import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.ts";
import { openDataStore, SchemaTooNewError, SqliteStore } from "../../src/store/db.ts";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";

const clock = new ManualClock("2025-12-05T12:00:00Z");
const dirs: string[] = [];
const stores: SqliteStore[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-db-"));
  dirs.push(dir);
  return dir;
}

function track(store: SqliteStore): SqliteStore {
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("opening the store", () => {
  it("GIVEN a new data folder WHEN opened THEN the file uses WAL and every migration is applied once", async () => {
    const dir = tempDir();
    const store = track(openDataStore(join(dir, "nested"), { clock }));
    expect(store.journalMode()).toBe("wal");
    expect(await store.appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
    await store.close();
    const again = track(openDataStore(join(dir, "nested"), { clock }));
    expect(await again.appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
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

  it("GIVEN a database from a newer version WHEN opened THEN it refuses and changes nothing", async () => {
    const path = join(tempDir(), "newer.sqlite");
    await track(SqliteStore.open(path, { clock })).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    raw.close();
    expect(() => SqliteStore.open(path, { clock })).toThrow(SchemaTooNewError);
  });
});
