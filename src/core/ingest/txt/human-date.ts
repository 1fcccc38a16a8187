import { isCalendarDate, isoInstant } from "../iso-date.ts";
import { zonedInstant } from "../../digest/local-time.ts";
import { GENERIC_ZONES } from "../../digest/time-zones.ts";

/** A date line found in the header of a scraped article. */
export interface DateLine {
  /** Whether the line says when the story was first published or when it was last changed. */
  kind: "published" | "updated";
  /** The instant the line names, when it could be read. */
  instant?: string;
  /**
   * For a relative time ("7 sec ago", "yesterday"), how long before the page was saved: `instant` counts it back
   * from the file's modification time, which a later copy or checkout can make wrong (see `anchorRelativeDates`).
   */
  agoMs?: number;
}

const UPDATED_PREFIX = /^(?:last\s+updated|updated|last\s+modified|modified)\b\s*(?:on\b)?\s*:?\s*/i;
const PUBLISHED_PREFIX = /^(?:first\s+published|published|posted|date)\b\s*(?:on\b)?\s*:?\s*/i;
const SEGMENT_SEPARATOR = /\s+[|·•]\s+/;
/** Longer lines are sentences that mention dates, not date lines; checking first keeps paragraphs cheap. */
const MAX_DATE_LINE_LENGTH = 120;

const MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
const RELATIVE = /^(\d+|an?|one)\s*([a-z]+)\.?\s+ago$/i;
const RELATIVE_UNITS: Readonly<Record<string, number>> = {
  s: MS.second,
  sec: MS.second,
  secs: MS.second,
  second: MS.second,
  seconds: MS.second,
  m: MS.minute,
  min: MS.minute,
  mins: MS.minute,
  minute: MS.minute,
  minutes: MS.minute,
  h: MS.hour,
  hr: MS.hour,
  hrs: MS.hour,
  hour: MS.hour,
  hours: MS.hour,
  d: MS.day,
  day: MS.day,
  days: MS.day,
  w: MS.week,
  wk: MS.week,
  wks: MS.week,
  week: MS.week,
  weeks: MS.week,
};

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL_MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?$/;
const FILLER = new Set(["at", "on", "the", "of", "-", "–", "—"]);

/** Offsets in minutes east of UTC of the abbreviations that name one (EST is always UTC-5). */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  utc: 0,
  gmt: 0,
  z: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  jst: 540,
  aest: 600,
  aedt: 660,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

/**
 * Reads a header line such as `Updated 03 December 2025`, `Updated 7 sec ago`, `Published: Dec. 3, 2025
 * 10:12 a.m. EST` or a bare `3 December 2025`. Relative times count back from `modifiedAt`; a date without a
 * time is midnight UTC, a time without a zone is UTC. Lines that only carry an Updated/Published prefix are
 * still date lines (without an instant); other lines give undefined.
 */
export function readDateLine(line: string, modifiedAt: Date): DateLine | undefined {
  if (line.length > MAX_DATE_LINE_LENGTH) return undefined;
  const segments = line.split(SEGMENT_SEPARATOR);
  let found: DateLine | undefined;
  for (const segment of segments) {
    const read = readDateSegment(segment.trim(), modifiedAt);
    if (read === undefined) return undefined;
    if (found === undefined || (found.instant === undefined && read.instant !== undefined)) found = read;
    else if (read.kind === "published" && read.instant !== undefined) found = read;
  }
  return found;
}

function readDateSegment(segment: string, modifiedAt: Date): DateLine | undefined {
  const updated = UPDATED_PREFIX.exec(segment);
  const published = updated ? null : PUBLISHED_PREFIX.exec(segment);
  const prefix = updated ?? published;
  const rest = prefix ? segment.slice(prefix[0].length) : segment;
  const moment = readMoment(rest, modifiedAt);
  if (prefix === null && moment === undefined) return undefined;
  const kind = updated || prefix === null ? "updated" : "published";
  return moment === undefined ? { kind } : { kind, ...moment };
}

/**
 * An instant from a written calendar date ("December 5, 2025", "5 Dec 2025 10:12 a.m. ET", "Wed 3 Dec 2025
 * 10.12 GMT"), or undefined; relative times ("3 days ago") are not read here, having nothing to count from.
 */
export function readCalendarDateText(text: string): string | undefined {
  return readCalendarDate(text.trim().toLowerCase());
}

/** The instant of the date text after any prefix (with how long ago, for relative times), or undefined. */
function readMoment(text: string, modifiedAt: Date): { instant: string; agoMs?: number } | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === "") return undefined;
  const agoMs = readAgo(lower);
  if (agoMs !== undefined) return { instant: new Date(modifiedAt.getTime() - agoMs).toISOString(), agoMs };
  const instant = isoInstant(lower) ?? readCalendarDate(lower);
  return instant === undefined ? undefined : { instant };
}

