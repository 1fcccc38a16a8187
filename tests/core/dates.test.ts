import { describe, expect, it } from "vitest";
import { formatDay, parseDateOption } from "../../src/core/dates.ts";

const NOW = new Date("2025-12-04T15:30:00Z");

describe("parseDateOption", () => {
  it("GIVEN a date THEN since starts the UTC day and until ends it", () => {
    expect(parseDateOption("2025-12-01", NOW, "start")?.toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(parseDateOption("2025-12-01", NOW, "end")?.toISOString()).toBe("2025-12-01T23:59:59.999Z");
  });

  it("GIVEN today or yesterday THEN the clock's UTC day is used", () => {
    expect(parseDateOption("today", NOW, "start")?.toISOString()).toBe("2025-12-04T00:00:00.000Z");
    expect(parseDateOption("Yesterday", NOW, "end")?.toISOString()).toBe("2025-12-03T23:59:59.999Z");
  });

  it("GIVEN a span THEN it counts back from now", () => {
    expect(parseDateOption("24h", NOW, "start")?.toISOString()).toBe("2025-12-03T15:30:00.000Z");
    expect(parseDateOption("3d", NOW, "start")?.toISOString()).toBe("2025-12-01T15:30:00.000Z");
    expect(parseDateOption("1w", NOW, "start")?.toISOString()).toBe("2025-11-27T15:30:00.000Z");
  });

  it("GIVEN an ISO date-time with an offset THEN that instant", () => {
    expect(parseDateOption("2025-12-03T10:00:00-05:00", NOW, "start")?.toISOString()).toBe(
      "2025-12-03T15:00:00.000Z",
    );
  });

  it.each(["2025-02-30", "2025-13-01", "next week", "", "12/01/2025", "3 fortnights"])(
    "GIVEN %j THEN it is not a date",
    (text) => {
      expect(parseDateOption(text, NOW, "start")).toBeUndefined();
    },
  );
});

describe("formatDay", () => {
  it("GIVEN an instant with an offset THEN its UTC day; GIVEN none THEN undated", () => {
    expect(formatDay("2025-12-03T23:30:00-05:00")).toBe("2025-12-04");
    expect(formatDay(undefined)).toBe("undated");
  });
});
