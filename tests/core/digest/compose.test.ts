import { describe, expect, it } from "vitest";
import { buildDigest, rankStories } from "../../../src/core/digest/compose.ts";
import { leadEnrichment } from "../../../src/core/digest/enrichment.ts";
import type { DigestEnrichment, DigestQuote } from "../../../src/core/digest/types.ts";
import { defaultDigestWindow } from "../../../src/core/digest/window.ts";
import { article, newsDay } from "../../fixtures/digest/articles.ts";

const window = { since: new Date("2025-12-04T09:00:00Z"), until: new Date("2025-12-05T09:00:00Z") };

describe("buildDigest", () => {
  it("GIVEN a day of news WHEN composed THEN stories rank by coverage, sources and recency", () => {
    const digest = buildDigest({ articles: newsDay(), window, enrichment: leadEnrichment });
    expect(digest.stories.map((story) => story.headline)).toEqual([
      "Ukraine and US envoys open peace talks in Geneva", // 3 articles, 2 sources
      "Bank of England keeps interest rates on hold at 4 percent", // 2 articles, 1 source
      "Volcano erupts in Iceland, flights unaffected", // 1 article, newest
      "Arsenal beat Brentford to stay top of the Premier League",
    ]);
    const [geneva] = digest.stories;
    expect(geneva?.articleCount).toBe(3);
    expect(geneva?.sources.sort()).toEqual(["BBC", "Reuters"]);
    expect(geneva?.links.map((link) => link.url)).toEqual([
      "https://example.com/bbc/geneva",
      "https://example.com/reuters/geneva-2",
      "https://example.com/reuters/geneva-1",
    ]);
    expect(digest.articleCount).toBe(7);
    expect(digest.sourceCount).toBe(2);
  });

  it("GIVEN a story's summary WHEN composed THEN it is the lead of its representative article", () => {
    const digest = buildDigest({ articles: newsDay(), window, enrichment: leadEnrichment });
    expect(digest.stories[2]?.summary).toBe(
      "A volcano on the Reykjanes peninsula erupted overnight, the Icelandic Met Office said; flights continue.",
    );
  });

  it("GIVEN articles outside the window or undated WHEN composed THEN they are left out", () => {
    const articles = [
      ...newsDay(),
      article({
        id: "old",
        title: "Old news from last week",
        lead: "Something happened.",
        publishedAt: "2025-11-27T10:00:00Z",
      }),
      article({ id: "undated", title: "Undated feature about gardening", lead: "Plant bulbs in autumn." }),
      article({
        id: "edge",
        title: "Exactly at the end of the window",
        lead: "Late.",
        publishedAt: "2025-12-05T09:00:00Z",
      }),
    ];
    const digest = buildDigest({ articles, window, enrichment: leadEnrichment });
    expect(digest.articleCount).toBe(7);
  });

  it("GIVEN a topic's matching ids WHEN composed THEN only those articles are in it", () => {
    const digest = buildDigest({
      articles: newsDay(),
      window,
      enrichment: leadEnrichment,
      topic: "interest rates",
      topicIds: new Set(["rates-1", "rates-2"]),
    });
    expect(digest.topic).toBe("interest rates");
    expect(digest.stories.map((story) => story.articleCount)).toEqual([2]);
  });

  it("GIVEN more stories than shown WHEN composed THEN the rest are counted", () => {
    const digest = buildDigest({ articles: newsDay(), window, enrichment: leadEnrichment, maxStories: 2 });
    expect(digest.stories).toHaveLength(2);
    expect(digest.moreStories).toBe(2);
  });

  it("GIVEN quotes WHEN composed THEN each story has its strongest quote and speakers are counted", () => {
    const quotes: Record<string, DigestQuote[]> = {
      "geneva-1": [
        { text: "short" },
        { text: "We are ready to work on every point of the plan in good faith.", speaker: "Andriy Yermak" },
      ],
      "geneva-2": [
        { text: "We are ready to work on every point of the plan in good faith.", speaker: "Andriy Yermak" },
      ],
      "geneva-3": [{ text: "The talks were productive and useful for everyone.", speaker: "Marco Rubio" }],
      "rates-1": [
        { text: "Inflation is still too high for us to cut now, as we said.", speaker: "Andrew Bailey" },
      ],
    };
    const enrichment: DigestEnrichment = {
      summarize: (item) => leadEnrichment.summarize(item),
      quotes: (item) => quotes[item.id] ?? [],
    };
    const digest = buildDigest({ articles: newsDay(), window, enrichment });
    expect(digest.stories[0]?.quote).toEqual({
      text: "We are ready to work on every point of the plan in good faith.",
      speaker: "Andriy Yermak",
    });
    expect(digest.stories[1]?.quote?.speaker).toBe("Andrew Bailey");
    expect(digest.stories[2]?.quote).toBeUndefined();
    expect(digest.topSpeakers).toEqual([
      { name: "Andriy Yermak", quotes: 2 },
      { name: "Andrew Bailey", quotes: 1 },
      { name: "Marco Rubio", quotes: 1 },
    ]);
  });
});

