import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { systemClock, type Clock } from "../core/clock.ts";
import { FeedRepository } from "./feeds.ts";
import { MIGRATIONS, type Migration } from "./migrations/index.ts";

/** The database file inside DATA_DIR. */
export const DATABASE_FILE = "newsdesk.sqlite";

/** What a server wants posted on a day without new articles. */
export type EmptyDigestPolicy = "post" | "skip";

export interface GuildSettings {
  guildId: string;
  emptyDigest: EmptyDigestPolicy;
}

export interface DigestSchedule {
  id: number;
  guildId: string;
  channelId: string;
  /** `HH:MM`, 24-hour clock, in `timezone`. */
  time: string;
  /** IANA name, e.g. `Europe/Berlin`. */
  timezone: string;
  /** A search query that restricts the digest to matching articles. */
  topic?: string;
  enabled: boolean;
  createdBy?: string;
  updatedBy?: string;
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleInput {
  guildId: string;
  channelId: string;
  time: string;
  timezone: string;
  topic?: string | undefined;
  /** Who made the change, for the record. */
  userId?: string | undefined;
}

/** claimed: being posted; posted: done; failed: gave up, `reason` says why; skipped: deliberately not posted. */
export type DigestRunStatus = "claimed" | "posted" | "failed" | "skipped";

export interface DigestRun {
  id: number;
  scheduleId: number;
  guildId: string;
  /** The local date of the run in the schedule's zone, `2026-03-29`. */
  periodKey: string;
  dueAt: string;
  status: DigestRunStatus;
  reason?: string;
  attempts: number;
  claimedBy?: string;
  claimedAt: string;
  finishedAt?: string;
  windowSince?: string;
  windowUntil?: string;
  articleCount?: number;
  /** Messages posted so far, so that a retry continues instead of posting them again. */
  messageIds: string[];
}

export interface RunKey {
  scheduleId: number;
  guildId: string;
  periodKey: string;
  dueAt: Date;
}

export interface RunOutcome {
  status: Exclude<DigestRunStatus, "claimed">;
  reason?: string | undefined;
  window?: { since: Date; until: Date } | undefined;
  articleCount?: number | undefined;
}

export interface StoreOptions {
  clock?: Clock;
  /** How long a statement waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

/** The database was written by a newer Newsdesk: its schema is unknown here, so nothing is touched. */
export class SchemaTooNewError extends Error {
  override readonly name = "SchemaTooNewError";
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
 * Newsdesk's SQLite database: per-server settings, digest schedules and digest runs. Opening it applies
 * pending migrations. Every SQL statement of the project lives in this folder.
 */
export class Store {
  readonly settings: SettingsRepository;
  readonly schedules: ScheduleRepository;
  readonly runs: RunRepository;
  readonly feeds: FeedRepository;
  readonly #db: Database.Database;

  private constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.settings = new SettingsRepository(db, clock);
    this.schedules = new ScheduleRepository(db, clock);
    this.runs = new RunRepository(db, clock);
    this.feeds = new FeedRepository(db, clock);
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
    return this.#db
      .prepare<[], { version: number }>("SELECT version FROM schema_migrations ORDER BY version")
      .all()
      .map((row) => row.version);
  }

