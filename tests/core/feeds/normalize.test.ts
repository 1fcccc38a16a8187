import { describe, expect, it } from "vitest";
import { ArticleSchema } from "../../../src/core/articles.ts";
import { DEFAULT_POLL_POLICY, feedHealth, nextPollDelayMs } from "../../../src/core/feeds/backoff.ts";
import { FeedDeduper, feedItemKeys } from "../../../src/core/feeds/dedupe.ts";
import { buildArticle, isTeaser, normalizeItem } from "../../../src/core/feeds/normalize.ts";
import type { RawFeedItem } from "../../../src/core/feeds/types.ts";
import { fullText, paragraph } from "../../fixtures/feeds/builders.ts";

const context = { feedUrl: "https://outlet.example/rss", source: "Outlet" };

function item(overrides: Partial<RawFeedItem>): RawFeedItem {
  return { categories: [], ...overrides };
}

function normalised(raw: RawFeedItem) {
  const result = normalizeItem(raw, context);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe("normalizeItem", () => {
  it("GIVEN a full item WHEN normalised and built THEN the article passes the schema with canonical URL and date", () => {
    const entry = normalised(
      item({
        guid: "https://outlet.example/story-1",
        title: "Council &amp; mayor agree",
        link: "https://outlet.example/story-1/?utm_source=rss#top",
        author: "desk@outlet.example (Ann Lee)",
        published: "Tue, 02 Dec 2025 10:00:00 GMT",
        content: { kind: "html", value: fullText("budget") },
        summary: { kind: "html", value: "<p>The council agreed.</p>" },
        categories: ["city", " city ", ""],
      }),
    );
    const article = buildArticle(entry, entry.blocks);
    expect(article.ok).toBe(true);
    expect(ArticleSchema.parse(article.ok && article.value)).toMatchObject({
      title: "Council & mayor agree",
      url: "https://outlet.example/story-1",
      author: "Ann Lee",
      publishedAt: "2025-12-02T10:00:00.000Z",
      dek: "The council agreed.",
      source: "Outlet",
      topics: ["city"],
      origin: { file: "feed:https://outlet.example/rss", offset: 0 },
    });
    expect(entry.wantsPage).toBe(false);
    expect(entry.canonicalUrl).toBe("https://outlet.example/story-1");
  });

  it("GIVEN the same item fetched twice THEN id, key and fingerprint are the same; a changed item changes only its fingerprint", () => {
    const raw = item({ guid: "g-1", title: "T", content: { kind: "html", value: fullText("a") } });
    const first = normalised(raw);
    const again = normalised({ ...raw });
    const edited = normalised({ ...raw, content: { kind: "html", value: fullText("b") } });
    expect(again.base.id).toBe(first.base.id);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(edited.base.id).toBe(first.base.id);
    expect(edited.key).toBe(first.key);
    expect(edited.fingerprint).not.toBe(first.fingerprint);
  });

  it("GIVEN an item with no date and one with an unreadable date THEN both are kept undated with a note", () => {
    const none = normalised(item({ title: "A", summary: { kind: "text", value: paragraph("x", 150) } }));
    const bad = normalised(
      item({ title: "B", published: "sometime", summary: { kind: "text", value: paragraph("y", 150) } }),
    );
    expect(none.base.publishedAt).toBeUndefined();
    expect(none.notes).toEqual(["no date; kept undated"]);
    expect(bad.base.publishedAt).toBeUndefined();
    expect(bad.notes).toEqual(['unreadable date "sometime"; kept undated']);
  });

  it("GIVEN an item with text but no link THEN it is kept with an id from its guid, or its title without one", () => {
    const withGuid = normalised(
      item({ guid: "local-7", title: "Notice", content: { kind: "text", value: "Roads close." } }),
    );
    const titled = normalised(item({ title: "Notice", content: { kind: "text", value: "Roads close." } }));
    expect(withGuid.base.url).toBeUndefined();
    expect(withGuid.wantsPage).toBe(false);
    expect(withGuid.guidKey).toBe("https://outlet.example/rss#local-7");
    expect(titled.base.id).not.toBe(withGuid.base.id);
    expect(titled.key).toBe("title:Notice");
  });

  it("GIVEN an item without a title THEN its first words become the title", () => {
    const entry = normalised(item({ content: { kind: "text", value: paragraph("ferry", 30) } }));
    expect(entry.base.title).toBe("the council said on Tuesday that plans for ferry would go ahead…");
  });

  it("GIVEN items with neither text nor link, or nothing at all THEN they are refused with the reason", () => {
    expect(normalizeItem(item({ title: "Only a title" }), context)).toEqual({
      ok: false,
      reason: "no text and no link",
    });
    expect(normalizeItem(item({}), context)).toEqual({ ok: false, reason: "no text and no link" });
  });

  it("GIVEN a short summary with a link THEN the page is wanted; building without text is refused", () => {
    const entry = normalised(
      item({
        title: "T",
        link: "https://outlet.example/t",
        summary: { kind: "html", value: "<p>Short…</p>" },
      }),
    );
    expect(entry.wantsPage).toBe(true);
    expect(buildArticle(entry, { paragraphs: [], headings: [] })).toEqual({
      ok: false,
      reason: "no text in the feed or on the page",
    });
  });
});

describe("isTeaser", () => {
  it("GIVEN short summaries, trailing 'Read more' or long full text THEN only the first two are teasers", () => {
    expect(isTeaser({ paragraphs: ["Two lines of summary."], headings: [] }, false)).toBe(true);
    expect(isTeaser({ paragraphs: [paragraph("x", 200), "Read more"], headings: [] }, true)).toBe(true);
    expect(isTeaser({ paragraphs: [paragraph("x", 200)], headings: [] }, false)).toBe(false);
    expect(isTeaser({ paragraphs: ["Short but complete."], headings: [] }, true)).toBe(false);
  });
});

describe("FeedDeduper", () => {
  const article = (id: string, text: string) => ({
    id,
    title: id,
    highlights: [],
    paragraphs: [text],
    headings: [],
    source: "S",
    topics: [],
    origin: { file: "feed:x", offset: 0 },
  });

  const keys = feedItemKeys;

  it("GIVEN items sharing a guid, a canonical URL or a body THEN later ones are refused with the reason", () => {
    const deduper = new FeedDeduper();
    expect(
      deduper.admit(keys({ article: article("a", "One text."), guidKey: "g1", canonicalUrl: "https://x/1" })),
    ).toBeUndefined();
    expect(deduper.admit(keys({ article: article("b", "Other."), guidKey: "g1" }))).toBe("guid");
    expect(deduper.admit(keys({ article: article("c", "Third."), canonicalUrl: "https://x/1" }))).toBe("url");
    expect(deduper.admit(keys({ article: article("d", "ONE   text!") }))).toBe("body");
    expect(deduper.admit(keys({ article: article("a", "Fresh.") }))).toBe("id");
    expect(deduper.admit(keys({ article: article("e", "Fresh.") }))).toBeUndefined();
  });

  it("GIVEN an item's keys THEN they hold its id, guid, URL and body key, not its text", () => {
    const item = { article: article("a", "One text."), guidKey: "g1", canonicalUrl: "https://x/1" };
    const kept = feedItemKeys(item);
    expect(Object.keys(kept).sort()).toEqual(["articleId", "bodyKey", "canonicalUrl", "guidKey"]);
    expect(kept.bodyKey).toBe(feedItemKeys({ article: article("b", "one TEXT") }).bodyKey);
    expect(JSON.stringify(kept)).not.toContain("One text.");
  });

  it("GIVEN a fork THEN it knows what came before, and what it admits stays out of the original", () => {
    const everyone = new FeedDeduper();
    everyone.admit(keys({ article: article("a", "Shared."), canonicalUrl: "https://x/1" }));
    const serverA = everyone.fork();
    const serverB = everyone.fork();
    expect(serverA.admit(keys({ article: article("b", "Other."), canonicalUrl: "https://x/1" }))).toBe("url");
    expect(serverA.admit(keys({ article: article("c", "Only A.") }))).toBeUndefined();
    expect(serverB.admit(keys({ article: article("c", "Only A.") }))).toBeUndefined();
  });
});

describe("backoff", () => {
  it("GIVEN consecutive failures THEN the wait doubles from the base up to the maximum; success waits the interval", () => {
    const policy = { ...DEFAULT_POLL_POLICY, retryBaseMs: 1000, retryMaxMs: 5000, intervalMs: 60_000 };
    expect([0, 1, 2, 3, 4, 40].map((failures) => nextPollDelayMs(failures, policy))).toEqual([
      60_000, 1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it("GIVEN a feed's record THEN its health is pending, ok, failing or unhealthy", () => {
    const policy = { unhealthyAfter: 3 };
    expect(feedHealth({ consecutiveFailures: 0 }, policy)).toBe("pending");
    expect(feedHealth({ consecutiveFailures: 0, lastFetchAt: "2025-12-01T00:00:00Z" }, policy)).toBe("ok");
    expect(feedHealth({ consecutiveFailures: 2, lastFetchAt: "x" }, policy)).toBe("failing");
    expect(feedHealth({ consecutiveFailures: 3, lastFetchAt: "x" }, policy)).toBe("unhealthy");
  });
});
