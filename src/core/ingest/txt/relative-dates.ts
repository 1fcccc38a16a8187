import type { DateLine } from "./human-date.ts";

const DAY_MS = 86_400_000;
/**
 * A page is saved when its newest story was updated, or soon after. When a file's newest written date lies
 * further before its modification time than this, the file was copied or checked out later, and its
 * modification time says nothing about when "7 sec ago" was.
 */
const COPIED_LATER_GAP_MS = 2 * DAY_MS;

/**
 * Re-dates the relative header dates of one file ("Updated 7 sec ago") when its modification time cannot be
 * the moment the page was saved. The written dates of every story in the file ("Updated 03 December 2025") are
 * the evidence: the page was saved no earlier than the newest of them. If that lies more than two days before
 * the modification time, relative dates count back whole days from it instead (a sub-day offset from a
 * lower bound is noise), so a story saved long ago never shows as today's news. Files without written dates
 * keep their modification time, having nothing to contradict it.
 */
export function anchorRelativeDates(
  dates: readonly DateLine[],
  modifiedAt: Date,
): (date: DateLine) => DateLine {
  let newestWritten = Number.NEGATIVE_INFINITY;
  for (const date of dates) {
    if (date.agoMs === undefined && date.instant !== undefined) {
      newestWritten = Math.max(newestWritten, Date.parse(date.instant));
    }
  }
  if (modifiedAt.getTime() - newestWritten <= COPIED_LATER_GAP_MS || !Number.isFinite(newestWritten)) {
    return (date) => date;
  }
  return (date) => {
    if (date.agoMs === undefined) return date;
    const wholeDaysAgo = Math.floor(date.agoMs / DAY_MS) * DAY_MS;
    return { ...date, instant: new Date(newestWritten - wholeDaysAgo).toISOString() };
  };
}
