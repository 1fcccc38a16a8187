/** RFC 822 zone names that Date.parse does not know. */
const ZONES: Record<string, string> = {
  UT: "+0000",
  Z: "+0000",
  EDT: "-0400",
  EST: "-0500",
  CDT: "-0500",
  CST: "-0600",
  MDT: "-0600",
  MST: "-0700",
  PDT: "-0700",
  PST: "-0800",
  BST: "+0100",
  CET: "+0100",
  CEST: "+0200",
};
const TRAILING_ZONE = /\s([A-Z]{1,4})$/;

/**
 * A feed date (RFC 822 as RSS writes it, or ISO 8601 as Atom and JSON Feed do) as an ISO 8601 instant;
 * undefined when it cannot be read. A date with no zone is taken as UTC.
 */
export function parseFeedDate(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const zoned = trimmed.replace(TRAILING_ZONE, (whole, zone: string) => {
    const offset = ZONES[zone];
    return offset === undefined ? whole : ` ${offset}`;
  });
  const isoWithoutZone = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(zoned);
  const ms = Date.parse(isoWithoutZone ? `${zoned.length === 10 ? `${zoned}T00:00:00` : zoned}Z` : zoned);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // Placeholder dates (year 0, 1970) and typos far in the future are noise, not publication times.
  if (year < 1990 || year > 2200) return undefined;
  return date.toISOString();
}
