/**
 * Live alerts: the reverse search (one new article against 10,000 follows) on corpus articles, and the time
 * from an article file landing in the watched folder to its post through the fake Discord, with the real
 * app (library, watcher, follow service, Discord poster). Run alone with `npx tsx bench/groups/follows.ts`;
 * bench/run.ts adds its section.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { commands } from "../../commands/index.ts";
import { startApp, type RunningApp } from "../../src/app/bootstrap.ts";
import { loadConfig } from "../../src/app/config.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { quotesDeriver } from "../../src/app/quotes.ts";
import { ManualScheduler } from "../../src/app/scheduler.ts";
import type { Article } from "../../src/core/articles.ts";
import { systemClock } from "../../src/core/clock.ts";
import { FollowMatcher, type ArticleToMatch, type FollowFilter } from "../../src/core/follows/matcher.ts";
import { textTerms } from "../../src/core/search/normalize.ts";
import { STOP_WORDS } from "../../src/core/search/stop-words.ts";
import { createDiscordClient, startBot, type Bot } from "../../src/discord/client.ts";
import { DiscordDigestPoster } from "../../src/discord/digest-poster.ts";
import { DiscordAlertPoster } from "../../src/discord/follow-poster.ts";
import { FakeDiscord } from "../../tests/e2e/fake-discord/fake-discord.ts";
import { BOT_PERMISSIONS, IDS, PERMISSION } from "../../tests/e2e/fake-discord/payloads.ts";
import { CORPUS_PATH, corpusAvailable, readCorpus, recordToArticle } from "../lib/corpus.ts";
import { percentile, printSection, type BenchRow, type BenchSection } from "../lib/report.ts";

const FOLLOWS = 10_000;
const SERVERS = 500;
const MATCHED_ARTICLES = 1_000;
const WARM_UP = 100;
const MATCH_P99_TARGET_MS = 5;
const LANDINGS = 20;
const LANDING_P99_TARGET_MS = 2_000;
/** Decoy follows in the store beside the one that matches the landed articles. */
const LANDING_DECOYS = 2_000;

/** A small deterministic generator (mulberry32), so that every run builds the same follows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * 10,000 follows over 500 servers, as people would write them from the corpus's own words: one or two
 * headline words (60%), a quoted two-word phrase (10%), a word with exclude words (10%), a quoted speaker
 * (10%), an outlet with or without a word (10%).
 */
