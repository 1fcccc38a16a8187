const ISO_DATE_OR_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]((?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads an ISO 8601 date or date-time as an ISO instant (UTC, `toISOString` form). A date alone is midnight UTC;
 * a date-time without a zone is taken as UTC. Returns undefined for anything else, including impossible dates.
 */
export function isoInstant(value: string): string | undefined {
  const match = ISO_DATE_OR_DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, year = "", month = "", day = "", time, zone] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return undefined;
  const ms = Date.parse(`${year}-${month}-${day}T${time ?? "00:00:00"}${zone ? normalizeZone(zone) : "Z"}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** True when year-month-day (month 1-12) names a real day; Date would silently roll 30 February over. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function normalizeZone(zone: string): string {
  if (zone.toUpperCase() === "Z") return "Z";
  return zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}
