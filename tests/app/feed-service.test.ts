import { afterEach, describe, expect, it } from "vitest";
import type { FeedFetcher, FeedResponse, ReadItems } from "../../src/app/feed-fetcher.ts";
import { FeedService, feedLibraryKey, type FeedTimer } from "../../src/app/feeds.ts";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SqliteStore } from "../../src/store/db.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { recordingLogger, TEST_NOW } from "../helpers/app-context.ts";

const FEED_URL = "https://news.example/feed.xml";

/** Answers from a script instead of the network, and records what the service asked. */
class FakeFetcher implements FeedFetcher {
  response: FeedResponse = { status: "failed", reason: "HTTP 500" };
  read: ReadItems = { items: [], skipped: 0, deferred: 0 };
  readonly requests: { url: string; etag?: string | undefined }[] = [];
  check(): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
  fetchFeed(request: { url: string; etag?: string | undefined }): Promise<FeedResponse> {
    this.requests.push({ url: request.url, etag: request.etag });
    return Promise.resolve(this.response);
  }
  readItems(): Promise<ReadItems> {
    return Promise.resolve(this.read);
  }
}

const idleTimer: FeedTimer = { set: () => undefined, clear: () => undefined };
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function open(fetcher: FeedFetcher) {
  const clock = new ManualClock(TEST_NOW);
  const store = SqliteStore.open(":memory:", { clock });
  stores.push(store);
  const handed: { key: string; ids: string[] }[] = [];
  const library = {
    setExternalArticles(key: string, articles: readonly Article[]) {
      handed.push({ key, ids: articles.map((article) => article.id) });
      return Promise.resolve();
    },
  };
  const { logger } = recordingLogger();
  const service = new FeedService({
    feeds: store.feeds,
    library,
    clock,
    logger,
    globalFeeds: [],
    allowPrivate: false,
    timer: idleTimer,
    fetcher,
  });
  return { service, store, handed };
}

describe("FeedService with a fake fetcher", () => {
  it("GIVEN a feed the fetcher reads WHEN a server adds it THEN its items reach the library without a network", async () => {
    const fetcher = new FakeFetcher();
    fetcher.response = {
      status: "fetched",
      feed: { format: "rss", title: "Example", items: [] },
      etag: '"v1"',
    };
    fetcher.read = {
      items: [{ key: "a", fingerprint: "f1", article: makeArticle({ id: "a", source: "Example" }) }],
      skipped: 0,
      deferred: 0,
    };
    const { service, store, handed } = open(fetcher);
    const status = await service.add("g1", FEED_URL, "u1");
    expect(status).toMatchObject({ url: FEED_URL, title: "Example", scope: "server", itemCount: 1 });
    expect(handed).toEqual([{ key: feedLibraryKey("g1", FEED_URL), ids: ["g1/a"] }]);
    expect((await store.feeds.byUrl(FEED_URL))?.etag).toBe('"v1"');
    expect(fetcher.requests).toEqual([{ url: FEED_URL, etag: undefined }]);
  });

  it("GIVEN a feed the fetcher cannot read WHEN a server adds it THEN it is refused with the reason and not kept", async () => {
    const fetcher = new FakeFetcher();
    const { service, store, handed } = open(fetcher);
    await expect(service.add("g1", FEED_URL)).rejects.toThrow("Cannot add that feed: HTTP 500.");
    expect(await store.feeds.byUrl(FEED_URL)).toBeUndefined();
    expect(handed).toEqual([]);
  });
});
