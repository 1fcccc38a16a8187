import { afterEach, describe, expect, it } from "vitest";
import type { FeedFetcher, FeedResponse, ItemSelection, ReadItems } from "../../src/app/feed-fetcher.ts";
import {
  cachedFeedItem,
  FeedService,
  feedLibraryKey,
  type FeedServiceOptions,
  type FeedTimer,
} from "../../src/app/feeds.ts";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { Store } from "../../src/store/db.ts";
import type { FeedItemInput, FeedRepository } from "../../src/store/feeds.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { recordingLogger, TEST_NOW } from "../helpers/app-context.ts";
import { availableEngines, type TestDatabase } from "../helpers/store-engines.ts";
import { FakeTimer } from "../helpers/feed-timer.ts";

const DAY = 24 * 3_600_000;
const MINUTE = 60_000;
const GLOBAL = "https://news.example/feed.xml";
const LOCAL = "https://local.example/rss";

/** `days` days before TEST_NOW, as a feed item's date. */
const daysAgo = (days: number) => new Date(Date.parse(TEST_NOW) - days * DAY).toISOString();

function item(
  id: string,
  options: { publishedAt?: string; body?: string; guid?: string } = {},
): FeedItemInput {
  return {
    key: id,
    fingerprint: `f-${id}`,
    guidKey: options.guid ?? id,
    article: makeArticle({
      id,
      paragraphs: [options.body ?? `The body of ${id}.`],
      ...(options.publishedAt !== undefined && { publishedAt: options.publishedAt }),
    }),
  };
}

/**
 * Serves each URL's items from a script, skipping those whose fingerprint is known as the real fetcher does;
 * it does not apply `publishedBefore`, so that what the service itself leaves out is seen.
 */
class ScriptedFetcher implements FeedFetcher {
  readonly items = new Map<string, FeedItemInput[]>();
  readonly selections: ItemSelection[] = [];
  check(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
  fetchFeed(): Promise<FeedResponse> {
    return Promise.resolve({ status: "fetched", feed: { format: "rss", title: "News", items: [] } });
  }
  readItems(feedUrl: string, _feed: unknown, selection: ItemSelection): Promise<ReadItems> {
    this.selections.push(selection);
    const items = (this.items.get(feedUrl) ?? []).filter(
      (candidate) => selection.known.get(candidate.key) !== candidate.fingerprint,
    );
    return Promise.resolve({ items, skipped: 0, deferred: 0 });
  }
}

/** Keeps the ids last handed over per key, and lets a test wait until a key holds some ids. */
class RecordingLibrary {
  readonly handed = new Map<string, string[]>();
  readonly #waiting: { key: string; ids: string; resolve: () => void }[] = [];
  setExternalArticles(key: string, articles: readonly Article[]): Promise<void> {
    const ids = articles.map((article) => article.id);
    this.handed.set(key, ids);
    for (const waiter of this.#waiting.filter((entry) => entry.key === key && entry.ids === ids.join(",")))
      waiter.resolve();
    return Promise.resolve();
  }
  holds(key: string, ids: readonly string[]): Promise<void> {
    if (this.handed.get(key)?.join(",") === ids.join(",")) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ key, ids: ids.join(","), resolve }));
  }
}

