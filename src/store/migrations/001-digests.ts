import type { Migration } from "./types.ts";

/** Per-server settings, digest schedules and the record of each scheduled digest run. */
export const digestsMigration: Migration = {
  version: 1,
  name: "digests",
  sql: `
    CREATE TABLE guild_settings (
      guild_id     TEXT PRIMARY KEY,
      empty_digest TEXT NOT NULL DEFAULT 'post' CHECK (empty_digest IN ('post', 'skip')),
      updated_at   TEXT NOT NULL
    );

    -- One schedule a server; "off" disables it so that its runs stay on record.
    CREATE TABLE digest_schedules (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      guild_id   TEXT NOT NULL UNIQUE,
      channel_id TEXT NOT NULL,
      time       TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
      timezone   TEXT NOT NULL,
      topic      TEXT,
      enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      created_by TEXT,
      updated_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    -- The unique (schedule, period) pair is what makes a digest post at most once per period.
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

    CREATE INDEX digest_runs_by_guild ON digest_runs (guild_id, due_at);
  `,
};
