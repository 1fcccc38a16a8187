import type Database from "better-sqlite3";
import type pg from "pg";
import { inTransaction } from "./connection.ts";

/** Rows copied per table. */
export interface CopyCounts {
  settings: number;
  schedules: number;
  runs: number;
  feeds: number;
  subscriptions: number;
  items: number;
}

/** Rows per INSERT of feed items: big enough to be quick, small enough for one message. */
const ITEM_BATCH = 500;

/**
 * Copies everything a SQLite deployment stored (settings, schedules, runs, feeds, subscriptions, items)
 * into a migrated PostgreSQL database, in one transaction, keeping ids so that runs still point at their
 * schedules and items at their feeds. Every row is an upsert, so running it twice changes nothing more;
 * the identity sequences then continue after the copied ids. Claims are not copied: a poll in flight in the
 * SQLite deployment is simply due again.
 */
export function copySqliteToPostgres(sqlite: Database.Database, pool: pg.Pool): Promise<CopyCounts> {
  return inTransaction(pool, async (client) => {
    const counts: CopyCounts = { settings: 0, schedules: 0, runs: 0, feeds: 0, subscriptions: 0, items: 0 };
    for (const row of sqlite.prepare<[], Record<string, unknown>>("SELECT * FROM guild_settings").all()) {
      await client.query(
        `INSERT INTO guild_settings (guild_id, empty_digest, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (guild_id) DO UPDATE SET empty_digest = excluded.empty_digest, updated_at = excluded.updated_at`,
        [row.guild_id, row.empty_digest, row.updated_at],
      );
      counts.settings++;
    }
    for (const row of sqlite
      .prepare<[], Record<string, unknown>>("SELECT * FROM digest_schedules ORDER BY id")
      .all()) {
      await client.query(
        `INSERT INTO digest_schedules (id, guild_id, channel_id, time, timezone, topic, enabled, created_by,
           updated_by, created_at, updated_at, topic_key, weekday)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (id) DO UPDATE SET guild_id = excluded.guild_id, channel_id = excluded.channel_id,
           time = excluded.time, timezone = excluded.timezone, topic = excluded.topic, enabled = excluded.enabled,
           topic_key = excluded.topic_key, weekday = excluded.weekday,
           created_by = excluded.created_by, updated_by = excluded.updated_by, created_at = excluded.created_at,
           updated_at = excluded.updated_at`,
        [
          row.id,
          row.guild_id,
          row.channel_id,
          row.time,
          row.timezone,
          row.topic,
          row.enabled === 1,
          row.created_by,
          row.updated_by,
          row.created_at,
          row.updated_at,
          row.topic_key,
          row.weekday,
        ],
      );
      counts.schedules++;
    }
    const runColumns = [
      "id",
      "schedule_id",
      "guild_id",
      "period_key",
      "due_at",
      "status",
      "reason",
      "attempts",
      "claimed_by",
      "claimed_at",
      "finished_at",
      "window_since",
      "window_until",
      "article_count",
      "message_ids",
    ];
    for (const row of sqlite
      .prepare<[], Record<string, unknown>>("SELECT * FROM digest_runs ORDER BY id")
      .all()) {
      await client.query(
        upsertById("digest_runs", runColumns),
        runColumns.map((column) => row[column]),
      );
      counts.runs++;
    }
    const feedColumns = [
      "id",
      "url",
      "title",
      "etag",
      "last_modified",
      "last_fetch_at",
      "last_success_at",
      "consecutive_failures",
      "last_error",
      "next_fetch_at",
      "created_at",
    ];
    for (const row of sqlite.prepare<[], Record<string, unknown>>("SELECT * FROM feeds ORDER BY id").all()) {
      await client.query(
        upsertById("feeds", feedColumns),
        feedColumns.map((column) => row[column]),
      );
      counts.feeds++;
    }
    for (const row of sqlite
      .prepare<[], Record<string, unknown>>("SELECT * FROM feed_subscriptions ORDER BY feed_id, guild_id")
      .all()) {
      await client.query(
        `INSERT INTO feed_subscriptions (feed_id, guild_id, added_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (feed_id, guild_id) DO UPDATE SET added_by = excluded.added_by, created_at = excluded.created_at`,
        [row.feed_id, row.guild_id, row.added_by, row.created_at],
      );
      counts.subscriptions++;
    }
    counts.items = await copyItems(sqlite, client);
    for (const table of ["digest_schedules", "digest_runs", "feeds"]) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1))`,
      );
    }
    return counts;
  });
}

/** Items in the order SQLite saw them (rowid), so that PostgreSQL's seq keeps their tie-breaking order. */
async function copyItems(sqlite: Database.Database, client: pg.PoolClient): Promise<number> {
  const rows = sqlite
    .prepare<[], Record<string, unknown>>("SELECT * FROM feed_items ORDER BY feed_id, first_seen_at, rowid")
    .all();
  for (let start = 0; start < rows.length; start += ITEM_BATCH) {
    const batch = rows.slice(start, start + ITEM_BATCH);
    const column = (name: string) => batch.map((row) => row[name]);
    await client.query(
      `INSERT INTO feed_items (feed_id, item_key, fingerprint, guid_key, canonical_url, article, first_seen_at,
         updated_at, published_at)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
       ON CONFLICT (feed_id, item_key) DO UPDATE SET fingerprint = excluded.fingerprint,
         guid_key = excluded.guid_key, canonical_url = excluded.canonical_url, article = excluded.article,
         first_seen_at = excluded.first_seen_at, updated_at = excluded.updated_at,
         published_at = excluded.published_at`,
      [
        column("feed_id"),
        column("item_key"),
        column("fingerprint"),
        column("guid_key"),
        column("canonical_url"),
        column("article"),
        column("first_seen_at"),
        column("updated_at"),
        column("published_at"),
      ],
    );
  }
  return rows.length;
}

/** An INSERT of every column that, on the same id, overwrites the row instead. */
function upsertById(table: string, columns: readonly string[]): string {
  const values = columns.map((_, index) => `$${index + 1}`).join(", ");
  const updates = columns
    .filter((column) => column !== "id")
    .map((column) => `${column} = excluded.${column}`)
    .join(", ");
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${values}) ON CONFLICT (id) DO UPDATE SET ${updates}`;
}
