import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";
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
} from "./feeds.ts";
import { settle } from "./sqlite-async.ts";

/** Followed by someone: a feed row without subscriptions is on its way out. */
const FOLLOWED = "EXISTS (SELECT 1 FROM feed_subscriptions s WHERE s.feed_id = feeds.id)";
/** Sorts before every stored ISO time: a feed never fetched is due at once. */
const LONG_AGO = "1970-01-01T00:00:00.000Z";

/**
 * {@link FeedRepository} in SQLite. Writes are serialised by SQLite's lock, so the claims and the change
 * log need no more than single statements and short transactions to hold across processes on one host.
 */
export class SqliteFeedRepository implements FeedRepository {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  ensure(url: string): Promise<FeedRecord> {
    return settle(() => {
      const now = this.#clock.now().toISOString();
      this.#db
        .prepare(
          "INSERT INTO feeds (url, created_at, next_fetch_at) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING",
        )
        .run(url, now, now);
      const feed = this.#byUrl(url);
      if (!feed) throw new Error("feed row missing after insert");
      return feed;
    });
  }

  get(id: number): Promise<FeedRecord | undefined> {
    return settle(() => this.#get(id));
  }

  #get(id: number): FeedRecord | undefined {
    const row = this.#db.prepare<[number], FeedRow>("SELECT * FROM feeds WHERE id = ?").get(id);
    return row ? toFeed(row) : undefined;
  }

  byUrl(url: string): Promise<FeedRecord | undefined> {
    return settle(() => this.#byUrl(url));
  }

  #byUrl(url: string): FeedRecord | undefined {
    const row = this.#db.prepare<[string], FeedRow>("SELECT * FROM feeds WHERE url = ?").get(url);
    return row ? toFeed(row) : undefined;
  }

  list(): Promise<FeedRecord[]> {
    return settle(() => this.#db.prepare<[], FeedRow>("SELECT * FROM feeds ORDER BY id").all().map(toFeed));
  }

  subscribe(feedId: number, guildId: string, addedBy?: string): Promise<boolean> {
    return settle(() =>
      this.#db.transaction(() => {
        const added =
          this.#db
            .prepare(
              `INSERT INTO feed_subscriptions (feed_id, guild_id, added_by, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (feed_id, guild_id) DO NOTHING`,
            )
            .run(feedId, guildId, addedBy ?? null, this.#clock.now().toISOString()).changes > 0;
        if (added) this.#logChange(feedId);
        return added;
      })(),
    );
  }

