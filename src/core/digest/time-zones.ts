import { typoDistance } from "../text/edit-distance.ts";
import { err, ok, type Result } from "../result.ts";

/**
 * Generic US zones name no offset: "ET" is EDT in July and EST in December, so a wall time in one is resolved
 * in the zone itself.
 */
export const GENERIC_ZONES: Readonly<Record<string, string>> = {
  et: "America/New_York",
  ct: "America/Chicago",
  mt: "America/Denver",
  pt: "America/Los_Angeles",
};

/**
 * The zones most people mean, suggested first when an abbreviation or a misspelt name fits several: the main
 * cities of the common abbreviations (EST: New York and Toronto before Detroit or Panama). Also the zones of
 * abbreviations that no English locale writes as such (JST, KST, MSK show as "GMT+9", "GMT+3").
 */
const MAIN_ZONES: Readonly<Record<string, readonly string[]>> = {
  EST: ["America/New_York", "America/Toronto"],
  CST: ["America/Chicago", "America/Mexico_City"],
  MST: ["America/Denver", "America/Phoenix"],
  PST: ["America/Los_Angeles", "America/Vancouver"],
  GMT: ["Europe/London"],
  CET: ["Europe/Paris", "Europe/Berlin"],
  EET: ["Europe/Athens", "Europe/Kyiv"],
  IST: ["Asia/Kolkata", "Europe/Dublin"],
  MSK: ["Europe/Moscow"],
  JST: ["Asia/Tokyo"],
  KST: ["Asia/Seoul"],
  HKT: ["Asia/Hong_Kong"],
  AEST: ["Australia/Sydney", "Australia/Melbourne"],
  NZST: ["Pacific/Auckland"],
};

/** English locales whose short zone names ("EST", "CET", "IST", "AEST") people write as abbreviations. */
const NAMING_LOCALES = ["en-US", "en-GB", "en-IE", "en-IN", "en-AU", "en-NZ", "en-ZA"];
const MAX_SUGGESTIONS = 3;

/** Why a typed name is not a time zone: the real zones it may mean (none when nothing is close). */
export interface NotATimeZone {
  suggestions: string[];
}

/** The zone's name as kept, or the zones the typed name may mean. */
export type TimeZoneCheck = Result<string, NotATimeZone>;

/**
 * Checks a time zone as typed. An IANA name is kept as given (`Europe/Kyiv` stays Europe/Kyiv, though the
 * runtime may call it Europe/Kiev), in its usual spelling when only the case differs. Names without a "/"
 * other than UTC's (UTC, GMT, Etc/…) are abbreviations or old aliases, not zones: EST is not New York's zone
 * (it has no summer time), so they are refused, with the real zones they may mean as suggestions.
 */
export function checkTimeZone(typed: string): TimeZoneCheck {
  const name = typed.trim();
  const resolved = resolvedZone(name);
  if (resolved !== undefined && (name.includes("/") || isUtc(resolved))) {
    return ok(knownSpelling(name) ?? name);
  }
  return err({ suggestions: suggestTimeZones(name, resolved) });
}

/** The runtime's own name of a zone, or undefined when it does not know it. */
function resolvedZone(name: string): string | undefined {
  if (name === "") return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function isUtc(zone: string): boolean {
  return zone === "UTC" || zone.startsWith("Etc/");
}

/** Every zone name known: the runtime's list (its own spellings) and the main zones (today's spellings). */
function knownZones(): string[] {
  const main = Object.values(MAIN_ZONES).flat();
  return [...new Set([...main, ...Object.values(GENERIC_ZONES), ...Intl.supportedValuesOf("timeZone")])];
}

function knownSpelling(name: string): string | undefined {
  const folded = name.toLowerCase();
  return knownZones().find((zone) => zone.toLowerCase() === folded);
}

/** The real zones a refused name may mean, the commonest first; empty when nothing is close. */
export function suggestTimeZones(typed: string, resolved = resolvedZone(typed.trim())): string[] {
  const name = typed.trim();
  if (name === "") return [];
  const upper = name.toUpperCase();
  // EST and EDT, CET and CEST are the two halves of one zone's year.
  const standard = /^[A-Z]{1,3}DT$/.test(upper)
    ? `${upper.slice(0, -2)}ST`
    : /^[A-Z]{2,3}ST$/.test(upper)
      ? `${upper.slice(0, -2)}T`
      : upper;
  const main = MAIN_ZONES[upper] ?? MAIN_ZONES[standard] ?? [];
  const generic = GENERIC_ZONES[name.toLowerCase()];
  const named = abbreviationIndex().get(upper) ?? [];
  // An old alias ("Japan", "US/Eastern") names its zone; EST names Panama, which is no one's guess.
  const alias = resolved !== undefined && named.length === 0 ? [resolved] : [];
  const candidates = [...main, ...(generic === undefined ? [] : [generic]), ...alias, ...named];
  const picked = candidates.length > 0 ? candidates : closeNames(name);
  // The main zones say it when there are some: the rest of a long list (20 zones use EST) is noise.
  const shown = main.length > 0 ? main : picked;
  return distinctZones(shown).slice(0, MAX_SUGGESTIONS);
}

/** One name per zone, the first given (Europe/Kyiv before the runtime's Europe/Kiev). */
function distinctZones(zones: readonly string[]): string[] {
  const seen = new Set<string>();
  return zones.filter((zone) => {
    const key = resolvedZone(zone);
    if (key === undefined || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

let abbreviations: Map<string, string[]> | undefined;

/**
 * Abbreviation → the zones that show it as their short name in January or July in an English locale. Built
 * once, on the first refused name: it formats every zone a few times.
 */
function abbreviationIndex(): Map<string, string[]> {
  if (abbreviations) return abbreviations;
  const index = new Map<string, string[]>();
  const days = [new Date(Date.UTC(2025, 0, 15, 12)), new Date(Date.UTC(2025, 6, 15, 12))];
  for (const zone of Intl.supportedValuesOf("timeZone")) {
    const names = new Set<string>();
    for (const locale of NAMING_LOCALES) {
      const format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
      for (const day of days) {
        const short = format.formatToParts(day).find((part) => part.type === "timeZoneName")?.value;
        if (short !== undefined && /^[A-Z]{2,5}$/.test(short)) names.add(short);
      }
    }
    for (const short of names) index.set(short, [...(index.get(short) ?? []), zone]);
  }
  abbreviations = index;
  return index;
}

/** Zones whose name or city is within one edit per four letters of what was typed ("Berln", "Europe/Kyv"). */
function closeNames(typed: string): string[] {
  const query = typed.toLowerCase().replace(/[\s-]+/g, "_");
  const limit = Math.max(1, Math.floor(query.length / 4));
  const scored = knownZones().flatMap((zone) => {
    const full = zone.toLowerCase();
    const city = full.slice(full.lastIndexOf("/") + 1);
    const distance = Math.min(typoDistance(query, full, limit), typoDistance(query, city, limit));
    return distance <= limit ? [{ zone, distance }] : [];
  });
  return scored.sort((a, b) => a.distance - b.distance).map(({ zone }) => zone);
}
