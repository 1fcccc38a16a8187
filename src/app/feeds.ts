import type { Article } from "../core/articles.ts";
import type { Clock } from "../core/clock.ts";
import { UserError } from "../core/errors.ts";
import {
  DEFAULT_POLL_POLICY,
  FeedDeduper,
  feedHealth,
  feedItemKeys,
  nextPollDelayMs,
  retryAfterMs,
  ttlWaitMs,
  type FeedHealth,
  type FeedItemKeys,
  type PollPolicy,
} from "../core/feeds/index.ts";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { EVERY_SERVER, type FeedRecord, type FeedRepository, type StoredFeedItem } from "../store/feeds.ts";
import { HttpFeedFetcher, type FeedFetcher, type FetchLimits } from "./feed-fetcher.ts";
import type { ExternalVisibility } from "./library.ts";
import type { Logger } from "./logger.ts";
import { mapWithLimits } from "./concurrency.ts";
import { cutAtWord } from "../core/text/cut.ts";
import { parseFeedUrl, type ResolveAll } from "./net-guard.ts";
import { plural } from "../core/text/plural.ts";

/** What the feed service needs of the library: a place to put each feed's articles. */
export interface FeedLibrary {
  setExternalArticles(
    key: string,
    articles: readonly Article[],
    visibility?: ExternalVisibility,
  ): Promise<unknown>;
}

