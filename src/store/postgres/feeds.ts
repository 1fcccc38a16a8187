import type pg from "pg";
import type { Clock } from "../../core/clock.ts";
import {
  FEED_CHANGES_KEPT_MS,
  feedChangesOf,
  MAX_ITEMS_PER_FEED,
  publishedAtOf,
  toFeed,
  toStoredItem,
  toSubscription,
  type FeedChanges,
  type FeedItemInput,
  type FeedRecord,
  type FeedRepository,
  type FeedRow,
  type FeedSubscription,
  type FeedSuccess,
  type ItemRow,
  type StoredFeedItem,
  type SubscriptionRow,
} from "../feeds.ts";
import { byDue } from "../sqlite-feeds.ts";
import { inTransaction, type Queryable } from "./connection.ts";

/** The NOTIFY channel of feed changes; the payload is the schema, so stores in other schemas ignore it. */
export const FEED_CHANGES_CHANNEL = "newsdesk_feed_changes";

const FOLLOWED = "EXISTS (SELECT 1 FROM feed_subscriptions s WHERE s.feed_id = feeds.id)";
const LONG_AGO = "1970-01-01T00:00:00.000Z";

/**
 * {@link FeedRepository} in PostgreSQL. Polls are claimed with `FOR UPDATE SKIP LOCKED`, so hosts claiming
 * at the same moment each get other feeds; every change to a feed's items or followers is logged (under a
 * transaction advisory lock, so the log's order is commit order) and announced with NOTIFY at commit.
 */
export class PgFeedRepository implements FeedRepository {
  readonly #pool: pg.Pool;
  readonly #clock: Clock;
  constructor(pool: pg.Pool, clock: Clock) {
    this.#pool = pool;
    this.#clock = clock;
  }

