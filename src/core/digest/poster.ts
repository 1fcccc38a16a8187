import type { ReplyPage } from "../reply.ts";

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

/** What a poster needs to know of a digest beyond its messages: where it is in the run, and what it is called. */
export interface DigestPostContext {
  /** A forum gets one post per digest, titled with this (e.g. `Daily digest — 3 Dec 2025`). */
  title: string;
  /**
   * The ids of the digest's messages that went out before this call (a retry, a resumed run), in plan order.
   * In a forum the first is the post's starter message, whose id is the post's (its thread's) id, so the
   * rest of the digest goes into the post already made.
   */
  postedMessageIds: readonly string[];
  /**
   * An earlier attempt may have reached Discord without its messages being recorded (a run taken over from a
   * process that is gone, or a retry). A forum post takes no nonce, so the poster first looks for the post
   * that attempt may have started.
   */
  mayHaveStarted?: boolean;
}

/**
 * Where digests go: the Discord client implements it, the local console prints, tests record. A digest
 * reaches the poster as platform-neutral pages; the poster decides how they go out as `Message`s.
 *
 * The digest service asks for the whole plan with `planMessages` before it posts anything, so that a run
 * knows how many messages it takes, records each one posted, and a run resumed after a crash or a failure
 * midway continues at the first message that did not go out. The plan must therefore be the same for the
 * same pages. `post` sends messages of that plan in order and resolves with their ids, or throws a
 * {@link DigestPostError}.
 */
export interface DigestPoster<Message = unknown> {
  /** The messages the pages go out as, in order; deterministic for the same pages. */
  planMessages(pages: readonly ReplyPage[]): Message[];
  post(
    guildId: string,
    channelId: string,
    messages: readonly Message[],
    context: DigestPostContext,
  ): Promise<{ messageIds: string[] }>;
  /** Whether the bot can post embeds in the channel (it exists, and the bot may view, send and embed there). */
  canPost(guildId: string, channelId: string): Promise<boolean>;
}
