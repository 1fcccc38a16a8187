import type Database from "better-sqlite3";
import { ArticleSchema, type Article } from "../core/articles.ts";
import type { Clock } from "../core/clock.ts";

/** The subscription guild id of the operator's FEEDS setting: visible in every server. */
export const EVERY_SERVER = "";

/** A feed and how fetching it has gone. */
export interface FeedRecord {
  id: number;
  url: string;
  title?: string;
  etag?: string;
  lastModified?: string;
  lastFetchAt?: string;
  lastSuccessAt?: string;
  consecutiveFailures: number;
  lastError?: string;
  nextFetchAt?: string;
  createdAt: string;
}

/** A server (or everyone, {@link EVERY_SERVER}) following a feed. */
export interface FeedSubscription {
  feedId: number;
  guildId: string;
  addedBy?: string;
  createdAt: string;
}

/** An item to store: the article made of it and the keys it is recognised by. */
export interface FeedItemInput {
  key: string;
  fingerprint: string;
  guidKey?: string | undefined;
  canonicalUrl?: string | undefined;
  article: Article;
}

export interface StoredFeedItem extends FeedItemInput {
  feedId: number;
  firstSeenAt: string;
}

/** What a successful fetch leaves on record. */
export interface FeedSuccess {
  /** Undefined keeps the stored validator (a 304 sends none). */
  etag?: string | undefined;
  lastModified?: string | undefined;
  title?: string | undefined;
  nextFetchAt: Date;
  /** Forget the validators, so that the next fetch is a full one (items were left for it). */
  unconditionalNext?: boolean;
}

/** The most items kept per feed; the oldest seen go first. */
export const MAX_ITEMS_PER_FEED = 1000;

/** Feeds, their subscriptions and their items. A feed followed by no one is deleted with its items. */
export interface FeedRepository {
  /** The feed with this URL, created (due at once) when new. */
  ensure(url: string): FeedRecord;
  get(id: number): FeedRecord | undefined;
  byUrl(url: string): FeedRecord | undefined;
  /** Every feed, oldest first. */
  list(): FeedRecord[];
  /** Adds a subscription; false when it was there already. */
  subscribe(feedId: number, guildId: string, addedBy?: string): boolean;
  /** Drops a subscription, and the feed with its items when no one follows it any more; false when absent. */
  unsubscribe(feedId: number, guildId: string): boolean;
  /** Every subscription, oldest feed first. */
  subscriptions(): FeedSubscription[];
  /** A server's own subscriptions (or everyone's, with {@link EVERY_SERVER}), oldest feed first. */
  subscriptionsOf(guildId: string): FeedSubscription[];
  /** A fetch that worked (200 or 304): failures reset, validators and next fetch time kept. */
  recordSuccess(feedId: number, success: FeedSuccess): void;
  /**
   * A fetch that failed: one more consecutive failure, the error and the next attempt's time, which
   * `nextFetchAt` works out from the new failure count. Undefined when the feed is gone.
   */
  recordFailure(
    feedId: number,
    error: string,
    nextFetchAt: (failures: number) => Date,
  ): FeedRecord | undefined;
  /** When the feed is fetched next (a server adding it asks for it now). */
  setNextFetch(feedId: number, at: Date): void;
  /** The stored fingerprint of each item key, to skip items that have not changed. */
  fingerprints(feedId: number): Map<string, string>;
  /** Adds new items and replaces changed ones, then trims the feed to {@link MAX_ITEMS_PER_FEED}. */
  saveItems(feedId: number, items: readonly FeedItemInput[]): void;
  /** A feed's items in the order they were first seen; rows that no longer read as articles are left out. */
  items(feedId: number): StoredFeedItem[];
  itemCount(feedId: number): number;
}

interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: string | null;
  last_success_at: string | null;
  consecutive_failures: number;
  last_error: string | null;
  next_fetch_at: string | null;
  created_at: string;
}

interface SubscriptionRow {
  feed_id: number;
  guild_id: string;
  added_by: string | null;
  created_at: string;
}

