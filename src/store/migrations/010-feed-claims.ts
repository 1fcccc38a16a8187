import type { Migration } from "./types.ts";

/**
 * Work shared by every process of a deployment: a feed's poll is claimed (owner and lease) so that one
 * process fetches it per interval, and every change to a feed's items or followers is logged in order, so
 * that the other processes' libraries load it (a cheap poll of the log; on PostgreSQL also a NOTIFY).
 */
export const feedClaimsMigration: Migration = {
  version: 10,
  name: "feed-claims",
  sql: `
    ALTER TABLE feeds ADD COLUMN claimed_by TEXT;
    ALTER TABLE feeds ADD COLUMN claimed_until TEXT;
    CREATE INDEX feeds_by_due ON feeds (next_fetch_at);

    -- No foreign key: the record of a feed's removal outlives the feed.
    CREATE TABLE feed_changes (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      feed_id    INTEGER NOT NULL,
      changed_at TEXT NOT NULL
    );
  `,
  postgres: `
    ALTER TABLE feeds ADD COLUMN claimed_by TEXT, ADD COLUMN claimed_until TIMESTAMPTZ;
    CREATE INDEX feeds_by_due ON feeds (next_fetch_at);

    -- Writers take a transaction-scoped advisory lock before inserting, so seq order is commit order and a
    -- reader that has seen seq n never misses a smaller one committed later.
    CREATE TABLE feed_changes (
      seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      feed_id    INTEGER NOT NULL,
      changed_at TIMESTAMPTZ NOT NULL
    );
  `,
};
