const DAY_MS = 86_400_000;
const RELATIVE = /^(\d{1,4})\s*(h|hours?|d|days?|w|weeks?)$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** Which end of a day a date-only value stands for: `since` starts a day, `until` runs to its end. */
export type DayEdge = "start" | "end";

/**
 * Reads a date option as a user types it: `2025-12-01`, an ISO date-time, `today`, `yesterday`,
 * or a span back from now (`24h`, `3d`, `2w`). Date-only values are UTC days.
 * Returns undefined when the text is not a date, so the caller can say which option was wrong.
 */
export function parseDateOption(text: string, now: Date, edge: DayEdge): Date | undefined {
  const value = text.trim().toLowerCase();
  if (value === "today" || value === "yesterday") {
    const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS - (value === "yesterday" ? DAY_MS : 0);
    return new Date(edge === "start" ? dayStart : dayStart + DAY_MS - 1);
  }
  const relative = RELATIVE.exec(value);
  if (relative) {
    const unit = UNIT_MS[(relative[2] ?? "d").charAt(0)] ?? DAY_MS;
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== value) return undefined;
    return new Date(edge === "start" ? start : start + DAY_MS - 1);
  }
  if (/^\d{4}-\d{2}-\d{2}t/.test(value)) {
    const instant = Date.parse(text.trim());
    return Number.isNaN(instant) ? undefined : new Date(instant);
  }
  return undefined;
}

/** `2025-12-03`, the UTC day of an ISO instant, for compact display. */
export function formatDay(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 10) : "undated";
}
