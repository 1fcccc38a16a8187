import type MiniSearch from "minisearch";
import type { SearchResult } from "minisearch";
import type { Article } from "../../src/core/articles.ts";
import { FIELD_BOOSTS } from "../../src/core/search/article-index.ts";
import type { ArticleIndex, SearchFilters } from "../../src/core/search/article-index.ts";
import { BENCH_QUERIES } from "../lib/queries.ts";
import type { BenchSection } from "../lib/report.ts";
import { percentile } from "../lib/report.ts";

const ROUNDS = 5;
const LIMIT = 10;

/**
 * /search latency over the fixed query list: ArticleIndex, and plain MiniSearch given the same per-term typo
 * and prefix settings (AND, no fallback, no exact-first ranking, no phrases) for scale.
 */
export function benchSearch(
  label: string,
  index: ArticleIndex,
  raw: MiniSearch<Article>,
  target?: number,
): BenchSection {
  settleHeap();
  const ours = measure((query, filters) => index.search(query, filters, LIMIT).length);
  settleHeap();
  const plain = measure((query, filters) => plainSearch(raw, query, filters).slice(0, LIMIT).length);
  const p99 = percentile(ours.wall, 0.99);
  return {
    title: `Search: ${index.size} articles, ${BENCH_QUERIES.length} queries x ${ROUNDS} rounds`,
    rows: [
      { metric: `${label} p50`, value: percentile(ours.wall, 0.5), unit: "ms" },
      {
        metric: `${label} p99`,
        value: p99,
        unit: "ms",
        ...(target !== undefined && { target: `<= ${target} ms`, met: p99 <= target }),
      },
      {
        metric: `${label} CPU time p50`,
        value: percentile(ours.cpu, 0.5),
        unit: "ms",
        note: `p99 ${percentile(ours.cpu, 0.99).toFixed(1)} ms; steadier than wall time on a busy machine`,
      },
      { metric: `${label} plain MiniSearch p50`, value: percentile(plain.wall, 0.5), unit: "ms" },
      { metric: `${label} plain MiniSearch p99`, value: percentile(plain.wall, 0.99), unit: "ms" },
      {
        metric: `${label} ArticleIndex / plain, p50`,
        value: percentile(ours.wall, 0.5) / percentile(plain.wall, 0.5),
        unit: "x",
      },
      { metric: `${label} ArticleIndex / plain, p99`, value: p99 / percentile(plain.wall, 0.99), unit: "x" },
    ],
  };
}

/**
 * Collects garbage left by earlier groups (the parsed corpus, indexes built and dropped) before timing, so that
 * its collection is not charged to whichever searches it happens to interrupt. Needs node --expose-gc, which
 * bench/run.ts passes; without it this does nothing.
 */
function settleHeap(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Wall-clock and CPU milliseconds of each run, after one warm-up pass. */
function measure(run: (query: string, filters: SearchFilters) => number): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const { query, filters = {} } of BENCH_QUERIES) run(query, filters);
  for (let round = 0; round < ROUNDS; round++) {
    for (const { query, filters = {} } of BENCH_QUERIES) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      run(query, filters);
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall, cpu };
}

function plainSearch(raw: MiniSearch<Article>, query: string, filters: SearchFilters): SearchResult[] {
  const since = filters.since?.getTime();
  const until = filters.until?.getTime();
  const source = filters.source?.toLowerCase();
  return raw.search(query, {
    combineWith: "AND",
    boost: FIELD_BOOSTS,
    prefix: (term) => term.length >= 4,
    fuzzy: (term) => (term.length < 4 ? false : term.length <= 6 ? 1 : 2),
    filter: (result) => {
      const stored = result as unknown as { source: string; publishedMs?: number };
      if (source !== undefined && stored.source.toLowerCase() !== source) return false;
      if (since === undefined && until === undefined) return true;
      if (stored.publishedMs === undefined) return false;
      return (
        (since === undefined || stored.publishedMs >= since) &&
        (until === undefined || stored.publishedMs <= until)
      );
    },
  });
}
