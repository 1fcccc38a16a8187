import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import type { PostFailureKind } from "../core/digest/poster.ts";

/** A failed post to a channel in the digest service's terms, with a reason written for server admins. */
export interface PostFailure {
  kind: PostFailureKind;
  message: string;
  retryAfterMs?: number;
}

/** Error codes of Node's sockets and undici that mean the network, not Discord, failed. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/**
 * Classifies what discord.js threw for a post to a channel: 403 forbidden, 404 not-found, 429 rate-limited
 * (also discord.js's own RateLimitError), 5xx and network failures server, anything else other.
 */
export function describePostFailure(error: unknown, channelId: string): PostFailure {
  const channel = `<#${channelId}>`;
  if (error instanceof RateLimitError) {
    const retryAfterMs = Math.max(error.retryAfter, error.timeToReset, 0);
    return { kind: "rate-limited", message: rateLimitMessage(retryAfterMs), retryAfterMs };
  }
  if (error instanceof DiscordAPIError) {
    const detail = `Discord: ${error.message}, code ${String(error.code)}`;
    if (error.status === 403) {
      return { kind: "forbidden", message: `the bot may not post in ${channel} (${detail})` };
    }
    if (error.status === 404)
      return { kind: "not-found", message: `${channel} no longer exists (${detail})` };
    if (error.status === 429) {
      const retryAfterMs = retryAfterOf(error.rawError);
      return {
        kind: "rate-limited",
        message: rateLimitMessage(retryAfterMs),
        ...(retryAfterMs !== undefined && { retryAfterMs }),
      };
    }
    if (error.status >= 500) return { kind: "server", message: `Discord failed (HTTP ${error.status})` };
    return { kind: "other", message: `Discord refused the post (HTTP ${error.status}; ${detail})` };
  }
  if (error instanceof HTTPError) {
    return error.status >= 500
      ? { kind: "server", message: `Discord failed (HTTP ${error.status}, after retries)` }
      : { kind: "other", message: `Discord refused the post (HTTP ${error.status})` };
  }
  if (isNetworkFailure(error)) {
    return { kind: "server", message: `Discord could not be reached (${describeCause(error)})` };
  }
  return { kind: "other", message: error instanceof Error ? error.message : String(error) };
}

function rateLimitMessage(retryAfterMs: number | undefined): string {
  return retryAfterMs === undefined
    ? "Discord rate limit"
    : `Discord rate limit (retry after ${(retryAfterMs / 1000).toFixed(1)} s)`;
}

/** Discord's `retry_after` is in seconds. */
function retryAfterOf(body: unknown): number | undefined {
  const seconds = (body as { retry_after?: unknown } | null)?.retry_after;
  return typeof seconds === "number" && Number.isFinite(seconds) ? Math.ceil(seconds * 1000) : undefined;
}

/** Timeouts (discord.js aborts a request after 15 s) and socket errors, possibly wrapped by fetch. */
function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current.name === "AbortError" || current.name === "TimeoutError") return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    current = current.cause;
  }
  return error instanceof TypeError && error.message === "fetch failed";
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
