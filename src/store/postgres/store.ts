import type pg from "pg";
import { systemClock, type Clock } from "../../core/clock.ts";
import type { Store } from "../store.ts";
import { MIGRATIONS } from "../migrations/index.ts";
import { openPool, quoteIdentifier, redactUrl, type PgConnectionOptions } from "./connection.ts";
import { PgRunRepository } from "./digest-runs.ts";
import { PgFeedRepository } from "./feeds.ts";
import { SqlFollowRepository } from "../follows.ts";
import { pgExecutor } from "../sql-executor.ts";
import { PgIdentifyBucketRepository } from "./identify-buckets.ts";
import { applyPgMigrations, pgAppliedVersions } from "./migrate.ts";
import { FeedChangeListener } from "./notifications.ts";
import { PgScheduleRepository } from "./schedules.ts";
import { PgSettingsRepository } from "./settings.ts";
import { SchemaTooNewError } from "../migrate.ts";

export interface PgStoreOptions extends PgConnectionOptions {
  clock?: Clock;
}

/**
 * Newsdesk's PostgreSQL store (DATABASE_URL), shared by every process and host of a deployment. Opening it
 * applies pending migrations under an advisory lock.
 */
export class PgStore implements Store {
  readonly engine = "postgres";
  readonly settings: PgSettingsRepository;
  readonly schedules: PgScheduleRepository;
  readonly runs: PgRunRepository;
  readonly feeds: PgFeedRepository;
  readonly follows: SqlFollowRepository;
  readonly identifyBuckets: PgIdentifyBucketRepository;
  readonly #pool: pg.Pool;
  readonly #options: PgConnectionOptions;
  readonly #schema: string;
  readonly #listeners = new Set<FeedChangeListener>();
  #closed = false;

  private constructor(pool: pg.Pool, clock: Clock, options: PgConnectionOptions, schema: string) {
    this.#pool = pool;
    this.#options = options;
    this.#schema = schema;
    this.settings = new PgSettingsRepository(pool, clock);
    this.schedules = new PgScheduleRepository(pool, clock);
    this.runs = new PgRunRepository(pool, clock);
    this.feeds = new PgFeedRepository(pool, clock);
    this.follows = new SqlFollowRepository(pgExecutor(pool), clock);
    this.identifyBuckets = new PgIdentifyBucketRepository(pool, clock);
  }

  /**
   * Connects and brings the schema up to date. A failure names the server without its password, and says
   * DATABASE_URL is where to look.
   */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const clock = options.clock ?? systemClock;
    const pool = openPool(options);
    try {
      if (options.schema !== undefined) {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
      }
      const schema = (await pool.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]
        ?.schema;
      if (schema === undefined) throw new Error("the server reports no current schema");
      await applyPgMigrations(pool, MIGRATIONS, clock);
      return new PgStore(pool, clock, options, schema);
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof SchemaTooNewError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot open the database ${redactUrl(options.url)} (DATABASE_URL): ${reason}`, {
        cause: error,
      });
    }
  }

  async watchFeedChanges(
    onChange: () => void,
    onError: (error: Error) => void,
  ): Promise<() => Promise<void>> {
    const listener = await FeedChangeListener.start(this.#options, this.#schema, onChange, onError);
    this.#listeners.add(listener);
    return async () => {
      this.#listeners.delete(listener);
      await listener.close();
    };
  }

  appliedVersions(): Promise<number[]> {
    return pgAppliedVersions(this.#pool);
  }

  /** The pool itself, for the one-shot copy from SQLite (scripts/migrate-to-postgres.ts) and tests. */
  get pool(): pg.Pool {
    return this.#pool;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#listeners].map((listener) => listener.close()));
    this.#listeners.clear();
    await this.#pool.end();
  }
}
