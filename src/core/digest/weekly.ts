import { localDateTime, zonedInstant, type ClockTime, type LocalDate } from "./local-time.ts";

/** The days a weekly digest may go out on, Sunday first as `Date.getUTCDay()` counts them. */
export const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;

/** A day of the week, as `/digest schedule weekly:` takes it and the store keeps it. */
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday a name stands for; undefined for anything else. */
export function parseWeekday(text: string): Weekday | undefined {
  const name = text.trim().toLowerCase();
  return WEEKDAYS.find((day) => day === name);
}

/** `Monday`, for replies. */
export function weekdayLabel(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

function weekdayOf(date: LocalDate): Weekday {
  const day = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
  if (day === undefined) throw new Error("getUTCDay() is always 0–6");
  return day;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * The last instant at or before `atOrBefore` at which a weekly `time` on `day` in `timeZone` fell due. Local
 * dates are walked back from today's, so a time in a clock-change gap moves as a daily one does.
 */
export function previousWeeklyRun(atOrBefore: Date, day: Weekday, time: ClockTime, timeZone: string): Date {
  const today = localDateTime(atOrBefore, timeZone);
  for (let days = 0; days >= -8; days--) {
    const date = addDays(today, days);
    if (weekdayOf(date) !== day) continue;
    const candidate = zonedInstant(date, time, timeZone);
    if (candidate.getTime() <= atOrBefore.getTime()) return candidate;
  }
  throw new Error("a weekday recurs within eight days");
}

/** The first instant strictly after `after` at which a weekly `time` on `day` in `timeZone` falls due. */
export function nextWeeklyRun(after: Date, day: Weekday, time: ClockTime, timeZone: string): Date {
  const today = localDateTime(after, timeZone);
  for (let days = 0; days <= 8; days++) {
    const date = addDays(today, days);
    if (weekdayOf(date) !== day) continue;
    const candidate = zonedInstant(date, time, timeZone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error("a weekday recurs within eight days");
}
