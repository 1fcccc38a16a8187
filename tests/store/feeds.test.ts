import { describe, expect, it } from "vitest";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { Store } from "../../src/store/db.ts";
import { EVERY_SERVER, MAX_ITEMS_PER_FEED } from "../../src/store/feeds.ts";

function setup() {
  const clock = new ManualClock("2025-12-05T12:00:00Z");
  const store = Store.open(":memory:", { clock });
  return { clock, store, feeds: store.feeds };
}

function article(id: string): Article {
  return {
    id,
    title: `Title ${id}`,
    highlights: [],
    paragraphs: [`Body of ${id}.`],
    headings: [],
    source: "Outlet",
    topics: [],
    origin: { file: "feed:https://outlet.example/rss", offset: 0 },
  };
}

describe("FeedRepository", () => {
  it("GIVEN a new URL WHEN ensured twice THEN one feed exists, due now", () => {
    const { feeds } = setup();
    const first = feeds.ensure("https://outlet.example/rss");
    const again = feeds.ensure("https://outlet.example/rss");
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ consecutiveFailures: 0, nextFetchAt: "2025-12-05T12:00:00.000Z" });
    expect(feeds.list()).toHaveLength(1);
  });

  it("GIVEN subscriptions of two servers WHEN one leaves THEN the feed stays; when the last leaves THEN it goes with its items", () => {
    const { feeds } = setup();
    const feed = feeds.ensure("https://outlet.example/rss");
    expect(feeds.subscribe(feed.id, "g1", "u1")).toBe(true);
    expect(feeds.subscribe(feed.id, "g1", "u1")).toBe(false);
    feeds.subscribe(feed.id, EVERY_SERVER);
    feeds.saveItems(feed.id, [{ key: "k1", fingerprint: "f1", article: article("a1") }]);
    expect(feeds.subscriptionsOf("g1")).toMatchObject([{ feedId: feed.id, guildId: "g1", addedBy: "u1" }]);

    expect(feeds.unsubscribe(feed.id, "g1")).toBe(true);
    expect(feeds.get(feed.id)).toBeDefined();
    expect(feeds.unsubscribe(feed.id, EVERY_SERVER)).toBe(true);
    expect(feeds.get(feed.id)).toBeUndefined();
    expect(feeds.itemCount(feed.id)).toBe(0);
    expect(feeds.unsubscribe(feed.id, "g1")).toBe(false);
  });

  it("GIVEN failures then a success THEN failures count up with the error and reset, validators kept across a 304", () => {
    const { feeds, clock } = setup();
    const feed = feeds.ensure("https://outlet.example/rss");
    const later = (minutes: number) => () => new Date(clock.now().getTime() + minutes * 60_000);
    feeds.recordFailure(feed.id, "HTTP 500", later(1));
    const second = feeds.recordFailure(feed.id, "timeout", later(2));
    expect(second).toMatchObject({
      consecutiveFailures: 2,
      lastError: "timeout",
      nextFetchAt: "2025-12-05T12:02:00.000Z",
    });

    feeds.recordSuccess(feed.id, {
      etag: '"v1"',
      lastModified: "Fri, 05 Dec 2025 11:00:00 GMT",
      title: "Outlet",
      nextFetchAt: new Date("2025-12-05T12:15:00Z"),
    });
    feeds.recordSuccess(feed.id, { nextFetchAt: new Date("2025-12-05T12:30:00Z") });
    const now = feeds.get(feed.id);
    expect(now).toMatchObject({
      consecutiveFailures: 0,
      etag: '"v1"',
      title: "Outlet",
      nextFetchAt: "2025-12-05T12:30:00.000Z",
    });
    expect(now?.lastError).toBeUndefined();
  });

  it("GIVEN items saved, changed and read back THEN they keep their first-seen order and fingerprints update", () => {
    const { feeds, clock } = setup();
    const feed = feeds.ensure("https://outlet.example/rss");
    feeds.saveItems(feed.id, [
      {
        key: "k1",
        fingerprint: "f1",
        guidKey: "g1",
        canonicalUrl: "https://outlet.example/1",
        article: article("a1"),
      },
      { key: "k2", fingerprint: "f2", article: article("a2") },
    ]);
    clock.advance(60_000);
    feeds.saveItems(feed.id, [
      { key: "k1", fingerprint: "f1b", article: { ...article("a1"), title: "Changed" } },
    ]);
    const items = feeds.items(feed.id);
    expect(items.map((item) => [item.key, item.fingerprint, item.article.title])).toEqual([
      ["k1", "f1b", "Changed"],
      ["k2", "f2", "Title a2"],
    ]);
    expect(feeds.fingerprints(feed.id)).toEqual(
      new Map([
        ["k1", "f1b"],
        ["k2", "f2"],
      ]),
    );
  });

  it("GIVEN more items than a feed keeps THEN the oldest seen are dropped", () => {
    const { feeds, clock } = setup();
    const feed = feeds.ensure("https://outlet.example/rss");
    feeds.saveItems(feed.id, [{ key: "old", fingerprint: "f", article: article("old") }]);
    clock.advance(60_000);
    feeds.saveItems(
      feed.id,
      Array.from({ length: MAX_ITEMS_PER_FEED }, (_, n) => ({
        key: `k${n}`,
        fingerprint: "f",
        article: article(`a${n}`),
      })),
    );
    expect(feeds.itemCount(feed.id)).toBe(MAX_ITEMS_PER_FEED);
    expect(feeds.fingerprints(feed.id).has("old")).toBe(false);
  });
});