interface ItemRow {
  feed_id: number;
  item_key: string;
  fingerprint: string;
  guid_key: string | null;
  canonical_url: string | null;
  article: string;
  first_seen_at: string;
}

function toFeed(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    ...(row.title !== null && { title: row.title }),
    ...(row.etag !== null && { etag: row.etag }),
    ...(row.last_modified !== null && { lastModified: row.last_modified }),
    ...(row.last_fetch_at !== null && { lastFetchAt: row.last_fetch_at }),
    ...(row.last_success_at !== null && { lastSuccessAt: row.last_success_at }),
    consecutiveFailures: row.consecutive_failures,
    ...(row.last_error !== null && { lastError: row.last_error }),
    ...(row.next_fetch_at !== null && { nextFetchAt: row.next_fetch_at }),
    createdAt: row.created_at,
  };
}

function toSubscription(row: SubscriptionRow): FeedSubscription {
  return {
    feedId: row.feed_id,
    guildId: row.guild_id,
    ...(row.added_by !== null && { addedBy: row.added_by }),
    createdAt: row.created_at,
  };
}

/** {@link FeedRepository} in SQLite. */
export class SqliteFeedRepository implements FeedRepository {
  readonly #db: Database.Database;
  readonly #clock: Clock;
  constructor(db: Database.Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** The feed with this URL, created (due at once) when new. */
  ensure(url: string): FeedRecord {
    const now = this.#clock.now().toISOString();
    this.#db
      .prepare(
        "INSERT INTO feeds (url, created_at, next_fetch_at) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING",
      )
      .run(url, now, now);
    const feed = this.byUrl(url);
    if (!feed) throw new Error("feed row missing after insert");
    return feed;
  }

  get(id: number): FeedRecord | undefined {
    const row = this.#db.prepare<[number], FeedRow>("SELECT * FROM feeds WHERE id = ?").get(id);
    return row ? toFeed(row) : undefined;
  }

  byUrl(url: string): FeedRecord | undefined {
    const row = this.#db.prepare<[string], FeedRow>("SELECT * FROM feeds WHERE url = ?").get(url);
    return row ? toFeed(row) : undefined;
  }

  /** Every feed, oldest first. */
  list(): FeedRecord[] {
    return this.#db.prepare<[], FeedRow>("SELECT * FROM feeds ORDER BY id").all().map(toFeed);
  }

  /** Adds a subscription; false when it was there already. */
  subscribe(feedId: number, guildId: string, addedBy?: string): boolean {
    return (
      this.#db
        .prepare(
          `INSERT INTO feed_subscriptions (feed_id, guild_id, added_by, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (feed_id, guild_id) DO NOTHING`,
        )
        .run(feedId, guildId, addedBy ?? null, this.#clock.now().toISOString()).changes > 0
    );
  }

  /** Drops a subscription, and the feed with its items when no one follows it any more; false when absent. */
  unsubscribe(feedId: number, guildId: string): boolean {
    return this.#db.transaction(() => {
      const removed =
        this.#db
          .prepare("DELETE FROM feed_subscriptions WHERE feed_id = ? AND guild_id = ?")
          .run(feedId, guildId).changes > 0;
      this.#db
        .prepare(
          "DELETE FROM feeds WHERE id = ? AND NOT EXISTS (SELECT 1 FROM feed_subscriptions WHERE feed_id = ?)",
        )
        .run(feedId, feedId);
      return removed;
    })();
  }

  /** Every subscription, oldest feed first. */
  subscriptions(): FeedSubscription[] {
    return this.#db
      .prepare<[], SubscriptionRow>("SELECT * FROM feed_subscriptions ORDER BY feed_id, guild_id")
      .all()
      .map(toSubscription);
  }

  /** A server's own subscriptions (or everyone's, with {@link EVERY_SERVER}), oldest feed first. */
  subscriptionsOf(guildId: string): FeedSubscription[] {
    return this.#db
      .prepare<[string], SubscriptionRow>(
        "SELECT * FROM feed_subscriptions WHERE guild_id = ? ORDER BY feed_id",
      )
      .all(guildId)
      .map(toSubscription);
  }

