import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FeedService, feedLibraryKey, type FeedServiceOptions } from "../../src/app/feeds.ts";
import { Library, type ArticleChanges, type ExternalVisibility } from "../../src/app/library.ts";
import { QuoteService, quotesDeriver } from "../../src/app/quotes.ts";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SqliteStore } from "../../src/store/db.ts";
import { recordingLogger, TEST_NOW } from "../helpers/app-context.ts";
import {
  fullText,
  rssFeed,
  atomFeed,
  jsonFeed,
  paragraph,
  type FixtureItem,
} from "../fixtures/feeds/builders.ts";
import { FixtureServer } from "../fixtures/feeds/server.ts";
import { FakeTimer } from "../helpers/feed-timer.ts";

const MINUTE = 60_000;

interface Handover {
  key: string;
  ids: string[];
  visibility: ExternalVisibility;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function environment() {
  const server = await FixtureServer.start();
  const dir = await mkdtemp(join(tmpdir(), "newsdesk-feeds-"));
  cleanups.push(
    () => server.close(),
    () => rm(dir, { recursive: true, force: true }),
  );
  await mkdir(join(dir, "articles"));
  return { server, dir };
}

async function openApp(dir: string, options: Partial<FeedServiceOptions> & { libraryDir?: string } = {}) {
  const clock = new ManualClock(TEST_NOW);
  const { logger, lines } = recordingLogger();
  const library = await Library.open({
    articlesDir: join(dir, "articles"),
    dataDir: join(dir, options.libraryDir ?? "library"),
    maxFileBytes: 1_000_000,
    clock,
    logger,
    derivers: [quotesDeriver],
  });
  const handovers: Handover[] = [];
  const recording = {
    setExternalArticles(key: string, articles: readonly Article[], visibility: ExternalVisibility = {}) {
      handovers.push({ key, ids: articles.map((article) => article.id), visibility });
      return library.setExternalArticles(key, articles, visibility);
    },
  };
  const store = SqliteStore.open(join(dir, "newsdesk.sqlite"), { clock });
  const timer = new FakeTimer();
  const service = new FeedService({
    feeds: store.feeds,
    library: recording,
    clock,
    logger,
    globalFeeds: [],
    allowPrivate: true,
    timer,
    limits: { timeoutMs: 3000 },
    ...options,
  });
  const changes: ArticleChanges[] = [];
  library.onChange((change) => changes.push(change));
  cleanups.push(async () => {
    await service.stop();
    await store.close();
  });
  return { clock, library, store, service, timer, lines, handovers, changes };
}

function titles(library: Library): string[] {
  return [...library.articles()].map((article) => article.title).sort();
}

function messages(lines: Record<string, unknown>[]): string[] {
  return lines.map((line) => String(line.msg));
}

const story = (n: number, extra: Partial<FixtureItem> = {}): FixtureItem => ({
  title: `Story ${n}`,
  link: `https://outlet.example/story-${n}`,
  guid: `https://outlet.example/story-${n}`,
  date: "Tue, 02 Dec 2025 10:00:00 GMT",
  content: fullText(`topic${n}`),
  ...extra,
});

describe("FeedService polling", () => {
  it("GIVEN FEEDS WHEN started THEN they are fetched at once, stored, handed to the library and polled again after the interval", async () => {
    const { server, dir } = await environment();
    server.routes.set("/rss", {
      headers: { "content-type": "application/rss+xml" },
      body: rssFeed("Daily", [story(1), story(2)]),
    });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });

    await app.service.start();

    expect(titles(app.library)).toEqual(["Story 1", "Story 2"]);
    expect(app.handovers).toHaveLength(1);
    expect(app.handovers[0]).toMatchObject({ key: feedLibraryKey("", server.url("/rss")), visibility: {} });
    expect(await app.service.list(undefined)).toMatchObject([
      {
        url: server.url("/rss"),
        title: "Daily",
        scope: "everyone",
        health: "ok",
        itemCount: 2,
        lastFetchAt: TEST_NOW.replace("Z", ".000Z"),
      },
    ]);
    expect(app.timer.nextDelay).toBe(15 * MINUTE);
  });

