import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { systemClock, type Clock } from "../core/clock.ts";
import { SqliteRunRepository, type RunRepository } from "./digest-runs.ts";
import { SqliteFeedRepository, type FeedRepository } from "./feeds.ts";
import { SqliteFollowRepository, type FollowRepository } from "./follows.ts";
import { applyMigrations, appliedVersions, SchemaTooNewError } from "./migrate.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import { SqliteScheduleRepository, type ScheduleRepository } from "./schedules.ts";
import { SqliteSettingsRepository, type SettingsRepository } from "./settings.ts";

// The entry point's own contract: what opening throws, and the run type commands/digest.ts reads from here.
export { SchemaTooNewError } from "./migrate.ts";
export type { DigestRun } from "./digest-runs.ts";

/** The database file inside DATA_DIR. */
export const DATABASE_FILE = "newsdesk.sqlite";

/** How the database is opened. */
export interface StoreOptions {
  clock?: Clock;
  /** How long a statement waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the SQLite file in `dataDir`. A failure names the file, since SQLite's own
 * "unable to open database file" does not say which, nor that DATA_DIR is where to look.
 */
export function openDataStore(dataDir: string, options: StoreOptions = {}): Store {
  const path = join(dataDir, DATABASE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    return Store.open(path, options);
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the database ${path} (DATA_DIR): ${reason}`, { cause: error });
  }
}

/**
 * Newsdesk's SQLite database: per-server settings, digest schedules, digest runs, feeds and follows, one repository
 * each. Opening it applies pending migrations. Every SQL statement of the project lives in this folder.
 */
export class Store {
  readonly settings: SettingsRepository;
  readonly schedules: ScheduleRepository;
  readonly runs: RunRepository;
  readonly feeds: FeedRepository;
  /** Live alerts (`/follow`); asynchronous, unlike the others so far. */
  readonly follows: FollowRepository;
  readonly #db: Database.Database;

  private constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.settings = new SqliteSettingsRepository(db, clock);
    this.schedules = new SqliteScheduleRepository(db, clock);
    this.runs = new SqliteRunRepository(db, clock);
    this.feeds = new SqliteFeedRepository(db, clock);
    this.follows = new SqliteFollowRepository(db, clock);
  }

  /** Opens a database file, or `:memory:` for tests, and brings its schema up to date. */
  static open(location: string, options: StoreOptions = {}): Store {
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
    return new Store(db, clock);
  }

  /** Schema versions applied, oldest first. */
  appliedVersions(): number[] {
    return appliedVersions(this.#db);
  }

  /** The journal mode SQLite reports (`wal` for files, `memory` for `:memory:`). */
  journalMode(): string {
    return String(this.#db.pragma("journal_mode", { simple: true }));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
