import type pg from "pg";
import type { Clock } from "../../core/clock.ts";
import {
  toSchedule,
  type DigestSchedule,
  type ScheduleInput,
  type ScheduleRepository,
  type ScheduleRow,
  topicKey,
} from "../schedules.ts";

/** {@link ScheduleRepository} in PostgreSQL. */
export class PgScheduleRepository implements ScheduleRepository {
  readonly #pool: pg.Pool;
  readonly #clock: Clock;
  constructor(pool: pg.Pool, clock: Clock) {
    this.#pool = pool;
    this.#clock = clock;
  }

  async upsert(input: ScheduleInput): Promise<DigestSchedule> {
    const now = this.#clock.now().toISOString();
    const result = await this.#pool.query<ScheduleRow>(
      `INSERT INTO digest_schedules
         (guild_id, channel_id, time, timezone, topic, topic_key, weekday, enabled, created_by, updated_by,
          created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, $8, $8, $9, $9)
       ON CONFLICT (guild_id, channel_id, topic_key) DO UPDATE SET
         time = excluded.time, timezone = excluded.timezone, weekday = excluded.weekday, enabled = TRUE,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       RETURNING *`,
      [
        input.guildId,
        input.channelId,
        input.time,
        input.timezone,
        input.topic ?? null,
        topicKey(input.topic),
        input.weekday ?? null,
        input.userId ?? null,
        now,
      ],
    );
    const row = result.rows[0];
    if (!row) throw new Error("upsert returned no schedule row");
    return toSchedule(row);
  }

  async disable(guildId: string, scheduleId: number, userId?: string): Promise<DigestSchedule | undefined> {
    const result = await this.#pool.query<ScheduleRow>(
      `UPDATE digest_schedules SET enabled = FALSE, updated_by = $1, updated_at = $2
       WHERE guild_id = $3 AND id = $4 RETURNING *`,
      [userId ?? null, this.#clock.now().toISOString(), guildId, scheduleId],
    );
    return first(result.rows);
  }

  async forGuild(guildId: string): Promise<DigestSchedule[]> {
    const result = await this.#pool.query<ScheduleRow>(
      "SELECT * FROM digest_schedules WHERE guild_id = $1 ORDER BY id",
      [guildId],
    );
    return result.rows.map(toSchedule);
  }

  async get(id: number): Promise<DigestSchedule | undefined> {
    const result = await this.#pool.query<ScheduleRow>("SELECT * FROM digest_schedules WHERE id = $1", [id]);
    return first(result.rows);
  }

  async listEnabled(): Promise<DigestSchedule[]> {
    const result = await this.#pool.query<ScheduleRow>(
      "SELECT * FROM digest_schedules WHERE enabled ORDER BY id",
    );
    return result.rows.map(toSchedule);
  }
}

function first(rows: readonly ScheduleRow[]): DigestSchedule | undefined {
  const row = rows[0];
  return row ? toSchedule(row) : undefined;
}