  it("GIVEN a feed with an ETag and Last-Modified WHEN polled again THEN the request is conditional and a 304 changes nothing", async () => {
    const { server, dir } = await environment();
    const body = rssFeed("Daily", [story(1)]);
    server.routes.set("/rss", ({ headers }) =>
      headers["if-none-match"] === '"v1"'
        ? { status: 304 }
        : { headers: { etag: '"v1"', "last-modified": "Tue, 02 Dec 2025 09:00:00 GMT" }, body },
    );
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    await app.service.start();
    const changesAfterStart = app.changes.length;

    app.clock.advance(15 * MINUTE);
    await app.service.pollDue();

    const second = server.requests[1];
    expect(second?.headers["if-none-match"]).toBe('"v1"');
    expect(second?.headers["if-modified-since"]).toBe("Tue, 02 Dec 2025 09:00:00 GMT");
    expect(app.changes).toHaveLength(changesAfterStart);
    expect(app.handovers).toHaveLength(1);
    expect((await app.service.list(undefined))[0]).toMatchObject({ health: "ok", itemCount: 1 });
  });

  it("GIVEN a feed that gains an item and repeats the rest WHEN polled THEN only the new article is added", async () => {
    const { server, dir } = await environment();
    server.routes.set("/rss", { body: rssFeed("Daily", [story(1)]) });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    await app.service.start();
    server.routes.set("/rss", { body: rssFeed("Daily", [story(2), story(1)]) });

    app.clock.advance(15 * MINUTE);
    await app.service.pollDue();

    expect(titles(app.library)).toEqual(["Story 1", "Story 2"]);
    expect(app.changes.at(-1)).toMatchObject({ added: [expect.any(String)], updated: [], removed: [] });
  });

  it("GIVEN a poll that is not due yet WHEN pollDue runs THEN nothing is fetched", async () => {
    const { server, dir } = await environment();
    server.routes.set("/rss", { body: rssFeed("Daily", [story(1)]) });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    await app.service.start();
    app.clock.advance(5 * MINUTE);
    await app.service.pollDue();
    expect(server.count("/rss")).toBe(1);
    expect(app.timer.nextDelay).toBe(10 * MINUTE);
  });

  it("GIVEN two feeds carrying the same stories (same guid, tracked link, same body) THEN each story lands once", async () => {
    const { server, dir } = await environment();
    server.routes.set("/a", { body: rssFeed("Outlet A", [story(1), story(2), story(3)]) });
    const copies: FixtureItem[] = [
      story(1, { title: "Story 1 (syndicated)" }),
      story(2, { guid: "b-2", link: "https://Outlet.example/story-2/?utm_source=b&utm_medium=rss#x" }),
      { title: "Story 3, retitled", guid: "b-3", link: "https://b.example/3", content: fullText("topic3") },
      story(4),
    ];
    server.routes.set("/b", {
      body: atomFeed(
        "Outlet B",
        copies.map((item) => ({ ...item, date: "2025-12-02T10:00:00Z" })),
      ),
    });
    const app = await openApp(dir, { globalFeeds: [server.url("/a"), server.url("/b")] });

    await app.service.start();

    expect(titles(app.library)).toEqual(["Story 1", "Story 2", "Story 3", "Story 4"]);
    const fromB = app.handovers.find((handover) => handover.key.endsWith("/b"));
    expect(fromB?.ids).toHaveLength(1);
  });
});