  unsubscribe(feedId: number, guildId: string): Promise<boolean> {
    return settle(() =>
      this.#db.transaction(() => {
        const removed =
          this.#db
            .prepare("DELETE FROM feed_subscriptions WHERE feed_id = ? AND guild_id = ?")
            .run(feedId, guildId).changes > 0;
        this.#db
          .prepare(
            "DELETE FROM feeds WHERE id = ? AND NOT EXISTS (SELECT 1 FROM feed_subscriptions WHERE feed_id = ?)",
          )
          .run(feedId, feedId);
        if (removed) this.#logChange(feedId);
        return removed;
      })(),
    );
  }

  subscriptions(): Promise<FeedSubscription[]> {
    return settle(() =>
      this.#db
        .prepare<[], SubscriptionRow>("SELECT * FROM feed_subscriptions ORDER BY feed_id, guild_id")
        .all()
        .map(toSubscription),
    );
  }

  subscriptionsOf(guildId: string): Promise<FeedSubscription[]> {
    return settle(() =>
      this.#db
        .prepare<[string], SubscriptionRow>(
          "SELECT * FROM feed_subscriptions WHERE guild_id = ? ORDER BY feed_id",
        )
        .all(guildId)
        .map(toSubscription),
    );
  }

  claimDue(now: Date, owner: string, until: Date, limit: number): Promise<FeedRecord[]> {
    const at = now.toISOString();
    // One statement: SQLite holds its write lock for all of it, so no other connection claims in between.
    return settle(() =>
      this.#db
        .prepare<unknown[], FeedRow>(
          `UPDATE feeds SET claimed_by = ?, claimed_until = ?
           WHERE id IN (
             SELECT id FROM feeds
             WHERE (next_fetch_at IS NULL OR next_fetch_at <= ?)
               AND (claimed_until IS NULL OR claimed_until <= ?) AND ${FOLLOWED}
             ORDER BY next_fetch_at, id LIMIT ?)
           RETURNING *`,
        )
        .all(owner, until.toISOString(), at, at, limit)
        .map(toFeed)
        .sort(byDue),
    );
  }

  claim(feedId: number, now: Date, owner: string, until: Date): Promise<FeedRecord | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<unknown[], FeedRow>(
          `UPDATE feeds SET claimed_by = ?, claimed_until = ?
           WHERE id = ? AND (claimed_until IS NULL OR claimed_until <= ?) RETURNING *`,
        )
        .get(owner, until.toISOString(), feedId, now.toISOString());
      return row ? toFeed(row) : undefined;
    });
  }

  nextDueAt(): Promise<Date | undefined> {
    return settle(() => {
      const row = this.#db
        .prepare<[string, string], { due: string | null }>(
          `SELECT MIN(MAX(COALESCE(next_fetch_at, ?), COALESCE(claimed_until, ?))) AS due
           FROM feeds WHERE ${FOLLOWED}`,
        )
        .get(LONG_AGO, LONG_AGO);
      return row?.due == null ? undefined : new Date(row.due);
    });
  }

  recordSuccess(feedId: number, success: FeedSuccess): Promise<void> {
    return settle(() => {
      const now = this.#clock.now().toISOString();
      const forget = success.unconditionalNext === true ? 1 : 0;
      this.#db
        .prepare(
          `UPDATE feeds SET etag = CASE WHEN ? THEN NULL ELSE COALESCE(?, etag) END,
             last_modified = CASE WHEN ? THEN NULL ELSE COALESCE(?, last_modified) END,
             title = COALESCE(?, title), last_fetch_at = ?, last_success_at = ?, consecutive_failures = 0,
             last_error = NULL, next_fetch_at = ?, claimed_by = NULL, claimed_until = NULL
           WHERE id = ?`,
        )
        .run(
          forget,
          success.etag ?? null,
          forget,
          success.lastModified ?? null,
          success.title ?? null,
          now,
          now,
          success.nextFetchAt.toISOString(),
          feedId,
        );
    });
  }

  recordFailure(
    feedId: number,
    error: string,
    nextFetchAt: (failures: number) => Date,
  ): Promise<FeedRecord | undefined> {
    return settle(() =>
      this.#db.transaction(() => {
        const feed = this.#get(feedId);
        if (!feed) return undefined;
        const failures = feed.consecutiveFailures + 1;
        this.#db
          .prepare(
            `UPDATE feeds SET last_fetch_at = ?, consecutive_failures = ?, last_error = ?, next_fetch_at = ?,
               claimed_by = NULL, claimed_until = NULL
             WHERE id = ?`,
          )
          .run(this.#clock.now().toISOString(), failures, error, nextFetchAt(failures).toISOString(), feedId);
        return this.#get(feedId);
      })(),
    );
  }

  setNextFetch(feedId: number, at: Date): Promise<void> {
    return settle(() => {
      this.#db.prepare("UPDATE feeds SET next_fetch_at = ? WHERE id = ?").run(at.toISOString(), feedId);
    });
  }

  fingerprints(feedId: number): Promise<Map<string, string>> {
    return settle(() => {
      const rows = this.#db
        .prepare<[number], { item_key: string; fingerprint: string }>(
          "SELECT item_key, fingerprint FROM feed_items WHERE feed_id = ?",
        )
        .all(feedId);
      return new Map(rows.map((row) => [row.item_key, row.fingerprint]));
    });
  }

  saveItems(feedId: number, items: readonly FeedItemInput[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return settle(() => {
      const now = this.#clock.now().toISOString();
      const upsert = this.#db.prepare(
        `INSERT INTO feed_items
           (feed_id, item_key, fingerprint, guid_key, canonical_url, article, published_at, first_seen_at,
            updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (feed_id, item_key) DO UPDATE SET fingerprint = excluded.fingerprint,
           guid_key = excluded.guid_key, canonical_url = excluded.canonical_url, article = excluded.article,
           published_at = excluded.published_at, updated_at = excluded.updated_at`,
      );
      this.#db.transaction(() => {
        for (const item of items) {
          upsert.run(
            feedId,
            item.key,
            item.fingerprint,
            item.guidKey ?? null,
            item.canonicalUrl ?? null,
            JSON.stringify(item.article),
            publishedAtOf(item.article),
            now,
            now,
          );
        }
        this.#db
          .prepare(
            `DELETE FROM feed_items WHERE feed_id = ? AND rowid NOT IN (
               SELECT rowid FROM feed_items WHERE feed_id = ? ORDER BY first_seen_at DESC, rowid DESC LIMIT ?)`,
          )
          .run(feedId, feedId, MAX_ITEMS_PER_FEED);
        this.#logChange(feedId);
      })();
    });
  }

  pruneItems(publishedBefore: Date): Promise<number> {
    return settle(() =>
      this.#db.transaction(() => {
        const rows = this.#db
          .prepare<[string], { feed_id: number }>(
            "DELETE FROM feed_items WHERE published_at < ? RETURNING feed_id",
          )
          .all(publishedBefore.toISOString());
        for (const feedId of new Set(rows.map((row) => row.feed_id))) this.#logChange(feedId);
        return rows.length;
      })(),
    );
  }

  items(feedId: number): Promise<StoredFeedItem[]> {
    return settle(() =>
      this.#db
        .prepare<[number], ItemRow>(
          "SELECT * FROM feed_items WHERE feed_id = ? ORDER BY first_seen_at, rowid",
        )
        .all(feedId)
        .flatMap((row) => toStoredItem(row) ?? []),
    );
  }

  itemCount(feedId: number): Promise<number> {
    return settle(
      () =>
        this.#db
          .prepare<[number], { count: number }>("SELECT COUNT(*) AS count FROM feed_items WHERE feed_id = ?")
          .get(feedId)?.count ?? 0,
    );
  }

  changesSince(cursor: number | undefined): Promise<FeedChanges> {
    return settle(() => {
      const bounds = this.#db
        .prepare<[], { oldest: number | null; newest: number | null }>(
          "SELECT MIN(seq) AS oldest, MAX(seq) AS newest FROM feed_changes",
        )
        .get();
      const rows =
        cursor === undefined
          ? []
          : this.#db
              .prepare<[number], { seq: number; feed_id: number }>(
                "SELECT seq, feed_id FROM feed_changes WHERE seq > ? ORDER BY seq",
              )
              .all(cursor);
      return feedChangesOf(cursor, rows, bounds?.oldest ?? undefined, bounds?.newest ?? undefined);
    });
  }

  /** Logs a change of a feed for the other processes, and forgets entries old enough that no one reads them. */
  #logChange(feedId: number): void {
    const now = this.#clock.now();
    this.#db
      .prepare("INSERT INTO feed_changes (feed_id, changed_at) VALUES (?, ?)")
      .run(feedId, now.toISOString());
    this.#db
      .prepare("DELETE FROM feed_changes WHERE changed_at < ? AND seq < (SELECT MAX(seq) FROM feed_changes)")
      .run(new Date(now.getTime() - FEED_CHANGES_KEPT_MS).toISOString());
  }
}

/** Soonest due first, never-fetched first, then oldest. */
export function byDue(a: FeedRecord, b: FeedRecord): number {
  const due = (feed: FeedRecord) => feed.nextFetchAt ?? "";
  return due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : a.id - b.id;
}