  /** The journal mode SQLite reports (`wal` for files, `memory` for `:memory:`). */
  journalMode(): string {
    return String(this.#db.pragma("journal_mode", { simple: true }));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
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

interface SettingsRow {
  guild_id: string;
  empty_digest: EmptyDigestPolicy;
}

export class SettingsRepository {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** A server's settings; defaults when it has never changed any. */
  get(guildId: string): GuildSettings {
    const row = this.#db
      .prepare<[string], SettingsRow>("SELECT guild_id, empty_digest FROM guild_settings WHERE guild_id = ?")
      .get(guildId);
    return { guildId, emptyDigest: row?.empty_digest ?? "post" };
  }

  setEmptyDigest(guildId: string, policy: EmptyDigestPolicy): GuildSettings {
    this.#db
      .prepare(
        `INSERT INTO guild_settings (guild_id, empty_digest, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (guild_id) DO UPDATE SET empty_digest = excluded.empty_digest, updated_at = excluded.updated_at`,
      )
      .run(guildId, policy, this.#clock.now().toISOString());
    return this.get(guildId);
  }
}

interface ScheduleRow {
  id: number;
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  topic: string | null;
  enabled: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

function toSchedule(row: ScheduleRow): DigestSchedule {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    ...(row.topic !== null && { topic: row.topic }),
    enabled: row.enabled === 1,
    ...(row.created_by !== null && { createdBy: row.created_by }),
    ...(row.updated_by !== null && { updatedBy: row.updated_by }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class ScheduleRepository {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Sets a server's schedule and enables it. A server keeps one schedule id for life, so the runs already
   * recorded for today still count and changing the time never posts a period twice.
   */
  upsert(input: ScheduleInput): DigestSchedule {
    const now = this.#clock.now().toISOString();
    const row = this.#db
      .prepare<unknown[], ScheduleRow>(
        `INSERT INTO digest_schedules
           (guild_id, channel_id, time, timezone, topic, enabled, created_by, updated_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
         ON CONFLICT (guild_id) DO UPDATE SET
           channel_id = excluded.channel_id, time = excluded.time, timezone = excluded.timezone,
           topic = excluded.topic, enabled = 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .get(
        input.guildId,
        input.channelId,
        input.time,
        input.timezone,
        input.topic ?? null,
        input.userId ?? null,
        input.userId ?? null,
        now,
        now,
      );
    if (!row) throw new Error("upsert returned no schedule row");
    return toSchedule(row);
  }

  /** Turns a server's schedule off; undefined when it has none. */
  disable(guildId: string, userId?: string): DigestSchedule | undefined {
    const row = this.#db
      .prepare<unknown[], ScheduleRow>(
        `UPDATE digest_schedules SET enabled = 0, updated_by = ?, updated_at = ? WHERE guild_id = ? RETURNING *`,
      )
      .get(userId ?? null, this.#clock.now().toISOString(), guildId);
    return row ? toSchedule(row) : undefined;
  }

  forGuild(guildId: string): DigestSchedule | undefined {
    const row = this.#db
      .prepare<[string], ScheduleRow>("SELECT * FROM digest_schedules WHERE guild_id = ?")
      .get(guildId);
    return row ? toSchedule(row) : undefined;
  }

  get(id: number): DigestSchedule | undefined {
    const row = this.#db
      .prepare<[number], ScheduleRow>("SELECT * FROM digest_schedules WHERE id = ?")
      .get(id);
    return row ? toSchedule(row) : undefined;
  }

  listEnabled(): DigestSchedule[] {
    return this.#db
      .prepare<[], ScheduleRow>("SELECT * FROM digest_schedules WHERE enabled = 1 ORDER BY id")
      .all()
      .map(toSchedule);
  }
}

interface RunRow {
  id: number;
  schedule_id: number;
  guild_id: string;
  period_key: string;
  due_at: string;
  status: DigestRunStatus;
  reason: string | null;
  attempts: number;
  claimed_by: string | null;
  claimed_at: string;
  finished_at: string | null;
  window_since: string | null;
  window_until: string | null;
  article_count: number | null;
  message_ids: string;
}

function toRun(row: RunRow): DigestRun {
  const messageIds: unknown = JSON.parse(row.message_ids);
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    guildId: row.guild_id,
    periodKey: row.period_key,
    dueAt: row.due_at,
    status: row.status,
    ...(row.reason !== null && { reason: row.reason }),
    attempts: row.attempts,
    ...(row.claimed_by !== null && { claimedBy: row.claimed_by }),
    claimedAt: row.claimed_at,
    ...(row.finished_at !== null && { finishedAt: row.finished_at }),
    ...(row.window_since !== null && { windowSince: row.window_since }),
    ...(row.window_until !== null && { windowUntil: row.window_until }),
    ...(row.article_count !== null && { articleCount: row.article_count }),
    messageIds: Array.isArray(messageIds) ? messageIds.map(String) : [],
  };
}

export class RunRepository {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Claims a period for posting. Exactly one caller, across connections and processes, gets the run;
   * everyone else (a second process, a restarted bot, a repeated timer) gets undefined and must not post.
   */
  claim(key: RunKey, claimedBy: string): DigestRun | undefined {
    return this.#insert(key, "claimed", undefined, claimedBy);
  }

  /** Records a period as skipped (missed too long ago, nothing to post); false when it already has a run. */
  recordSkipped(key: RunKey, reason: string): boolean {
    return this.#insert(key, "skipped", reason, undefined) !== undefined;
  }

  #insert(
    key: RunKey,
    status: DigestRunStatus,
    reason: string | undefined,
    claimedBy: string | undefined,
  ): DigestRun | undefined {
    const now = this.#clock.now().toISOString();
    const finishedAt = status === "claimed" ? null : now;
    return this.#db
      .transaction(() => {
        const row = this.#db
          .prepare<unknown[], RunRow>(
            `INSERT INTO digest_runs
               (schedule_id, guild_id, period_key, due_at, status, reason, claimed_by, claimed_at, finished_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (schedule_id, period_key) DO NOTHING
             RETURNING *`,
          )
          .get(
            key.scheduleId,
            key.guildId,
            key.periodKey,
            key.dueAt.toISOString(),
            status,
            reason ?? null,
            claimedBy ?? null,
            now,
            finishedAt,
          );
        return row ? toRun(row) : undefined;
      })
      .immediate();
  }

  /** Counts one more posting attempt of a claimed run. */
  recordAttempt(runId: number): void {
    this.#db.prepare("UPDATE digest_runs SET attempts = attempts + 1 WHERE id = ?").run(runId);
  }

  /** Stores the messages posted so far. */
  recordMessages(runId: number, messageIds: readonly string[]): void {
    this.#db
      .prepare("UPDATE digest_runs SET message_ids = ? WHERE id = ?")
      .run(JSON.stringify(messageIds), runId);
  }

  /** Closes a claimed run with its outcome. */
  finish(runId: number, outcome: RunOutcome): DigestRun | undefined {
    const row = this.#db
      .prepare<unknown[], RunRow>(
        `UPDATE digest_runs SET status = ?, reason = ?, finished_at = ?, window_since = ?, window_until = ?,
           article_count = ?
         WHERE id = ? AND status = 'claimed'
         RETURNING *`,
      )
      .get(
        outcome.status,
        outcome.reason ?? null,
        this.#clock.now().toISOString(),
        outcome.window?.since.toISOString() ?? null,
        outcome.window?.until.toISOString() ?? null,
        outcome.articleCount ?? null,
        runId,
      );
    return row ? toRun(row) : undefined;
  }

  forPeriod(scheduleId: number, periodKey: string): DigestRun | undefined {
    const row = this.#db
      .prepare<[number, string], RunRow>("SELECT * FROM digest_runs WHERE schedule_id = ? AND period_key = ?")
      .get(scheduleId, periodKey);
    return row ? toRun(row) : undefined;
  }

  /** The server's most recent run of any status. */
  latest(guildId: string): DigestRun | undefined {
    const row = this.#db
      .prepare<[string], RunRow>(
        "SELECT * FROM digest_runs WHERE guild_id = ? ORDER BY due_at DESC, id DESC LIMIT 1",
      )
      .get(guildId);
    return row ? toRun(row) : undefined;
  }

  /** The server's most recent posted digest, whose window end starts the next default window. */
  lastPosted(guildId: string): DigestRun | undefined {
    const row = this.#db
      .prepare<[string], RunRow>(
        `SELECT * FROM digest_runs WHERE guild_id = ? AND status = 'posted' ORDER BY due_at DESC, id DESC LIMIT 1`,
      )
      .get(guildId);
    return row ? toRun(row) : undefined;
  }

  /** The runs still claimed (being posted), oldest first. */
  openClaims(): DigestRun[] {
    return this.#db
      .prepare<[], RunRow>("SELECT * FROM digest_runs WHERE status = 'claimed' ORDER BY claimed_at, id")
      .all()
      .map(toRun);
  }

  /**
   * Moves a claim from a process that is gone to `newOwner`, so that it can finish the post; undefined when
   * the run is no longer claimed by `previousOwner` (someone else took it over, or it finished).
   */
  takeOver(runId: number, previousOwner: string, newOwner: string): DigestRun | undefined {
    const row = this.#db
      .prepare<[string, string, number, string], RunRow>(
        `UPDATE digest_runs SET claimed_by = ?, claimed_at = ?
         WHERE id = ? AND status = 'claimed' AND claimed_by = ?
         RETURNING *`,
      )
      .get(newOwner, this.#clock.now().toISOString(), runId, previousOwner);
    return row ? toRun(row) : undefined;
  }

  /**
   * Closes claims older than `claimedBefore` as failed: their process stopped mid-post. They are not
   * posted again, because the stopped process may have posted before it died.
   */
  failStaleClaims(claimedBefore: Date, reason: string): number {
    return this.#db
      .prepare(
        `UPDATE digest_runs SET status = 'failed', reason = ?, finished_at = ?
         WHERE status = 'claimed' AND claimed_at < ?`,
      )
      .run(reason, this.#clock.now().toISOString(), claimedBefore.toISOString()).changes;
  }
}