export function generateFollows(articles: readonly Article[], speakers: readonly string[]): FollowFilter[] {
  const next = random(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const counts = new Map<string, number>();
  const titles = articles.map((article) => textTerms(article.title));
  for (const terms of titles)
    for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const words = [...counts]
    .filter(([term, count]) => count >= 2 && count <= 300 && term.length >= 3 && !STOP_WORDS.has(term))
    .map(([term]) => term);
  const sources = [...new Set(articles.map((article) => article.source))];
  return Array.from({ length: FOLLOWS }, (_, index): FollowFilter => {
    const base = { id: `f${index}`, guildId: `g${index % SERVERS}` };
    const kind = next();
    if (kind < 0.6) return { ...base, query: next() < 0.5 ? pick(words) : `${pick(words)} ${pick(words)}` };
    if (kind < 0.7) {
      const title = pick(titles.filter((terms) => terms.length >= 2));
      const at = Math.floor(next() * (title.length - 1));
      return { ...base, query: `"${title[at] ?? ""} ${title[at + 1] ?? ""}"` };
    }
    if (kind < 0.8) return { ...base, query: pick(words), exclude: `${pick(words)} ${pick(words)}` };
    if (kind < 0.9 && speakers.length > 0) {
      const speaker = pick(speakers);
      return { ...base, speakerKeys: [speaker, speaker.split(" ").at(-1) ?? speaker] };
    }
    return { ...base, source: pick(sources), ...(next() < 0.5 && { query: pick(words) }) };
  });
}

/** p50 and p99 of matching one corpus article (with its quoted speakers) against 10,000 follows. */
function benchMatching(articles: readonly Article[]): BenchRow[] {
  const sample = articles.slice(0, MATCHED_ARTICLES + WARM_UP);
  const inputs: ArticleToMatch[] = sample.map((article) => {
    const quotes = quotesDeriver.derive(article);
    const derivedText = quotesDeriver.searchText?.(quotes);
    return {
      article: derivedText === undefined ? article : { ...article, derivedText },
      speakerKeys: quotes.flatMap((quote) => (quote.speaker ? [quote.speaker.name] : [])),
    };
  });
  const speakers = [...new Set(inputs.flatMap((input) => input.speakerKeys))];
  const follows = generateFollows(articles, speakers);
  const compileStarted = performance.now();
  const matcher = new FollowMatcher(follows);
  const compileMs = performance.now() - compileStarted;
  const times: number[] = [];
  let matches = 0;
  for (const [index, input] of inputs.entries()) {
    const started = performance.now();
    const found = matcher.match(input);
    const ms = performance.now() - started;
    if (index < WARM_UP) continue;
    times.push(ms);
    matches += found.length;
  }
  const p99 = percentile(times, 0.99);
  const label = `match 1 article vs ${FOLLOWS.toLocaleString("en")} follows`;
  return [
    { metric: "compile 10,000 follows", value: compileMs, unit: "ms" },
    { metric: `${label}: p50`, value: percentile(times, 0.5), unit: "ms" },
    {
      metric: `${label}: p99`,
      value: p99,
      unit: "ms",
      target: `<= ${MATCH_P99_TARGET_MS} ms`,
      met: p99 <= MATCH_P99_TARGET_MS,
      note: `${times.length} corpus articles, ${(matches / times.length).toFixed(1)} follows matched each`,
    },
  ];
}

/**
 * p50 and p99 from an article file written into the watched folder to its post arriving at the fake Discord:
 * the watcher's debounce, the library refresh (parse, index, derive quotes), the match against 2,001 follows,
 * the claim in SQLite and the REST create.
 */
async function benchLanding(): Promise<BenchRow[]> {
  const articlesDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-follow-articles-"));
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-follow-data-"));
  const threadPermissions = BigInt(PERMISSION.createPublicThreads) + BigInt(PERMISSION.sendMessagesInThreads);
  const fake = await FakeDiscord.start({
    guilds: [
      {
        id: IDS.guild,
        name: "Newsroom",
        botPermissions: String(BigInt(BOT_PERMISSIONS) | threadPermissions),
        channels: [{ id: IDS.channel, name: "news" }],
      },
    ],
  });
  const write = (name: string, title: string, body: string) => {
    const article = {
      title,
      body,
      publishedAt: new Date().toISOString(),
      source: "Bench",
      url: `https://bench.example/${name}`,
    };
    writeFileSync(join(articlesDir, `${name}.json`), JSON.stringify(article));
  };
  write("seed", "A quiet day", "Nothing happened.");
  const loaded = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.url,
    ARTICLES_DIR: articlesDir,
    DATA_DIR: dataDir,
    WATCH_ARTICLES: "true",
    FOLLOW_POSTS_PER_HOUR: "100",
  });
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  const client = createDiscordClient(loaded.value);
  let running: RunningApp | undefined;
  let bot: Bot | undefined;
  try {
    running = await startApp({
      config: loaded.value,
      logger: silentLogger(),
      clock: systemClock,
      poster: new DiscordDigestPoster(client),
      alertPoster: new DiscordAlertPoster(client),
      scheduler: new ManualScheduler(systemClock),
    });
    const { follows } = running.app.store;
    for (let index = 0; index < LANDING_DECOYS; index++) {
      await follows.create({
        guildId: IDS.guild,
        channelId: IDS.channel,
        query: `decoy${index}`,
        mode: "each",
      });
    }
    await follows.create({ guildId: IDS.guild, channelId: IDS.channel, query: "expedition", mode: "each" });
    bot = await startBot(running.app, commands, { client });
    await running.start();
    const times: number[] = [];
    const topics = [
      "glacier",
      "volcano",
      "desert",
      "reef",
      "canyon",
      "tundra",
      "jungle",
      "delta",
      "fjord",
      "atoll",
    ];
    for (let index = 0; index <= LANDINGS; index++) {
      const marker = `marker${index}x`;
      const topic = topics[index % topics.length] ?? "valley";
      const started = performance.now();
      write(
        `landed-${index}`,
        `Expedition ${index} reaches the ${topic}`,
        `The team logged ${marker} at the ${topic}.`,
      );
      await fake.waitFor(
        () =>
          [...fake.messages.values()].some((message) => JSON.stringify(message.embeds).includes(marker))
            ? true
            : undefined,
        `the post of ${marker}`,
        30_000,
      );
      // The first landing warms the watcher, parser and REST connection up.
      if (index > 0) times.push(performance.now() - started);
    }
    const p99 = percentile(times, 0.99);
    return [
      { metric: "article file landed → post: p50", value: percentile(times, 0.5), unit: "ms" },
      {
        metric: "article file landed → post: p99",
        value: p99,
        unit: "ms",
        target: `<= ${LANDING_P99_TARGET_MS} ms`,
        met: p99 <= LANDING_P99_TARGET_MS,
        note: `${LANDINGS} files, ${LANDING_DECOYS + 1} follows, watcher debounce 250 ms included`,
      },
    ];
  } finally {
    await (bot ? bot.shutdown() : client.destroy());
    await running?.close();
    await fake.stop();
    rmSync(articlesDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The follows section; no rows without the corpus. */
export async function benchFollows(corpusArticles?: readonly Article[]): Promise<BenchSection | undefined> {
  if (!corpusAvailable()) return undefined;
  const articles = corpusArticles ?? readCorpus().map((record) => recordToArticle(record));
  return {
    title: "Follows: reverse search and live alerts",
    rows: [...benchMatching(articles), ...(await benchLanding())],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const section = await benchFollows();
  if (section === undefined) process.stdout.write(`Skipped: the corpus is not at ${CORPUS_PATH}.\n`);
  else printSection(section);
}