/** The repository, with every feed id whose full items were asked for recorded in `reads`. */
function countingItems(feeds: FeedRepository): { feeds: FeedRepository; reads: number[] } {
  const reads: number[] = [];
  const counting = new Proxy(feeds, {
    get(target, property) {
      if (property === "items") {
        return (feedId: number) => {
          reads.push(feedId);
          return target.items(feedId);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { feeds: counting, reads };
}

const idleTimer: FeedTimer = { set: () => undefined, clear: () => undefined };

describe("the feed service's cache", () => {
  it("GIVEN a stored item WHEN cached THEN only its keys and fingerprint are kept, none of its text", () => {
    const stored = {
      ...item("a1", { body: "Every word of the story.", publishedAt: daysAgo(1) }),
      canonicalUrl: "https://news.example/a1",
      feedId: 1,
      firstSeenAt: TEST_NOW,
    };
    const cached = cachedFeedItem(stored);
    expect(cached).toEqual({
      key: "a1",
      fingerprint: "f-a1",
      articleId: "a1",
      guidKey: "a1",
      canonicalUrl: "https://news.example/a1",
      bodyKey: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown,
    });
    expect(JSON.stringify(cached)).not.toContain("Every word");
  });
});

for (const engine of availableEngines()) {
  describe(`${engine.name}: feed items past retention`, () => {
    let database: TestDatabase | undefined;
    const services: FeedService[] = [];
    afterEach(async () => {
      for (const service of services.splice(0)) await service.stop();
      await database?.cleanup();
      database = undefined;
    });

    async function processes(count: number, options: Partial<FeedServiceOptions> = {}, watch = false) {
      const clock = new ManualClock(TEST_NOW);
      const fetcher = new ScriptedFetcher();
      database = engine.create();
      const opened: {
        store: Store;
        service: FeedService;
        library: RecordingLibrary;
        timer: FakeTimer;
        lines: Record<string, unknown>[];
        reads: number[];
      }[] = [];
      for (let n = 0; n < count; n++) {
        const store = await database.open(clock);
        const library = new RecordingLibrary();
        const timer = new FakeTimer();
        const { logger, lines } = recordingLogger();
        const { feeds, reads } = countingItems(store.feeds);
        const service = new FeedService({
          feeds,
          library,
          clock,
          logger,
          globalFeeds: [GLOBAL],
          allowPrivate: false,
          timer,
          fetcher,
          instanceId: `process-${n}`,
          retentionDays: 10,
          ...(watch && store.watchFeedChanges && { watchChanges: store.watchFeedChanges.bind(store) }),
          ...options,
        });
        services.push(service);
        opened.push({ store, service, library, timer, lines, reads });
      }
      return { clock, fetcher, processes: opened };
    }

    function only<T>(list: readonly T[]): T {
      const [first] = list;
      if (first === undefined) throw new Error("one expected");
      return first;
    }

    it("GIVEN a feed carrying an item older than the retention WHEN polled THEN it is neither stored nor handed over, now or at the next poll", async () => {
      const { clock, fetcher, processes: all } = await processes(1);
      const app = only(all);
      fetcher.items.set(GLOBAL, [
        item("old", { publishedAt: daysAgo(30) }),
        item("recent", { publishedAt: daysAgo(2) }),
        item("undated"),
      ]);

      await app.service.start();

      expect(app.library.handed.get(feedLibraryKey("", GLOBAL))).toEqual(["recent", "undated"]);
      const feed = await app.store.feeds.byUrl(GLOBAL);
      expect((await app.store.feeds.items(feed?.id ?? 0)).map((stored) => stored.key)).toEqual([
        "recent",
        "undated",
      ]);
      expect(fetcher.selections[0]?.publishedBefore?.toISOString()).toBe(daysAgo(10));
      expect(app.lines.find((line) => line.msg === "feed fetched")).toMatchObject({ changed: 2, expired: 1 });

      clock.advance(15 * MINUTE);
      await app.service.pollDue();
      expect(await app.store.feeds.itemCount(feed?.id ?? 0)).toBe(2);
      expect(app.lines.filter((line) => line.msg === "feed fetched").at(-1)).toMatchObject({
        changed: 0,
        expired: 1,
      });
    });

    it("GIVEN items stored long ago WHEN a process starts THEN they are deleted from the store before anything is handed over", async () => {
      const { processes: all } = await processes(1);
      const app = only(all);
      const feed = await app.store.feeds.ensure(GLOBAL);
      await app.store.feeds.subscribe(feed.id, "");
      await app.store.feeds.saveItems(feed.id, [
        item("old", { publishedAt: daysAgo(11) }),
        item("recent", { publishedAt: daysAgo(9) }),
      ]);
      await app.store.feeds.setNextFetch(feed.id, new Date(Date.parse(TEST_NOW) + 10 * MINUTE));

      await app.service.start();

      expect(app.library.handed.get(feedLibraryKey("", GLOBAL))).toEqual(["recent"]);
      expect(await app.store.feeds.itemCount(feed.id)).toBe(1);
      expect(
        app.lines.find((line) => line.msg === "feed items past retention removed from the store"),
      ).toMatchObject({ removed: 1, retentionDays: 10 });
    });

    it("GIVEN stored items that age past the retention WHEN the daily prune runs THEN they leave the store and every process's library", async () => {
      const { clock, fetcher, processes: all } = await processes(2);
      const [pruning, other] = all;
      if (!pruning || !other) throw new Error("two processes expected");
      fetcher.items.set(GLOBAL, [
        item("three-days", { publishedAt: daysAgo(3) }),
        item("one-day", { publishedAt: daysAgo(1) }),
        item("undated"),
      ]);
      await pruning.service.start();
      await other.service.start();
      const key = feedLibraryKey("", GLOBAL);
      expect(other.library.handed.get(key)).toEqual(["three-days", "one-day", "undated"]);

      clock.advance(8 * DAY);
      const daily = only(pruning.timer.pendingFor(DAY));
      pruning.timer.fire(daily);
      // Queued behind the prune, so it resolves once the prune has run.
      await pruning.service.syncChanges();

      expect(pruning.library.handed.get(key)).toEqual(["one-day", "undated"]);
      const feed = await pruning.store.feeds.byUrl(GLOBAL);
      expect(await pruning.store.feeds.itemCount(feed?.id ?? 0)).toBe(2);
      expect(
        pruning.lines.filter((line) => line.msg === "feed items past retention removed from the store"),
      ).toMatchObject([{ removed: 1 }]);
      // Armed again for the next day.
      expect(pruning.timer.pendingFor(DAY)).toHaveLength(1);
      expect(pruning.timer.pendingFor(DAY)[0]).not.toBe(daily);

      await other.service.syncChanges();
      expect(other.library.handed.get(key)).toEqual(["one-day", "undated"]);

      await pruning.service.stop();
      expect(pruning.timer.pendingFor(DAY)).toEqual([]);
    });

    it("GIVEN feeds handed over WHEN a poll changes what one server's feed keeps THEN only the subscriptions that changed read their articles from the store", async () => {
      const { clock, fetcher, processes: all } = await processes(1, { timer: idleTimer });
      const app = only(all);
      fetcher.items.set(GLOBAL, [item("g-1", { body: "Shared story." })]);
      fetcher.items.set(LOCAL, [
        item("l-1", { body: "Shared story.", guid: "l-1" }),
        item("l-2", { body: "Only the local outlet has this.", guid: "l-2" }),
      ]);
      await app.service.start();
      await app.service.add("g1", LOCAL, "u1");
      const globalId = (await app.store.feeds.byUrl(GLOBAL))?.id;
      const localId = (await app.store.feeds.byUrl(LOCAL))?.id;
      const localKey = feedLibraryKey("g1", LOCAL);
      expect(app.library.handed.get(localKey)).toEqual(["g1/l-2"]);

      // Nothing new anywhere: no articles are read.
      app.reads.length = 0;
      clock.advance(15 * MINUTE);
      await app.service.pollDue();
      expect(app.reads).toEqual([]);

      // Everyone's feed now carries the local outlet's other story: the server's copy drops it. Its own
      // items did not change, yet its articles are read again, since they were not kept in memory.
      fetcher.items.set(GLOBAL, [
        item("g-1", { body: "Shared story." }),
        item("g-2", { body: "Only the local outlet has this." }),
      ]);
      clock.advance(15 * MINUTE);
      await app.service.pollDue();
      expect(app.library.handed.get(feedLibraryKey("", GLOBAL))).toEqual(["g-1", "g-2"]);
      expect(app.library.handed.get(localKey)).toEqual([]);
      expect([...app.reads].sort()).toEqual([globalId, localId].sort());
    });

    if (engine.name === "postgres") {
      it("GIVEN PostgreSQL notifications WHEN another host prunes THEN this library drops the items without being asked to sync", async () => {
        const { clock, fetcher, processes: all } = await processes(2, {}, true);
        const [watching, pruning] = all;
        if (!watching || !pruning) throw new Error("two processes expected");
        fetcher.items.set(GLOBAL, [
          item("old", { publishedAt: daysAgo(5) }),
          item("new", { publishedAt: daysAgo(1) }),
        ]);
        await watching.service.start();
        await pruning.service.start();
        const key = feedLibraryKey("", GLOBAL);
        const dropped = watching.library.holds(key, ["new"]);
        clock.advance(6 * DAY);
        expect(await pruning.service.pruneExpired()).toBe(1);
        await dropped;
        expect(watching.library.handed.get(key)).toEqual(["new"]);
      });
    }
  });
}