  async ensure(url: string): Promise<FeedRecord> {
    const now = this.#clock.now().toISOString();
    await this.#pool.query(
      "INSERT INTO feeds (url, created_at, next_fetch_at) VALUES ($1, $2, $2) ON CONFLICT (url) DO NOTHING",
      [url, now],
    );
    const feed = await this.byUrl(url);
    if (!feed) throw new Error("feed row missing after insert");
    return feed;
  }

  async get(id: number): Promise<FeedRecord | undefined> {
    return firstFeed(await this.#pool.query<FeedRow>("SELECT * FROM feeds WHERE id = $1", [id]));
  }

  async byUrl(url: string): Promise<FeedRecord | undefined> {
    return firstFeed(await this.#pool.query<FeedRow>("SELECT * FROM feeds WHERE url = $1", [url]));
  }

  async list(): Promise<FeedRecord[]> {
    return (await this.#pool.query<FeedRow>("SELECT * FROM feeds ORDER BY id")).rows.map(toFeed);
  }

  subscribe(feedId: number, guildId: string, addedBy?: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      const result = await client.query(
        `INSERT INTO feed_subscriptions (feed_id, guild_id, added_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (feed_id, guild_id) DO NOTHING`,
        [feedId, guildId, addedBy ?? null, this.#clock.now().toISOString()],
      );
      const added = (result.rowCount ?? 0) > 0;
      if (added) await this.#logChange(client, feedId);
      return added;
    });
  }

  unsubscribe(feedId: number, guildId: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      const result = await client.query(
        "DELETE FROM feed_subscriptions WHERE feed_id = $1 AND guild_id = $2",
        [feedId, guildId],
      );
      await client.query(
        "DELETE FROM feeds WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM feed_subscriptions WHERE feed_id = $1)",
        [feedId],
      );
      const removed = (result.rowCount ?? 0) > 0;
      if (removed) await this.#logChange(client, feedId);
      return removed;
    });
  }

  async subscriptions(): Promise<FeedSubscription[]> {
    const result = await this.#pool.query<SubscriptionRow>(
      "SELECT * FROM feed_subscriptions ORDER BY feed_id, guild_id",
    );
    return result.rows.map(toSubscription);
  }

  async subscriptionsOf(guildId: string): Promise<FeedSubscription[]> {
    const result = await this.#pool.query<SubscriptionRow>(
      "SELECT * FROM feed_subscriptions WHERE guild_id = $1 ORDER BY feed_id",
      [guildId],
    );
    return result.rows.map(toSubscription);
  }

  async claimDue(now: Date, owner: string, until: Date, limit: number): Promise<FeedRecord[]> {
    const result = await this.#pool.query<FeedRow>(
      `UPDATE feeds SET claimed_by = $1, claimed_until = $2
       WHERE id IN (
         SELECT id FROM feeds
         WHERE (next_fetch_at IS NULL OR next_fetch_at <= $3)
           AND (claimed_until IS NULL OR claimed_until <= $3) AND ${FOLLOWED}
         ORDER BY next_fetch_at NULLS FIRST, id LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [owner, until.toISOString(), now.toISOString(), limit],
    );
    return result.rows.map(toFeed).sort(byDue);
  }

  async claim(feedId: number, now: Date, owner: string, until: Date): Promise<FeedRecord | undefined> {
    const result = await this.#pool.query<FeedRow>(
      `UPDATE feeds SET claimed_by = $1, claimed_until = $2
       WHERE id = $3 AND (claimed_until IS NULL OR claimed_until <= $4) RETURNING *`,
      [owner, until.toISOString(), feedId, now.toISOString()],
    );
    return firstFeed(result);
  }

  async nextDueAt(): Promise<Date | undefined> {
    const result = await this.#pool.query<{ due: string | null }>(
      `SELECT MIN(GREATEST(COALESCE(next_fetch_at, $1), COALESCE(claimed_until, $1))) AS due
       FROM feeds WHERE ${FOLLOWED}`,
      [LONG_AGO],
    );
    const due = result.rows[0]?.due;
    return due == null ? undefined : new Date(due);
  }

  async recordSuccess(feedId: number, success: FeedSuccess): Promise<void> {
    const now = this.#clock.now().toISOString();
    await this.#pool.query(
      `UPDATE feeds SET etag = CASE WHEN $1 THEN NULL ELSE COALESCE($2, etag) END,
         last_modified = CASE WHEN $1 THEN NULL ELSE COALESCE($3, last_modified) END,
         title = COALESCE($4, title), last_fetch_at = $5, last_success_at = $5, consecutive_failures = 0,
         last_error = NULL, next_fetch_at = $6, claimed_by = NULL, claimed_until = NULL
       WHERE id = $7`,
      [
        success.unconditionalNext === true,
        success.etag ?? null,
        success.lastModified ?? null,
        success.title ?? null,
        now,
        success.nextFetchAt.toISOString(),
        feedId,
      ],
    );
  }

  recordFailure(
    feedId: number,
    error: string,
    nextFetchAt: (failures: number) => Date,
  ): Promise<FeedRecord | undefined> {
    return inTransaction(this.#pool, async (client) => {
      const current = await client.query<{ consecutive_failures: number }>(
        "SELECT consecutive_failures FROM feeds WHERE id = $1 FOR UPDATE",
        [feedId],
      );
      const row = current.rows[0];
      if (!row) return undefined;
      const failures = row.consecutive_failures + 1;
      const result = await client.query<FeedRow>(
        `UPDATE feeds SET last_fetch_at = $1, consecutive_failures = $2, last_error = $3, next_fetch_at = $4,
           claimed_by = NULL, claimed_until = NULL
         WHERE id = $5 RETURNING *`,
        [this.#clock.now().toISOString(), failures, error, nextFetchAt(failures).toISOString(), feedId],
      );
      return firstFeed(result);
    });
  }

  async setNextFetch(feedId: number, at: Date): Promise<void> {
    await this.#pool.query("UPDATE feeds SET next_fetch_at = $1 WHERE id = $2", [at.toISOString(), feedId]);
  }

  async fingerprints(feedId: number): Promise<Map<string, string>> {
    const result = await this.#pool.query<{ item_key: string; fingerprint: string }>(
      "SELECT item_key, fingerprint FROM feed_items WHERE feed_id = $1",
      [feedId],
    );
    return new Map(result.rows.map((row) => [row.item_key, row.fingerprint]));
  }

  async saveItems(feedId: number, items: readonly FeedItemInput[]): Promise<void> {
    if (items.length === 0) return;
    const now = this.#clock.now().toISOString();
    await inTransaction(this.#pool, async (client) => {
      // One statement for the batch; unnest keeps the input order, which the identity seq records.
      await client.query(
        `INSERT INTO feed_items
           (feed_id, item_key, fingerprint, guid_key, canonical_url, article, published_at, first_seen_at,
            updated_at)
         SELECT $1, key, fingerprint, guid_key, canonical_url, article, published_at, $8, $8
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
           WITH ORDINALITY AS item (key, fingerprint, guid_key, canonical_url, article, published_at, position)
         ORDER BY position
         ON CONFLICT (feed_id, item_key) DO UPDATE SET fingerprint = excluded.fingerprint,
           guid_key = excluded.guid_key, canonical_url = excluded.canonical_url, article = excluded.article,
           published_at = excluded.published_at, updated_at = excluded.updated_at`,
        [
          feedId,
          items.map((item) => item.key),
          items.map((item) => item.fingerprint),
          items.map((item) => item.guidKey ?? null),
          items.map((item) => item.canonicalUrl ?? null),
          items.map((item) => JSON.stringify(item.article)),
          items.map((item) => publishedAtOf(item.article)),
          now,
        ],
      );
      await client.query(
        `DELETE FROM feed_items WHERE feed_id = $1 AND seq NOT IN (
           SELECT seq FROM feed_items WHERE feed_id = $1 ORDER BY first_seen_at DESC, seq DESC LIMIT $2)`,
        [feedId, MAX_ITEMS_PER_FEED],
      );
      await this.#logChange(client, feedId);
    });
  }

  pruneItems(publishedBefore: Date): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      const result = await client.query<{ feed_id: number }>(
        "DELETE FROM feed_items WHERE published_at < $1 RETURNING feed_id",
        [publishedBefore.toISOString()],
      );
      for (const feedId of new Set(result.rows.map((row) => row.feed_id)))
        await this.#logChange(client, feedId);
      return result.rows.length;
    });
  }

  async items(feedId: number): Promise<StoredFeedItem[]> {
    const result = await this.#pool.query<ItemRow>(
      "SELECT * FROM feed_items WHERE feed_id = $1 ORDER BY first_seen_at, seq",
      [feedId],
    );
    return result.rows.flatMap((row) => toStoredItem(row) ?? []);
  }

  async itemCount(feedId: number): Promise<number> {
    const result = await this.#pool.query<{ count: number }>(
      "SELECT COUNT(*)::int AS count FROM feed_items WHERE feed_id = $1",
      [feedId],
    );
    return result.rows[0]?.count ?? 0;
  }

  async changesSince(cursor: number | undefined): Promise<FeedChanges> {
    const bounds = await this.#pool.query<{ oldest: number | null; newest: number | null }>(
      "SELECT MIN(seq) AS oldest, MAX(seq) AS newest FROM feed_changes",
    );
    const rows =
      cursor === undefined
        ? []
        : (
            await this.#pool.query<{ seq: number; feed_id: number }>(
              "SELECT seq, feed_id FROM feed_changes WHERE seq > $1 ORDER BY seq",
              [cursor],
            )
          ).rows;
    return feedChangesOf(
      cursor,
      rows,
      bounds.rows[0]?.oldest ?? undefined,
      bounds.rows[0]?.newest ?? undefined,
    );
  }

  /**
   * Logs a change inside the writer's transaction and announces it at commit. The advisory lock makes
   * writers commit one after another, so a reader past seq n has seen every smaller seq.
   */
  async #logChange(client: Queryable, feedId: number): Promise<void> {
    const now = this.#clock.now();
    await client.query(
      "SELECT pg_advisory_xact_lock(hashtext('newsdesk:feed-changes:' || current_schema()))",
    );
    await client.query("INSERT INTO feed_changes (feed_id, changed_at) VALUES ($1, $2)", [
      feedId,
      now.toISOString(),
    ]);
    await client.query(
      "DELETE FROM feed_changes WHERE changed_at < $1 AND seq < (SELECT MAX(seq) FROM feed_changes)",
      [new Date(now.getTime() - FEED_CHANGES_KEPT_MS).toISOString()],
    );
    await client.query("SELECT pg_notify($1, current_schema())", [FEED_CHANGES_CHANNEL]);
  }
}

function firstFeed(result: pg.QueryResult<FeedRow>): FeedRecord | undefined {
  const row = result.rows[0];
  return row ? toFeed(row) : undefined;
}
