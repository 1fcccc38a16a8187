import { DiscordAPIError, HTTPError, RateLimitError, type RateLimitData } from "discord.js";
import { describe, expect, it } from "vitest";
import { describePostFailure } from "../../src/discord/post-failure.ts";
import { MAX_CHANNEL_POST_WAIT_MS, rejectLongChannelPostWaits } from "../../src/discord/rate-limits.ts";

const CHANNEL = "900000000000000200";
const URL = `https://discord.test/api/v10/channels/${CHANNEL}/messages`;

function apiError(status: number, message: string, code: number, extra: Record<string, unknown> = {}) {
  return new DiscordAPIError({ message, code, ...extra }, code, status, "POST", URL, { body: {} });
}

function rateLimit(overrides: Partial<RateLimitData> = {}): RateLimitData {
  return {
    global: false,
    hash: "bucket",
    limit: 5,
    majorParameter: CHANNEL,
    method: "POST",
    retryAfter: 30_000,
    route: "/channels/:id/messages",
    scope: "user",
    sublimitTimeout: 0,
    timeToReset: 30_000,
    url: URL,
    ...overrides,
  };
}

describe("describePostFailure", () => {
  it.each([
    [403, 50013, "Missing Permissions", "forbidden"],
    [404, 10003, "Unknown Channel", "not-found"],
    [400, 50035, "Invalid Form Body", "other"],
    [401, 0, "401: Unauthorized", "other"],
    [502, 0, "Bad Gateway", "server"],
  ])("GIVEN Discord's %i (code %i) WHEN described THEN it is %s", (status, code, message, kind) => {
    const failure = describePostFailure(apiError(status, message, code), CHANNEL);
    expect(failure.kind).toBe(kind);
    expect(failure.message).toContain(status >= 500 ? String(status) : message);
  });

  it("GIVEN a 403 WHEN described THEN the reason names the channel and Discord's words", () => {
    expect(describePostFailure(apiError(403, "Missing Access", 50001), CHANNEL).message).toBe(
      `the bot may not post in <#${CHANNEL}> (Discord: Missing Access, code 50001)`,
    );
  });

  it("GIVEN a 429 that reached the caller WHEN described THEN it is rate-limited with retry_after in ms", () => {
    const error = apiError(429, "You are being rate limited.", 0, { retry_after: 12.5 });
    expect(describePostFailure(error, CHANNEL)).toMatchObject({ kind: "rate-limited", retryAfterMs: 12_500 });
  });

  it("GIVEN discord.js gave up on a rate limit WHEN described THEN it is rate-limited with its wait", () => {
    const error = new RateLimitError(rateLimit({ retryAfter: 0, timeToReset: 45_000 }));
    expect(describePostFailure(error, CHANNEL)).toEqual({
      kind: "rate-limited",
      message: "Discord rate limit (retry after 45.0 s)",
      retryAfterMs: 45_000,
    });
  });

  it("GIVEN discord.js's retries of a 5xx ran out WHEN described THEN it is server", () => {
    const error = new HTTPError(503, "Service Unavailable", "POST", URL, { body: {} });
    expect(describePostFailure(error, CHANNEL)).toEqual({
      kind: "server",
      message: "Discord failed (HTTP 503, after retries)",
    });
  });

  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })],
    [
      "a fetch failure wrapping a reset",
      new TypeError("fetch failed", {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      }),
    ],
    ["a timeout", Object.assign(new Error("This operation was aborted"), { name: "AbortError" })],
  ])("GIVEN %s WHEN described THEN it is server", (_case, error) => {
    expect(describePostFailure(error, CHANNEL).kind).toBe("server");
  });

  it("GIVEN a bug rather than Discord WHEN described THEN it is other, with its message", () => {
    expect(describePostFailure(new RangeError("bad length"), CHANNEL)).toEqual({
      kind: "other",
      message: "bad length",
    });
  });
});

describe("rejectLongChannelPostWaits", () => {
  it.each([
    ["a long wait for a channel post", rateLimit(), true],
    ["a short wait for a channel post", rateLimit({ retryAfter: 500, timeToReset: 500 }), false],
    ["a wait just at the limit", rateLimit({ retryAfter: MAX_CHANNEL_POST_WAIT_MS, timeToReset: 0 }), false],
    [
      "a long wait for an interaction answer",
      rateLimit({ route: "/webhooks/:id/:token/messages/@original", method: "PATCH" }),
      false,
    ],
    ["a long wait to read messages", rateLimit({ method: "GET" }), false],
  ])("GIVEN %s WHEN discord.js asks THEN it rejects: %s", (_case, data, rejected) => {
    expect(rejectLongChannelPostWaits(data)).toBe(rejected);
  });
});