/** Runs the next poll later; real timers in the bot, a fake one in tests. */
export interface FeedTimer {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, unref'd so a pending poll never keeps the process alive. */
export const realTimer: FeedTimer = {
  set(callback, delayMs) {
    // setTimeout takes at most 2^31-1 ms; the poll re-arms after a shorter wait if it is not due yet.
    return setTimeout(callback, Math.min(delayMs, 2 ** 31 - 1)).unref();
  },
  clear(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export interface FeedServiceOptions {
  feeds: FeedRepository;
  library: FeedLibrary;
  clock: Clock;
  logger: Logger;
  /** The operator's FEEDS: visible in every server, polled once at start and then on the interval. */
  globalFeeds: readonly string[];
  /** FEEDS_ALLOW_PRIVATE: let feeds reach private and loopback addresses (for the default fetcher). */
  allowPrivate: boolean;
  policy?: Partial<PollPolicy>;
  /** Request bounds of the default fetcher. */
  limits?: Partial<FetchLimits>;
  timer?: FeedTimer;
  /** Name resolution of the default fetcher. */
  resolve?: ResolveAll;
  /** Does the network work; default: an {@link HttpFeedFetcher} of the options above. */
  fetcher?: FeedFetcher;
  /** How many feeds one server may add. */
  maxFeedsPerServer?: number;
  /** Teaser pages and feeds fetched per poll and at once; see {@link DEFAULT_FETCH_BUDGET}. */
  budget?: Partial<FetchBudget>;
  /**
   * Which servers' own feeds this process shows: a shard only those of the servers it holds. Polling is
   * not split this way: every due feed is polled by whichever process claims it first. Default: all.
   */
  servesGuild?: (guildId: string) => boolean;
  /** Names this process in its feed claims; default `host:pid:random`. */
  instanceId?: string;
  /** How long a claimed poll is this process's; after that, another process may take the feed. */
  claimLeaseMs?: number;
  /**
   * How often to read the store's change log for articles other processes stored (FEED_SYNC_SECONDS);
   * unset: only when told (`syncChanges`, or the store's notifications).
   */
  syncIntervalMs?: number;
  /** The store's change notifications (PostgreSQL LISTEN), when it has them; see `Store.watchFeedChanges`. */
  watchChanges?: (onChange: () => void, onError: (error: Error) => void) => Promise<() => Promise<void>>;
  /**
   * ARTICLE_RETENTION_DAYS: items published longer ago are not stored when polled, and are deleted from the
   * store at start and once a day. Unset: items are kept (up to `MAX_ITEMS_PER_FEED` per feed).
   */
  retentionDays?: number;
}

/** What the service keeps in memory of each stored item: what deduplication and change detection need. */
export interface CachedFeedItem extends FeedItemKeys {
  /** The item's key within its feed, to find its article in the store again. */
  key: string;
  fingerprint: string;
}

/** The {@link CachedFeedItem} of a stored item: its keys and fingerprint, none of its article's text. */
export function cachedFeedItem(item: StoredFeedItem): CachedFeedItem {
  return { key: item.key, fingerprint: item.fingerprint, ...feedItemKeys(item) };
}

const DAY_MS = 24 * 3_600_000;

/**
 * How much network work one poll may do. A feed of thousands of teasers once meant thousands of page
 * fetches in one poll, one after another, and a `/feeds add` of six slow teasers took a minute and a half
 * while every other server's feeds waited: pages beyond the budget wait for the next poll (the feed is then
 * fetched in full, not conditionally, so they are not lost), pages and feeds are fetched a few at a time.
 */
export interface FetchBudget {
  /** Teaser pages read per poll of one feed. */
  pagesPerPoll: number;
  /** Teaser pages read when a server adds a feed, so that `/feeds add` answers within about one page timeout. */
  pagesWhenAdding: number;
  /** Pages of one feed fetched at the same time. */
  pageConcurrency: number;
  /** Feeds polled at the same time, so that one slow feed does not hold up the others (FEED_CONCURRENCY). */
  feedConcurrency: number;
  /** Feeds of one host name polled at the same time, so that one outlet is not hammered (FEED_HOST_CONCURRENCY). */
  hostConcurrency: number;
}

export const DEFAULT_FETCH_BUDGET: FetchBudget = {
  pagesPerPoll: 20,
  pagesWhenAdding: 4,
  pageConcurrency: 4,
  feedConcurrency: 8,
  hostConcurrency: 2,
};

/** How long a poll stays claimed: longer than a poll's worst case (a feed and its pages, each timing out). */
export const DEFAULT_CLAIM_LEASE_MS = 10 * 60_000;

/** One feed as `/feeds list` shows it. */
export interface FeedStatus {
  url: string;
  title?: string;
  /** "server": the server's own; "everyone": the operator's FEEDS. */
  scope: "server" | "everyone";
  health: FeedHealth;
  lastFetchAt?: string;
  lastSuccessAt?: string;
  nextFetchAt?: string;
  consecutiveFailures: number;
  lastError?: string;
  itemCount: number;
}

/** What one poll of one feed did. */
export interface PollOutcome {
  status: "updated" | "unchanged" | "not-modified" | "failed";
  /** Items stored as new or changed. */
  changedItems: number;
  skippedItems: number;
  error?: string;
}

const DEFAULT_MAX_FEEDS_PER_SERVER = 25;

/** The library key of one subscription: each server's copy of a feed is separate from everyone's. */
export function feedLibraryKey(guildId: string, url: string): string {
  return `feed:${guildId === EVERY_SERVER ? "*" : guildId}:${url}`;
}

/**
 * Polls RSS, Atom and JSON feeds into the library. Feeds are stored with their items, so a restart puts
 * the stored articles back before any fetch; each feed is fetched on its own schedule with conditional
 * requests, backs off exponentially on failure and turns unhealthy after repeated failures. Items are
 * deduplicated by guid, canonical URL and body: everyone's feeds among themselves, and each server's own
 * feeds against everyone's and each other, never across servers.
 */
export class FeedService {
  readonly #options: FeedServiceOptions;
  readonly #policy: PollPolicy;
  readonly #budget: FetchBudget;
  readonly #fetcher: FeedFetcher;
  readonly #timer: FeedTimer;
  readonly #instanceId: string;
  /**
   * The keys of the stored items per feed id, read from the database once and kept in step with it. Only
   * keys: the articles (all their paragraphs) are read again from the store when a subscription's set
   * changes, since the library keeps their bodies on disk and memory would otherwise grow with every item.
   */
  readonly #items = new Map<number, CachedFeedItem[]>();
  /** What was last handed to the library per key, so unchanged keys are not handed over again. */
  readonly #published = new Map<string, string>();
  #timerHandle: unknown;
  #syncHandle: unknown;
  #pruneHandle: unknown;
  #stopWatching: (() => Promise<void>) | undefined;
  /** Where this process has read the store's change log up to. */
  #cursor: number | undefined;
  #syncQueued = false;
  #stopped = false;
  /** Polls, additions, removals and syncs run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: FeedServiceOptions) {
    this.#options = options;
    this.#policy = { ...DEFAULT_POLL_POLICY, ...options.policy };
    this.#budget = { ...DEFAULT_FETCH_BUDGET, ...options.budget };
    this.#fetcher =
      options.fetcher ??
      new HttpFeedFetcher({
        allowPrivate: options.allowPrivate,
        resolve: options.resolve,
        limits: options.limits,
        pageConcurrency: this.#budget.pageConcurrency,
      });
    this.#timer = options.timer ?? realTimer;
    this.#instanceId = options.instanceId ?? `${hostname()}:${String(process.pid)}:${randomUUID()}`;
  }

  /**
   * Takes FEEDS into the store, hands every stored article to the library, polls the feeds that are due
   * (new ones at once), then keeps polling on the interval and loading what other processes store.
   */
  start(): Promise<void> {
    return this.#enqueue(async () => {
      const removed = await this.#syncGlobalFeeds();
      for (const url of removed) this.#published.set(feedLibraryKey(EVERY_SERVER, url), "stale");
      // Before the first read of the items, so that those past retention are not loaded at all (keys cached
      // by an `add` before the start are read again: the prune's changes precede the cursor taken below).
      if ((await this.#pruneExpired()) > 0) this.#items.clear();
      this.#armPrune();
      // The cursor first: whatever another process stores from now on is read by the next sync.
      this.#cursor = (await this.#options.feeds.changesSince(undefined)).cursor;
      await this.#publish();
      await this.#watch();
      await this.#pollDueNow();
      this.#armSync();
    });
  }

  /** Stops polling and resolves once the work under way (a poll, an add) has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timerHandle !== undefined) this.#timer.clear(this.#timerHandle);
    if (this.#syncHandle !== undefined) this.#timer.clear(this.#syncHandle);
    if (this.#pruneHandle !== undefined) this.#timer.clear(this.#pruneHandle);
    this.#timerHandle = undefined;
    this.#syncHandle = undefined;
    this.#pruneHandle = undefined;
    const stopWatching = this.#stopWatching;
    this.#stopWatching = undefined;
    await this.#queue;
    await stopWatching?.();
  }

  /** Polls every feed whose time has come and that no other process has claimed, then arms the timer. */
  pollDue(): Promise<void> {
    return this.#enqueue(() => this.#pollDueNow());
  }

  /**
   * Loads what changed in the store since the last look (another process's poll, a server adding or
   * removing a feed elsewhere) and hands it to the library. A sync already waiting covers later calls.
   */
  syncChanges(): Promise<void> {
    if (this.#syncQueued) return this.#queue.then(() => undefined);
    this.#syncQueued = true;
    return this.#enqueue(async () => {
      this.#syncQueued = false;
      await this.#syncNow();
    });
  }

  /**
   * Deletes the stored items published more than `retentionDays` ago (every feed's, whichever process
   * stored them) and takes them out of the library; returns how many went. Runs at start and once a day.
   */
  pruneExpired(): Promise<number> {
    return this.#enqueue(async () => {
      const removed = await this.#pruneExpired();
      // The prune logged its feeds as changed: read like any other process's change, so this one's cache
      // and library follow too.
      if (removed > 0 && this.#cursor !== undefined) await this.#syncNow();
      return removed;
    });
  }

  /** A server follows a feed; it is fetched at once and refused (not kept) when that fails. */
  add(guildId: string, text: string, userId?: string): Promise<FeedStatus> {
    return this.#enqueue(async () => {
      const url = this.#parseUserUrl(text);
      const { feeds, clock } = this.#options;
      const existing = await feeds.byUrl(url);
      const followers = existing
        ? (await feeds.subscriptions()).filter((sub) => sub.feedId === existing.id)
        : [];
      if (followers.some((sub) => sub.guildId === guildId)) {
        throw new UserError("bad-option", "This server already follows that feed.");
      }
      if (followers.some((sub) => sub.guildId === EVERY_SERVER)) {
        throw new UserError("bad-option", "That feed is already followed for every server.");
      }
      if ((await feeds.subscriptionsOf(guildId)).length >= this.#maxFeedsPerServer()) {
        throw new UserError(
          "bad-option",
          `A server can follow at most ${plural(this.#maxFeedsPerServer(), "feed")}.`,
        );
      }
      const refusal = await this.#fetcher.check(url);
      if (refusal !== undefined) throw new UserError("bad-option", `Cannot add that feed: ${refusal}.`);
      const feed = await feeds.ensure(url);
      // Claimed before it has a follower, so no other process's poll takes it first: this one fetches it now.
      const claimed = existing
        ? undefined
        : await feeds.claim(feed.id, clock.now(), this.#instanceId, this.#leaseEnd());
      await feeds.subscribe(feed.id, guildId, userId);
      if (claimed) {
        const outcome = await this.#poll(claimed, this.#budget.pagesWhenAdding);
        if (outcome.status === "failed") {
          await feeds.unsubscribe(feed.id, guildId);
          this.#items.delete(feed.id);
          throw new UserError(
            "bad-option",
            `Cannot add that feed: ${outcome.error ?? "it could not be read"}.`,
          );
        }
      }
      this.#options.logger.info({ guildId, url, userId }, "feed added");
      await this.#publish();
      await this.#arm();
      return this.#status((await feeds.get(feed.id)) ?? feed, "server");
    });
  }

