import type { Migration } from "./types.ts";

/**
 * Live alerts: each follow (a query, speaker or source into a channel) and the record of each article it
 * posted or queued. The SQL is kept portable (TEXT ids made by the app, INTEGER flags, ISO-8601 text times,
 * `ON CONFLICT DO NOTHING` and `RETURNING`), so that a PostgreSQL store can run the same DDL.
 */
export const FOLLOWS_DDL = `
    CREATE TABLE follows (
      id                   TEXT PRIMARY KEY,
      guild_id             TEXT NOT NULL,
      channel_id           TEXT NOT NULL,
      query                TEXT,
      speaker_id           TEXT,
      speaker_name         TEXT,
      -- The speaker's names as the registry knew them when the follow was made: a JSON array of strings.
      speaker_aliases      TEXT NOT NULL DEFAULT '[]',
      source               TEXT,
      exclude              TEXT,
      mention_role_id      TEXT,
      mode                 TEXT NOT NULL CHECK (mode IN ('each', 'hourly')),
      paused               INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
      paused_reason        TEXT,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      last_error           TEXT,
      last_error_at        TEXT,
      last_post_at         TEXT,
      created_by           TEXT,
      created_at           TEXT NOT NULL,
      updated_at           TEXT NOT NULL
    );

    CREATE INDEX follows_by_guild ON follows (guild_id);

    -- The primary key (follow, article) is what makes an article post at most once per follow: a row is
    -- claimed before anything is sent. placement: top (a new story), reply (a later article of a story,
    -- in its thread), batch (one line of an "N more stories" message). story_key: the article whose post
    -- opened the story.
    CREATE TABLE follow_posts (
      follow_id   TEXT NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
      article_id  TEXT NOT NULL,
      story_key   TEXT NOT NULL,
      placement   TEXT NOT NULL CHECK (placement IN ('top', 'reply', 'batch')),
      status      TEXT NOT NULL CHECK (status IN ('queued', 'claimed', 'posted', 'failed')),
      batch_key   TEXT,
      message_id  TEXT,
      thread_id   TEXT,
      reason      TEXT,
      attempts    INTEGER NOT NULL DEFAULT 0,
      claimed_by  TEXT,
      claimed_at  TEXT NOT NULL,
      finished_at TEXT,
      PRIMARY KEY (follow_id, article_id)
    );

    CREATE INDEX follow_posts_by_time ON follow_posts (follow_id, claimed_at);
    CREATE INDEX follow_posts_by_status ON follow_posts (status);
`;

/** The follows tables (issue #15). */
export const followsMigration: Migration = {
  version: 3,
  name: "follows",
  sql: FOLLOWS_DDL,
  postgres: FOLLOWS_DDL,
};
