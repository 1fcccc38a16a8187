import { ArticleSchema, type Article } from "../core/articles.ts";

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
  /** The process polling it now, and until when its claim holds. */
  claimedBy?: string;
  claimedUntil?: string;
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

/** What changed in the feeds since a reader last looked: its new cursor, and the feeds to reload. */
export interface FeedChanges {
  /** Pass it to the next {@link FeedRepository.changesSince}. */
  cursor: number;
  /** Feeds whose items or followers changed; "all" when the reader is too far behind to tell which. */
  feedIds: number[] | "all";
}

/** How long the change log keeps an entry; a reader further behind reloads everything. */
export const FEED_CHANGES_KEPT_MS = 24 * 3_600_000;

/**
 * Feeds, their subscriptions and their items. A feed followed by no one is deleted with its items. Shared
 * by every process of a deployment: polls are claimed here, and changes are logged here for the others.
 */
export interface FeedRepository {
  /** The feed with this URL, created (due at once) when new. */
  ensure(url: string): Promise<FeedRecord>;
  get(id: number): Promise<FeedRecord | undefined>;
  byUrl(url: string): Promise<FeedRecord | undefined>;
  /** Every feed, oldest first. */
  list(): Promise<FeedRecord[]>;
  /** Adds a subscription; false when it was there already. */
  subscribe(feedId: number, guildId: string, addedBy?: string): Promise<boolean>;
  /** Drops a subscription, and the feed with its items when no one follows it any more; false when absent. */
  unsubscribe(feedId: number, guildId: string): Promise<boolean>;
  /** Every subscription, oldest feed first. */
  subscriptions(): Promise<FeedSubscription[]>;
  /** A server's own subscriptions (or everyone's, with {@link EVERY_SERVER}), oldest feed first. */
  subscriptionsOf(guildId: string): Promise<FeedSubscription[]>;
  /**
   * Claims up to `limit` followed feeds that are due at `now` and not claimed by anyone (or whose claim ran
   * out), for `owner` until `until`, soonest due first. Two callers, on any connection or host, never get
   * the same feed while its claim lasts; recording the poll's outcome releases it.
   */
  claimDue(now: Date, owner: string, until: Date, limit: number): Promise<FeedRecord[]>;
  /** Claims one feed whether due or not (a server adding it fetches it at once); undefined when claimed by another. */
  claim(feedId: number, now: Date, owner: string, until: Date): Promise<FeedRecord | undefined>;
  /** When the next followed feed is due or its claim runs out (whichever is later, per feed); undefined with none. */
  nextDueAt(): Promise<Date | undefined>;
  /** A fetch that worked (200 or 304): failures reset, validators and next fetch time kept, claim released. */
  recordSuccess(feedId: number, success: FeedSuccess): Promise<void>;
  /**
   * A fetch that failed: one more consecutive failure, the error and the next attempt's time, which
   * `nextFetchAt` works out from the new failure count; the claim is released. Undefined when the feed is gone.
   */
  recordFailure(
    feedId: number,
    error: string,
    nextFetchAt: (failures: number) => Date,
  ): Promise<FeedRecord | undefined>;
  /** When the feed is fetched next (a server adding it asks for it now). */
  setNextFetch(feedId: number, at: Date): Promise<void>;
  /** The stored fingerprint of each item key, to skip items that have not changed. */
  fingerprints(feedId: number): Promise<Map<string, string>>;
  /** Adds new items and replaces changed ones, then trims the feed to {@link MAX_ITEMS_PER_FEED}. */
  saveItems(feedId: number, items: readonly FeedItemInput[]): Promise<void>;
  /**
   * Deletes every item published before `publishedBefore` (ARTICLE_RETENTION_DAYS), of every feed; undated
   * items stay. Each feed that lost items is logged as changed, so that every process drops them. Returns
   * how many went.
   */
  pruneItems(publishedBefore: Date): Promise<number>;
  /** A feed's items in the order they were first seen; rows that no longer read as articles are left out. */
  items(feedId: number): Promise<StoredFeedItem[]>;
  itemCount(feedId: number): Promise<number>;
  /**
   * The feeds whose items or followers changed after `cursor` (from any process), and the cursor to pass
   * next time; with no cursor, the current one and "all".
   */
  changesSince(cursor: number | undefined): Promise<FeedChanges>;
}

/** A `feeds` row, as both engines return it. */
export interface FeedRow {
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
  claimed_by?: string | null;
  claimed_until?: string | null;
}

/** A `feed_subscriptions` row, as both engines return it. */
export interface SubscriptionRow {
  feed_id: number;
  guild_id: string;
  added_by: string | null;
  created_at: string;
}

/** A `feed_items` row, as both engines return it. */
export interface ItemRow {
  feed_id: number;
  item_key: string;
  fingerprint: string;
  guid_key: string | null;
  canonical_url: string | null;
  article: string;
  first_seen_at: string;
}

/**
 * The `published_at` column of an article: its date in UTC as `Date.toISOString()` writes it (so that SQLite
 * compares dates as strings), or null when it is undated or its date cannot be read.
 */
export function publishedAtOf(article: Pick<Article, "publishedAt">): string | null {
  if (article.publishedAt === undefined) return null;
  const time = Date.parse(article.publishedAt);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The feed a row describes. */
export function toFeed(row: FeedRow): FeedRecord {
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
    ...(typeof row.claimed_by === "string" && { claimedBy: row.claimed_by }),
    ...(typeof row.claimed_until === "string" && { claimedUntil: row.claimed_until }),
  };
}

/** The subscription a row describes. */
export function toSubscription(row: SubscriptionRow): FeedSubscription {
  return {
    feedId: row.feed_id,
    guildId: row.guild_id,
    ...(row.added_by !== null && { addedBy: row.added_by }),
    createdAt: row.created_at,
  };
}

/** The item a row describes; undefined when its article no longer reads as one. */
export function toStoredItem(row: ItemRow): StoredFeedItem | undefined {
  const article = ArticleSchema.safeParse(safeJson(row.article));
  if (!article.success) return undefined;
  return {
    feedId: row.feed_id,
    key: row.item_key,
    fingerprint: row.fingerprint,
    ...(row.guid_key !== null && { guidKey: row.guid_key }),
    ...(row.canonical_url !== null && { canonicalUrl: row.canonical_url }),
    article: article.data,
    firstSeenAt: row.first_seen_at,
  };
}

/** The {@link FeedChanges} after `cursor`, given the log's rows after it and the oldest seq it still holds. */
export function feedChangesOf(
  cursor: number | undefined,
  rows: readonly { seq: number; feed_id: number }[],
  oldest: number | undefined,
  newest: number | undefined,
): FeedChanges {
  const latest = newest ?? cursor ?? 0;
  if (cursor === undefined) return { cursor: latest, feedIds: "all" };
  // Entries after the cursor were pruned (or the log was reset): which feeds changed is unknown.
  if ((oldest !== undefined && cursor < oldest - 1) || latest < cursor)
    return { cursor: latest, feedIds: "all" };
  return { cursor: latest, feedIds: [...new Set(rows.map((row) => row.feed_id))] };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
