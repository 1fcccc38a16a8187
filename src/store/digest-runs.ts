import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";
import { settle } from "./sqlite-async.ts";

/** claimed: being posted; posted: done; failed: gave up, `reason` says why; skipped: deliberately not posted. */
export type DigestRunStatus = "claimed" | "posted" | "failed" | "skipped";

/** One posting of a schedule's digest for one period. */
export interface DigestRun {
  id: number;
  scheduleId: number;
  guildId: string;
  /** The local date of the run in the schedule's zone, `2026-03-29`; a weekly schedule's is `week:2026-03-29`. */
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

/** Which period of which schedule a run is for, and when it was due. */
export interface RunKey {
  scheduleId: number;
  guildId: string;
  periodKey: string;
  dueAt: Date;
}

/** How a claimed run ended. */
export interface RunOutcome {
  status: Exclude<DigestRunStatus, "claimed">;
  reason?: string | undefined;
  window?: { since: Date; until: Date } | undefined;
  articleCount?: number | undefined;
}

/**
 * The record of each digest posting (`digest_runs`), one per schedule and period: it is how exactly one
 * process posts a period, and how a retry continues where a failed post stopped.
 */
export interface RunRepository {
  /**
   * Claims a period for posting. Exactly one caller, across connections and processes, gets the run;
   * everyone else (a second process, a restarted bot, a repeated timer) gets undefined and must not post.
   */
  claim(key: RunKey, claimedBy: string): Promise<DigestRun | undefined>;
  /** Records a period as skipped (missed too long ago, nothing to post); false when it already has a run. */
  recordSkipped(key: RunKey, reason: string): Promise<boolean>;
  /** Counts one more posting attempt of a claimed run. */
  recordAttempt(runId: number): Promise<void>;
  /** Stores the messages posted so far. */
  recordMessages(runId: number, messageIds: readonly string[]): Promise<void>;
  /** Closes a claimed run with its outcome; undefined when it is not claimed (any more). */
  finish(runId: number, outcome: RunOutcome): Promise<DigestRun | undefined>;
  forPeriod(scheduleId: number, periodKey: string): Promise<DigestRun | undefined>;
  /** The server's most recent run of any status. */
  latest(guildId: string): Promise<DigestRun | undefined>;
  /** The server's most recent posted digest, whose window end starts the next default window. */
  lastPosted(guildId: string): Promise<DigestRun | undefined>;
  /**
   * A schedule's most recent run, of any status or of `status` only: what `/digest list` shows, and where
   * a schedule's next window starts (each of a server's schedules has its own).
   */
  latestForSchedule(scheduleId: number, status?: DigestRunStatus): Promise<DigestRun | undefined>;
  /** The runs still claimed (being posted), oldest first. */
  openClaims(): Promise<DigestRun[]>;
  /**
   * Moves a claim from a process that is gone to `newOwner`, so that it can finish the post; undefined when
   * the run is no longer claimed by `previousOwner` (someone else took it over, or it finished).
   */
  takeOver(runId: number, previousOwner: string, newOwner: string): Promise<DigestRun | undefined>;
  /**
   * Closes claims older than `claimedBefore` as failed: their process stopped mid-post. They are not
   * posted again, because the stopped process may have posted before it died. Returns how many.
   */
  failStaleClaims(claimedBefore: Date, reason: string): Promise<number>;
}

/** A `digest_runs` row, as both engines return it. */
export interface RunRow {
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

/** The run a row describes. */
export function toRun(row: RunRow): DigestRun {
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

/** {@link RunRepository} in SQLite. */
export class SqliteRunRepository implements RunRepository {
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
  claim(key: RunKey, claimedBy: string): Promise<DigestRun | undefined> {
    return settle(() => {
      return this.#insert(key, "claimed", undefined, claimedBy);
    });
  }

  /** Records a period as skipped (missed too long ago, nothing to post); false when it already has a run. */
  recordSkipped(key: RunKey, reason: string): Promise<boolean> {
    return settle(() => {
      return this.#insert(key, "skipped", reason, undefined) !== undefined;
    });
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
  recordAttempt(runId: number): Promise<void> {
    return settle(() => {
      this.#db.prepare("UPDATE digest_runs SET attempts = attempts + 1 WHERE id = ?").run(runId);
    });
  }

  /** Stores the messages posted so far. */
  recordMessages(runId: number, messageIds: readonly string[]): Promise<void> {
    return settle(() => {
      this.#db
        .prepare("UPDATE digest_runs SET message_ids = ? WHERE id = ?")
        .run(JSON.stringify(messageIds), runId);
    });
  }

  /** Closes a claimed run with its outcome. */
  finish(runId: number, outcome: RunOutcome): Promise<DigestRun | undefined> {
    return settle(() => {
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
    });
  }

  forPeriod(scheduleId: number, periodKey: string): Promise<DigestRun | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[number, string], RunRow>(
          "SELECT * FROM digest_runs WHERE schedule_id = ? AND period_key = ?",
        )
        .get(scheduleId, periodKey);
      return row ? toRun(row) : undefined;
    });
  }

