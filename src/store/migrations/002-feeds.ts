import type { Migration } from "./types.ts";

/** Feeds, which servers follow them (or everyone, for the operator's FEEDS), and the items read from them. */
export const feedsMigration: Migration = {
  version: 2,
  name: "feeds",
  sql: `
    -- One row a feed URL, however many servers follow it: it is fetched once for all of them.
    CREATE TABLE feeds (
      id                   INTEGER PRIMARY KEY AUTOINCREMENT,
      url                  TEXT NOT NULL UNIQUE,
      title                TEXT,
      etag                 TEXT,
      last_modified        TEXT,
      last_fetch_at        TEXT,
      last_success_at      TEXT,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      last_error           TEXT,
      next_fetch_at        TEXT,
      created_at           TEXT NOT NULL
    );

    -- guild_id '' is the operator's FEEDS setting: visible in every server.
    CREATE TABLE feed_subscriptions (
      feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      guild_id   TEXT NOT NULL,
      added_by   TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (feed_id, guild_id)
    );

    CREATE INDEX feed_subscriptions_by_guild ON feed_subscriptions (guild_id);

    -- Items stay after they drop out of the feed, so the library keeps them; item_key is the guid, else the link.
    CREATE TABLE feed_items (
      feed_id       INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      item_key      TEXT NOT NULL,
      fingerprint   TEXT NOT NULL,
      guid_key      TEXT,
      canonical_url TEXT,
      article       TEXT NOT NULL,
      first_seen_at TEXT NOT NULL,
      updated_at    TEXT NOT NULL,
      PRIMARY KEY (feed_id, item_key)
    );
  `,
};
