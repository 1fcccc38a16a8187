import { describe, expect, it } from "vitest";
import { readDateLine } from "../../../../src/core/ingest/txt/human-date.ts";

const MODIFIED_AT = new Date("2025-12-04T10:00:00.000Z");
const before = (ms: number): string => new Date(MODIFIED_AT.getTime() - ms).toISOString();

describe("GIVEN header date lines in the formats of scraped news pages", () => {
  it.each([
    ["Updated 03 December 2025", "updated", "2025-12-03T00:00:00.000Z"],
    ["Updated Dec. 3, 2025 10:12 a.m. EST", "updated", "2025-12-03T15:12:00.000Z"],
    ["Published: December 3, 2025 at 9:05 PM", "published", "2025-12-03T21:05:00.000Z"],
    ["Wed 3 Dec 2025 10.12 GMT", "updated", "2025-12-03T10:12:00.000Z"],
    ["Posted on 2025-12-03T08:30:00+02:00", "published", "2025-12-03T06:30:00.000Z"],
    ["Last updated 12 a.m. Dec 3rd 2025 UTC+3", "updated", "2025-12-02T21:00:00.000Z"],
    ["3 December 2025", "updated", "2025-12-03T00:00:00.000Z"],
    ["Published 3 December 2025 | Updated 7 sec ago", "published", "2025-12-03T00:00:00.000Z"],
  ])("WHEN the line is %j THEN it is a %s date at %s", (line, kind, instant) => {
    expect(readDateLine(line, MODIFIED_AT)).toEqual({ kind, instant });
  });

  it.each([
    ["Updated 7 sec ago", "updated", 7_000],
    ["Updated 5 mins ago", "updated", 5 * 60_000],
    ["Updated an hour ago", "updated", 3_600_000],
    ["Published 3 days ago", "published", 3 * 86_400_000],
    ["Updated yesterday", "updated", 86_400_000],
    ["Updated just now", "updated", 0],
  ])(
    "WHEN the line is the relative %j THEN it is a %s date %i ms before the file time",
    (line, kind, agoMs) => {
      expect(readDateLine(line, MODIFIED_AT)).toEqual({ kind, instant: before(agoMs), agoMs });
    },
  );

  it.each([
    ["Updated Jul. 3, 2025 10:12 a.m. ET", "2025-07-03T14:12:00.000Z"],
    ["Updated Dec. 3, 2025 10:12 a.m. ET", "2025-12-03T15:12:00.000Z"],
    ["Updated Jul. 3, 2025 10:12 a.m. PT", "2025-07-03T17:12:00.000Z"],
    ["Updated Jan. 3, 2025 8:00 p.m. CT", "2025-01-04T02:00:00.000Z"],
    ["Updated Aug. 1, 2025 6:30:15 a.m. MT", "2025-08-01T12:30:15.000Z"],
    ["Updated Jul. 3, 2025 10:12 a.m. EDT", "2025-07-03T14:12:00.000Z"],
  ])("WHEN a US time is given as %j THEN daylight saving time is applied by date (%s)", (line, instant) => {
    expect(readDateLine(line, MODIFIED_AT)).toEqual({ kind: "updated", instant });
  });

  it("WHEN an Updated line names no readable date THEN it is still a date line, without an instant", () => {
    expect(readDateLine("Updated recently", MODIFIED_AT)).toEqual({ kind: "updated" });
  });

  it.each([
    "The Kremlin said Wednesday that its army had advanced",
    "May 2025",
    "30 February 2025",
    "Putin met envoys on Dec. 2, 2025 in Moscow",
    "Short Url",
  ])("WHEN the line is %j THEN it is not a date line", (line) => {
    expect(readDateLine(line, MODIFIED_AT)).toBeUndefined();
  });
});
