import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Clock } from "../../src/core/clock.ts";
import { SqliteStore, type Store } from "../../src/store/db.ts";
import { applyMigrations } from "../../src/store/migrate.ts";
import type { Migration } from "../../src/store/migrations/types.ts";
import { openPool } from "../../src/store/postgres/connection.ts";
import { applyPgMigrations } from "../../src/store/postgres/migrate.ts";
import { PgStore } from "../../src/store/postgres/store.ts";
import { dropSchema, testSchemaName } from "./store-engines.ts";

/**
 * A database as an older Newsdesk left it: `migrations` applied, then `statements` run on it; the store is
 * then opened (which applies the rest of the migrations), handed to `check`, and everything is removed.
 */
export async function withMigratedSqlite(
  migrations: readonly Migration[],
  statements: readonly string[],
  clock: Clock,
  check: (store: Store) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-migration-"));
  try {
    const path = join(dir, "newsdesk.db");
    const db = new Database(path);
    db.pragma("foreign_keys = ON");
    applyMigrations(db, migrations, clock);
    for (const statement of statements) db.exec(statement);
    db.close();
    const store = SqliteStore.open(path, { clock });
    try {
      await check(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** {@link withMigratedSqlite} on PostgreSQL at `url`, in a schema of its own that is dropped afterwards. */
export async function withMigratedPostgres(
  url: string,
  migrations: readonly Migration[],
  statements: readonly string[],
  clock: Clock,
  check: (store: Store) => Promise<void>,
): Promise<void> {
  const schema = testSchemaName();
  const pool = openPool({ url });
  try {
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await pool.end();
    const scoped = openPool({ url, schema });
    await applyPgMigrations(scoped, migrations, clock);
    for (const statement of statements) await scoped.query(statement);
    await scoped.end();
    const store = await PgStore.open({ url, schema, clock });
    try {
      await check(store);
    } finally {
      await store.close();
    }
  } finally {
    await dropSchema(url, schema);
  }
}
