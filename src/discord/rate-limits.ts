import type { RateLimitData } from "discord.js";

/** Longer waits for a channel post are handed back to the caller (the digest service backs off itself). */
export const MAX_CHANNEL_POST_WAIT_MS = 10_000;

const CHANNEL_MESSAGES_ROUTE = "/channels/:id/messages";

/**
 * discord.js's `rejectOnRateLimit`: waits out short rate limits as usual, but a channel post that would
 * wait longer than {@link MAX_CHANNEL_POST_WAIT_MS} fails with a RateLimitError instead, so that a digest
 * run records the delay and retries on its own schedule rather than hanging inside the REST queue.
 * Interaction answers are never rejected: they must land within Discord's deadlines or not at all.
 */
export function rejectLongChannelPostWaits(data: RateLimitData): boolean {
  return (
    data.method.toUpperCase() === "POST" &&
    data.route === CHANNEL_MESSAGES_ROUTE &&
    Math.max(data.retryAfter, data.timeToReset) > MAX_CHANNEL_POST_WAIT_MS
  );
}
