import type pg from "pg";
import type { Clock } from "../../core/clock.ts";
import {
  toRun,
  type DigestRun,
  type DigestRunStatus,
  type RunKey,
  type RunOutcome,
  type RunRepository,
  type RunRow,
} from "../digest-runs.ts";

/**
 * {@link RunRepository} in PostgreSQL. Exactly-once rests on the same two things as in SQLite, which hold
 * across hosts: the unique (schedule, period) row that only one INSERT creates, and UPDATEs whose WHERE
 * names the state they expect (claimed, by whom), which the row lock makes one caller win.
 */
export class PgRunRepository implements RunRepository {
  readonly #pool: pg.Pool;
  readonly #clock: Clock;
  constructor(pool: pg.Pool, clock: Clock) {
    this.#pool = pool;
    this.#clock = clock;
  }

  claim(key: RunKey, claimedBy: string): Promise<DigestRun | undefined> {
    return this.#insert(key, "claimed", undefined, claimedBy);
  }

  async recordSkipped(key: RunKey, reason: string): Promise<boolean> {
    return (await this.#insert(key, "skipped", reason, undefined)) !== undefined;
  }

  async #insert(
    key: RunKey,
    status: DigestRunStatus,
    reason: string | undefined,
    claimedBy: string | undefined,
  ): Promise<DigestRun | undefined> {
    const now = this.#clock.now().toISOString();
    const result = await this.#pool.query<RunRow>(
      `INSERT INTO digest_runs
         (schedule_id, guild_id, period_key, due_at, status, reason, claimed_by, claimed_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (schedule_id, period_key) DO NOTHING
       RETURNING *`,
      [
        key.scheduleId,
        key.guildId,
        key.periodKey,
        key.dueAt.toISOString(),
        status,
        reason ?? null,
        claimedBy ?? null,
        now,
        status === "claimed" ? null : now,
      ],
    );
    return first(result.rows);
  }

  async recordAttempt(runId: number): Promise<void> {
    await this.#pool.query("UPDATE digest_runs SET attempts = attempts + 1 WHERE id = $1", [runId]);
  }

  async recordMessages(runId: number, messageIds: readonly string[]): Promise<void> {
    await this.#pool.query("UPDATE digest_runs SET message_ids = $1 WHERE id = $2", [
      JSON.stringify(messageIds),
      runId,
    ]);
  }

  async finish(runId: number, outcome: RunOutcome): Promise<DigestRun | undefined> {
    const result = await this.#pool.query<RunRow>(
      `UPDATE digest_runs SET status = $1, reason = $2, finished_at = $3, window_since = $4, window_until = $5,
         article_count = $6
       WHERE id = $7 AND status = 'claimed'
       RETURNING *`,
      [
        outcome.status,
        outcome.reason ?? null,
        this.#clock.now().toISOString(),
        outcome.window?.since.toISOString() ?? null,
        outcome.window?.until.toISOString() ?? null,
        outcome.articleCount ?? null,
        runId,
      ],
    );
    return first(result.rows);
  }

  async forPeriod(scheduleId: number, periodKey: string): Promise<DigestRun | undefined> {
    const result = await this.#pool.query<RunRow>(
      "SELECT * FROM digest_runs WHERE schedule_id = $1 AND period_key = $2",
      [scheduleId, periodKey],
    );
    return first(result.rows);
  }

  async latest(guildId: string): Promise<DigestRun | undefined> {
    const result = await this.#pool.query<RunRow>(
      "SELECT * FROM digest_runs WHERE guild_id = $1 ORDER BY due_at DESC, id DESC LIMIT 1",
      [guildId],
    );
    return first(result.rows);
  }

  async latestForSchedule(scheduleId: number, status?: DigestRunStatus): Promise<DigestRun | undefined> {
    const result = await this.#pool.query<RunRow>(
      `SELECT * FROM digest_runs WHERE schedule_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY due_at DESC, id DESC LIMIT 1`,
      [scheduleId, status ?? null],
    );
    return first(result.rows);
  }

  async lastPosted(guildId: string): Promise<DigestRun | undefined> {
    const result = await this.#pool.query<RunRow>(
      "SELECT * FROM digest_runs WHERE guild_id = $1 AND status = 'posted' ORDER BY due_at DESC, id DESC LIMIT 1",
      [guildId],
    );
    return first(result.rows);
  }

  async openClaims(): Promise<DigestRun[]> {
    const result = await this.#pool.query<RunRow>(
      "SELECT * FROM digest_runs WHERE status = 'claimed' ORDER BY claimed_at, id",
    );
    return result.rows.map(toRun);
  }

  async takeOver(runId: number, previousOwner: string, newOwner: string): Promise<DigestRun | undefined> {
    const result = await this.#pool.query<RunRow>(
      `UPDATE digest_runs SET claimed_by = $1, claimed_at = $2
       WHERE id = $3 AND status = 'claimed' AND claimed_by = $4
       RETURNING *`,
      [newOwner, this.#clock.now().toISOString(), runId, previousOwner],
    );
    return first(result.rows);
  }

  async failStaleClaims(claimedBefore: Date, reason: string): Promise<number> {
    const result = await this.#pool.query(
      `UPDATE digest_runs SET status = 'failed', reason = $1, finished_at = $2
       WHERE status = 'claimed' AND claimed_at < $3`,
      [reason, this.#clock.now().toISOString(), claimedBefore.toISOString()],
    );
    return result.rowCount ?? 0;
  }
}

function first(rows: readonly RunRow[]): DigestRun | undefined {
  const row = rows[0];
  return row ? toRun(row) : undefined;
}
