import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";
import { parseWeekday, type Weekday } from "../core/digest/weekly.ts";
import { settle } from "./sqlite-async.ts";

/**
 * One of a server's digests: where and when it is posted, and about what. A server has one schedule per
 * channel and topic; each is daily, or weekly on `weekday`.
 */
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
  /** The day a weekly digest goes out on; absent for a daily one. */
  weekday?: Weekday;
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
  /** Weekly on this day; daily when absent. */
  weekday?: Weekday | undefined;
  /** Who made the change, for the record. */
  userId?: string | undefined;
}

/** Digest schedules (`digest_schedules`), one per server, channel and topic. */
export interface ScheduleRepository {
  /**
   * Sets the schedule of a server's channel and topic and enables it: a new one, or the one that channel
   * and topic already have, changed in place. A schedule keeps its id for life, so the runs already recorded
   * for it still count and changing its time never posts a period twice.
   */
  upsert(input: ScheduleInput): Promise<DigestSchedule>;
  /** Turns one of a server's schedules off; undefined when the server has no schedule of that id. */
  disable(guildId: string, scheduleId: number, userId?: string): Promise<DigestSchedule | undefined>;
  /** A server's schedules, enabled or not, oldest first. */
  forGuild(guildId: string): Promise<DigestSchedule[]>;
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
  weekday: string | null;
  enabled: number | boolean;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The value of `topic_key`, the topic part of a schedule's identity: the topic as stored, '' for none. */
export function topicKey(topic: string | undefined): string {
  return topic ?? "";
}

/** The schedule a row describes. */
export function toSchedule(row: ScheduleRow): DigestSchedule {
  const weekday = row.weekday === null ? undefined : parseWeekday(row.weekday);
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    ...(row.topic !== null && { topic: row.topic }),
    ...(weekday !== undefined && { weekday }),
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

  upsert(input: ScheduleInput): Promise<DigestSchedule> {
    return settle(() => {
      const now = this.#clock.now().toISOString();
      const row = this.#db
        .prepare<unknown[], ScheduleRow>(
          `INSERT INTO digest_schedules
             (guild_id, channel_id, time, timezone, topic, topic_key, weekday, enabled, created_by, updated_by,
              created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
           ON CONFLICT (guild_id, channel_id, topic_key) DO UPDATE SET
             time = excluded.time, timezone = excluded.timezone, weekday = excluded.weekday, enabled = 1,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at
           RETURNING *`,
        )
        .get(
          input.guildId,
          input.channelId,
          input.time,
          input.timezone,
          input.topic ?? null,
          topicKey(input.topic),
          input.weekday ?? null,
          input.userId ?? null,
          input.userId ?? null,
          now,
          now,
        );
      if (!row) throw new Error("upsert returned no schedule row");
      return toSchedule(row);
    });
  }

  disable(guildId: string, scheduleId: number, userId?: string): Promise<DigestSchedule | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<unknown[], ScheduleRow>(
          `UPDATE digest_schedules SET enabled = 0, updated_by = ?, updated_at = ?
           WHERE guild_id = ? AND id = ? RETURNING *`,
        )
        .get(userId ?? null, this.#clock.now().toISOString(), guildId, scheduleId);
      return row ? toSchedule(row) : undefined;
    });
  }

  forGuild(guildId: string): Promise<DigestSchedule[]> {
    return settle(() => {
      return this.#db
        .prepare<[string], ScheduleRow>("SELECT * FROM digest_schedules WHERE guild_id = ? ORDER BY id")
        .all(guildId)
        .map(toSchedule);
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
