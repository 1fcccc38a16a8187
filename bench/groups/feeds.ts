import type { Article } from "../../src/core/articles.ts";
import { buildArticle, normalizeItem, parseFeed } from "../../src/core/feeds/index.ts";
import { ArticleIndex } from "../../src/core/search/article-index.ts";
import type { BenchSection } from "../lib/report.ts";
import { timed } from "../lib/report.ts";

const ITEMS = 1000;
const FEED_URL = "https://bench.example/rss";
const WORDS = [
  "council",
  "budget",
  "harbour",
  "minister",
  "election",
  "storm",
  "rail",
  "hospital",
  "court",
  "market",
];

/** An RSS 2.0 feed of `count` items with full text (about 250 words in 5 paragraphs each), written here. */
export function generateFeed(count: number): string {
  const items = Array.from({ length: count }, (_, n) => {
    const paragraphs = Array.from({ length: 5 }, (_, p) => {
      const words = Array.from({ length: 50 }, (_, w) => WORDS[(n * 7 + p * 3 + w) % WORDS.length] ?? "news");
      return `<p>Item ${n} paragraph ${p}: ${words.join(" ")}.</p>`;
    }).join("");
    const day = String((n % 28) + 1).padStart(2, "0");
    return (
      `<item><title>Story ${n} about the ${WORDS[n % WORDS.length] ?? "news"}</title>` +
      `<link>https://bench.example/story/${n}?utm_source=rss</link><guid>https://bench.example/story/${n}</guid>` +
      `<pubDate>${day} Nov 2025 10:00:00 GMT</pubDate><dc:creator>Desk ${n % 13}</dc:creator>` +
      `<description>Summary of story ${n}.</description><content:encoded><![CDATA[${paragraphs}]]></content:encoded>` +
      `<category>${WORDS[n % WORDS.length] ?? "news"}</category></item>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title>${items.join("")}</channel></rss>`
  );
}

/** Parses the feed and makes its items articles, as a poll does (no network, no teaser pages). */
function parseToArticles(text: string): Article[] {
  const parsed = parseFeed(text, "application/rss+xml");
  if (!parsed.ok) throw new Error(parsed.reason);
  const { feed } = parsed.value;
  return feed.items.flatMap((item) => {
    const normalised = normalizeItem(item, { feedUrl: FEED_URL, source: feed.title ?? "Bench" });
    if (!normalised.ok) return [];
    const article = buildArticle(normalised.value, normalised.value.blocks);
    return article.ok ? [article.value] : [];
  });
}

/** Feed items parsed and indexed per second on a generated 1,000-item feed. */
export function benchFeeds(): BenchSection {
  const text = generateFeed(ITEMS);
  parseToArticles(generateFeed(50)); // warm-up: JIT and the parsers' first-use costs
  const parse = timed(() => parseToArticles(text));
  const articles = parse.result;
  const byId = new Map(articles.map((article) => [article.id, article]));
  const index = timed(() => {
    const built = new ArticleIndex({ lookup: (id) => byId.get(id) });
    for (const article of articles) built.add(article);
    return built;
  });
  const perSecond = (ms: number): number => articles.length / (ms / 1000);
  const megabytes = Buffer.byteLength(text) / 1e6;
  return {
    title: `Feeds: ${articles.length} items in one RSS feed (${megabytes.toFixed(1)} MB)`,
    rows: [
      {
        metric: "parse + normalise",
        value: perSecond(parse.ms),
        unit: "items/s",
        note: `${parse.ms.toFixed(0)} ms`,
      },
      {
        metric: "index (ArticleIndex.add)",
        value: perSecond(index.ms),
        unit: "items/s",
        note: `${index.ms.toFixed(0)} ms`,
      },
      {
        metric: "parsed and indexed",
        value: perSecond(parse.ms + index.ms),
        unit: "items/s",
        note: `${(parse.ms + index.ms).toFixed(0)} ms`,
      },
    ],
  };
}