describe("buildDigest's quotes", () => {
  const digestWith = (
    quotes: Record<string, DigestQuote[]>,
    summarize: DigestEnrichment["summarize"] = (item) => leadEnrichment.summarize(item),
  ) =>
    buildDigest({
      articles: newsDay(),
      window,
      enrichment: { summarize, quotes: (item) => quotes[item.id] ?? [] },
    });

  it("GIVEN a named and an unnamed speaker WHEN composed THEN the named one's quote is shown and only they are counted", () => {
    const digest = digestWith({
      "geneva-1": [
        {
          text: "The delegations will meet again on Monday, and we expect progress.",
          speaker: "a spokesperson",
          unnamed: true,
        },
        { text: "We came here to listen, not to sign anything this week.", speaker: "Andriy Yermak" },
      ],
      "geneva-2": [
        {
          text: "Nothing is agreed until everything is agreed, as always.",
          speaker: "a spokesperson",
          unnamed: true,
        },
      ],
    });
    expect(digest.stories[0]?.quote?.speaker).toBe("Andriy Yermak");
    expect(digest.topSpeakers).toEqual([{ name: "Andriy Yermak", quotes: 1 }]);
  });

  it("GIVEN only an unnamed speaker's quote WHEN composed THEN it is still shown", () => {
    const digest = digestWith({
      "geneva-1": [
        {
          text: "The delegations will meet again on Monday, and we expect progress.",
          speaker: "a spokesperson",
          unnamed: true,
        },
      ],
    });
    expect(digest.stories[0]?.quote?.speaker).toBe("a spokesperson");
  });

  it("GIVEN partial quotes WHEN composed THEN they count for their speaker but are never the story's quote", () => {
    const digest = digestWith({
      "geneva-1": [
        { text: "constructive", speaker: "Marco Rubio", partial: true },
        { text: "a good first step", speaker: "Marco Rubio", partial: true },
      ],
    });
    expect(digest.stories[0]?.quote).toBeUndefined();
    expect(digest.topSpeakers).toEqual([{ name: "Marco Rubio", quotes: 2 }]);
  });

  it("GIVEN the summary already prints a quote WHEN composed THEN another quote is shown under it", () => {
    const printed = "We are ready to work on every point of the plan in good faith.";
    const digest = digestWith(
      {
        "geneva-1": [
          { text: printed, speaker: "Andriy Yermak" },
          { text: "The talks were hard, but they were honest and useful.", speaker: "Marco Rubio" },
        ],
      },
      () => [`Ukraine's envoy said: "${printed}"`],
    );
    expect(digest.stories[0]?.quote?.speaker).toBe("Marco Rubio");
  });
});

describe("rankStories", () => {
  const day = { since: new Date("2025-12-04T00:00:00Z"), until: new Date("2025-12-05T00:00:00Z") };
  const at = (id: string, hour: number, source = "Reuters") =>
    article({
      id,
      title: id,
      lead: id,
      source,
      publishedAt: `2025-12-04T${String(hour).padStart(2, "0")}:00:00Z`,
    });

  it("GIVEN equal coverage WHEN ranked THEN more sources rank first", () => {
    const ranked = rankStories(
      [
        [at("one-source-a", 20), at("one-source-b", 20)],
        [at("two-sources-a", 8), at("two-sources-b", 8, "BBC")],
      ],
      day,
    );
    expect(ranked[0]?.articles[0]?.id).toBe("two-sources-a");
  });

  it("GIVEN equal coverage and sources WHEN ranked THEN the newer story ranks first", () => {
    const ranked = rankStories([[at("morning", 6)], [at("evening", 21)]], day);
    expect(ranked.map((group) => group.articles[0]?.id)).toEqual(["evening", "morning"]);
  });

  it("GIVEN a story covered three times WHEN ranked THEN it beats a fresher single article", () => {
    const ranked = rankStories([[at("fresh", 23)], [at("big-1", 1), at("big-2", 2), at("big-3", 3)]], day);
    expect(ranked[0]?.articles).toHaveLength(3);
  });
});

describe("defaultDigestWindow", () => {
  const until = new Date("2025-12-05T09:00:00Z");

  it("GIVEN no earlier digest WHEN windowed THEN it reaches back 24 hours", () => {
    expect(defaultDigestWindow(until).since.toISOString()).toBe("2025-12-04T09:00:00.000Z");
  });

  it("GIVEN a digest 6 hours ago WHEN windowed THEN it starts there", () => {
    expect(defaultDigestWindow(until, new Date("2025-12-05T03:00:00Z")).since.toISOString()).toBe(
      "2025-12-05T03:00:00.000Z",
    );
  });

  it("GIVEN a digest three days ago WHEN windowed THEN it still reaches back only 24 hours", () => {
    expect(defaultDigestWindow(until, new Date("2025-12-02T09:00:00Z")).since.toISOString()).toBe(
      "2025-12-04T09:00:00.000Z",
    );
  });
});
