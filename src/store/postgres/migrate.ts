import type pg from "pg";
import type { Clock } from "../../core/clock.ts";
import { SchemaTooNewError } from "../migrate.ts";
import type { Migration } from "../migrations/index.ts";

/**
 * Applies the migrations the database has not seen, each in one transaction with its record, holding a
 * session advisory lock the whole time: hosts starting together wait for each other, and the second finds
 * everything applied. The lock's key is per schema, so that separate schemas (the tests') migrate in parallel.
 */
export async function applyPgMigrations(
  pool: pg.Pool,
  migrations: readonly Migration[],
  clock: Clock,
): Promise<void> {
  const client = await pool.connect();
  const lockKey = "hashtext('newsdesk:migrations:' || current_schema())";
  try {
    await client.query(`SELECT pg_advisory_lock(${lockKey})`);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL
      )`);
      const applied = new Set(
        (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
          (row) => row.version,
        ),
      );
      const known = Math.max(0, ...migrations.map((migration) => migration.version));
      const newest = Math.max(0, ...applied);
      if (newest > known) {
        throw new SchemaTooNewError(
          `The database has schema version ${newest}, newer than this Newsdesk knows (${known}); update Newsdesk.`,
        );
      }
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.postgres);
          await client.query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            [migration.version, migration.name, clock.now().toISOString()],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${lockKey})`);
    }
  } finally {
    client.release();
  }
}

/** Schema versions applied, oldest first. */
export async function pgAppliedVersions(pool: pg.Pool): Promise<number[]> {
  const result = await pool.query<{ version: number }>(
    "SELECT version FROM schema_migrations ORDER BY version",
  );
  return result.rows.map((row) => row.version);
}
