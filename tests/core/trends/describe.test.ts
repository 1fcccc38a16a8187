import { describe, expect, it } from "vitest";
import {
  bucketLabels,
  seriesInWords,
  seriesNumbers,
  sparklineText,
  windowSpan,
} from "../../../src/core/trends/describe.ts";
import type { TrendWindow } from "../../../src/core/trends/series.ts";
import { sparkline } from "../../../src/core/trends/sparkline.ts";

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
const FOUR_DAYS: TrendWindow = { start: day("2025-11-30"), end: day("2025-12-04"), by: "day" };
const ARTICLES = { one: "article", many: "articles" };

describe("sparkline", () => {
  it("GIVEN counts THEN zero is the lowest bar, one article at least the second, the largest the full bar", () => {
    expect(sparkline([0, 1, 50, 100])).toBe("▁▂▅█");
    expect(sparkline([0, 0])).toBe("▁▁");
  });
});

describe("trend words", () => {
  it("GIVEN a series THEN its total and busiest day in words; all on one day or none said plainly", () => {
    expect(seriesInWords({ label: "oil", counts: [2, 0, 1234, 5] }, FOUR_DAYS, ARTICLES)).toBe(
      "1,241 articles, the most on 2 Dec 2025 (1,234)",
    );
    expect(seriesInWords({ label: "oil", counts: [0, 1, 0, 0] }, FOUR_DAYS, ARTICLES)).toBe(
      "1 article, all on 1 Dec 2025",
    );
    expect(seriesInWords({ label: "oil", counts: [0, 0, 0, 0] }, FOUR_DAYS, ARTICLES)).toBe("no articles");
  });

  it("GIVEN weeks THEN the busiest week is named by its first day in the window", () => {
    const weeks: TrendWindow = { start: day("2025-12-03"), end: day("2025-12-15"), by: "week" };
    expect(bucketLabels(weeks)).toEqual(["3 Dec", "8 Dec"]);
    expect(seriesInWords({ label: "oil", counts: [1, 3] }, weeks, ARTICLES)).toBe(
      "4 articles, the most in the week of 8 Dec 2025 (3)",
    );
  });

  it("GIVEN a window THEN its span names the year once, or both years when they differ", () => {
    expect(windowSpan(FOUR_DAYS)).toBe("30 Nov – 3 Dec 2025");
    expect(windowSpan({ start: day("2025-12-30"), end: day("2026-01-02"), by: "day" })).toBe(
      "30 Dec 2025 – 1 Jan 2026",
    );
    expect(windowSpan({ start: day("2025-12-30"), end: day("2025-12-31"), by: "day" })).toBe("30 Dec 2025");
  });

  it("GIVEN series THEN the text form has a padded label, a sparkline and the figures of each", () => {
    const text = sparklineText(
      [
        { label: "oil", counts: [0, 2, 4, 1] },
        { label: "gold bars", counts: [0, 0, 0, 0] },
      ],
      FOUR_DAYS,
    );
    expect(text).toBe("oil        ▁▅█▃  peak 4 on 2 Dec 2025 · total 7\ngold bars  ▁▁▁▁  none");
  });

  it("GIVEN a series THEN its numbers give each day's date and count, the total and the peak", () => {
    expect(seriesNumbers({ label: "oil", counts: [0, 2, 4, 1] }, FOUR_DAYS)).toEqual({
      label: "oil",
      total: 7,
      peak: { date: "2025-12-02", count: 4 },
      points: [
        { date: "2025-11-30", count: 0 },
        { date: "2025-12-01", count: 2 },
        { date: "2025-12-02", count: 4 },
        { date: "2025-12-03", count: 1 },
      ],
    });
  });
});
