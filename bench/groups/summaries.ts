/**
 * Summaries on the corpus: the summarizer's throughput in MB/s of body text and its per-article latency, the
 * cost of the per-length plans the index keeps, reading a summary back from a plan, and /summary's title
 * autocomplete. Run alone with `npx tsx bench/groups/summaries.ts`; bench/run.ts adds its section.
 */
import { cpuUsage } from "node:process";
import { pathToFileURL } from "node:url";
import { titleChoices, type SummaryLibrary } from "../../src/app/summaries.ts";
import { articleBody, type Article } from "../../src/core/articles.ts";
import { planSummaries, summarizeArticle, summaryFromPositions } from "../../src/core/summarize/article.ts";
import { CORPUS_PATH, corpusAvailable, readCorpus, recordToArticle } from "../lib/corpus.ts";
import type { BenchSection } from "../lib/report.ts";
import { percentile, printSection, timed } from "../lib/report.ts";

const THROUGHPUT_TARGET_MB_S = 2;
const ARTICLE_P99_TARGET_MS = 5;
const AUTOCOMPLETE_P99_TARGET_MS = 50;
/** What people type into the article option: nothing yet, then growing prefixes of title words. */
const TYPED = [
  "",
  "r",
  "ru",
  "rus",
  "russia",
  "oil",
  "oil pri",
  "bank of",
  "trade def",
  "ukra",
  "profit",
  "zzz",
];

/**
 * The summarizer over every article's body (medium length, one core: CPU time beside wall time), with the
 * per-article latency of the same run; then what the index pays to plan all three lengths of an article,
 * what /summary pays to read one back, and title autocomplete latency over the whole corpus.
 */
export function benchSummaries(articles: readonly Article[]): BenchSection {
  const megabytes = articles.reduce((sum, article) => sum + articleBody(article).length, 0) / 1e6;
  // One unmeasured pass warms the JIT, as a running bot would be.
  for (const article of articles.slice(0, 500)) summarizeArticle(article);

  const latencies: number[] = [];
  const cpuBefore = cpuUsage();
  const run = timed(() => {
    for (const article of articles) {
      const started = performance.now();
      summarizeArticle(article);
      latencies.push(performance.now() - started);
    }
  });
  const cpu = cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mbPerSecond = megabytes / (run.ms / 1000);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);

  const plans = timed(() => articles.map((article) => planSummaries(article)));
  const readBack = articles.map((article, index) => {
    const positions = plans.result[index]?.medium ?? [];
    return timed(() => summaryFromPositions(article, positions)).ms;
  });

  const library: Pick<SummaryLibrary, "articlesFor"> = { articlesFor: () => articles };
  // The first call folds every title once (kept per article); later calls reuse that.
  const coldAutocomplete = timed(() => titleChoices(library as SummaryLibrary, "", undefined)).ms;
  for (const typed of ["a", "ab", "abc d"]) titleChoices(library as SummaryLibrary, typed, undefined);
  const autocomplete = TYPED.flatMap((typed) =>
    Array.from(
      { length: 5 },
      () => timed(() => titleChoices(library as SummaryLibrary, typed, undefined)).ms,
    ),
  );
  const autocompleteP99 = percentile(autocomplete, 0.99);

  return {
    title: `Summaries: ${articles.length} articles, ${megabytes.toFixed(1)} MB of body text`,
    rows: [
      {
        metric: "summarizer (medium)",
        value: mbPerSecond,
        unit: "MB/s",
        target: `>= ${THROUGHPUT_TARGET_MB_S}`,
        met: mbPerSecond >= THROUGHPUT_TARGET_MB_S,
        note: `${(megabytes / cpuSeconds).toFixed(1)} MB/s of CPU time; ${(run.ms / 1000).toFixed(1)} s`,
      },
      { metric: "summarizer per article p50", value: p50, unit: "ms" },
      {
        metric: "summarizer per article p99",
        value: p99,
        unit: "ms",
        target: `< ${ARTICLE_P99_TARGET_MS}`,
        met: p99 < ARTICLE_P99_TARGET_MS,
        note: `max ${Math.max(...latencies).toFixed(1)} ms`,
      },
      {
        metric: "plan all three lengths (index deriver)",
        value: megabytes / (plans.ms / 1000),
        unit: "MB/s",
        note: `${(plans.ms / 1000).toFixed(1)} s for the corpus`,
      },
      { metric: "read a summary back from its plan p99", value: percentile(readBack, 0.99), unit: "ms" },
      {
        metric: "title autocomplete p99",
        value: autocompleteP99,
        unit: "ms",
        target: `<= ${AUTOCOMPLETE_P99_TARGET_MS}`,
        met: autocompleteP99 <= AUTOCOMPLETE_P99_TARGET_MS,
        note: `${TYPED.length} typed texts x 5 over ${articles.length} titles`,
      },
      { metric: "title autocomplete, first call", value: coldAutocomplete, unit: "ms" },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (corpusAvailable()) {
    printSection(benchSummaries(readCorpus().map((record) => recordToArticle(record))));
  } else {
    process.stdout.write(`Summaries bench skipped: the corpus is not at ${CORPUS_PATH}.\n`);
  }
}
