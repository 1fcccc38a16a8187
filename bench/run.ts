/**
 * `npm run bench`: speed and memory of ingest, index, snapshot and search on the shared corpus and a 100k set
 * derived from it. Prints tables and writes bench/results.json. Each group of rows lives in bench/groups/.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import MiniSearch from "minisearch";
import type { Article } from "../src/core/articles.ts";
import { ArticleIndex, MINISEARCH_OPTIONS } from "../src/core/search/article-index.ts";
import { benchDigest } from "./groups/digest.ts";
import { benchDiscord } from "./groups/discord.ts";
import { benchFeeds } from "./groups/feeds.ts";
import { benchFollows } from "./groups/follows.ts";
import { benchHostile } from "./groups/hostile.ts";
import { benchIngest } from "./groups/ingest.ts";
import { benchQuotes } from "./groups/quotes.ts";
import { benchSearch } from "./groups/search.ts";
import { benchSummaries } from "./groups/summaries.ts";
import { benchSnapshot } from "./groups/snapshot.ts";
import { benchTrends } from "./groups/trends.ts";
import { CORPUS_PATH, REPO_ROOT, corpusAvailable } from "./lib/corpus.ts";
import { LARGE_SET_SIZE, loadDataset } from "./lib/dataset.ts";
import type { BenchSection } from "./lib/report.ts";
import { printSection } from "./lib/report.ts";
import { machineFacts } from "./lib/machine.ts";
import { reexecWithGc } from "./lib/reexec.ts";

const SEARCH_P99_TARGET_MS = 50;
const HEAP_MB = 8192;

function corpusSearchSection(articles: readonly Article[]): BenchSection {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const index = new ArticleIndex({ lookup: (id) => byId.get(id) });
  for (const article of articles) index.add(article);
  const raw = new MiniSearch<Article>(MINISEARCH_OPTIONS);
  raw.addAll(articles);
  return benchSearch("corpus", index, raw);
}

async function main(): Promise<void> {
  if (!corpusAvailable()) {
    process.stdout.write(`Benchmark skipped: the corpus is not at ${CORPUS_PATH}.\n`);
    return;
  }
  if (reexecWithGc(HEAP_MB)) return;
  const started = performance.now();
  const dataset = loadDataset();
  const sections: BenchSection[] = [];
  const report = (section: BenchSection): void => {
    sections.push(section);
    printSection(section);
  };
  try {
    report(corpusSearchSection(dataset.corpusArticles));
    report(benchQuotes(dataset.corpusArticles));
    report(benchSummaries(dataset.corpusArticles));
    report(benchDigest(dataset.corpusArticles));
    report(benchFeeds());
    const follows = await benchFollows(dataset.corpusArticles);
    if (follows) report(follows);
    report(benchHostile());
    for (const section of await benchDiscord()) report(section);
    const ingest = benchIngest(dataset);
    report(ingest.section);
    report(await benchSnapshot(ingest));
    report(benchSearch(`${LARGE_SET_SIZE / 1000}k`, ingest.index, ingest.raw, SEARCH_P99_TARGET_MS));
    report(benchTrends(`${LARGE_SET_SIZE / 1000}k`, ingest.index));
  } finally {
    dataset.cleanup();
  }
  const results = {
    date: new Date().toISOString(),
    ...machineFacts(),
    seconds: (performance.now() - started) / 1000,
    sections,
  };
  writeFileSync(join(REPO_ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\nbench/results.json written (${results.seconds.toFixed(0)} s; load average ${loadavg()[0]?.toFixed(1) ?? "?"} on ${cpus().length} cores)\n`,
  );
}

await main();