describe("FeedService bad input", () => {
  it("GIVEN feeds with malformed XML, an HTML page, a huge and a slow response THEN each fails or degrades with its reason and the good feed lands", async () => {
    const { server, dir } = await environment();
    server.routes.set("/good", { body: jsonFeed("Good", [{ ...story(1), date: "2025-12-02T10:00:00Z" }]) });
    server.routes.set("/broken", {
      body: `<rss><channel><title>Broken</title><item><title>Readable</title><description>${paragraph("ok", 150)}</description></item><item><title>Cut</description></item></channel></rss>`,
    });
    server.routes.set("/html", {
      headers: { "content-type": "text/html" },
      body: "<!doctype html><html><body><h1>Welcome</h1></body></html>",
    });
    server.routes.set("/huge", {
      body: rssFeed(
        "Huge",
        Array.from({ length: 200 }, (_, n) => story(n + 10)),
      ),
    });
    server.routes.set("/slow", () => "hang");
    const feeds = ["/good", "/broken", "/html", "/huge", "/slow"].map((path) => server.url(path));
    const app = await openApp(dir, { globalFeeds: feeds, limits: { timeoutMs: 400, maxBytes: 64 * 1024 } });

    await app.service.start();

    expect(titles(app.library)).toEqual(["Readable", "Story 1"]);
    const errors = Object.fromEntries(
      (await app.service.list(undefined)).map((status) => [new URL(status.url).pathname, status.lastError]),
    );
    expect(errors["/good"]).toBeUndefined();
    expect(errors["/broken"]).toBeUndefined();
    expect(errors["/html"]).toBe("an HTML page, not a feed");
    expect(errors["/huge"]).toBe("the response is larger than 64 KB");
    expect(errors["/slow"]).toBe("no complete response within 400 ms");
    expect(messages(app.lines).some((msg) => msg.startsWith("feed read with a problem: malformed XML"))).toBe(
      true,
    );
    expect(messages(app.lines)).toContain("feed fetch failed: an HTML page, not a feed");
  });

  it("GIVEN a windows-1252 feed declared in Content-Type THEN its text is decoded by that charset", async () => {
    const { server, dir } = await environment();
    const xml = rssFeed(
      "Caf\u00e9 News",
      [{ title: "Caf\u00e9 opens", guid: "c1", content: `<p>${paragraph("caf\u00e9", 130)}</p>` }],
      "windows-1252",
    );
    // Every character of this feed is below U+0100, so windows-1252 bytes equal the code units.
    const bytes = Uint8Array.from(xml, (ch) => ch.charCodeAt(0));
    server.routes.set("/latin", {
      headers: { "content-type": "application/rss+xml; charset=windows-1252" },
      body: bytes,
    });
    const app = await openApp(dir, { globalFeeds: [server.url("/latin")] });
    await app.service.start();
    expect(titles(app.library)).toEqual(["Caf\u00e9 opens"]);
    expect((await app.service.list(undefined))[0]?.title).toBe("Caf\u00e9 News");
  });

  it("GIVEN items with no date, no link, or neither text nor link THEN the first two land (undated) and the last is skipped with a reason", async () => {
    const { server, dir } = await environment();
    server.routes.set("/rss", {
      body: rssFeed("Daily", [
        { title: "Undated", link: "https://outlet.example/u", content: fullText("undated") },
        { title: "Linkless", guid: "n-1", content: fullText("linkless") },
        { title: "Empty" },
      ]),
    });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    await app.service.start();
    expect(titles(app.library)).toEqual(["Linkless", "Undated"]);
    expect([...app.library.articles()].every((article) => article.publishedAt === undefined)).toBe(true);
    expect(messages(app.lines)).toContain("feed item skipped: no text and no link");
    expect(messages(app.lines)).toContain("feed item: no date; kept undated");
  });

  it("GIVEN a teaser item WHEN fetched THEN the page's article text is read; a page that fails leaves the teaser", async () => {
    const { server, dir } = await environment();
    const pageStory = Array.from(
      { length: 5 },
      (_, i) =>
        `<p>Paragraph ${i}: the harbour master said the new quay would open in spring after years of delay.</p>`,
    ).join("");
    server.routes.set("/page", {
      headers: { "content-type": "text/html; charset=utf-8" },
      body: `<html><body><nav>Home News</nav><article><h1>Quay</h1>${pageStory}</article></body></html>`,
    });
    server.routes.set("/rss", {
      body: rssFeed("Daily", [
        { title: "Quay opens", guid: "q1", link: server.url("/page"), summary: "The harbour master spoke…" },
        {
          title: "Missing page",
          guid: "m1",
          link: server.url("/gone"),
          summary: "A short teaser about the port.",
        },
      ]),
    });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    await app.service.start();
    const byTitle = new Map([...app.library.articles()].map((article) => [article.title, article]));
    expect(byTitle.get("Quay opens")?.paragraphs).toHaveLength(5);
    expect(byTitle.get("Missing page")?.paragraphs).toEqual(["A short teaser about the port."]);
    expect(messages(app.lines)).toContain("teaser page not read: HTTP 404");
  });
});

