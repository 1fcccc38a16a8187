import { UserError } from "../errors.ts";

export const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday; weeks start on Monday, three days later. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

/** How long one point of a trend covers. Days and weeks are UTC, as `/search` dates are. */
export type Granularity = "day" | "week";

/** The default window when no date is given: this many days back from today. */
export const DEFAULT_DAYS = 30;
/** Longer windows than this many days are drawn by week unless `by:day` is asked for. */
export const AUTO_WEEK_AFTER_DAYS = 92;
/** Points a chart can draw legibly; more is refused with a hint. */
export const MAX_POINTS = 366;

/** The time a trend covers: whole UTC days, `start` inclusive, `end` exclusive, cut into `by` buckets. */
export interface TrendWindow {
  start: number;
  end: number;
  by: Granularity;
}

/** The first millisecond of the UTC day holding `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The first millisecond of the Monday-to-Sunday UTC week holding `ms`. */
export function weekStart(ms: number): number {
  return Math.floor((ms - MONDAY_OFFSET_MS) / WEEK_MS) * WEEK_MS + MONDAY_OFFSET_MS;
}

export interface WindowRequest {
  /** The instant `since` stands for, when given (its day is the first one). */
  since?: Date | undefined;
  /** The instant `until` stands for, when given (its day is the last one). */
  until?: Date | undefined;
  by?: Granularity | undefined;
  now: Date;
  /** The first and last publication times of the articles there are, if any are dated. */
  covered?: { first: number; last: number } | undefined;
}

/**
 * The days a trend covers. Given dates are taken as whole days. Without `since`, the 30 days up to `until`
 * (default today). Without either, the last 30 days of the articles there are (up to today), or exactly the days
 * they cover when that is shorter. Without `by`, windows longer than 92 days are drawn by week.
 */
export function resolveWindow(request: WindowRequest): TrendWindow {
  const { since, until, covered } = request;
  const today = dayStart(request.now.getTime());
  let start: number;
  let end: number;
  if (since === undefined && until === undefined && covered !== undefined) {
    // An archive whose news stopped a while ago gets its own last 30 days rather than an empty chart.
    const last = Math.min(dayStart(covered.last), today);
    const first = Math.min(dayStart(covered.first), last);
    end = last + DAY_MS;
    start = Math.max(first, end - DEFAULT_DAYS * DAY_MS);
  } else {
    end = dayStart((until ?? request.now).getTime()) + DAY_MS;
    start = since === undefined ? end - DEFAULT_DAYS * DAY_MS : dayStart(since.getTime());
  }
  if (start >= end) throw new UserError("bad-option", "`since` must be before `until`.");
  const days = (end - start) / DAY_MS;
  const by = request.by ?? (days > AUTO_WEEK_AFTER_DAYS ? "week" : "day");
  const window: TrendWindow = { start, end, by };
  const points = bucketStarts(window).length;
  if (points > MAX_POINTS) {
    const hint = by === "day" ? "use `by:week` or a shorter range" : "use a shorter range";
    throw new UserError(
      "bad-option",
      `That range has ${points} ${by}s; a chart shows at most ${MAX_POINTS}: ${hint}.`,
    );
  }
  return window;
}

/**
 * The start of every bucket of the window, in order. A week bucket starts on its Monday, which can be before the
 * window's first day; only the window's days are counted in it.
 */
export function bucketStarts(window: TrendWindow): number[] {
  const starts: number[] = [];
  if (window.by === "day") {
    for (let at = window.start; at < window.end; at += DAY_MS) starts.push(at);
  } else {
    for (let at = weekStart(window.start); at < window.end; at += WEEK_MS) starts.push(at);
  }
  return starts;
}

/**
 * How many of the times fall in each bucket of the window (times outside it, and NaN for undated articles, are
 * not counted). Linear in the number of times.
 */
export function countByBucket(times: Iterable<number>, window: TrendWindow): number[] {
  const starts = bucketStarts(window);
  const counts = new Array<number>(starts.length).fill(0);
  const first = starts[0] ?? window.start;
  const size = window.by === "day" ? DAY_MS : WEEK_MS;
  for (const time of times) {
    if (!(time >= window.start && time < window.end)) continue;
    const bucket = Math.floor((time - first) / size);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return counts;
}

/** One line of a trend chart: a term's (or a speaker's) count per bucket. */
export interface TrendSeries {
  label: string;
  counts: number[];
}

/** What a reader wants to know of a series: its total and its busiest bucket (the first, on a tie). */
export interface SeriesSummary {
  total: number;
  /** Undefined when every count is zero. */
  peak?: { index: number; count: number };
}

export function summarize(counts: readonly number[]): SeriesSummary {
  let total = 0;
  let peak: SeriesSummary["peak"];
  counts.forEach((count, index) => {
    total += count;
    if (count > 0 && (peak === undefined || count > peak.count)) peak = { index, count };
  });
  return peak === undefined ? { total } : { total, peak };
}
