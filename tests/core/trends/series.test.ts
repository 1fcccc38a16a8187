import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.ts";
import {
  bucketStarts,
  countByBucket,
  resolveWindow,
  summarize,
  weekStart,
  type TrendWindow,
} from "../../../src/core/trends/series.ts";

const at = (iso: string) => Date.parse(iso);
const day = (date: string) => at(`${date}T00:00:00Z`);
const NOW = new Date("2025-12-05T12:00:00Z");
const days = (window: TrendWindow) =>
  bucketStarts(window).map((ms) => new Date(ms).toISOString().slice(0, 10));

describe("resolveWindow", () => {
  it("GIVEN no dates and articles over more than 30 days THEN the last 30 days up to today", () => {
    const window = resolveWindow({
      now: NOW,
      covered: { first: at("2025-01-01T00:00:00Z"), last: NOW.getTime() },
    });
    expect(window).toEqual({ start: day("2025-11-06"), end: day("2025-12-06"), by: "day" });
  });

  it("GIVEN no dates and articles over fewer days THEN exactly the days they cover", () => {
    const covered = { first: at("2025-11-28T23:10:00Z"), last: at("2025-12-02T01:00:00Z") };
    const window = resolveWindow({ now: NOW, covered });
    expect(days(window)).toEqual(["2025-11-28", "2025-11-29", "2025-11-30", "2025-12-01", "2025-12-02"]);
  });

  it("GIVEN no dates and an archive whose news ended months ago THEN its own last 30 days", () => {
    const covered = { first: at("1987-02-26T10:00:00Z"), last: at("1987-10-19T16:00:00Z") };
    expect(resolveWindow({ now: NOW, covered })).toEqual({
      start: day("1987-09-20"),
      end: day("1987-10-20"),
      by: "day",
    });
  });

  it("GIVEN since only THEN from its day to today; GIVEN until only THEN the 30 days up to it", () => {
    const since = resolveWindow({ now: NOW, since: new Date("2025-12-03T15:00:00Z") });
    expect(days(since)).toEqual(["2025-12-03", "2025-12-04", "2025-12-05"]);
    const until = resolveWindow({ now: NOW, until: new Date("2025-10-31T23:59:59.999Z") });
    expect(until).toEqual({ start: day("2025-10-02"), end: day("2025-11-01"), by: "day" });
  });

  it("GIVEN a range of more than 92 days and no `by` THEN weeks; GIVEN by:day THEN days", () => {
    const range = {
      now: NOW,
      since: new Date("2025-01-01T00:00:00Z"),
      until: new Date("2025-06-30T00:00:00Z"),
    };
    expect(resolveWindow(range).by).toBe("week");
    expect(resolveWindow({ ...range, by: "day" }).by).toBe("day");
  });

  it("GIVEN more points than a chart can show THEN a user error with a hint", () => {
    const request = { now: NOW, since: new Date("2020-01-01T00:00:00Z"), by: "day" as const };
    expect(() => resolveWindow(request)).toThrow(UserError);
    expect(() => resolveWindow(request)).toThrow(/by:week/);
  });
});

describe("countByBucket", () => {
  const window: TrendWindow = { start: day("2025-12-01"), end: day("2025-12-04"), by: "day" };

  it("GIVEN times at the edges of UTC days THEN each counts on its UTC day", () => {
    const times = [
      at("2025-12-01T00:00:00Z"),
      at("2025-12-01T23:59:59.999Z"),
      at("2025-12-02T00:00:00Z"),
      // 20:30 in New York on 1 December is 01:30 UTC on the 2nd.
      at("2025-12-01T20:30:00-05:00"),
      // 00:30 in Paris on 3 December is 23:30 UTC on the 2nd.
      at("2025-12-03T00:30:00+01:00"),
      at("2025-12-03T12:00:00Z"),
    ];
    expect(countByBucket(times, window)).toEqual([2, 3, 1]);
  });

  it("GIVEN times outside the window or undated THEN they are not counted", () => {
    const times = [at("2025-11-30T23:59:59.999Z"), at("2025-12-04T00:00:00Z"), Number.NaN];
    expect(countByBucket(times, window)).toEqual([0, 0, 0]);
  });

  it("GIVEN weeks THEN buckets start on Monday and count only the window's days", () => {
    // Wednesday 3 December to Sunday 14 December 2025.
    const weeks: TrendWindow = { start: day("2025-12-03"), end: day("2025-12-15"), by: "week" };
    expect(days(weeks)).toEqual(["2025-12-01", "2025-12-08"]);
    expect(weekStart(at("2025-12-07T23:59:59Z"))).toBe(day("2025-12-01"));
    const times = [at("2025-12-02T10:00:00Z"), at("2025-12-03T10:00:00Z"), at("2025-12-08T00:00:00Z")];
    expect(countByBucket(times, weeks)).toEqual([1, 1]);
  });
});

describe("summarize", () => {
  it("GIVEN counts THEN the total and the first busiest bucket; GIVEN all zero THEN no peak", () => {
    expect(summarize([1, 4, 0, 4])).toEqual({ total: 9, peak: { index: 1, count: 4 } });
    expect(summarize([0, 0])).toEqual({ total: 0 });
  });
});