describe("FeedService failures", () => {
  it("GIVEN a failing feed THEN retries back off exponentially, it turns unhealthy, and recovers on success", async () => {
    const { server, dir } = await environment();
    server.routes.set("/rss", { status: 500, body: "oops" });
    const policy = { retryBaseMs: MINUTE, retryMaxMs: 60 * MINUTE, unhealthyAfter: 3 };
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")], policy });
    await app.service.start();
    const waits = [app.timer.nextDelay];
    for (let attempt = 0; attempt < 2; attempt++) {
      app.clock.advance(app.timer.nextDelay ?? 0);
      await app.service.pollDue();
      waits.push(app.timer.nextDelay);
    }
    expect(waits).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE]);
    expect((await app.service.list(undefined))[0]).toMatchObject({
      health: "unhealthy",
      consecutiveFailures: 3,
      lastError: "HTTP 500",
    });
    expect(messages(app.lines)).toContain("feed unhealthy: HTTP 500");

    server.routes.set("/rss", { body: rssFeed("Daily", [story(1)]) });
    app.clock.advance(4 * MINUTE);
    await app.service.pollDue();
    expect((await app.service.list(undefined))[0]).toMatchObject({
      health: "ok",
      consecutiveFailures: 0,
      itemCount: 1,
    });
    expect((await app.service.list(undefined))[0]?.lastError).toBeUndefined();
  });

  it("GIVEN FEEDS_ALLOW_PRIVATE off THEN a feed on 127.0.0.1 is refused and nothing is requested", async () => {
    const { server, dir } = await environment();
    server.routes.set("/rss", { body: rssFeed("Daily", [story(1)]) });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")], allowPrivate: false });
    await app.service.start();
    expect(server.requests).toHaveLength(0);
    expect((await app.service.list(undefined))[0]?.lastError).toBe(
      "127.0.0.1 resolves to a private or local address (127.0.0.1); not allowed",
    );
  });

  it("GIVEN a feed that moved WHEN fetched THEN redirects are followed", async () => {
    const { server, dir } = await environment();
    server.routes.set("/old", { status: 301, headers: { location: "/new" } });
    server.routes.set("/new", { body: rssFeed("Moved", [story(1)]) });
    const app = await openApp(dir, { globalFeeds: [server.url("/old")] });
    await app.service.start();
    expect(titles(app.library)).toEqual(["Story 1"]);
  });
});

describe("FeedService with the library", () => {
  it("GIVEN a feed article with a quote THEN it is searchable and its speaker quotable", async () => {
    const { server, dir } = await environment();
    const content = `<p>The harbour of Kelmar will get a new quay next spring, officials announced on Monday.</p>
      <p>"We will finish the quay before the summer season," said Mayor Anna Berg at the town hall.</p>
      <p>${paragraph("quay", 120)}</p>`;
    server.routes.set("/rss", {
      body: rssFeed("Coast News", [
        { title: "Kelmar quay", guid: "k1", link: "https://coast.example/k1", content },
      ]),
    });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    const quotes = new QuoteService(app.library);
    cleanups.push(() => {
      quotes.close();
      return Promise.resolve();
    });
    await app.service.start();

    expect(app.library.search("Kelmar quay", {}, 5).map((hit) => hit.article.title)).toEqual(["Kelmar quay"]);
    const speaker = quotes.find("Anna Berg")[0];
    expect(
      quotes
        .quotesOf(speaker?.id ?? "")
        .map((hit) => hit.quote.text)
        .join(" "),
    ).toContain("We will finish the quay");
  });

  it("GIVEN a restart after the interval WHEN the feed is unreachable THEN stored articles are back in a fresh library before any fetch, and teaser pages are not fetched again", async () => {
    const { server, dir } = await environment();
    const pageStory = Array.from(
      { length: 5 },
      (_, i) =>
        `<p>Paragraph ${i}: the ferry company said crossings would resume on Friday after the storm.</p>`,
    ).join("");
    server.routes.set("/page", { body: `<html><body><article>${pageStory}</article></body></html>` });
    server.routes.set("/rss", {
      body: rssFeed("Daily", [
        story(1),
        { title: "Ferry", guid: "f1", link: server.url("/page"), summary: "Ferries…" },
      ]),
    });
    const first = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    await first.service.start();
    await first.service.stop();
    await first.store.close();

    server.routes.clear();
    const second = await openApp(dir, { globalFeeds: [server.url("/rss")], libraryDir: "fresh-library" });
    // A stored feed keeps its time across a restart: it is polled when due, not because a process started.
    second.clock.advance(15 * MINUTE);
    expect(second.library.size).toBe(0);
    await second.service.start();

    expect(titles(second.library)).toEqual(["Ferry", "Story 1"]);
    expect(server.count("/page")).toBe(1);
    expect((await second.service.list(undefined))[0]).toMatchObject({
      health: "failing",
      lastError: "HTTP 404",
      itemCount: 2,
    });
  });
});

