/** How a feed's fetches have been going, as /feeds list shows it. */
export type FeedHealth = "pending" | "ok" | "failing" | "unhealthy";

export interface PollPolicy {
  /** Time between fetches of a healthy feed. */
  intervalMs: number;
  /** The wait after the first failure; each further failure doubles it. */
  retryBaseMs: number;
  /** The longest wait between attempts, however many failures. */
  retryMaxMs: number;
  /** Consecutive failures after which a feed is unhealthy. */
  unhealthyAfter: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  intervalMs: 15 * 60_000,
  retryBaseMs: 60_000,
  retryMaxMs: 6 * 60 * 60_000,
  unhealthyAfter: 5,
};

/**
 * The wait before the next fetch: the interval after a success, else exponential backoff (base, 2×base,
 * 4×base, …) up to the maximum; never longer than the maximum nor, while retrying, longer than needed.
 */
export function nextPollDelayMs(consecutiveFailures: number, policy: PollPolicy): number {
  if (consecutiveFailures <= 0) return policy.intervalMs;
  const exponent = Math.min(consecutiveFailures - 1, 30);
  return Math.min(policy.retryBaseMs * 2 ** exponent, policy.retryMaxMs);
}

/** A feed's health from its record. */
export function feedHealth(
  state: { consecutiveFailures: number; lastFetchAt?: string | undefined },
  policy: Pick<PollPolicy, "unhealthyAfter">,
): FeedHealth {
  if (state.consecutiveFailures >= policy.unhealthyAfter) return "unhealthy";
  if (state.consecutiveFailures > 0) return "failing";
  return state.lastFetchAt === undefined ? "pending" : "ok";
}
