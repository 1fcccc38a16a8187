import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";
import type { Migration } from "./migrations/index.ts";

/** The database was written by a newer Newsdesk: its schema is unknown here, so nothing is touched. */
export class SchemaTooNewError extends Error {
  override readonly name = "SchemaTooNewError";
}

/** Applies the migrations the database has not seen, each in one transaction with its record. */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], clock: Clock): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  // IMMEDIATE takes the write lock first, so two processes starting together migrate one after the other.
  db.transaction(() => {
    const applied = new Set(
      db
        .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
        .all()
        .map((row) => row.version),
    );
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new SchemaTooNewError(
        `The database has schema version ${newest}, newer than this Newsdesk knows (${known}); update Newsdesk.`,
      );
    }
    const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, clock.now().toISOString());
    }
  }).immediate();
}

/** Schema versions applied, oldest first. */
export function appliedVersions(db: Database.Database): number[] {
  return db
    .prepare<[], { version: number }>("SELECT version FROM schema_migrations ORDER BY version")
    .all()
    .map((row) => row.version);
}
