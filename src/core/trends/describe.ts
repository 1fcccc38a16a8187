import { bucketStarts, DAY_MS, summarize, type TrendSeries, type TrendWindow } from "./series.ts";
import { sparkline } from "./sparkline.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2 Dec 2025`, the UTC day of an instant. */
export function longDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ""} ${date.getUTCFullYear()}`;
}

/** `2 Dec`, for axis labels. */
export function shortDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ""}`;
}

/** `2025-12-02`, for machine-readable output. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `6 Nov – 5 Dec 2025`, or `6 Nov 2025` for one day: the window's days. */
export function windowSpan(window: TrendWindow): string {
  const first = window.start;
  const last = window.end - DAY_MS;
  if (first === last) return longDay(first);
  const sameYear = new Date(first).getUTCFullYear() === new Date(last).getUTCFullYear();
  return `${sameYear ? shortDay(first) : longDay(first)} – ${longDay(last)}`;
}

/**
 * The first day of each bucket that the window covers: the bucket's start, or the window's first day for a week
 * that began before it.
 */
export function bucketFirstDays(window: TrendWindow): number[] {
  return bucketStarts(window).map((start) => Math.max(start, window.start));
}

/** What one bucket is called in a sentence: `on 2 Dec 2025`, or `in the week of 1 Dec 2025`. */
export function bucketName(window: TrendWindow, index: number): string {
  const first = bucketFirstDays(window)[index] ?? window.start;
  return window.by === "day" ? `on ${longDay(first)}` : `in the week of ${longDay(first)}`;
}

/** Axis labels of the buckets: `2 Dec`. */
export function bucketLabels(window: TrendWindow): string[] {
  return bucketFirstDays(window).map(shortDay);
}

/** `1,234`: thousands separated by commas, the same on every machine. */
export function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count with its noun: `1 article`, `1,412 articles`. */
export function counted(count: number, one: string, many: string): string {
  return `${thousands(count)} ${count === 1 ? one : many}`;
}

export interface Nouns {
  one: string;
  many: string;
}

/**
 * One series in words, as the embed's description and the alt text give it: `412 articles, the most on
 * 2 Dec 2025 (38)`; `no articles` when it is all zero.
 */
export function seriesInWords(series: TrendSeries, window: TrendWindow, nouns: Nouns): string {
  const { total, peak } = summarize(series.counts);
  if (peak === undefined) return `no ${nouns.many}`;
  const where =
    total === peak.count
      ? `all ${bucketName(window, peak.index)}`
      : `the most ${bucketName(window, peak.index)} (${thousands(peak.count)})`;
  return `${counted(total, nouns.one, nouns.many)}, ${where}`;
}

/** The machine-readable numbers of a series: each bucket's first day and count, the total and the peak. */
export interface SeriesNumbers {
  label: string;
  total: number;
  peak?: { date: string; count: number };
  points: { date: string; count: number }[];
}

export function seriesNumbers(series: TrendSeries, window: TrendWindow): SeriesNumbers {
  const starts = bucketFirstDays(window);
  const { total, peak } = summarize(series.counts);
  const numbers: SeriesNumbers = {
    label: series.label,
    total,
    points: series.counts.map((count, i) => ({ date: isoDay(starts[i] ?? window.start), count })),
  };
  if (peak !== undefined)
    numbers.peak = { date: isoDay(starts[peak.index] ?? window.start), count: peak.count };
  return numbers;
}

/**
 * The chart as text, one line a series: its label, a sparkline and the figures, labels padded to one width:
 * `putin     ▁▂▃▅▇█▅▃  peak 38 on 2 Dec 2025 · total 412`.
 */
export function sparklineText(series: readonly TrendSeries[], window: TrendWindow): string {
  const width = Math.max(...series.map((line) => textWidth(line.label)));
  return series
    .map((line) => {
      const { total, peak } = summarize(line.counts);
      const figures =
        peak === undefined
          ? "none"
          : `peak ${thousands(peak.count)} ${bucketName(window, peak.index)} · total ${thousands(total)}`;
      const label = line.label + " ".repeat(width - textWidth(line.label));
      return `${label}  ${sparkline(line.counts)}  ${figures}`;
    })
    .join("\n");
}

/** Characters as a terminal lays them out, near enough: one a grapheme. */
function textWidth(text: string): number {
  return Array.from(new Intl.Segmenter().segment(text)).length;
}