/** How long ago a relative time ("just now", "yesterday", "7 sec ago") lies, or undefined for other text. */
function readAgo(lower: string): number | undefined {
  if (lower === "just now" || lower === "moments ago" || lower === "a moment ago") return 0;
  if (lower === "yesterday") return MS.day;
  const relative = RELATIVE.exec(lower);
  if (!relative) return undefined;
  const [, amount = "", unit = ""] = relative;
  const unitMs = RELATIVE_UNITS[unit];
  if (unitMs === undefined) return undefined;
  return (/^\d+$/.test(amount) ? Number(amount) : 1) * unitMs;
}

interface DateParts {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  meridiem?: "am" | "pm";
  offsetMinutes?: number;
  /** An IANA zone the wall time is in, for abbreviations whose offset depends on the date. */
  timeZone?: string;
}

const TIME = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(a\.?m\.?|p\.?m\.?)?$/;
const HOUR_WITH_MERIDIEM = /^(\d{1,2})(a\.?m\.?|p\.?m\.?)$/;
/** "10 a.m." is glued to "10a.m." so that the hour is not read as a day. */
const SPACED_MERIDIEM = /(\d)\s+(a\.?m\.?|p\.?m\.?)(?=[\s,]|$)/g;
const ZONE_OFFSET = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/;

/** Reads "03 december 2025", "dec. 3, 2025 10:12 a.m. est", "wed 3 dec 2025 10.12 gmt" and the like. */
function readCalendarDate(lower: string): string | undefined {
  const parts: DateParts = {};
  const tokens = lower
    .replace(SPACED_MERIDIEM, "$1$2")
    .split(/[\s,]+/)
    .filter((token) => token !== "");
  for (const token of tokens) {
    if (!readToken(token, parts)) return undefined;
  }
  const { year, month, day } = parts;
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if (!isCalendarDate(year, month, day)) return undefined;
  let hour = parts.hour ?? 0;
  if (parts.meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (parts.meridiem === "pm" ? 12 : 0);
  }
  if (hour > 23) return undefined;
  if (parts.timeZone !== undefined) {
    const instant = zonedInstant({ year, month, day }, { hour, minute: parts.minute ?? 0 }, parts.timeZone);
    return new Date(instant.getTime() + (parts.second ?? 0) * MS.second).toISOString();
  }
  const utc = Date.UTC(year, month - 1, day, hour, parts.minute ?? 0, parts.second ?? 0);
  return new Date(utc - (parts.offsetMinutes ?? 0) * MS.minute).toISOString();
}

function readToken(token: string, parts: DateParts): boolean {
  if (WEEKDAY.test(token) || FILLER.has(token)) return true;
  const month = monthNumber(token);
  if (month !== undefined) return setOnce(parts, "month", month);
  if (/^\d{4}$/.test(token)) return setOnce(parts, "year", Number(token));
  const day = DAY.exec(token);
  if (day) return setOnce(parts, "day", Number(day[1]));
  const time = TIME.exec(token);
  if (time) {
    const [, hour = "", minute = "", second, meridiem] = time;
    if (Number(minute) > 59 || (second !== undefined && Number(second) > 59)) return false;
    return (
      setOnce(parts, "hour", Number(hour)) &&
      setOnce(parts, "minute", Number(minute)) &&
      (second === undefined || setOnce(parts, "second", Number(second))) &&
      (meridiem === undefined || setMeridiem(parts, meridiem))
    );
  }
  const hourWithMeridiem = HOUR_WITH_MERIDIEM.exec(token);
  if (hourWithMeridiem) {
    return (
      setOnce(parts, "hour", Number(hourWithMeridiem[1])) && setMeridiem(parts, hourWithMeridiem[2] ?? "")
    );
  }
  const genericZone = GENERIC_ZONES[token];
  if (genericZone !== undefined) {
    if (parts.timeZone !== undefined || parts.offsetMinutes !== undefined) return false;
    parts.timeZone = genericZone;
    return true;
  }
  const zone = ZONE_OFFSETS[token];
  if (zone !== undefined) return parts.timeZone === undefined && setOnce(parts, "offsetMinutes", zone);
  const offset = ZONE_OFFSET.exec(token);
  if (offset) {
    const [, sign, hours = "", minutes] = offset;
    const total = Number(hours) * 60 + Number(minutes ?? 0);
    return setOnce(parts, "offsetMinutes", sign === "-" ? -total : total);
  }
  return false;
}

function setMeridiem(parts: DateParts, text: string): boolean {
  if (parts.meridiem !== undefined) return false;
  parts.meridiem = text.startsWith("a") ? "am" : "pm";
  return true;
}

function setOnce(
  parts: DateParts,
  key: Exclude<keyof DateParts, "meridiem" | "timeZone">,
  value: number,
): boolean {
  if (parts[key] !== undefined) return false;
  parts[key] = value;
  return true;
}

function monthNumber(token: string): number | undefined {
  const word = token.endsWith(".") ? token.slice(0, -1) : token;
  if (word.length < 3) return undefined;
  const index = MONTHS.indexOf(word.slice(0, 3));
  if (index < 0) return undefined;
  const full = FULL_MONTHS[index] ?? "";
  return full.startsWith(word) ? index + 1 : undefined;
}
