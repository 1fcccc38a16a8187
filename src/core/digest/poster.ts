/** A field of a Discord embed. */
export interface DigestEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** A Discord embed as plain data, in the shape of Discord's API; within Discord's limits by construction. */
export interface DigestEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: DigestEmbedField[];
  footer?: { text: string };
}

/** One Discord message of a digest: at most 10 embeds and 6,000 characters of embed text. */
export interface DigestMessage {
  embeds: DigestEmbed[];
}

/**
 * Why posting failed. forbidden: the bot lacks a permission there; not-found: the channel or server is gone;
 * rate-limited: Discord said 429; server: Discord failed (5xx, network); other: anything else.
 */
export type PostFailureKind = "forbidden" | "not-found" | "rate-limited" | "server" | "other";

/** Whether trying again can help. */
export function isRetryable(kind: PostFailureKind): boolean {
  return kind === "rate-limited" || kind === "server";
}

/** The error a {@link DigestPoster} throws; the digest service records `kind` and the message. */
export class DigestPostError extends Error {
  override readonly name = "DigestPostError";
  readonly kind: PostFailureKind;
  /** Discord's Retry-After, for rate limits. */
  readonly retryAfterMs: number | undefined;
  /** Messages of this post that did go out before the failure, so that a retry does not repeat them. */
  readonly postedMessageIds: readonly string[];
  constructor(
    kind: PostFailureKind,
    message: string,
    details: { retryAfterMs?: number; postedMessageIds?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.retryAfterMs = details.retryAfterMs;
    this.postedMessageIds = details.postedMessageIds ?? [];
  }
}

/**
 * Where digests go: the Discord client implements it, the local console prints, tests record.
 * `post` sends the messages in order and resolves with their ids, or throws a {@link DigestPostError}.
 */
export interface DigestPoster {
  post(
    guildId: string,
    channelId: string,
    messages: readonly DigestMessage[],
  ): Promise<{ messageIds: string[] }>;
  /** Whether the bot can post embeds in the channel (it exists, and the bot may view, send and embed there). */
  canPost(guildId: string, channelId: string): Promise<boolean>;
}