  /** The server's most recent run of any status. */
  latest(guildId: string): Promise<DigestRun | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[string], RunRow>(
          "SELECT * FROM digest_runs WHERE guild_id = ? ORDER BY due_at DESC, id DESC LIMIT 1",
        )
        .get(guildId);
      return row ? toRun(row) : undefined;
    });
  }

  /** The server's most recent posted digest, whose window end starts the next default window. */
  lastPosted(guildId: string): Promise<DigestRun | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[string], RunRow>(
          `SELECT * FROM digest_runs WHERE guild_id = ? AND status = 'posted' ORDER BY due_at DESC, id DESC LIMIT 1`,
        )
        .get(guildId);
      return row ? toRun(row) : undefined;
    });
  }

  latestForSchedule(scheduleId: number, status?: DigestRunStatus): Promise<DigestRun | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[number, string | null, string | null], RunRow>(
          `SELECT * FROM digest_runs WHERE schedule_id = ? AND (? IS NULL OR status = ?)
           ORDER BY due_at DESC, id DESC LIMIT 1`,
        )
        .get(scheduleId, status ?? null, status ?? null);
      return row ? toRun(row) : undefined;
    });
  }

  /** The runs still claimed (being posted), oldest first. */
  openClaims(): Promise<DigestRun[]> {
    return settle(() => {
      return this.#db
        .prepare<[], RunRow>("SELECT * FROM digest_runs WHERE status = 'claimed' ORDER BY claimed_at, id")
        .all()
        .map(toRun);
    });
  }

  /**
   * Moves a claim from a process that is gone to `newOwner`, so that it can finish the post; undefined when
   * the run is no longer claimed by `previousOwner` (someone else took it over, or it finished).
   */
  takeOver(runId: number, previousOwner: string, newOwner: string): Promise<DigestRun | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[string, string, number, string], RunRow>(
          `UPDATE digest_runs SET claimed_by = ?, claimed_at = ?
           WHERE id = ? AND status = 'claimed' AND claimed_by = ?
           RETURNING *`,
        )
        .get(newOwner, this.#clock.now().toISOString(), runId, previousOwner);
      return row ? toRun(row) : undefined;
    });
  }

  /**
   * Closes claims older than `claimedBefore` as failed: their process stopped mid-post. They are not
   * posted again, because the stopped process may have posted before it died.
   */
  failStaleClaims(claimedBefore: Date, reason: string): Promise<number> {
    return settle(() => {
      return this.#db
        .prepare(
          `UPDATE digest_runs SET status = 'failed', reason = ?, finished_at = ?
           WHERE status = 'claimed' AND claimed_at < ?`,
        )
        .run(reason, this.#clock.now().toISOString(), claimedBefore.toISOString()).changes;
    });
  }
}
