import { afterEach, describe, expect, it } from "vitest";
import type { FeedFetcher, FeedRequest, FeedResponse, ReadItems } from "../../src/app/feed-fetcher.ts";
import { FeedService, feedLibraryKey, type FeedServiceOptions, type FeedTimer } from "../../src/app/feeds.ts";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { Store } from "../../src/store/db.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { recordingLogger, TEST_NOW } from "../helpers/app-context.ts";
import { availableEngines, type TestDatabase } from "../helpers/store-engines.ts";

const MINUTE = 60_000;
const FEED_URL = "https://news.example/feed.xml";

/** One fetcher for every process, as one outlet is for every host: it counts what all of them ask. */
class SharedFetcher implements FeedFetcher {
  readonly requests: string[] = [];
  inFlight = 0;
  mostInFlight = 0;
  readonly inFlightByHost = new Map<string, number>();
  mostPerHost = 0;
  /** What a request for a URL gets; default one item whose id names the URL. */
  respond: (url: string) => FeedResponse = () => ({
    status: "fetched",
    feed: { format: "rss", title: "News", items: [] },
  });
  /** Requests wait for this many turns of the event loop, so that the limits can be seen at work. */
  turns = 0;

  check(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  async fetchFeed(request: FeedRequest): Promise<FeedResponse> {
    const host = new URL(request.url).hostname;
    this.requests.push(request.url);
    this.inFlight++;
    this.inFlightByHost.set(host, (this.inFlightByHost.get(host) ?? 0) + 1);
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    this.mostPerHost = Math.max(this.mostPerHost, this.inFlightByHost.get(host) ?? 0);
    for (let turn = 0; turn < this.turns; turn++) await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    this.inFlightByHost.set(host, (this.inFlightByHost.get(host) ?? 1) - 1);
    return this.respond(request.url);
  }

  readItems(feedUrl: string): Promise<ReadItems> {
    const id = `item-${new URL(feedUrl).hostname}${new URL(feedUrl).pathname}`;
    return Promise.resolve({
      items: [{ key: id, fingerprint: "f1", article: makeArticle({ id, source: "News" }) }],
      skipped: 0,
      deferred: 0,
    });
  }

  count(url: string): number {
    return this.requests.filter((requested) => requested === url).length;
  }
}

const idleTimer: FeedTimer = { set: () => undefined, clear: () => undefined };

/** A library that records what it is handed, and lets a test wait for a key to arrive. */
class RecordingLibrary {
  readonly handed = new Map<string, string[]>();
  readonly #waiting: { key: string; resolve: () => void }[] = [];
  setExternalArticles(key: string, articles: readonly Article[]): Promise<void> {
    this.handed.set(
      key,
      articles.map((article) => article.id),
    );
    for (const waiter of this.#waiting.filter((entry) => entry.key === key)) waiter.resolve();
    return Promise.resolve();
  }
  /** Resolves once `key` has been handed over (at once if it was). */
  received(key: string): Promise<void> {
    if (this.handed.has(key)) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ key, resolve }));
  }
}