  /** A fetch that worked (200 or 304): failures reset, validators and next fetch time kept. */
  recordSuccess(feedId: number, success: FeedSuccess): void {
    const now = this.#clock.now().toISOString();
    this.#db
      .prepare(
        `UPDATE feeds SET etag = CASE WHEN ? THEN NULL ELSE COALESCE(?, etag) END,
           last_modified = CASE WHEN ? THEN NULL ELSE COALESCE(?, last_modified) END,
           title = COALESCE(?, title), last_fetch_at = ?, last_success_at = ?, consecutive_failures = 0,
           last_error = NULL, next_fetch_at = ?
         WHERE id = ?`,
      )
      .run(
        success.unconditionalNext === true ? 1 : 0,
        success.etag ?? null,
        success.unconditionalNext === true ? 1 : 0,
        success.lastModified ?? null,
        success.title ?? null,
        now,
        now,
        success.nextFetchAt.toISOString(),
        feedId,
      );
  }

  /** A fetch that failed: one more consecutive failure, the error and the next attempt's time. */
  recordFailure(
    feedId: number,
    error: string,
    nextFetchAt: (failures: number) => Date,
  ): FeedRecord | undefined {
    return this.#db.transaction(() => {
      const feed = this.get(feedId);
      if (!feed) return undefined;
      const failures = feed.consecutiveFailures + 1;
      this.#db
        .prepare(
          `UPDATE feeds SET last_fetch_at = ?, consecutive_failures = ?, last_error = ?, next_fetch_at = ?
           WHERE id = ?`,
        )
        .run(this.#clock.now().toISOString(), failures, error, nextFetchAt(failures).toISOString(), feedId);
      return this.get(feedId);
    })();
  }

  /** When the feed is fetched next (a server adding it asks for it now). */
  setNextFetch(feedId: number, at: Date): void {
    this.#db.prepare("UPDATE feeds SET next_fetch_at = ? WHERE id = ?").run(at.toISOString(), feedId);
  }

  /** The stored fingerprint of each item key, to skip items that have not changed. */
  fingerprints(feedId: number): Map<string, string> {
    const rows = this.#db
      .prepare<[number], { item_key: string; fingerprint: string }>(
        "SELECT item_key, fingerprint FROM feed_items WHERE feed_id = ?",
      )
      .all(feedId);
    return new Map(rows.map((row) => [row.item_key, row.fingerprint]));
  }

  /** Adds new items and replaces changed ones, then trims the feed to {@link MAX_ITEMS_PER_FEED}. */
  saveItems(feedId: number, items: readonly FeedItemInput[]): void {
    if (items.length === 0) return;
    const now = this.#clock.now().toISOString();
    const upsert = this.#db.prepare(
      `INSERT INTO feed_items
         (feed_id, item_key, fingerprint, guid_key, canonical_url, article, first_seen_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (feed_id, item_key) DO UPDATE SET fingerprint = excluded.fingerprint,
         guid_key = excluded.guid_key, canonical_url = excluded.canonical_url, article = excluded.article,
         updated_at = excluded.updated_at`,
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
    })();
  }

  /** A feed's items in the order they were first seen; rows that no longer read as articles are left out. */
  items(feedId: number): StoredFeedItem[] {
    return this.#db
      .prepare<[number], ItemRow>("SELECT * FROM feed_items WHERE feed_id = ? ORDER BY first_seen_at, rowid")
      .all(feedId)
      .flatMap((row) => {
        const article = ArticleSchema.safeParse(safeJson(row.article));
        if (!article.success) return [];
        return [
          {
            feedId: row.feed_id,
            key: row.item_key,
            fingerprint: row.fingerprint,
            ...(row.guid_key !== null && { guidKey: row.guid_key }),
            ...(row.canonical_url !== null && { canonicalUrl: row.canonical_url }),
            article: article.data,
            firstSeenAt: row.first_seen_at,
          },
        ];
      });
  }

  itemCount(feedId: number): number {
    return (
      this.#db
        .prepare<[number], { count: number }>("SELECT COUNT(*) AS count FROM feed_items WHERE feed_id = ?")
        .get(feedId)?.count ?? 0
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
