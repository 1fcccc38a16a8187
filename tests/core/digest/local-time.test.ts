import { describe, expect, it } from "vitest";
import {
  dailyCronExpression,
  localDateKey,
  nextDailyRun,
  parseClockTime,
  parseDailyCronExpression,
  previousDailyRun,
  zonedInstant,
} from "../../../src/core/digest/local-time.ts";

const nine = { hour: 9, minute: 0 };

describe("parseClockTime", () => {
  it("GIVEN 24-hour times WHEN parsed THEN hours and minutes come back", () => {
    expect(parseClockTime("09:00")).toEqual({ hour: 9, minute: 0 });
    expect(parseClockTime(" 7:30 ")).toEqual({ hour: 7, minute: 30 });
    expect(parseClockTime("23:59")).toEqual({ hour: 23, minute: 59 });
  });

  it("GIVEN malformed times WHEN parsed THEN undefined", () => {
    for (const bad of ["24:00", "9", "09:60", "9am", "09:00:00", "", "ab:cd"]) {
      expect(parseClockTime(bad), bad).toBeUndefined();
    }
  });
});

describe("daily runs across daylight-saving changes", () => {
  it("GIVEN a 09:00 Berlin schedule WHEN clocks go forward (29 Mar 2026) THEN it runs at 09:00 local on both sides", () => {
    const first = nextDailyRun(new Date("2026-03-28T06:00:00Z"), nine, "Europe/Berlin");
    const second = nextDailyRun(first, nine, "Europe/Berlin");
    expect(first.toISOString()).toBe("2026-03-28T08:00:00.000Z"); // CET, UTC+1
    expect(second.toISOString()).toBe("2026-03-29T07:00:00.000Z"); // CEST, UTC+2
    expect(second.getTime() - first.getTime()).toBe(23 * 3_600_000);
  });

  it("GIVEN a 09:00 New York schedule WHEN clocks go back (2 Nov 2025) THEN it runs at 09:00 local, 25 h apart", () => {
    const first = nextDailyRun(new Date("2025-11-01T00:00:00Z"), nine, "America/New_York");
    const second = nextDailyRun(first, nine, "America/New_York");
    expect(first.toISOString()).toBe("2025-11-01T13:00:00.000Z"); // EDT, UTC-4
    expect(second.toISOString()).toBe("2025-11-02T14:00:00.000Z"); // EST, UTC-5
  });

  it("GIVEN a time inside the spring-forward gap WHEN resolved THEN it moves forward by the gap", () => {
    const gap = zonedInstant({ year: 2026, month: 3, day: 29 }, { hour: 2, minute: 30 }, "Europe/Berlin");
    expect(gap.toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
  });

  it("GIVEN a time that happens twice when clocks go back WHEN resolved THEN the first occurrence is used", () => {
    const twice = zonedInstant({ year: 2025, month: 10, day: 26 }, { hour: 2, minute: 30 }, "Europe/Berlin");
    expect(twice.toISOString()).toBe("2025-10-26T00:30:00.000Z"); // 02:30 CEST, before the change
  });

  it("GIVEN an instant WHEN asking for the previous run THEN it is today's when passed, else yesterday's", () => {
    expect(previousDailyRun(new Date("2026-03-29T07:00:00Z"), nine, "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T07:00:00.000Z",
    );
    expect(previousDailyRun(new Date("2026-03-29T06:59:00Z"), nine, "Europe/Berlin").toISOString()).toBe(
      "2026-03-28T08:00:00.000Z",
    );
  });

  it("GIVEN a zone east of UTC WHEN keying a run THEN the key is the local date", () => {
    expect(localDateKey(new Date("2025-12-04T23:30:00Z"), "Asia/Tokyo")).toBe("2025-12-05");
    expect(localDateKey(new Date("2025-12-04T23:30:00Z"), "UTC")).toBe("2025-12-04");
  });
});

describe("daily cron expressions", () => {
  it("GIVEN a time WHEN turned into a cron expression and back THEN it round-trips", () => {
    expect(dailyCronExpression({ hour: 9, minute: 5 })).toBe("5 9 * * *");
    expect(parseDailyCronExpression("5 9 * * *")).toEqual({ hour: 9, minute: 5 });
    expect(parseDailyCronExpression("*/5 * * * *")).toBeUndefined();
  });
});
