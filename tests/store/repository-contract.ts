import { afterEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { Store } from "../../src/store/db.ts";
import { EVERY_SERVER, MAX_ITEMS_PER_FEED } from "../../src/store/feeds.ts";
import type { StoreEngine, TestDatabase } from "../helpers/store-engines.ts";

const berlin = { guildId: "g1", channelId: "c1", time: "09:00", timezone: "Europe/Berlin", userId: "u1" };
const periodKey = (day: string, scheduleId = 1) => ({
  scheduleId,
  guildId: "g1",
  periodKey: day,
  dueAt: new Date(`${day}T08:00:00Z`),
});
const URL_A = "https://outlet.example/rss";
const URL_B = "https://other.example/feed";

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

/**
 * The behaviour every {@link Store} must have, whatever the engine: one suite, run against SQLite and
 * PostgreSQL by the test files beside this one.
 */
export function describeRepositoryContract(engine: StoreEngine): void {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.cleanup();
    database = undefined;
  });

  async function setup() {
    const clock = new ManualClock("2025-12-05T12:00:00Z");
    database = engine.create();
    const store = await database.open(clock);
    const opened = database;
    const other = () => opened.open(clock);
    return { clock, store, other };
  }

  describe(`${engine.name}: schedules and settings`, () => {
    it("GIVEN a schedule WHEN the store is opened again THEN it is still there", async () => {
      const { store, other } = await setup();
      await store.schedules.upsert({ ...berlin, topic: "ukraine" });
      await store.close();
      const reopened = await other();
      expect(await reopened.schedules.forGuild("g1")).toMatchObject([
        {
          channelId: "c1",
          time: "09:00",
          timezone: "Europe/Berlin",
          topic: "ukraine",
          enabled: true,
          createdBy: "u1",
        },
      ]);
      expect(await reopened.schedules.listEnabled()).toHaveLength(1);
    });

    it("GIVEN an existing schedule WHEN changed, disabled and set again THEN it keeps its id", async () => {
      const { store, clock } = await setup();
      const first = await store.schedules.upsert(berlin);
      clock.advance(60_000);
      const changed = await store.schedules.upsert({ ...berlin, time: "18:30", userId: "u2" });
      expect(changed).toMatchObject({ id: first.id, time: "18:30", createdBy: "u1", updatedBy: "u2" });
      expect(changed.topic).toBeUndefined();
      expect(changed.weekday).toBeUndefined();
      expect(changed.updatedAt).toBe("2025-12-05T12:01:00.000Z");
      expect(await store.schedules.disable("g1", first.id, "u3")).toMatchObject({
        id: first.id,
        enabled: false,
      });
      expect(await store.schedules.listEnabled()).toEqual([]);
      expect(await store.schedules.upsert(berlin)).toMatchObject({ id: first.id, enabled: true });
      expect(await store.schedules.disable("unknown", first.id)).toBeUndefined();
      expect(await store.schedules.disable("g1", first.id + 100)).toBeUndefined();
      expect(await store.schedules.get(first.id)).toMatchObject({ guildId: "g1", enabled: true });
    });

    it("GIVEN one server WHEN schedules are set for other channels and topics THEN each is its own, with its own id", async () => {
      const { store } = await setup();
      const daily = await store.schedules.upsert(berlin);
      const topic = await store.schedules.upsert({ ...berlin, topic: "ukraine" });
      const weekly = await store.schedules.upsert({
        ...berlin,
        channelId: "c2",
        time: "07:00",
        weekday: "monday",
      });
      await store.schedules.upsert({ ...berlin, guildId: "g2" });
      expect(new Set([daily.id, topic.id, weekly.id]).size).toBe(3);
      expect(await store.schedules.forGuild("g1")).toMatchObject([
        { id: daily.id, channelId: "c1" },
        { id: topic.id, channelId: "c1", topic: "ukraine" },
        { id: weekly.id, channelId: "c2", weekday: "monday", time: "07:00" },
      ]);
      expect(await store.schedules.listEnabled()).toHaveLength(4);
      // The same channel and topic again: the weekly one becomes daily in place.
      expect(await store.schedules.upsert({ ...berlin, channelId: "c2" })).toMatchObject({
        id: weekly.id,
        time: "09:00",
      });
      expect((await store.schedules.get(weekly.id))?.weekday).toBeUndefined();
      await store.schedules.disable("g1", topic.id);
      expect((await store.schedules.listEnabled()).map((each) => each.id)).not.toContain(topic.id);
      expect(await store.schedules.get(daily.id)).toMatchObject({ enabled: true });
    });

    it("GIVEN two schedules' runs WHEN asking for each one's latest THEN each sees only its own", async () => {
      const { store } = await setup();
      const daily = await store.schedules.upsert(berlin);
      const weekly = await store.schedules.upsert({ ...berlin, channelId: "c2", weekday: "friday" });
      const posted = await store.runs.claim(periodKey("2025-12-04", daily.id), "me");
      if (!posted) throw new Error("claim failed");
      await store.runs.finish(posted.id, { status: "posted" });
      await store.runs.claim(periodKey("2025-12-05", daily.id), "me");
      await store.runs.recordSkipped(
        { ...periodKey("2025-12-05", weekly.id), periodKey: "week:2025-12-05" },
        "late",
      );
      expect(await store.runs.latestForSchedule(daily.id)).toMatchObject({
        periodKey: "2025-12-05",
        status: "claimed",
      });
      expect(await store.runs.latestForSchedule(daily.id, "posted")).toMatchObject({
        periodKey: "2025-12-04",
      });
      expect(await store.runs.latestForSchedule(weekly.id)).toMatchObject({ periodKey: "week:2025-12-05" });
      expect(await store.runs.latestForSchedule(weekly.id, "posted")).toBeUndefined();
      // A weekly period and a daily one of the same date are different periods.
      expect(await store.runs.claim(periodKey("2025-12-05", weekly.id), "me")).toMatchObject({
        status: "claimed",
      });
    });

    it("GIVEN no settings WHEN read THEN empty days post a note; WHEN changed THEN the change sticks", async () => {
      const { store } = await setup();
      expect((await store.settings.get("g1")).emptyDigest).toBe("post");
      await store.settings.setEmptyDigest("g1", "skip");
      expect((await store.settings.get("g1")).emptyDigest).toBe("skip");
      expect((await store.settings.get("g2")).emptyDigest).toBe("post");
    });
  });

  describe(`${engine.name}: digest runs`, () => {
    it("GIVEN a claimed period WHEN claimed again, even from another connection THEN the second claim gets nothing", async () => {
      const { store: a, other } = await setup();
      const b = await other();
      const schedule = await a.schedules.upsert(berlin);
      const key = (day: string) => periodKey(day, schedule.id);
      expect(await a.runs.claim(key("2025-12-05"), "a")).toMatchObject({ status: "claimed", claimedBy: "a" });
      expect(await b.runs.claim(key("2025-12-05"), "b")).toBeUndefined();
      expect(await b.runs.recordSkipped(key("2025-12-05"), "late")).toBe(false);
      expect(await b.runs.claim(key("2025-12-06"), "b")).toMatchObject({ claimedBy: "b" });
    });

    it("GIVEN ten processes claiming one period at the same moment THEN exactly one gets it", async () => {
      const { store, other } = await setup();
      const schedule = await store.schedules.upsert(berlin);
      const stores = [store, ...(await Promise.all(Array.from({ length: 9 }, () => other())))];
      const claims = await Promise.all(
        stores.map((each, n) => each.runs.claim(periodKey("2025-12-05", schedule.id), `p${n}`)),
      );
      expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
    });

    it("GIVEN a claimed run WHEN attempts, messages and the outcome are recorded THEN they read back", async () => {
      const { store } = await setup();
      const schedule = await store.schedules.upsert(berlin);
      const run = await store.runs.claim(periodKey("2025-12-05", schedule.id), "me");
      if (!run) throw new Error("claim failed");
      await store.runs.recordAttempt(run.id);
      await store.runs.recordAttempt(run.id);
      await store.runs.recordMessages(run.id, ["m1", "m2"]);
      const window = { since: new Date("2025-12-04T08:00:00Z"), until: new Date("2025-12-05T08:00:00Z") };
      const done = await store.runs.finish(run.id, { status: "posted", window, articleCount: 12 });
      expect(done).toMatchObject({
        status: "posted",
        attempts: 2,
        messageIds: ["m1", "m2"],
        dueAt: "2025-12-05T08:00:00.000Z",
        windowUntil: "2025-12-05T08:00:00.000Z",
        finishedAt: "2025-12-05T12:00:00.000Z",
        articleCount: 12,
      });
      expect(await store.runs.finish(run.id, { status: "failed" })).toBeUndefined();
      expect((await store.runs.lastPosted("g1"))?.id).toBe(run.id);
      expect((await store.runs.latest("g1"))?.id).toBe(run.id);
    });

    it("GIVEN an old claim and a fresh one WHEN stale claims are failed THEN only the old one is closed", async () => {
      const { store, clock } = await setup();
      const schedule = await store.schedules.upsert(berlin);
      await store.runs.claim(periodKey("2025-12-04", schedule.id), "crashed");
      clock.advance(3_600_000);
      await store.runs.claim(periodKey("2025-12-05", schedule.id), "alive");
      expect(await store.runs.failStaleClaims(new Date(clock.now().getTime() - 60_000), "interrupted")).toBe(
        1,
      );
      expect(await store.runs.forPeriod(schedule.id, "2025-12-04")).toMatchObject({
        status: "failed",
        reason: "interrupted",
      });
      expect((await store.runs.forPeriod(schedule.id, "2025-12-05"))?.status).toBe("claimed");
      expect((await store.runs.openClaims()).map((run) => run.claimedBy)).toEqual(["alive"]);
    });

    it("GIVEN a claim of a process that is gone WHEN two others take it over at once THEN one gets it", async () => {
      const { store, other } = await setup();
      const b = await other();
      const schedule = await store.schedules.upsert(berlin);
      const run = await store.runs.claim(periodKey("2025-12-05", schedule.id), "gone");
      if (!run) throw new Error("claim failed");
      const takeovers = await Promise.all([
        store.runs.takeOver(run.id, "gone", "a"),
        b.runs.takeOver(run.id, "gone", "b"),
      ]);
      expect(takeovers.filter((taken) => taken !== undefined)).toHaveLength(1);
    });
  });

  describe(`${engine.name}: feeds`, () => {
    it("GIVEN a new URL WHEN ensured twice THEN one feed exists, due now", async () => {
      const { store } = await setup();
      const first = await store.feeds.ensure(URL_A);
      const again = await store.feeds.ensure(URL_A);
      expect(again.id).toBe(first.id);
      expect(first).toMatchObject({ consecutiveFailures: 0, nextFetchAt: "2025-12-05T12:00:00.000Z" });
      expect(await store.feeds.list()).toHaveLength(1);
      expect((await store.feeds.byUrl(URL_A))?.id).toBe(first.id);
    });

    it("GIVEN subscriptions of two servers WHEN one leaves THEN the feed stays; when the last leaves THEN it goes with its items", async () => {
      const { store } = await setup();
      const { feeds } = store;
      const feed = await feeds.ensure(URL_A);
      expect(await feeds.subscribe(feed.id, "g1", "u1")).toBe(true);
      expect(await feeds.subscribe(feed.id, "g1", "u1")).toBe(false);
      await feeds.subscribe(feed.id, EVERY_SERVER);
      await feeds.saveItems(feed.id, [{ key: "k1", fingerprint: "f1", article: article("a1") }]);
      expect(await feeds.subscriptionsOf("g1")).toMatchObject([
        { feedId: feed.id, guildId: "g1", addedBy: "u1" },
      ]);
      expect(await feeds.subscriptions()).toHaveLength(2);

      expect(await feeds.unsubscribe(feed.id, "g1")).toBe(true);
      expect(await feeds.get(feed.id)).toBeDefined();
      expect(await feeds.unsubscribe(feed.id, EVERY_SERVER)).toBe(true);
      expect(await feeds.get(feed.id)).toBeUndefined();
      expect(await feeds.itemCount(feed.id)).toBe(0);
      expect(await feeds.unsubscribe(feed.id, "g1")).toBe(false);
    });

    it("GIVEN failures then a success THEN failures count up with the error and reset, validators kept across a 304", async () => {
      const { store, clock } = await setup();
      const { feeds } = store;
      const feed = await feeds.ensure(URL_A);
      const later = (minutes: number) => () => new Date(clock.now().getTime() + minutes * 60_000);
      await feeds.recordFailure(feed.id, "HTTP 500", later(1));
      const second = await feeds.recordFailure(feed.id, "timeout", later(2));
      expect(second).toMatchObject({
        consecutiveFailures: 2,
        lastError: "timeout",
        nextFetchAt: "2025-12-05T12:02:00.000Z",
      });
      expect(await feeds.recordFailure(9999, "gone", later(1))).toBeUndefined();

      await feeds.recordSuccess(feed.id, {
        etag: '"v1"',
        lastModified: "Fri, 05 Dec 2025 11:00:00 GMT",
        title: "Outlet",
        nextFetchAt: new Date("2025-12-05T12:15:00Z"),
      });
      await feeds.recordSuccess(feed.id, { nextFetchAt: new Date("2025-12-05T12:30:00Z") });
      const now = await feeds.get(feed.id);
      expect(now).toMatchObject({
        consecutiveFailures: 0,
        etag: '"v1"',
        lastModified: "Fri, 05 Dec 2025 11:00:00 GMT",
        title: "Outlet",
        nextFetchAt: "2025-12-05T12:30:00.000Z",
      });
      expect(now?.lastError).toBeUndefined();
      await feeds.recordSuccess(feed.id, {
        nextFetchAt: new Date("2025-12-05T12:45:00Z"),
        unconditionalNext: true,
      });
      expect((await feeds.get(feed.id))?.etag).toBeUndefined();
    });

    it("GIVEN items saved, changed and read back THEN they keep their first-seen order and fingerprints update", async () => {
      const { store, clock } = await setup();
      const { feeds } = store;
      const feed = await feeds.ensure(URL_A);
      await feeds.saveItems(feed.id, [
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
      await feeds.saveItems(feed.id, [
        { key: "k1", fingerprint: "f1b", article: { ...article("a1"), title: "Changed" } },
      ]);
      const items = await feeds.items(feed.id);
      expect(items.map((item) => [item.key, item.fingerprint, item.article.title])).toEqual([
        ["k1", "f1b", "Changed"],
        ["k2", "f2", "Title a2"],
      ]);
      expect(items[1]?.firstSeenAt).toBe("2025-12-05T12:00:00.000Z");
      expect(await feeds.fingerprints(feed.id)).toEqual(
        new Map([
          ["k1", "f1b"],
          ["k2", "f2"],
        ]),
      );
    });

    it("GIVEN more items than a feed keeps THEN the oldest seen are dropped", async () => {
      const { store, clock } = await setup();
      const { feeds } = store;
      const feed = await feeds.ensure(URL_A);
      await feeds.saveItems(feed.id, [{ key: "old", fingerprint: "f", article: article("old") }]);
      clock.advance(60_000);
      await feeds.saveItems(
        feed.id,
        Array.from({ length: MAX_ITEMS_PER_FEED }, (_, n) => ({
          key: `k${n}`,
          fingerprint: "f",
          article: article(`a${n}`),
        })),
      );
      expect(await feeds.itemCount(feed.id)).toBe(MAX_ITEMS_PER_FEED);
      expect((await feeds.fingerprints(feed.id)).has("old")).toBe(false);
    });
  });

  describe(`${engine.name}: feed retention`, () => {
    const dated = (id: string, publishedAt?: string) => ({
      key: id,
      fingerprint: "f",
      article: { ...article(id), ...(publishedAt !== undefined && { publishedAt }) },
    });

    it("GIVEN dated and undated items of several feeds WHEN pruned by a date THEN only those published before it go, and each feed that lost items is logged once", async () => {
      const { store, other } = await setup();
      const reader = await other();
      const a = await store.feeds.ensure(URL_A);
      const b = await store.feeds.ensure(URL_B);
      const c = await store.feeds.ensure("https://third.example/rss");
      await store.feeds.saveItems(a.id, [
        dated("a-old", "2025-11-20T10:00:00Z"),
        // 23:00 UTC the day before the cutoff, though its local text sorts after it.
        dated("a-offset", "2025-12-01T01:00:00+02:00"),
        dated("a-new", "2025-12-01T00:00:00.000Z"),
        dated("a-undated"),
      ]);
      await store.feeds.saveItems(b.id, [dated("b-old", "2024-06-01T00:00:00Z")]);
      await store.feeds.saveItems(c.id, [dated("c-new", "2025-12-04T00:00:00Z")]);
      const before = await reader.feeds.changesSince(undefined);

      expect(await store.feeds.pruneItems(new Date("2025-12-01T00:00:00Z"))).toBe(3);

      expect((await reader.feeds.items(a.id)).map((item) => item.key)).toEqual(["a-new", "a-undated"]);
      expect(await reader.feeds.itemCount(b.id)).toBe(0);
      expect(await reader.feeds.itemCount(c.id)).toBe(1);
      const changes = await reader.feeds.changesSince(before.cursor);
      expect([...(changes.feedIds as number[])].sort()).toEqual([a.id, b.id].sort());
      expect(await store.feeds.pruneItems(new Date("2025-12-01T00:00:00Z"))).toBe(0);
      expect((await reader.feeds.changesSince(changes.cursor)).feedIds).toEqual([]);
    });

    it("GIVEN an item whose date changes WHEN saved again THEN the prune goes by its new date", async () => {
      const { store } = await setup();
      const feed = await store.feeds.ensure(URL_A);
      await store.feeds.saveItems(feed.id, [dated("k1", "2025-12-04T00:00:00Z"), dated("k2")]);
      await store.feeds.saveItems(feed.id, [
        dated("k1", "2025-01-01T00:00:00Z"),
        dated("k2", "2025-01-02T00:00:00Z"),
      ]);
      expect(await store.feeds.pruneItems(new Date("2025-06-01T00:00:00Z"))).toBe(2);
      expect(await store.feeds.itemCount(feed.id)).toBe(0);
    });
  });

  describe(`${engine.name}: feed claims`, () => {
    it("GIVEN due feeds WHEN two processes claim at once THEN each feed goes to one, and none is due again until released or expired", async () => {
      const { store, other, clock } = await setup();
      const b = await other();
      for (const url of [URL_A, URL_B, "https://third.example/rss", "https://fourth.example/rss"]) {
        const feed = await store.feeds.ensure(url);
        await store.feeds.subscribe(feed.id, EVERY_SERVER);
      }
      const lease = new Date(clock.now().getTime() + 600_000);
      const [mine, theirs] = await Promise.all([
        store.feeds.claimDue(clock.now(), "a", lease, 10),
        b.feeds.claimDue(clock.now(), "b", lease, 10),
      ]);
      const ids = [...mine, ...theirs].map((feed) => feed.id).sort();
      expect(ids).toHaveLength(4);
      expect(new Set(ids).size).toBe(4);
      expect(await store.feeds.claimDue(clock.now(), "c", lease, 10)).toEqual([]);
      expect((await store.feeds.nextDueAt())?.toISOString()).toBe(lease.toISOString());

      // One is done: it is due again after its interval. The others' claims run out after the lease.
      const done = mine[0] ?? theirs[0];
      if (!done) throw new Error("nothing claimed");
      await store.feeds.recordSuccess(done.id, { nextFetchAt: new Date(clock.now().getTime() + 900_000) });
      expect((await store.feeds.get(done.id))?.claimedBy).toBeUndefined();
      clock.advance(600_000);
      const expired = await b.feeds.claimDue(clock.now(), "b", new Date(clock.now().getTime() + 600_000), 10);
      expect(expired.map((feed) => feed.id).sort()).toEqual(ids.filter((id) => id !== done.id));
    });

    it("GIVEN a feed nobody follows, or claimed by another WHEN claimed THEN it is not handed out", async () => {
      const { store, clock } = await setup();
      const lonely = await store.feeds.ensure(URL_A);
      const lease = new Date(clock.now().getTime() + 600_000);
      expect(await store.feeds.claimDue(clock.now(), "a", lease, 10)).toEqual([]);
      expect(await store.feeds.nextDueAt()).toBeUndefined();
      expect(await store.feeds.claim(lonely.id, clock.now(), "a", lease)).toMatchObject({ claimedBy: "a" });
      expect(await store.feeds.claim(lonely.id, clock.now(), "b", lease)).toBeUndefined();
    });

    it("GIVEN a failed poll THEN its claim is released with the backoff as the next time", async () => {
      const { store, clock } = await setup();
      const feed = await store.feeds.ensure(URL_A);
      await store.feeds.subscribe(feed.id, "g1");
      const [claimed] = await store.feeds.claimDue(
        clock.now(),
        "a",
        new Date(clock.now().getTime() + 600_000),
        1,
      );
      expect(claimed?.claimedBy).toBe("a");
      await store.feeds.recordFailure(feed.id, "HTTP 503", () => new Date(clock.now().getTime() + 120_000));
      expect((await store.feeds.nextDueAt())?.toISOString()).toBe("2025-12-05T12:02:00.000Z");
    });
  });

  describe(`${engine.name}: feed changes`, () => {
    it("GIVEN a reader's cursor WHEN another process stores items, adds and removes followers THEN the reader learns which feeds changed, once", async () => {
      const { store, other } = await setup();
      const reader = await other();
      const start = await reader.feeds.changesSince(undefined);
      expect(start.feedIds).toBe("all");

      const a = await store.feeds.ensure(URL_A);
      const b = await store.feeds.ensure(URL_B);
      await store.feeds.subscribe(a.id, "g1");
      await store.feeds.saveItems(a.id, [{ key: "k1", fingerprint: "f1", article: article("a1") }]);
      const first = await reader.feeds.changesSince(start.cursor);
      expect(first.feedIds).toEqual([a.id]);
      expect(await reader.feeds.changesSince(first.cursor)).toEqual({ cursor: first.cursor, feedIds: [] });

      await store.feeds.subscribe(b.id, "g2");
      await store.feeds.unsubscribe(a.id, "g1");
      const second = await reader.feeds.changesSince(first.cursor);
      expect([...(second.feedIds as number[])].sort()).toEqual([a.id, b.id].sort());
    });

    it("GIVEN a reader that fell behind the log's pruning THEN it is told to reload everything", async () => {
      const { store, clock } = await setup();
      const a = await store.feeds.ensure(URL_A);
      await store.feeds.subscribe(a.id, "g1");
      const behind = await store.feeds.changesSince(undefined);
      await store.feeds.saveItems(a.id, [{ key: "k1", fingerprint: "f1", article: article("a1") }]);
      clock.advance(2 * 24 * 3_600_000);
      await store.feeds.saveItems(a.id, [{ key: "k2", fingerprint: "f2", article: article("a2") }]);
      await store.feeds.saveItems(a.id, [{ key: "k3", fingerprint: "f3", article: article("a3") }]);
      expect((await store.feeds.changesSince(behind.cursor - 1)).feedIds).toBe("all");
    });
  });

  describe(`${engine.name}: follows`, () => {
    const follow = {
      guildId: "g1",
      channelId: "c1",
      query: "harbour",
      speakerAliases: ["A B"],
      mode: "each",
    } as const;
    const post = (articleId: string) => ({
      followId: "",
      articleId,
      storyKey: articleId,
      placement: "top" as const,
    });

    it("GIVEN a follow WHEN read back, paused, failed and removed THEN each step keeps what it should", async () => {
      const { store, clock } = await setup();
      const created = await store.follows.create(follow);
      expect(created).toMatchObject({
        guildId: "g1",
        query: "harbour",
        speakerAliases: ["A B"],
        paused: false,
      });
      expect(await store.follows.forGuild("g1")).toEqual([created]);
      clock.advance(1_000);
      await store.follows.recordFailure(created.id, "403 Missing Access");
      expect(await store.follows.setPaused(created.id, true, "channel deleted")).toMatchObject({
        paused: true,
        pausedReason: "channel deleted",
        consecutiveFailures: 1,
        lastError: "403 Missing Access",
      });
      expect(await store.follows.setPaused(created.id, false)).toMatchObject({
        paused: false,
        consecutiveFailures: 0,
      });
      expect(await store.follows.remove("other-server", created.id)).toBeUndefined();
      expect(await store.follows.remove("g1", created.id)).toMatchObject({ id: created.id });
      expect(await store.follows.all()).toEqual([]);
    });

    it("GIVEN ten processes claiming one article for one follow at once THEN exactly one claim is made", async () => {
      const { store, other } = await setup();
      const second = await other();
      const { id } = await store.follows.create(follow);
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          (index % 2 === 0 ? store : second).follows.claim(
            { ...post("a1"), followId: id },
            "claimed",
            `p${String(index)}`,
          ),
        ),
      );
      expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
      expect(await store.follows.openClaims()).toHaveLength(1);
    });

    it("GIVEN queued articles WHEN two processes batch them THEN one moves them all and the other none", async () => {
      const { store, other } = await setup();
      const second = await other();
      const { id } = await store.follows.create({ ...follow, mode: "hourly" });
      for (const articleId of ["a1", "a2", "a3"])
        await store.follows.claim({ ...post(articleId), followId: id, placement: "batch" }, "queued", "p1");
      const [first, again] = await Promise.all([
        store.follows.claimBatch(id, ["a3", "a1", "a2"], "hour-12", "p1"),
        second.follows.claimBatch(id, ["a3", "a1", "a2"], "hour-12", "p2"),
      ]);
      const moved = [first, again].sort((x, y) => y.length - x.length);
      expect(moved[0]?.map((row) => row.articleId)).toEqual(["a3", "a1", "a2"]);
      expect(moved[1]).toEqual([]);
      expect(await store.follows.queued()).toEqual([]);
    });

    it("GIVEN a claim of a process that is gone WHEN taken over and finished THEN it is posted once", async () => {
      const { store } = await setup();
      const { id } = await store.follows.create(follow);
      await store.follows.claim({ ...post("a1"), followId: id }, "claimed", "dead");
      expect(await store.follows.takeOver(id, "a1", "someone-else", "alive")).toBeUndefined();
      expect(await store.follows.takeOver(id, "a1", "dead", "alive")).toMatchObject({ claimedBy: "alive" });
      expect(
        await store.follows.finish(id, "a1", { status: "posted", messageId: "m1", threadId: "t1" }),
      ).toMatchObject({
        status: "posted",
        messageId: "m1",
        threadId: "t1",
      });
      expect(await store.follows.finish(id, "a1", { status: "posted", messageId: "m2" })).toBeUndefined();
      expect(await store.follows.openClaims()).toEqual([]);
    });
  });

  describe(`${engine.name}: the store`, () => {
    it("GIVEN a new database WHEN opened twice at once THEN every migration is applied once", async () => {
      const { store, other } = await setup();
      const [again, third] = await Promise.all([other(), other()]);
      const versions = await store.appliedVersions();
      expect(await again.appliedVersions()).toEqual(versions);
      expect(await third.appliedVersions()).toEqual(versions);
      expect(versions).toEqual([...new Set(versions)].sort((x, y) => x - y));
    });
  });
}

/** Keeps the type of a store for helpers in the test files. */
export type { Store };
