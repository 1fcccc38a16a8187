/** A time of day on a 24-hour clock, as a schedule gives it. */
export interface ClockTime {
  hour: number;
  minute: number;
}

/** A calendar date in some time zone; `month` is 1-based. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

interface LocalDateTime extends LocalDate, ClockTime {}

const DAY_MS = 86_400_000;
const CLOCK_TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Reads `09:00` or `9:00` (24-hour clock); undefined for anything else. */
export function parseClockTime(text: string): ClockTime | undefined {
  const match = CLOCK_TIME.exec(text.trim());
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** `09:05`, the form schedules store and show. */
export function formatClockTime(time: ClockTime): string {
  return `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
}

// Building a DateTimeFormat is costly; one per locale, options and zone is reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A shared DateTimeFormat for these options in this zone. */
export function dateTimeFormat(
  locale: string,
  timeZone: string,
  options: Omit<Intl.DateTimeFormatOptions, "timeZone">,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

const WALL_CLOCK_PARTS: Omit<Intl.DateTimeFormatOptions, "timeZone"> = {
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
};

/** The wall-clock date and time of an instant in a time zone. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of dateTimeFormat("en-US", timeZone, WALL_CLOCK_PARTS).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

/** `2026-03-29`: the local date of an instant in a zone; a daily schedule's period key. */
export function localDateKey(instant: Date, timeZone: string): string {
  const { year, month, day } = localDateTime(instant, timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function utcOffsetMs(epochMs: number, timeZone: string): number {
  const local = localDateTime(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return asUtc - Math.floor(epochMs / 60_000) * 60_000;
}

/**
 * The instant at which the zone's wall clock shows `time` on `date`. A time that occurs twice (clocks
 * going back) gives the first; a time that does not occur (clocks going forward) is moved forward by the
 * size of the gap, so that 02:30 on a spring-forward night becomes 03:30. This is the "compatible" rule of
 * Temporal and of most calendars.
 */
export function zonedInstant(date: LocalDate, time: ClockTime, timeZone: string): Date {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // A zone changes its offset at most once within a day either side of a daily time.
  const offsetBefore = utcOffsetMs(wallAsUtc - DAY_MS, timeZone);
  const offsetAfter = utcOffsetMs(wallAsUtc + DAY_MS, timeZone);
  const matching = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter((candidate) => {
    const local = localDateTime(new Date(candidate), timeZone);
    return (
      local.year === date.year &&
      local.month === date.month &&
      local.day === date.day &&
      local.hour === time.hour &&
      local.minute === time.minute
    );
  });
  if (matching.length > 0) return new Date(Math.min(...matching));
  return new Date(wallAsUtc - offsetBefore);
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The first instant strictly after `after` at which a daily `time` in `timeZone` falls due. */
export function nextDailyRun(after: Date, time: ClockTime, timeZone: string): Date {
  const today = localDateTime(after, timeZone);
  for (let days = 0; days <= 2; days++) {
    const candidate = zonedInstant(addDays(today, days), time, timeZone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  // Unreachable for real zones: two days on always passes `after`.
  return zonedInstant(addDays(today, 3), time, timeZone);
}

/** The last instant at or before `atOrBefore` at which a daily `time` in `timeZone` fell due. */
export function previousDailyRun(atOrBefore: Date, time: ClockTime, timeZone: string): Date {
  const today = localDateTime(atOrBefore, timeZone);
  for (let days = 0; days >= -2; days--) {
    const candidate = zonedInstant(addDays(today, days), time, timeZone);
    if (candidate.getTime() <= atOrBefore.getTime()) return candidate;
  }
  return zonedInstant(addDays(today, -3), time, timeZone);
}

/** The node-cron expression (minute hour, every day) of a daily time. */
export function dailyCronExpression(time: ClockTime): string {
  return `${time.minute} ${time.hour} * * *`;
}

/** Reads back an expression made by {@link dailyCronExpression}; undefined for any other expression. */
export function parseDailyCronExpression(expression: string): ClockTime | undefined {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(expression.trim());
  if (!match) return undefined;
  const minute = Number(match[1]);
  const hour = Number(match[2]);
  return minute < 60 && hour < 24 ? { hour, minute } : undefined;
}
