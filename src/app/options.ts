import { z } from "zod";
import { parseDateOption, type DayEdge } from "../core/dates.ts";
import { UserError } from "../core/errors.ts";

const DATE_HINT = "expected a date like 2025-12-01, or today, yesterday, 24h, 3d, 2w";

/**
 * A date option as typed. Its shape is checked here; it becomes an instant in `resolveDateOption`,
 * which needs the clock for relative values like `3d`.
 */
export const dateOptionText = z
  .string()
  .trim()
  .refine((text) => parseDateOption(text, new Date(0), "start") !== undefined, { error: DATE_HINT });

export function resolveDateOption(text: string, name: string, now: Date, edge: DayEdge): Date {
  const date = parseDateOption(text, now, edge);
  if (!date) throw new UserError("bad-option", `\`${name}\`: ${DATE_HINT}`);
  return date;
}

export interface DateRange {
  since?: Date;
  until?: Date;
}

/** Resolves optional since/until options and checks that they make a range. */
export function resolveDateRange(
  options: { since?: string | undefined; until?: string | undefined },
  now: Date,
): DateRange {
  const range: DateRange = {};
  if (options.since !== undefined) range.since = resolveDateOption(options.since, "since", now, "start");
  if (options.until !== undefined) range.until = resolveDateOption(options.until, "until", now, "end");
  if (range.since && range.until && range.since > range.until) {
    throw new UserError("bad-option", "`since` must be before `until`.");
  }
  return range;
}