for (const engine of availableEngines()) {
  describe(`${engine.name}: feed work shared by processes`, () => {
    let database: TestDatabase | undefined;
    const services: FeedService[] = [];
    afterEach(async () => {
      for (const service of services.splice(0)) await service.stop();
      await database?.cleanup();
      database = undefined;
    });

    async function processes(count: number, options: Partial<FeedServiceOptions> = {}, watch = false) {
      const clock = new ManualClock(TEST_NOW);
      const fetcher = new SharedFetcher();
      database = engine.create();
      const opened: { store: Store; service: FeedService; library: RecordingLibrary }[] = [];
      for (let n = 0; n < count; n++) {
        const store = await database.open(clock);
        const library = new RecordingLibrary();
        const service = new FeedService({
          feeds: store.feeds,
          library,
          clock,
          logger: recordingLogger().logger,
          globalFeeds: [],
          allowPrivate: false,
          timer: idleTimer,
          fetcher,
          instanceId: `process-${n}`,
          ...(watch && store.watchFeedChanges && { watchChanges: store.watchFeedChanges.bind(store) }),
          ...options,
        });
        services.push(service);
        opened.push({ store, service, library });
      }
      return { clock, fetcher, processes: opened };
    }

    it("GIVEN three processes with the same FEEDS WHEN they start and poll at the same moments THEN each feed is fetched once per interval", async () => {
      const feeds = [FEED_URL, "https://other.example/rss"];
      const { clock, fetcher, processes: all } = await processes(3, { globalFeeds: feeds });
      fetcher.turns = 3;

      await Promise.all(all.map(({ service }) => service.start()));
      expect(feeds.map((url) => fetcher.count(url))).toEqual([1, 1]);

      clock.advance(5 * MINUTE);
      await Promise.all(all.map(({ service }) => service.pollDue()));
      expect(fetcher.requests).toHaveLength(2);

      clock.advance(10 * MINUTE);
      await Promise.all(all.map(({ service }) => service.pollDue()));
      expect(feeds.map((url) => fetcher.count(url))).toEqual([2, 2]);
    });

    it("GIVEN a process that restarts THEN its stored feeds are not fetched again before they are due", async () => {
      const { fetcher, processes: all } = await processes(2, { globalFeeds: [FEED_URL] });
      const [first, restarted] = all;
      await first?.service.start();
      await first?.service.stop();
      await restarted?.service.start();
      expect(fetcher.count(FEED_URL)).toBe(1);
    });

    it("GIVEN two processes WHEN one fetches a feed THEN the article reaches the other's library", async () => {
      const { fetcher, processes: all } = await processes(2, { globalFeeds: [FEED_URL] });
      const [fetching, watching] = all;
      if (!fetching || !watching) throw new Error("two processes expected");
      fetcher.respond = () => ({ status: "fetched", feed: { format: "rss", title: "News", items: [] } });
      // The watcher starts first, with nothing stored yet; the article arrives from the other's poll.
      await watching.service.start();
      expect(watching.library.handed.size).toBe(1);
      await fetching.service.start();
      await watching.service.syncChanges();
      expect(watching.library.handed.get(feedLibraryKey("", FEED_URL))).toEqual([
        "item-news.example/feed.xml",
      ]);
      expect(fetcher.count(FEED_URL)).toBe(1);
    });

    it("GIVEN a server that adds a feed on one host WHEN the host holding that server syncs THEN it shows the feed's articles", async () => {
      const { fetcher, processes: all } = await processes(2);
      const [adding, holding] = all;
      if (!adding || !holding) throw new Error("two processes expected");
      await holding.service.start();
      await adding.service.add("g1", FEED_URL, "u1");
      await holding.service.syncChanges();
      expect(holding.library.handed.get(feedLibraryKey("g1", FEED_URL))).toEqual([
        "g1/item-news.example/feed.xml",
      ]);
      await adding.service.remove("g1", FEED_URL);
      await holding.service.syncChanges();
      expect(holding.library.handed.get(feedLibraryKey("g1", FEED_URL))).toEqual([]);
      expect(fetcher.count(FEED_URL)).toBe(1);
    });

    it("GIVEN many due feeds on few hosts WHEN polled THEN at most 8 are fetched at once and 2 per host name", async () => {
      const urls = Array.from({ length: 24 }, (_, n) => `https://host${n % 6}.example/feed-${n}.xml`);
      const { fetcher, processes: all } = await processes(1, { globalFeeds: urls });
      fetcher.turns = 5;
      await all[0]?.service.start();
      expect(fetcher.requests).toHaveLength(24);
      expect(fetcher.mostInFlight).toBe(8);
      expect(fetcher.mostPerHost).toBe(2);
    });

    it("GIVEN a 429 with Retry-After and a feed with a long <ttl> THEN each is next polled no sooner than it asked", async () => {
      const limited = "https://busy.example/rss";
      const slow = "https://slow.example/rss";
      const { processes: all, fetcher } = await processes(1, { globalFeeds: [limited, slow] });
      fetcher.respond = (url) =>
        url === limited
          ? { status: "failed", reason: "HTTP 429", retryAfter: "3600" }
          : { status: "fetched", feed: { format: "rss", items: [], ttlMinutes: 90 } };
      const only = all[0];
      if (!only) throw new Error("one process expected");
      await only.service.start();
      const next = async (url: string) => (await only.store.feeds.byUrl(url))?.nextFetchAt;
      // Without them: one minute of backoff after a failure, the 15-minute interval after a success.
      expect(await next(limited)).toBe("2025-12-05T13:00:00.000Z");
      expect(await next(slow)).toBe("2025-12-05T13:30:00.000Z");
    });

    if (engine.name === "postgres") {
      it("GIVEN PostgreSQL notifications WHEN another host stores a server's article THEN this library gets it without being asked to sync", async () => {
        const { processes: all } = await processes(2, {}, true);
        const [watching, adding] = all;
        if (!watching || !adding) throw new Error("two processes expected");
        await watching.service.start();
        await adding.service.start();
        const key = feedLibraryKey("g1", FEED_URL);
        const arrived = watching.library.received(key);
        await adding.service.add("g1", FEED_URL, "u1");
        await arrived;
        expect(watching.library.handed.get(key)).toEqual(["g1/item-news.example/feed.xml"]);
      });
    }
  });
}
