import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.ts";
import { applyMigrations } from "../../src/store/migrate.ts";
import { MIGRATIONS } from "../../src/store/migrations/index.ts";

const clock = new ManualClock("2025-12-05T12:00:00Z");

describe("applying migrations", () => {
  it("GIVEN a later migration WHEN applied to an existing database THEN only it runs", () => {
    const db = new Database(":memory:");
    applyMigrations(db, MIGRATIONS, clock);
    const extra = {
      version: 1000,
      name: "extra",
      sql: "CREATE TABLE extra_table (id INTEGER PRIMARY KEY);",
      postgres: "CREATE TABLE extra_table (id INTEGER PRIMARY KEY);",
    };
    applyMigrations(db, [...MIGRATIONS, extra], clock);
    const versions = db.prepare<[], { version: number }>("SELECT version FROM schema_migrations").all();
    expect(versions.map((row) => row.version)).toEqual([...MIGRATIONS.map((m) => m.version), 1000]);
    db.close();
  });
});