describe("FeedService per-server feeds", () => {
  it("GIVEN two servers adding feeds THEN each server's articles go under its own key, visible to it only, deduplicated against everyone's feeds", async () => {
    const { server, dir } = await environment();
    server.routes.set("/global", { body: rssFeed("Global", [story(1)]) });
    server.routes.set("/local", { body: rssFeed("Local", [story(1, { title: "Story 1 again" }), story(2)]) });
    const app = await openApp(dir, { globalFeeds: [server.url("/global")] });
    await app.service.start();

    const added = await app.service.add("g1", server.url("/local"), "u1");
    await app.service.add("g2", server.url("/local"), "u2");

    expect(added).toMatchObject({ scope: "server", health: "ok", itemCount: 2, title: "Local" });
    expect(server.count("/local")).toBe(1);
    const local = app.handovers.filter((handover) => handover.key.endsWith("/local"));
    expect(local.map((handover) => [handover.key, handover.ids.length, handover.visibility.guildId])).toEqual(
      [
        [feedLibraryKey("g1", server.url("/local")), 1, "g1"],
        [feedLibraryKey("g2", server.url("/local")), 1, "g2"],
      ],
    );
    expect((await app.service.list("g1")).map((status) => status.scope)).toEqual(["everyone", "server"]);
    expect((await app.service.list("g3")).map((status) => status.scope)).toEqual(["everyone"]);
    expect(await app.service.suggest("g1", "loc")).toEqual([
      { name: `Local (${server.url("/local")})`, value: server.url("/local") },
    ]);

    // Both servers see their copy of the story only the local feed carries; nobody else does.
    const story2 = (guildId: string) =>
      app.library.search("story 2", { guildId }, 5).map((hit) => hit.article.title);
    expect(story2("g1")).toEqual(["Story 2"]);
    expect(story2("g2")).toEqual(["Story 2"]);
    expect(story2("g3")).toEqual([]);

    await app.service.remove("g1", server.url("/local"));
    expect(app.handovers.at(-1)).toEqual({
      key: feedLibraryKey("g1", server.url("/local")),
      ids: [],
      visibility: {},
    });
    expect(await app.service.list("g2")).toHaveLength(2);
  });

  it("GIVEN a shard that holds only one server WHEN it starts THEN it shows that server's feeds and everyone's, not the other's, and polls every due feed once", async () => {
    const { server, dir } = await environment();
    server.routes.set("/global", { body: rssFeed("Global", [story(1)]) });
    server.routes.set("/one", { body: rssFeed("One", [story(2)]) });
    server.routes.set("/two", { body: rssFeed("Two", [story(3)]) });
    const first = await openApp(dir, { globalFeeds: [server.url("/global")] });
    await first.service.start();
    await first.service.add("g1", server.url("/one"), "u1");
    await first.service.add("g2", server.url("/two"), "u2");
    await first.service.stop();
    await first.store.close();

    const shard = await openApp(dir, {
      globalFeeds: [server.url("/global")],
      libraryDir: "shard-library",
      servesGuild: (guildId) => guildId === "g1",
    });
    shard.clock.advance(24 * 3_600_000);
    const before = server.count("/two");
    await shard.service.start();
    expect(titles(shard.library)).toEqual(["Story 1", "Story 2"]);
    // Polls are claimed in the store by whichever process comes first, so the other server's feed is
    // fetched here too (once), and its articles reach the process that holds that server.
    expect(server.count("/two")).toBe(before + 1);
    expect(server.count("/one")).toBeGreaterThan(1);
  });

  it("GIVEN a limit of one feed per server WHEN a second is added THEN refused, in the singular", async () => {
    const { server, dir } = await environment();
    server.routes.set("/one", { body: rssFeed("One", [story(1)]) });
    server.routes.set("/two", { body: rssFeed("Two", [story(2)]) });
    const app = await openApp(dir, { maxFeedsPerServer: 1 });
    await app.service.add("g1", server.url("/one"), "u1");
    await expect(app.service.add("g1", server.url("/two"), "u1")).rejects.toThrow(
      /^A server can follow at most 1 feed\.$/,
    );
  });

  it("GIVEN URLs that are not feeds, not http, private or already followed WHEN added THEN each is refused and nothing is kept", async () => {
    const { server, dir } = await environment();
    server.routes.set("/html", {
      headers: { "content-type": "text/html" },
      body: "<html><body>hi</body></html>",
    });
    server.routes.set("/rss", { body: rssFeed("Daily", [story(1)]) });
    const app = await openApp(dir, { globalFeeds: [server.url("/rss")] });
    await app.service.start();
    const strict = await openApp(dir, { allowPrivate: false, libraryDir: "strict" });

    await expect(app.service.add("g1", server.url("/html"))).rejects.toThrow(
      "Cannot add that feed: an HTML page, not a feed.",
    );
    await expect(app.service.add("g1", "ftp://files.example/feed")).rejects.toThrow(
      "only http and https URLs are allowed",
    );
    await expect(app.service.add("g1", server.url("/rss"))).rejects.toThrow(
      "already followed for every server",
    );
    await expect(strict.service.add("g1", server.url("/html"))).rejects.toThrow("private or local address");
    expect((await app.service.list("g1")).filter((status) => status.scope === "server")).toEqual([]);
    expect(await app.store.feeds.byUrl(server.url("/html"))).toBeUndefined();
  });
});

