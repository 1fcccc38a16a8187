/**
 * `npm run bench:scale [-- --articles N] [-- --derivers]`: the library at scale, on a set derived from
 * ../shared/corpus/news.jsonl (1,000,000 articles by default): ingest rate, memory (heap and the index's typed
 * arrays) in all and per 100k articles, snapshot and body store size, cold start from the snapshot, and
 * `/search` (with snippets, so bodies are read from the store) and `/summary` latency. The set is generated
 * into a temporary folder and deleted afterwards; nothing of the corpus is written into the repo. Prints a
 * table and writes bench/scale-results.json. Takes about 10 minutes at 1M on the 2-core machine.
 *
 * Without `--derivers` the library is opened without the quote and summary derivers (their extraction runs at
 * about 6 MB/s and would add over five minutes at 1M); `/summary` then works them out per request, which is
 * slower than with them, so its figures are an upper bound.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Library, type ArticleDeriver } from "../src/app/library.ts";
import { quotesDeriver } from "../src/app/quotes.ts";
import { articleQuote, articleSummary, summaryDeriver } from "../src/app/summaries.ts";
import { systemClock } from "../src/core/clock.ts";
import { createLogger } from "../src/app/logger.ts";
import { BODIES_DIR_NAME } from "../src/store/article-bodies.ts";
import { SNAPSHOT_FILE_NAME } from "../src/store/snapshot.ts";
import { CORPUS_PATH, REPO_ROOT, corpusAvailable, deriveRecordsLazily, readCorpus } from "./lib/corpus.ts";
import type { CorpusRecord } from "./lib/corpus.ts";
import { BENCH_QUERIES } from "./lib/queries.ts";
import { percentile, printSection, settledMemory, timedAsync, type BenchSection } from "./lib/report.ts";
import { machineFacts } from "./lib/machine.ts";
import { reexecWithGc } from "./lib/reexec.ts";

const DEFAULT_ARTICLES = 1_000_000;
const RECORDS_PER_FILE = 10_000;
const SEARCH_ROUNDS = 5;
const SUMMARY_SAMPLES = 200;
const SEARCH_P99_TARGET_MS = 50;
const HEAP_MB = 16_384;

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

/**
 * A copy's body with two neighbouring words swapped at a place that depends on the copy: copies of a short
 * article without numbers or second paragraph would otherwise be the same body, and dedupe drops those.
 */
function shuffled(record: CorpusRecord, serial: number): CorpusRecord {
  if (!record.id.includes("~")) return record;
  const words = record.body.split(" ");
  if (words.length < 3) return record;
  const at = 1 + (serial % (words.length - 2));
  const swapped = [...words];
  swapped[at] = words[at + 1] ?? "";
  swapped[at + 1] = words[at] ?? "";
  return { ...record, body: swapped.join(" ") };
}

/** Writes `count` derived records as .jsonl files of RECORDS_PER_FILE; returns their total size in bytes. */
function writeDataset(dir: string, count: number): number {
  const corpus = readCorpus();
  let lines: string[] = [];
  let file = 0;
  let bytes = 0;
  let serial = 0;
  const flush = (): void => {
    if (lines.length === 0) return;
    const text = `${lines.join("\n")}\n`;
    writeFileSync(join(dir, `part-${String(file++).padStart(4, "0")}.jsonl`), text);
    bytes += Buffer.byteLength(text);
    lines = [];
  };
  for (const record of deriveRecordsLazily(corpus, count)) {
    lines.push(JSON.stringify(shuffled(record, serial++)));
    if (lines.length >= RECORDS_PER_FILE) flush();
  }
  flush();
  return bytes;
}

function folderBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  if (!corpusAvailable()) {
    process.stdout.write(`Scale benchmark skipped: the corpus is not at ${CORPUS_PATH}.\n`);
    return;
  }
  if (reexecWithGc(HEAP_MB)) return;
  const count = Number(argument("--articles") ?? DEFAULT_ARTICLES);
  const withDerivers = process.argv.includes("--derivers");
  const derivers: ArticleDeriver<unknown>[] = withDerivers ? [quotesDeriver, summaryDeriver] : [];
  const started = performance.now();
  const root = mkdtempSync(join(process.env.TMPDIR ?? "/tmp", "newsdesk-scale-"));
  const articlesDir = join(root, "articles");
  const dataDir = join(root, "data");
  const logger = createLogger({ level: "warn", pretty: false });
  const options = {
    articlesDir,
    dataDir,
    maxFileBytes: Number.MAX_SAFE_INTEGER,
    clock: systemClock,
    logger,
    derivers,
    snapshotDelayMs: 0,
  };
  try {
    mkdirSync(articlesDir);
    const datasetBytes = writeDataset(articlesDir, count);
    const baseline = settledMemory();

    const ingest = await timedAsync(() => Library.open(options));
    let library: Library | undefined = ingest.result;
    const size = library.size;
    const built = settledMemory();
    await library.close();
    library = undefined;
    ingest.result = undefined as unknown as Library;

    const afterDrop = settledMemory();
    const cold = await timedAsync(() => Library.open(options));
    const loaded = cold.result;
    const coldMemory = settledMemory();
    if (loaded.size !== size) throw new Error(`cold start found ${loaded.size} articles, the build ${size}`);

    const search: number[] = [];
    const searchCpu: number[] = [];
    const slowest = new Map<string, number>();
    for (const { query, filters = {} } of BENCH_QUERIES) loaded.search(query, filters, 10);
    for (let round = 0; round < SEARCH_ROUNDS; round++) {
      for (const { query, filters = {} } of BENCH_QUERIES) {
        const cpuBefore = process.cpuUsage();
        const at = performance.now();
        loaded.search(query, filters, 10);
        const wall = performance.now() - at;
        const used = process.cpuUsage(cpuBefore);
        search.push(wall);
        searchCpu.push((used.user + used.system) / 1000);
        slowest.set(query, Math.max(slowest.get(query) ?? 0, wall));
      }
    }
    const worst = [...slowest]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([query, ms]) => `"${query}" ${ms.toFixed(0)} ms`)
      .join(", ");

    const ids = [...loaded.articles()].map((article) => article.id);
    const summary: number[] = [];
    for (let i = 0; i < SUMMARY_SAMPLES; i++) {
      const id = ids[Math.floor((i * 7919 * ids.length) / SUMMARY_SAMPLES) % ids.length] ?? "";
      const at = performance.now();
      const article = loaded.get(id);
      if (article === undefined) throw new Error(`article ${id} is missing`);
      articleQuote(loaded, article, articleSummary(loaded, article, "medium"));
      summary.push(performance.now() - at);
    }
    await loaded.close();

    const builtMb = built.heapMb - baseline.heapMb + (built.arrayBuffersMb - baseline.arrayBuffersMb);
    const coldMb =
      coldMemory.heapMb - afterDrop.heapMb + (coldMemory.arrayBuffersMb - afterDrop.arrayBuffersMb);
    const per100k = (mb: number): number => (mb * 100_000) / size;
    const snapshotMb = statSync(join(dataDir, SNAPSHOT_FILE_NAME)).size / 1e6;
    const bodiesMb = folderBytes(join(dataDir, BODIES_DIR_NAME)) / 1e6;
    const p99 = percentile(search, 0.99);
    const section: BenchSection = {
      title: `Scale: ${size} articles (${(datasetBytes / 1e6).toFixed(0)} MB of .jsonl in ${Math.ceil(count / RECORDS_PER_FILE)} files${withDerivers ? ", with the quote and summary derivers" : ", no derivers"})`,
      rows: [
        {
          metric: "ingest (read, parse, dedupe, store bodies, index, snapshot)",
          value: size / (ingest.ms / 1000),
          unit: "articles/s",
          note: `${(ingest.ms / 1000).toFixed(0)} s; ${(datasetBytes / 1e6 / (ingest.ms / 1000)).toFixed(1)} MB/s`,
        },
        {
          metric: "library memory after the build",
          value: builtMb,
          unit: "MB",
          note: `heap ${(built.heapMb - baseline.heapMb).toFixed(0)} MB + typed arrays ${(built.arrayBuffersMb - baseline.arrayBuffersMb).toFixed(0)} MB`,
        },
        { metric: "library memory after a cold start", value: coldMb, unit: "MB" },
        { metric: "memory per 100k articles (cold start)", value: per100k(coldMb), unit: "MB" },
        { metric: "snapshot size", value: snapshotMb, unit: "MB", note: "heads, index, derived data" },
        { metric: "body store size", value: bodiesMb, unit: "MB" },
        { metric: "cold start from the snapshot", value: cold.ms / 1000, unit: "s" },
        { metric: "/search p50 (with snippets)", value: percentile(search, 0.5), unit: "ms" },
        {
          metric: "/search p99 (with snippets)",
          value: p99,
          unit: "ms",
          target: `<= ${SEARCH_P99_TARGET_MS} ms`,
          met: p99 <= SEARCH_P99_TARGET_MS,
          note: `slowest: ${worst}`,
        },
        {
          metric: "/search CPU time p50",
          value: percentile(searchCpu, 0.5),
          unit: "ms",
          note: `p99 ${percentile(searchCpu, 0.99).toFixed(1)} ms; steadier than wall time on a busy machine`,
        },
        {
          metric: "/summary p50 (body read, summary, quote)",
          value: percentile(summary, 0.5),
          unit: "ms",
          note: `p99 ${percentile(summary, 0.99).toFixed(1)} ms${withDerivers ? "" : "; summary plan and quotes worked out per request"}`,
        },
      ],
    };
    printSection(section);
    const results = {
      date: new Date().toISOString(),
      ...machineFacts(),
      seconds: (performance.now() - started) / 1000,
      articlesAsked: count,
      derivers: withDerivers,
      sections: [section],
    };
    writeFileSync(join(REPO_ROOT, "bench", "scale-results.json"), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\nbench/scale-results.json written (${results.seconds.toFixed(0)} s)\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
