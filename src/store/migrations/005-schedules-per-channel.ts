import type { Migration } from "./types.ts";

/** The weekday names a weekly schedule may store, as the CHECK constraints of both engines spell them. */
const WEEKDAYS = "('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')";

/**
 * Several digest schedules per server: one per channel and topic (`topic_key` is the topic, or '' for none,
 * so that the unique constraint also holds for schedules without a topic), each daily or weekly (`weekday`,
 * NULL for daily). Existing schedules keep their ids, and their runs stay theirs.
 *
 * SQLite cannot drop the old inline UNIQUE (guild_id), so the table is rebuilt. Foreign keys are on and a
 * migration runs inside a transaction (where `PRAGMA foreign_keys` cannot change), so dropping the old table
 * would cascade into `digest_runs`: the runs are set aside first and put back, ids and all, into a
 * `digest_runs` created as migration 001 made it.
 */
export const schedulesPerChannelMigration: Migration = {
  version: 5,
  name: "schedules-per-channel",
  sql: `
    CREATE TABLE digest_runs_before_005 AS SELECT * FROM digest_runs;
    DROP TABLE digest_runs;

    CREATE TABLE digest_schedules_005 (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      guild_id   TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      time       TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
      timezone   TEXT NOT NULL,
      topic      TEXT,
      topic_key  TEXT NOT NULL DEFAULT '',
      weekday    TEXT CHECK (weekday IN ${WEEKDAYS}),
      enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      created_by TEXT,
      updated_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (guild_id, channel_id, topic_key)
    );
    INSERT INTO digest_schedules_005
      (id, guild_id, channel_id, time, timezone, topic, topic_key, weekday, enabled, created_by, updated_by,
       created_at, updated_at)
    SELECT id, guild_id, channel_id, time, timezone, topic, COALESCE(topic, ''), NULL, enabled, created_by,
           updated_by, created_at, updated_at
    FROM digest_schedules;
    DROP TABLE digest_schedules;
    ALTER TABLE digest_schedules_005 RENAME TO digest_schedules;
    CREATE INDEX digest_schedules_by_guild ON digest_schedules (guild_id, id);

    CREATE TABLE digest_runs (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      schedule_id   INTEGER NOT NULL REFERENCES digest_schedules (id) ON DELETE CASCADE,
      guild_id      TEXT NOT NULL,
      period_key    TEXT NOT NULL,
      due_at        TEXT NOT NULL,
      status        TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'skipped')),
      reason        TEXT,
      attempts      INTEGER NOT NULL DEFAULT 0,
      claimed_by    TEXT,
      claimed_at    TEXT NOT NULL,
      finished_at   TEXT,
      window_since  TEXT,
      window_until  TEXT,
      article_count INTEGER,
      message_ids   TEXT NOT NULL DEFAULT '[]',
      UNIQUE (schedule_id, period_key)
    );
    INSERT INTO digest_runs
      (id, schedule_id, guild_id, period_key, due_at, status, reason, attempts, claimed_by, claimed_at,
       finished_at, window_since, window_until, article_count, message_ids)
    SELECT id, schedule_id, guild_id, period_key, due_at, status, reason, attempts, claimed_by, claimed_at,
           finished_at, window_since, window_until, article_count, message_ids
    FROM digest_runs_before_005;
    DROP TABLE digest_runs_before_005;
    CREATE INDEX digest_runs_by_guild ON digest_runs (guild_id, due_at);
    CREATE INDEX digest_runs_by_schedule ON digest_runs (schedule_id, due_at);
  `,
  postgres: `
    ALTER TABLE digest_schedules DROP CONSTRAINT digest_schedules_guild_id_key;
    ALTER TABLE digest_schedules ADD COLUMN topic_key TEXT NOT NULL DEFAULT '';
    UPDATE digest_schedules SET topic_key = COALESCE(topic, '');
    ALTER TABLE digest_schedules ADD COLUMN weekday TEXT CHECK (weekday IN ${WEEKDAYS});
    ALTER TABLE digest_schedules
      ADD CONSTRAINT digest_schedules_place UNIQUE (guild_id, channel_id, topic_key);
    CREATE INDEX digest_schedules_by_guild ON digest_schedules (guild_id, id);
    CREATE INDEX digest_runs_by_schedule ON digest_runs (schedule_id, due_at);
  `,
};