  /** A server stops following a feed; its articles leave that server's library at once. */
  remove(guildId: string, text: string): Promise<void> {
    return this.#enqueue(async () => {
      const { feeds } = this.#options;
      const own = await this.#ownFeeds(guildId);
      const feed = own.find((candidate) => candidate.url === text.trim()) ?? findByUserUrl(own, text);
      if (!feed)
        throw new UserError("not-found", "This server does not follow that feed. See `/feeds list`.");
      await feeds.unsubscribe(feed.id, guildId);
      if (!(await feeds.get(feed.id))) this.#items.delete(feed.id);
      this.#options.logger.info({ guildId, url: feed.url }, "feed removed");
      await this.#publish();
      await this.#arm();
    });
  }

  /** The feeds a server sees: everyone's first, then its own, each with its health. */
  async list(guildId: string | undefined): Promise<FeedStatus[]> {
    const { feeds } = this.#options;
    const everyone = await this.#feedsOf(await feeds.subscriptionsOf(EVERY_SERVER));
    const own = guildId === undefined ? [] : await this.#ownFeeds(guildId);
    return Promise.all([
      ...everyone.map((feed) => this.#status(feed, "everyone")),
      ...own.map((feed) => this.#status(feed, "server")),
    ]);
  }

  /** A server's own feeds whose URL or title contains the typed text, for autocomplete. */
  async suggest(guildId: string, typed: string): Promise<{ name: string; value: string }[]> {
    const needle = typed.trim().toLowerCase();
    return (await this.#ownFeeds(guildId))
      .filter(
        (feed) =>
          feed.url.toLowerCase().includes(needle) || (feed.title?.toLowerCase().includes(needle) ?? false),
      )
      .slice(0, 25)
      .map((feed) => ({
        name: cutAtWord(feed.title ? `${feed.title} (${feed.url})` : feed.url, 100),
        value: feed.url,
      }));
  }

  /** Read through a method: `stop()` may flip it during any await, which narrowing cannot see. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #maxFeedsPerServer(): number {
    return this.#options.maxFeedsPerServer ?? DEFAULT_MAX_FEEDS_PER_SERVER;
  }

  #leaseEnd(): Date {
    return new Date(
      this.#options.clock.now().getTime() + (this.#options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS),
    );
  }

  #parseUserUrl(text: string): string {
    const url = parseFeedUrl(text);
    if (typeof url === "string") throw new UserError("bad-option", `\`url\`: ${url}.`);
    return url.toString();
  }

  async #ownFeeds(guildId: string): Promise<FeedRecord[]> {
    return this.#feedsOf(await this.#options.feeds.subscriptionsOf(guildId));
  }

  async #feedsOf(subscriptions: readonly { feedId: number }[]): Promise<FeedRecord[]> {
    const { feeds } = this.#options;
    const found = await Promise.all(subscriptions.map((sub) => feeds.get(sub.feedId)));
    return found.flatMap((feed) => feed ?? []);
  }

  async #status(feed: FeedRecord, scope: FeedStatus["scope"]): Promise<FeedStatus> {
    return {
      url: feed.url,
      ...(feed.title !== undefined && { title: feed.title }),
      scope,
      health: feedHealth(feed, this.#policy),
      ...(feed.lastFetchAt !== undefined && { lastFetchAt: feed.lastFetchAt }),
      ...(feed.lastSuccessAt !== undefined && { lastSuccessAt: feed.lastSuccessAt }),
      ...(feed.nextFetchAt !== undefined && { nextFetchAt: feed.nextFetchAt }),
      consecutiveFailures: feed.consecutiveFailures,
      ...(feed.lastError !== undefined && { lastError: feed.lastError }),
      itemCount: await this.#options.feeds.itemCount(feed.id),
    };
  }

  /**
   * Makes the everyone-subscriptions match FEEDS; returns the URLs no longer in FEEDS. A new feed is due at
   * once; one already stored keeps its time, so a restart (or another shard starting) does not fetch it again.
   */
  async #syncGlobalFeeds(): Promise<string[]> {
    const { feeds, logger } = this.#options;
    const wanted = new Set<string>();
    for (const text of this.#options.globalFeeds) {
      const url = parseFeedUrl(text);
      if (typeof url === "string") logger.warn({ url: text }, `FEEDS entry skipped: ${url}`);
      else wanted.add(url.toString());
    }
    const removed: string[] = [];
    for (const sub of await feeds.subscriptionsOf(EVERY_SERVER)) {
      const feed = await feeds.get(sub.feedId);
      if (feed && !wanted.has(feed.url)) {
        await feeds.unsubscribe(feed.id, EVERY_SERVER);
        if (!(await feeds.get(feed.id))) this.#items.delete(feed.id);
        removed.push(feed.url);
      }
    }
    for (const url of wanted) {
      const feed = await feeds.ensure(url);
      await feeds.subscribe(feed.id, EVERY_SERVER);
    }
    return removed;
  }

  /**
   * Claims due feeds a batch at a time and polls them, at most `feedConcurrency` at once and
   * `hostConcurrency` per host name, until none is due; then hands the changes over and arms the timer.
   */
  async #pollDueNow(): Promise<void> {
    if (this.#stopped) return;
    const { feeds, clock } = this.#options;
    const batch = Math.max(1, this.#budget.feedConcurrency * 2);
    let changed = false;
    for (;;) {
      if (this.#isStopped()) break;
      const claimed = await feeds.claimDue(clock.now(), this.#instanceId, this.#leaseEnd(), batch);
      if (claimed.length === 0) break;
      const outcomes = await mapWithLimits(
        claimed,
        { total: this.#budget.feedConcurrency, perKey: this.#budget.hostConcurrency, keyOf: hostOf },
        (feed) => this.#poll(feed, this.#budget.pagesPerPoll),
      );
      if (outcomes.some((outcome) => outcome.changedItems > 0)) changed = true;
      if (claimed.length < batch) break;
    }
    if (changed) await this.#publish();
    await this.#arm();
  }

  /** Whether this process shows a subscription's feed: everyone's always, a server's if it serves it. */
  #serves(guildId: string): boolean {
    return guildId === EVERY_SERVER || (this.#options.servesGuild?.(guildId) ?? true);
  }

  /** Arms the timer for the next feed due (or whose claim by another process runs out). */
  async #arm(): Promise<void> {
    if (this.#stopped) return;
    if (this.#timerHandle !== undefined) this.#timer.clear(this.#timerHandle);
    this.#timerHandle = undefined;
    const next = await this.#options.feeds.nextDueAt();
    if (next === undefined || this.#isStopped()) return;
    const delay = Math.max(0, next.getTime() - this.#options.clock.now().getTime());
    this.#timerHandle = this.#timer.set(() => {
      this.#timerHandle = undefined;
      this.pollDue().catch((error: unknown) => {
        this.#options.logger.error({ err: error }, "feed polling failed");
      });
    }, delay);
  }

  /** The publication time before which items are past retention; undefined when they are kept. */
  #retentionCutoff(): Date | undefined {
    const days = this.#options.retentionDays;
    return days === undefined ? undefined : new Date(this.#options.clock.now().getTime() - days * DAY_MS);
  }

  async #pruneExpired(): Promise<number> {
    const cutoff = this.#retentionCutoff();
    if (cutoff === undefined || this.#stopped) return 0;
    const removed = await this.#options.feeds.pruneItems(cutoff);
    if (removed > 0) {
      this.#options.logger.info(
        { removed, retentionDays: this.#options.retentionDays },
        "feed items past retention removed from the store",
      );
    }
    return removed;
  }

  /** Prunes the store again a day from now, and so on until `stop()`. */
  #armPrune(): void {
    if (this.#options.retentionDays === undefined || this.#stopped) return;
    this.#pruneHandle = this.#timer.set(() => {
      this.#pruneHandle = undefined;
      this.pruneExpired()
        .catch((error: unknown) => {
          this.#options.logger.error({ err: error }, "cannot remove feed items past retention");
        })
        .finally(() => {
          this.#armPrune();
        });
    }, DAY_MS);
  }

  /** Re-arms the periodic read of the change log, when there is one. */
  #armSync(): void {
    const interval = this.#options.syncIntervalMs;
    if (interval === undefined || this.#stopped) return;
    this.#syncHandle = this.#timer.set(() => {
      this.#syncHandle = undefined;
      this.syncChanges()
        .catch((error: unknown) => {
          this.#options.logger.error({ err: error }, "reading feed changes failed");
        })
        .finally(() => {
          this.#armSync();
        });
    }, interval);
  }

  /** Listens to the store's change notifications, when it has them. */
  async #watch(): Promise<void> {
    const watch = this.#options.watchChanges;
    if (watch === undefined || this.#stopWatching !== undefined) return;
    const { logger } = this.#options;
    this.#stopWatching = await watch(
      () => {
        this.syncChanges().catch((error: unknown) => {
          logger.error({ err: error }, "reading feed changes failed");
        });
      },
      (error) => {
        logger.warn({ err: error }, "feed change notifications interrupted; listening again shortly");
      },
    );
  }

  async #syncNow(): Promise<void> {
    if (this.#stopped) return;
    const changes = await this.#options.feeds.changesSince(this.#cursor);
    this.#cursor = changes.cursor;
    if (changes.feedIds === "all") this.#items.clear();
    else if (changes.feedIds.length === 0) return;
    else for (const feedId of changes.feedIds) this.#items.delete(feedId);
    await this.#publish();
    await this.#arm();
  }

  /** Fetches one claimed feed and stores its new and changed items, reading at most `pageBudget` teaser pages; never throws. */
  async #poll(feed: FeedRecord, pageBudget: number): Promise<PollOutcome> {
    const { feeds, logger, clock } = this.#options;
    const log = logger.child({ feed: feed.url });
    try {
      const response = await this.#fetcher.fetchFeed(feed, log);
      const interval = this.#policy.intervalMs;
      if (response.status === "not-modified") {
        await feeds.recordSuccess(feed.id, { nextFetchAt: new Date(clock.now().getTime() + interval) });
        log.debug("feed not modified");
        return { status: "not-modified", changedItems: 0, skippedItems: 0 };
      }
      if (response.status === "failed") {
        return await this.#fail(feed, response.reason, retryAfterMs(response.retryAfter, clock.now()));
      }
      const known = await feeds.fingerprints(feed.id);
      const publishedBefore = this.#retentionCutoff();
      const read = await this.#fetcher.readItems(
        feed.url,
        response.feed,
        { known, pageBudget, publishedBefore },
        log,
      );
      const { skipped, deferred } = read;
      // Past retention, an item would be pruned again; stored, it would come back at every poll.
      const items = read.items.filter((item) => !isPublishedBefore(item.article, publishedBefore));
      const expired = (read.expired ?? 0) + read.items.length - items.length;
      await feeds.saveItems(feed.id, items);
      if (items.length > 0) this.#items.delete(feed.id);
      // A feed's <ttl> asks for a longer wait than our interval, never a shorter one.
      const wait = Math.max(interval, ttlWaitMs(response.feed.ttlMinutes) ?? 0);
      // With teasers left for later, the next fetch must not be conditional: a 304 would never bring them.
      await feeds.recordSuccess(feed.id, {
        etag: response.etag,
        lastModified: response.lastModified,
        unconditionalNext: deferred > 0,
        title: response.feed.title,
        nextFetchAt: new Date(clock.now().getTime() + wait),
      });
      log.info(
        { items: response.feed.items.length, changed: items.length, skipped, deferred, expired },
        "feed fetched",
      );
      return {
        status: items.length > 0 ? "updated" : "unchanged",
        changedItems: items.length,
        skippedItems: skipped,
      };
    } catch (error) {
      log.error({ err: error }, "feed poll failed unexpectedly");
      return this.#fail(feed, error instanceof Error ? error.message : String(error), undefined);
    }
  }

  /** Records a failed poll; the next attempt backs off, and waits at least what Retry-After asked. */
  async #fail(feed: FeedRecord, reason: string, retryAfter: number | undefined): Promise<PollOutcome> {
    const { feeds, logger, clock } = this.#options;
    const updated = await feeds.recordFailure(
      feed.id,
      reason,
      (failures) =>
        new Date(clock.now().getTime() + Math.max(nextPollDelayMs(failures, this.#policy), retryAfter ?? 0)),
    );
    const failures = updated?.consecutiveFailures ?? feed.consecutiveFailures + 1;
    const details = { feed: feed.url, failures, nextFetchAt: updated?.nextFetchAt };
    if (failures === this.#policy.unhealthyAfter) logger.warn(details, `feed unhealthy: ${reason}`);
    else logger.warn(details, `feed fetch failed: ${reason}`);
    return { status: "failed", changedItems: 0, skippedItems: 0, error: reason };
  }

  /**
   * The cached keys of a feed's items; on a miss they are read from the store, and the full items read are
   * left in `read` for this publish, which needs the articles of a feed whose items it had to read.
   */
  async #cachedItems(feedId: number, read: Map<number, StoredFeedItem[]>): Promise<CachedFeedItem[]> {
    let cached = this.#items.get(feedId);
    if (!cached) {
      const items = await this.#options.feeds.items(feedId);
      read.set(feedId, items);
      cached = items.map(cachedFeedItem);
      this.#items.set(feedId, cached);
    }
    return cached;
  }

  /**
   * Works out every subscription's articles after deduplication and hands the library those that changed
   * since last time; subscriptions that are gone are emptied. Deduplication and change detection work on the
   * cached keys; the articles are read from the store only for the subscriptions handed over.
   */
  async #publish(): Promise<void> {
    const { feeds, library, logger } = this.#options;
    const [subscriptions, records] = await Promise.all([feeds.subscriptions(), feeds.list()]);
    const feedsById = new Map(records.map((feed) => [feed.id, feed]));
    const byGuild = new Map<string, number[]>();
    for (const sub of subscriptions)
      byGuild.set(sub.guildId, [...(byGuild.get(sub.guildId) ?? []), sub.feedId]);
    const everyone = new FeedDeduper();
    const read = new Map<number, StoredFeedItem[]>();
    const next = new Map<
      string,
      { guildId: string; feedId: number; kept: CachedFeedItem[]; signature: string }
    >();
    const collect = async (guildId: string, deduper: FeedDeduper): Promise<void> => {
      for (const feedId of byGuild.get(guildId) ?? []) {
        const feed = feedsById.get(feedId);
        if (!feed) continue;
        const kept: CachedFeedItem[] = [];
        for (const item of await this.#cachedItems(feedId, read)) {
          const duplicate = deduper.admit(item);
          if (duplicate === undefined) kept.push(item);
          else
            logger.debug({ feed: feed.url, item: item.key, reason: duplicate }, "feed item is a duplicate");
        }
        next.set(feedLibraryKey(guildId, feed.url), {
          guildId,
          feedId,
          kept,
          signature: kept.map((item) => `${item.articleId}:${item.fingerprint}`).join(","),
        });
      }
    };
    await collect(EVERY_SERVER, everyone);
    for (const guildId of byGuild.keys()) {
      if (guildId !== EVERY_SERVER && this.#serves(guildId)) await collect(guildId, everyone.fork());
    }
    // Items of feeds no longer followed would only take memory.
    for (const feedId of this.#items.keys()) if (!feedsById.has(feedId)) this.#items.delete(feedId);

    const changed = [...next].filter(([key, entry]) => {
      const previous = this.#published.get(key);
      // An empty key that was never handed over has nothing to remove.
      return previous !== entry.signature && !(previous === undefined && entry.signature === "");
    });
    // Each feed's full items are read (or taken from this publish's reads) once, for all its subscriptions
    // that changed, and let go before the next feed's.
    const changedByFeed = new Map<number, (typeof changed)[number][]>();
    for (const change of changed) {
      const [, entry] = change;
      changedByFeed.set(entry.feedId, [...(changedByFeed.get(entry.feedId) ?? []), change]);
    }
    for (const feedId of read.keys()) if (!changedByFeed.has(feedId)) read.delete(feedId);
    for (const [feedId, changes] of changedByFeed) {
      const stored = read.get(feedId) ?? (await feeds.items(feedId));
      read.delete(feedId);
      const byKey = new Map(stored.map((item) => [item.key, item.article]));
      for (const [key, entry] of changes) {
        // An item another process removed since the keys were read is left out; its change, logged in the
        // store, makes the next sync read this feed again.
        const kept = entry.kept.flatMap((item) => byKey.get(item.key) ?? []);
        const shared = entry.guildId === EVERY_SERVER;
        // Several servers may follow one feed: each server's copy needs its own ids to sit in the index
        // beside the others'.
        const articles = shared
          ? kept
          : kept.map((article) => ({ ...article, id: serverArticleId(entry.guildId, article.id) }));
        await library.setExternalArticles(key, articles, shared ? {} : { guildId: entry.guildId });
        this.#published.set(key, entry.signature);
      }
    }
    for (const key of [...this.#published.keys()]) {
      if (next.has(key)) continue;
      await library.setExternalArticles(key, []);
      this.#published.delete(key);
    }
  }
}

/** Whether an article was published before `cutoff` (undated articles never are). */
function isPublishedBefore(article: Article, cutoff: Date | undefined): boolean {
  if (cutoff === undefined || article.publishedAt === undefined) return false;
  return Date.parse(article.publishedAt) < cutoff.getTime();
}

function findByUserUrl(own: readonly FeedRecord[], text: string): FeedRecord | undefined {
  const url = parseFeedUrl(text);
  if (typeof url === "string") return undefined;
  return own.find((feed) => feed.url === url.toString());
}

/** The host name a feed is fetched from, for the per-host limit. */
function hostOf(feed: FeedRecord): string {
  try {
    return new URL(feed.url).hostname;
  } catch {
    return feed.url;
  }
}

/** The library id of a server's copy of a feed article. */
export function serverArticleId(guildId: string, articleId: string): string {
  return `${guildId}/${articleId}`;
}
