import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { systemClock, type Clock } from "../core/clock.ts";
import { SqliteRunRepository } from "./digest-runs.ts";
import { SqlFollowRepository } from "./follows.ts";
import { sqliteExecutor } from "./sql-executor.ts";
import { applyMigrations, appliedVersions, SchemaTooNewError } from "./migrate.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import { PgStore } from "./postgres/store.ts";
import { SqliteScheduleRepository } from "./schedules.ts";
import { SqliteSettingsRepository } from "./settings.ts";
import { SqliteFeedRepository } from "./sqlite-feeds.ts";
import { SqliteIdentifyBucketRepository } from "./identify-buckets.ts";
import type { Store } from "./store.ts";

// The entry point's own contract: what opening throws, and the types commands and services read from here.
export { SchemaTooNewError } from "./migrate.ts";
export type { DigestRun } from "./digest-runs.ts";
export type { Store } from "./store.ts";
export { PgStore } from "./postgres/store.ts";

/** The database file inside DATA_DIR. */
export const DATABASE_FILE = "newsdesk.sqlite";

/** How the database is opened. */
export interface StoreOptions {
  clock?: Clock;
  /** How long a statement waits for another connection's lock before failing (SQLite). */
  busyTimeoutMs?: number;
}

/** Where the data lives: DATABASE_URL when set (PostgreSQL), else the SQLite file in DATA_DIR. */
export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
}

/** Opens the store a deployment is configured for, migrated and ready. */
export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<Store> {
  if (location.databaseUrl !== undefined) {
    return PgStore.open({ url: location.databaseUrl, ...(options.clock && { clock: options.clock }) });
  }
  return Promise.resolve(openDataStore(location.dataDir, options));
}

/**
 * Opens (creating if needed) the SQLite file in `dataDir`. A failure names the file, since SQLite's own
 * "unable to open database file" does not say which, nor that DATA_DIR is where to look.
 */
export function openDataStore(dataDir: string, options: StoreOptions = {}): SqliteStore {
  const path = join(dataDir, DATABASE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    return SqliteStore.open(path, options);
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the database ${path} (DATA_DIR): ${reason}`, { cause: error });
  }
}

/** The {@link Store} in one SQLite file (WAL), shared by the processes of one host. Opening it migrates. */
export class SqliteStore implements Store {
  readonly engine = "sqlite";
  readonly settings: SqliteSettingsRepository;
  readonly schedules: SqliteScheduleRepository;
  readonly runs: SqliteRunRepository;
  readonly feeds: SqliteFeedRepository;
  readonly follows: SqlFollowRepository;
  readonly identifyBuckets: SqliteIdentifyBucketRepository;
  readonly #db: Database.Database;

  private constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.settings = new SqliteSettingsRepository(db, clock);
    this.schedules = new SqliteScheduleRepository(db, clock);
    this.runs = new SqliteRunRepository(db, clock);
    this.feeds = new SqliteFeedRepository(db, clock);
    this.identifyBuckets = new SqliteIdentifyBucketRepository(db, clock);
    this.follows = new SqlFollowRepository(sqliteExecutor(db), clock);
  }

  /** Opens a database file, or `:memory:` for tests, and brings its schema up to date. */
  static open(location: string, options: StoreOptions = {}): SqliteStore {
    const clock = options.clock ?? systemClock;
    const db = new Database(location);
    try {
      db.pragma(`busy_timeout = ${Math.round(options.busyTimeoutMs ?? 5000)}`);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      applyMigrations(db, MIGRATIONS, clock);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStore(db, clock);
  }

  /** Schema versions applied, oldest first. */
  appliedVersions(): Promise<number[]> {
    return Promise.resolve(appliedVersions(this.#db));
  }

  /** The journal mode SQLite reports (`wal` for files, `memory` for `:memory:`). */
  journalMode(): string {
    return String(this.#db.pragma("journal_mode", { simple: true }));
  }

  /** The connection itself, for the one-shot copy to PostgreSQL (scripts/migrate-to-postgres.ts). */
  get database(): Database.Database {
    return this.#db;
  }

  close(): Promise<void> {
    if (this.#db.open) this.#db.close();
    return Promise.resolve();
  }
}
