import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";
import { settle } from "./sqlite-async.ts";

/** A server's daily digest: where and when it is posted. */
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

/** What `/digest schedule` sets. */
export interface ScheduleInput {
  guildId: string;
  channelId: string;
  time: string;
  timezone: string;
  topic?: string | undefined;
  /** Who made the change, for the record. */
  userId?: string | undefined;
}

/** Digest schedules (`digest_schedules`), one per server. */
export interface ScheduleRepository {
  /**
   * Sets a server's schedule and enables it. A server keeps one schedule id for life, so the runs already
   * recorded for today still count and changing the time never posts a period twice.
   */
  upsert(input: ScheduleInput): Promise<DigestSchedule>;
  /** Turns a server's schedule off; undefined when it has none. */
  disable(guildId: string, userId?: string): Promise<DigestSchedule | undefined>;
  /** A server's schedule, enabled or not. */
  forGuild(guildId: string): Promise<DigestSchedule | undefined>;
  get(id: number): Promise<DigestSchedule | undefined>;
  /** The enabled schedules, oldest first. */
  listEnabled(): Promise<DigestSchedule[]>;
}

/** A `digest_schedules` row, as both engines return it (PostgreSQL's `enabled` is a boolean). */
export interface ScheduleRow {
  id: number;
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  topic: string | null;
  enabled: number | boolean;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The schedule a row describes. */
export function toSchedule(row: ScheduleRow): DigestSchedule {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    ...(row.topic !== null && { topic: row.topic }),
    enabled: row.enabled === 1 || row.enabled === true,
    ...(row.created_by !== null && { createdBy: row.created_by }),
    ...(row.updated_by !== null && { updatedBy: row.updated_by }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** {@link ScheduleRepository} in SQLite. */
export class SqliteScheduleRepository implements ScheduleRepository {
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
  upsert(input: ScheduleInput): Promise<DigestSchedule> {
    return settle(() => {
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
    });
  }

  /** Turns a server's schedule off; undefined when it has none. */
  disable(guildId: string, userId?: string): Promise<DigestSchedule | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<unknown[], ScheduleRow>(
          `UPDATE digest_schedules SET enabled = 0, updated_by = ?, updated_at = ? WHERE guild_id = ? RETURNING *`,
        )
        .get(userId ?? null, this.#clock.now().toISOString(), guildId);
      return row ? toSchedule(row) : undefined;
    });
  }

  forGuild(guildId: string): Promise<DigestSchedule | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[string], ScheduleRow>("SELECT * FROM digest_schedules WHERE guild_id = ?")
        .get(guildId);
      return row ? toSchedule(row) : undefined;
    });
  }

  get(id: number): Promise<DigestSchedule | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[number], ScheduleRow>("SELECT * FROM digest_schedules WHERE id = ?")
        .get(id);
      return row ? toSchedule(row) : undefined;
    });
  }

  listEnabled(): Promise<DigestSchedule[]> {
    return settle(() => {
      return this.#db
        .prepare<[], ScheduleRow>("SELECT * FROM digest_schedules WHERE enabled = 1 ORDER BY id")
        .all()
        .map(toSchedule);
    });
  }
}