describe("FeedService page budget", () => {
  /** A feed of `count` teasers, each linking to a page with the full story. */
  function teaserFeed(server: FixtureServer, count: number): void {
    for (let n = 1; n <= count; n++) {
      server.routes.set(`/page-${n}`, {
        headers: { "content-type": "text/html; charset=utf-8" },
        body: `<html><body><article><h1>Story ${n}</h1>${Array.from(
          { length: 4 },
          (_, i) =>
            `<p>Paragraph ${i} of story ${n}: the harbour master said the quay would open in spring.</p>`,
        ).join("")}</article></body></html>`,
      });
    }
    server.routes.set("/teasers", {
      headers: { "content-type": "application/rss+xml", etag: '"v1"' },
      body: rssFeed(
        "Teasers",
        Array.from({ length: count }, (_, i) => ({
          title: `Teaser ${i + 1}`,
          guid: `t${i + 1}`,
          link: server.url(`/page-${i + 1}`),
          summary: "A short teaser…",
        })),
      ),
    });
  }
  const pageRequests = (server: FixtureServer) =>
    server.requests.filter((request) => request.path.startsWith("/page-")).length;

  it("GIVEN a feed of more teasers than a poll may read WHEN polled twice THEN each poll reads at most its budget, the rest wait, and nothing is lost", async () => {
    const { server, dir } = await environment();
    teaserFeed(server, 25);
    const app = await openApp(dir, {
      globalFeeds: [server.url("/teasers")],
      budget: { pagesPerPoll: 10, pageConcurrency: 3 },
    });
    await app.service.start();
    expect(pageRequests(server)).toBe(10);
    expect(titles(app.library)).toHaveLength(10);
    expect(messages(app.lines)).toContain("teaser pages left for the next poll");

    app.clock.advance(16 * MINUTE);
    await app.service.pollDue();
    expect(pageRequests(server)).toBe(20);
    // The items left over must come back, so the second fetch was not a conditional one.
    const feedFetches = server.requests.filter((request) => request.path === "/teasers");
    expect(feedFetches[1]?.headers["if-none-match"]).toBeUndefined();

    app.clock.advance(16 * MINUTE);
    await app.service.pollDue();
    expect(pageRequests(server)).toBe(25);
    expect(titles(app.library)).toHaveLength(25);
    expect([...app.library.articles()].every((article) => article.paragraphs.length === 4)).toBe(true);
  });

  it("GIVEN a server adding a feed of many teasers WHEN added THEN only a few pages are read before it answers", async () => {
    const { server, dir } = await environment();
    teaserFeed(server, 12);
    const app = await openApp(dir, { budget: { pagesWhenAdding: 3 } });
    await app.service.add("g1", server.url("/teasers"));
    expect(pageRequests(server)).toBe(3);
  });
});
