import type { Article } from "../core/articles.ts";
import type { Clock } from "../core/clock.ts";
import { UserError } from "../core/errors.ts";
import {
  DEFAULT_POLL_POLICY,
  FeedDeduper,
  feedHealth,
  nextPollDelayMs,
  type FeedHealth,
  type PollPolicy,
} from "../core/feeds/index.ts";
import { EVERY_SERVER, type FeedRecord, type FeedRepository, type StoredFeedItem } from "../store/feeds.ts";
import { HttpFeedFetcher, type FeedFetcher, type FetchLimits } from "./feed-fetcher.ts";
import type { ExternalVisibility } from "./library.ts";
import type { Logger } from "./logger.ts";
import { mapConcurrently } from "./concurrency.ts";
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
   * Which servers' own feeds this process polls and shows: a shard only those of the servers it holds.
   * Everyone's feeds (FEEDS) are polled by every process, since each has its own library. Default: all.
   */
  servesGuild?: (guildId: string) => boolean;
}

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
  /** Feeds polled at the same time, so that one slow feed does not hold up the others. */
  feedConcurrency: number;
}

export const DEFAULT_FETCH_BUDGET: FetchBudget = {
  pagesPerPoll: 20,
  pagesWhenAdding: 4,
  pageConcurrency: 4,
  feedConcurrency: 4,
};

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
  /** Stored items per feed id, read from the database once and kept in step with it. */
  readonly #items = new Map<number, StoredFeedItem[]>();
  /** What was last handed to the library per key, so unchanged keys are not handed over again. */
  readonly #published = new Map<string, string>();
  #timerHandle: unknown;
  #stopped = false;
  /** Polls, additions and removals run one at a time. */
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
  }

  /**
   * Takes FEEDS into the store, hands every stored article to the library, polls FEEDS (and any feed that is
   * due) once, then keeps polling on the interval.
   */
  start(): Promise<void> {
    return this.#enqueue(async () => {
      const removed = this.#syncGlobalFeeds();
      for (const url of removed) this.#published.set(feedLibraryKey(EVERY_SERVER, url), "stale");
      await this.#publish();
      await this.#pollDueNow();
    });
  }

  /** Stops polling and resolves once the work under way (a poll, an add) has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timerHandle !== undefined) this.#timer.clear(this.#timerHandle);
    this.#timerHandle = undefined;
    await this.#queue;
  }

  /** Polls every feed whose time has come, hands changes to the library and arms the timer for the next. */
  pollDue(): Promise<void> {
    return this.#enqueue(() => this.#pollDueNow());
  }

  /** A server follows a feed; it is fetched at once and refused (not kept) when that fails. */
  add(guildId: string, text: string, userId?: string): Promise<FeedStatus> {
    return this.#enqueue(async () => {
      const url = this.#parseUserUrl(text);
      const { feeds } = this.#options;
      const existing = feeds.byUrl(url);
      const followers = existing ? feeds.subscriptions().filter((sub) => sub.feedId === existing.id) : [];
      if (followers.some((sub) => sub.guildId === guildId)) {
        throw new UserError("bad-option", "This server already follows that feed.");
      }
      if (followers.some((sub) => sub.guildId === EVERY_SERVER)) {
        throw new UserError("bad-option", "That feed is already followed for every server.");
      }
      if (feeds.subscriptionsOf(guildId).length >= this.#maxFeedsPerServer()) {
        throw new UserError(
          "bad-option",
          `A server can follow at most ${plural(this.#maxFeedsPerServer(), "feed")}.`,
        );
      }
      const refusal = await this.#fetcher.check(url);
      if (refusal !== undefined) throw new UserError("bad-option", `Cannot add that feed: ${refusal}.`);
      const feed = feeds.ensure(url);
      feeds.subscribe(feed.id, guildId, userId);
      if (!existing) {
        const outcome = await this.#poll(feed, this.#budget.pagesWhenAdding);
        if (outcome.status === "failed") {
          feeds.unsubscribe(feed.id, guildId);
          this.#items.delete(feed.id);
          throw new UserError(
            "bad-option",
            `Cannot add that feed: ${outcome.error ?? "it could not be read"}.`,
          );
        }
      }
      this.#options.logger.info({ guildId, url, userId }, "feed added");
      await this.#publish();
      this.#arm();
      return this.#status(feeds.get(feed.id) ?? feed, "server");
    });
  }

  /** A server stops following a feed; its articles leave that server's library at once. */
  remove(guildId: string, text: string): Promise<void> {
    return this.#enqueue(async () => {
      const { feeds } = this.#options;
      const feed =
        this.#ownFeeds(guildId).find((candidate) => candidate.url === text.trim()) ??
        this.#findByUserUrl(guildId, text);
      if (!feed)
        throw new UserError("not-found", "This server does not follow that feed. See `/feeds list`.");
      feeds.unsubscribe(feed.id, guildId);
      if (!feeds.get(feed.id)) this.#items.delete(feed.id);
      this.#options.logger.info({ guildId, url: feed.url }, "feed removed");
      await this.#publish();
      this.#arm();
    });
  }

  /** The feeds a server sees: everyone's first, then its own, each with its health. */
  list(guildId: string | undefined): FeedStatus[] {
    const { feeds } = this.#options;
    const everyone = feeds.subscriptionsOf(EVERY_SERVER).flatMap((sub) => feeds.get(sub.feedId) ?? []);
    const own = guildId === undefined ? [] : this.#ownFeeds(guildId);
    return [
      ...everyone.map((feed) => this.#status(feed, "everyone")),
      ...own.map((feed) => this.#status(feed, "server")),
    ];
  }

  /** A server's own feeds whose URL or title contains the typed text, for autocomplete. */
  suggest(guildId: string, typed: string): { name: string; value: string }[] {
    const needle = typed.trim().toLowerCase();
    return this.#ownFeeds(guildId)
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

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #maxFeedsPerServer(): number {
    return this.#options.maxFeedsPerServer ?? DEFAULT_MAX_FEEDS_PER_SERVER;
  }

  #parseUserUrl(text: string): string {
    const url = parseFeedUrl(text);
    if (typeof url === "string") throw new UserError("bad-option", `\`url\`: ${url}.`);
    return url.toString();
  }

  #findByUserUrl(guildId: string, text: string): FeedRecord | undefined {
    const url = parseFeedUrl(text);
    if (typeof url === "string") return undefined;
    return this.#ownFeeds(guildId).find((feed) => feed.url === url.toString());
  }

  #ownFeeds(guildId: string): FeedRecord[] {
    const { feeds } = this.#options;
    return feeds.subscriptionsOf(guildId).flatMap((sub) => feeds.get(sub.feedId) ?? []);
  }

  #status(feed: FeedRecord, scope: FeedStatus["scope"]): FeedStatus {
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
      itemCount: this.#options.feeds.itemCount(feed.id),
    };
  }

  /** Makes the everyone-subscriptions match FEEDS, each due now; returns the URLs no longer in FEEDS. */
  #syncGlobalFeeds(): string[] {
    const { feeds, logger, clock } = this.#options;
    const wanted = new Set<string>();
    for (const text of this.#options.globalFeeds) {
      const url = parseFeedUrl(text);
      if (typeof url === "string") logger.warn({ url: text }, `FEEDS entry skipped: ${url}`);
      else wanted.add(url.toString());
    }
    const removed: string[] = [];
    for (const sub of feeds.subscriptionsOf(EVERY_SERVER)) {
      const feed = feeds.get(sub.feedId);
      if (feed && !wanted.has(feed.url)) {
        feeds.unsubscribe(feed.id, EVERY_SERVER);
        if (!feeds.get(feed.id)) this.#items.delete(feed.id);
        removed.push(feed.url);
      }
    }
    for (const url of wanted) {
      const feed = feeds.ensure(url);
      feeds.subscribe(feed.id, EVERY_SERVER);
      feeds.setNextFetch(feed.id, clock.now());
    }
    return removed;
  }

  async #pollDueNow(): Promise<void> {
    if (this.#stopped) return;
    const now = this.#options.clock.now().getTime();
    const due = this.#followedFeeds().filter(
      (feed) => feed.nextFetchAt === undefined || Date.parse(feed.nextFetchAt) <= now,
    );
    const outcomes = await mapConcurrently(due, this.#budget.feedConcurrency, (feed) =>
      this.#poll(feed, this.#budget.pagesPerPoll),
    );
    if (outcomes.some((outcome) => outcome.changedItems > 0)) await this.#publish();
    this.#arm();
  }

  /** Feeds someone follows. */
  #followedFeeds(): FeedRecord[] {
    const { feeds } = this.#options;
    const followed = new Set(
      feeds
        .subscriptions()
        .filter((sub) => this.#serves(sub.guildId))
        .map((sub) => sub.feedId),
    );
    return feeds.list().filter((feed) => followed.has(feed.id));
  }

  /** Whether this process polls and shows a subscription's feed: everyone's always, a server's if it serves it. */
  #serves(guildId: string): boolean {
    return guildId === EVERY_SERVER || (this.#options.servesGuild?.(guildId) ?? true);
  }

  #arm(): void {
    if (this.#stopped) return;
    if (this.#timerHandle !== undefined) this.#timer.clear(this.#timerHandle);
    this.#timerHandle = undefined;
    const times = this.#followedFeeds().map((feed) =>
      feed.nextFetchAt === undefined ? 0 : Date.parse(feed.nextFetchAt),
    );
    if (times.length === 0) return;
    const delay = Math.max(0, Math.min(...times) - this.#options.clock.now().getTime());
    this.#timerHandle = this.#timer.set(() => {
      this.#timerHandle = undefined;
      this.pollDue().catch((error: unknown) => {
        this.#options.logger.error({ err: error }, "feed polling failed");
      });
    }, delay);
  }

  /** Fetches one feed and stores its new and changed items, reading at most `pageBudget` teaser pages; never throws. */
  async #poll(feed: FeedRecord, pageBudget: number): Promise<PollOutcome> {
    const { feeds, logger, clock } = this.#options;
    const log = logger.child({ feed: feed.url });
    try {
      const response = await this.#fetcher.fetchFeed(feed, log);
      const nextFetchAt = new Date(clock.now().getTime() + this.#policy.intervalMs);
      if (response.status === "not-modified") {
        feeds.recordSuccess(feed.id, { nextFetchAt });
        log.debug("feed not modified");
        return { status: "not-modified", changedItems: 0, skippedItems: 0 };
      }
      if (response.status === "failed") return this.#fail(feed, response.reason);
      const known = feeds.fingerprints(feed.id);
      const { items, skipped, deferred } = await this.#fetcher.readItems(
        feed.url,
        response.feed,
        { known, pageBudget },
        log,
      );
      feeds.saveItems(feed.id, items);
      if (items.length > 0) this.#items.delete(feed.id);
      // With teasers left for later, the next fetch must not be conditional: a 304 would never bring them.
      feeds.recordSuccess(feed.id, {
        etag: response.etag,
        lastModified: response.lastModified,
        unconditionalNext: deferred > 0,
        title: response.feed.title,
        nextFetchAt,
      });
      log.info(
        { items: response.feed.items.length, changed: items.length, skipped, deferred },
        "feed fetched",
      );
      return {
        status: items.length > 0 ? "updated" : "unchanged",
        changedItems: items.length,
        skippedItems: skipped,
      };
    } catch (error) {
      log.error({ err: error }, "feed poll failed unexpectedly");
      return this.#fail(feed, error instanceof Error ? error.message : String(error));
    }
  }

  #fail(feed: FeedRecord, reason: string): PollOutcome {
    const { feeds, logger, clock } = this.#options;
    const updated = feeds.recordFailure(
      feed.id,
      reason,
      (failures) => new Date(clock.now().getTime() + nextPollDelayMs(failures, this.#policy)),
    );
    const failures = updated?.consecutiveFailures ?? feed.consecutiveFailures + 1;
    const details = { feed: feed.url, failures, nextFetchAt: updated?.nextFetchAt };
    if (failures === this.#policy.unhealthyAfter) logger.warn(details, `feed unhealthy: ${reason}`);
    else logger.warn(details, `feed fetch failed: ${reason}`);
    return { status: "failed", changedItems: 0, skippedItems: 0, error: reason };
  }

  #storedItems(feedId: number): StoredFeedItem[] {
    let items = this.#items.get(feedId);
    if (!items) {
      items = this.#options.feeds.items(feedId);
      this.#items.set(feedId, items);
    }
    return items;
  }

  /**
   * Works out every subscription's articles after deduplication and hands the library those that changed
   * since last time; subscriptions that are gone are emptied.
   */
  async #publish(): Promise<void> {
    const { feeds, library, logger } = this.#options;
    const subscriptions = feeds.subscriptions();
    const byGuild = new Map<string, number[]>();
    for (const sub of subscriptions)
      byGuild.set(sub.guildId, [...(byGuild.get(sub.guildId) ?? []), sub.feedId]);
    const everyone = new FeedDeduper();
    const next = new Map<string, { guildId: string; articles: Article[]; signature: string }>();
    const collect = (guildId: string, deduper: FeedDeduper): void => {
      for (const feedId of byGuild.get(guildId) ?? []) {
        const feed = feeds.get(feedId);
        if (!feed) continue;
        const kept: StoredFeedItem[] = [];
        for (const item of this.#storedItems(feedId)) {
          const duplicate = deduper.admit(item);
          if (duplicate === undefined) kept.push(item);
          else
            logger.debug({ feed: feed.url, item: item.key, reason: duplicate }, "feed item is a duplicate");
        }
        next.set(feedLibraryKey(guildId, feed.url), {
          guildId,
          articles: kept.map((item) => item.article),
          signature: kept.map((item) => `${item.article.id}:${item.fingerprint}`).join(","),
        });
      }
    };
    collect(EVERY_SERVER, everyone);
    for (const guildId of byGuild.keys()) {
      if (guildId !== EVERY_SERVER && this.#serves(guildId)) collect(guildId, everyone.fork());
    }

    for (const [key, entry] of next) {
      const previous = this.#published.get(key);
      // An empty key that was never handed over has nothing to remove.
      if (previous === entry.signature || (previous === undefined && entry.signature === "")) continue;
      const shared = entry.guildId === EVERY_SERVER;
      // Several servers may follow one feed: each server's copy needs its own ids to sit in the index beside
      // the others'.
      const articles = shared
        ? entry.articles
        : entry.articles.map((article) => ({ ...article, id: serverArticleId(entry.guildId, article.id) }));
      await library.setExternalArticles(key, articles, shared ? {} : { guildId: entry.guildId });
      this.#published.set(key, entry.signature);
    }
    for (const key of [...this.#published.keys()]) {
      if (next.has(key)) continue;
      await library.setExternalArticles(key, []);
      this.#published.delete(key);
    }
  }
}

/** The library id of a server's copy of a feed article. */
export function serverArticleId(guildId: string, articleId: string): string {
  return `${guildId}/${articleId}`;
}
