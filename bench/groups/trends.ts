import { CHART_SIZE, PIXEL_RATIO, renderLineChart, warmCharts } from "../../src/charts/line-chart.ts";
import type { ArticleIndex } from "../../src/core/search/article-index.ts";
import { bucketLabels, windowSpan } from "../../src/core/trends/describe.ts";
import { countByBucket, resolveWindow, type TrendWindow } from "../../src/core/trends/series.ts";
import type { BenchSection } from "../lib/report.ts";
import { percentile, timed } from "../lib/report.ts";

const TARGET_P99_MS = 300;
const ROUNDS = 5;

/** What people chart: common and rare words, a typo, a word start, a phrase, and three terms at once. */
const CHARTS: readonly (readonly string[])[] = [
  ["oil"],
  ["dollar"],
  ["opec"],
  ["interest rates"],
  ["volckr"],
  ["negotiat"],
  ['"trade deficit"'],
  ["oil", "gold", "dollar"],
];

/** The corpus's busiest month by day, and its whole year by week. */
const NOW = new Date("1987-12-31T12:00:00Z");
const WINDOWS: readonly TrendWindow[] = [
  resolveWindow({
    now: NOW,
    since: new Date("1987-03-01T00:00:00Z"),
    until: new Date("1987-03-31T00:00:00Z"),
  }),
  resolveWindow({
    now: NOW,
    since: new Date("1987-01-01T00:00:00Z"),
    until: new Date("1987-12-31T00:00:00Z"),
  }),
];

/**
 * /trends at scale: counting each term's matches per day (every match, with /search's matching) and drawing the
 * PNG, as the command does, over the 100k set. One core; the chart libraries are loaded before timing.
 */
export function benchTrends(label: string, index: ArticleIndex): BenchSection {
  const load = timed(() => {
    warmCharts();
  });
  const whole: number[] = [];
  const counting: number[] = [];
  const drawing: number[] = [];
  let matched = 0;
  const chart = (terms: readonly string[], window: TrendWindow) => {
    const filters = { since: new Date(window.start), until: new Date(window.end - 1) };
    const counted = timed(() =>
      terms.map((term) => {
        const times = index.matches(term, filters).map((match) => match.publishedMs);
        matched += times.length;
        return { name: term, values: countByBucket(times, window) };
      }),
    );
    const drawn = timed(() =>
      renderLineChart({
        title: `Articles per ${window.by}`,
        subtitle: windowSpan(window),
        labels: bucketLabels(window),
        series: counted.result,
      }),
    );
    return { countMs: counted.ms, drawMs: drawn.ms };
  };
  for (const window of WINDOWS) for (const terms of CHARTS) chart(terms, window);
  matched = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const window of WINDOWS) {
      for (const terms of CHARTS) {
        const { countMs, drawMs } = chart(terms, window);
        counting.push(countMs);
        drawing.push(drawMs);
        whole.push(countMs + drawMs);
      }
    }
  }
  const p99 = percentile(whole, 0.99);
  const runs = whole.length;
  return {
    title: `Trends: ${index.size} articles, ${CHARTS.length} charts x ${WINDOWS.length} ranges x ${ROUNDS} rounds`,
    rows: [
      { metric: `${label} count + PNG p50`, value: percentile(whole, 0.5), unit: "ms" },
      {
        metric: `${label} count + PNG p99`,
        value: p99,
        unit: "ms",
        target: `<= ${TARGET_P99_MS} ms`,
        met: p99 <= TARGET_P99_MS,
        note: `${Math.round(matched / runs)} matches counted a chart on average`,
      },
      {
        metric: `${label} counting p50 / p99`,
        value: percentile(counting, 0.5),
        unit: "ms",
        note: `p99 ${percentile(counting, 0.99).toFixed(1)} ms`,
      },
      {
        metric: "drawing the PNG p50 / p99",
        value: percentile(drawing, 0.5),
        unit: "ms",
        note: `p99 ${percentile(drawing, 0.99).toFixed(1)} ms; ${CHART_SIZE.width * PIXEL_RATIO}x${CHART_SIZE.height * PIXEL_RATIO} pixels`,
      },
      {
        metric: "chart libraries loaded (once a process)",
        value: load.ms,
        unit: "ms",
        note: "ECharts and resvg, at the bot's start",
      },
    ],
  };
}
