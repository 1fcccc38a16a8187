/**
 * `npm run migrate-to-postgres`: copies a SQLite deployment's data (DATA_DIR/newsdesk.sqlite) into the
 * PostgreSQL database of DATABASE_URL, creating its schema first. Safe to run twice: every row is an upsert.
 * Run it with the bot stopped, before the first start on PostgreSQL. Prints what it copied.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/app/config.ts";
import { DATABASE_FILE, PgStore, SqliteStore } from "../src/store/db.ts";
import { copySqliteToPostgres, type CopyCounts } from "../src/store/postgres/copy-from-sqlite.ts";

/** Copies and reports; returns the exit code. Lines go to `out`, problems to `err`. */
export async function migrateToPostgres(
  env: Record<string, string | undefined>,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    err(`Invalid configuration:\n${loaded.reason.map((line) => `  ${line}`).join("\n")}`);
    return 1;
  }
  const { databaseUrl, dataDir } = loaded.value;
  if (databaseUrl === undefined) {
    err("Set DATABASE_URL to the PostgreSQL database to copy into (postgres://user:password@host/db).");
    return 1;
  }
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) {
    err(`No SQLite database at ${path} (DATA_DIR): nothing to copy.`);
    return 1;
  }
  const sqlite = SqliteStore.open(path);
  try {
    const postgres = await PgStore.open({ url: databaseUrl });
    try {
      const counts = await copySqliteToPostgres(sqlite.database, postgres.pool);
      out(`Copied from ${path} to PostgreSQL:`);
      for (const [table, count] of Object.entries(counts) as [keyof CopyCounts, number][]) {
        out(`  ${table.padEnd(13)} ${count}`);
      }
      return 0;
    } finally {
      await postgres.close();
    }
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await sqlite.close();
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.filename === process.argv[1];
if (isEntryPoint) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  process.exitCode = await migrateToPostgres(
    process.env,
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}
