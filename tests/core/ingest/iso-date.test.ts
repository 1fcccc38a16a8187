import { describe, expect, it } from "vitest";
import { isoInstant } from "../../../src/core/ingest/iso-date.ts";

describe("GIVEN ISO dates and date-times", () => {
  it.each([
    ["2025-12-03", "2025-12-03T00:00:00.000Z"],
    ["1987-02-26T15:01:01", "1987-02-26T15:01:01.000Z"],
    ["1987-02-26 15:01", "1987-02-26T15:01:00.000Z"],
    ["2025-12-03T10:12:00.5-05:00", "2025-12-03T15:12:00.500Z"],
    ["2025-12-03T10:12:00+0530", "2025-12-03T04:42:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("WHEN the value is %j THEN the instant is %j", (value, instant) => {
    expect(isoInstant(value)).toBe(instant);
  });

  it.each(["", "yesterday", "2025-02-30", "2025-13-01", "2025-12-03T24:00:00Z", "03/12/2025", "2025-12-3"])(
    "WHEN the value is %j THEN it is rejected",
    (value) => {
      expect(isoInstant(value)).toBeUndefined();
    },
  );
});
