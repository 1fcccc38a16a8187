/** The longest wait a feed can ask for (Retry-After, `<ttl>`): a day, so a typo never silences it for months. */
export const MAX_REQUESTED_WAIT_MS = 24 * 3_600_000;

/**
 * The wait an HTTP `Retry-After` asks for, in ms from `now`: delay-seconds (`120`) or an HTTP date; at most
 * {@link MAX_REQUESTED_WAIT_MS}. Undefined when absent, unreadable or already past.
 */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === "") return undefined;
  const wait = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now.getTime();
  if (!Number.isFinite(wait) || wait <= 0) return undefined;
  return Math.min(wait, MAX_REQUESTED_WAIT_MS);
}

/** The wait a feed's `<ttl>` asks for, in ms, at most {@link MAX_REQUESTED_WAIT_MS}. */
export function ttlWaitMs(ttlMinutes: number | undefined): number | undefined {
  return ttlMinutes === undefined ? undefined : Math.min(ttlMinutes * 60_000, MAX_REQUESTED_WAIT_MS);
}
