import type { Migration } from "./types.ts";

/**
 * When each of Discord's identify buckets may next be used. Shared by every process on the database, so
 * that hosts starting together still open gateway sessions at the pace Discord allows (`max_concurrency`
 * sessions per 5 seconds, one per bucket). Times are epoch milliseconds: plain integers read the same in
 * every engine.
 */
export const identifyBucketsMigration: Migration = {
  version: 4,
  name: "identify-buckets",
  sql: `
    CREATE TABLE identify_buckets (
      bucket     INTEGER PRIMARY KEY,
      next_at_ms BIGINT NOT NULL
    );
  `,
  postgres: `
    CREATE TABLE identify_buckets (
      bucket     INTEGER PRIMARY KEY,
      next_at_ms BIGINT NOT NULL
    );
  `,
};
