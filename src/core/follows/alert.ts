import type { PostFailureKind } from "../digest/poster.ts";

/** A quotation in an alert, with who said it and the sentence around it. */
export interface AlertQuote {
  text: string;
  speaker?: string;
  /** The sentence the quote stands in, as written: shown for a speaker follow, where the quote is the news. */
  context?: string;
}

/** One article as an alert: the story's headline, where and when, the short summary and its strongest quote. */
export interface StoryAlert {
  kind: "story";
  headline: string;
  source: string;
  publishedAt?: string;
  url?: string;
  summary: string;
  quote?: AlertQuote;
  /** A speaker follow's alert: the speaker's quote leads, with its context, then the article. */
  quoteFirst?: boolean;
}

/** Stories beyond the flood limit, or an hour of an hourly follow, in one message of links. */
export interface BatchAlert {
  kind: "batch";
  /** How many stories matched; `links` may show fewer. */
  storyCount: number;
  links: { headline: string; source: string; url?: string }[];
  /** Whether this is an hourly follow's regular batch rather than the overflow of a busy hour. */
  hourly: boolean;
  /** What the follow follows, in words, for the batch's title. */
  label: string;
}

export type Alert = StoryAlert | BatchAlert;

/**
 * Where an alert goes in its destination. new-story: a message in a text channel or thread, a post of its
 * own in a forum; in-story: a later article of a story, in the thread of the story's first post (started from
 * that message in a text channel when there is none yet); batch: a message like new-story, never a thread.
 */
export type AlertPlace =
  | { kind: "new-story" }
  | { kind: "in-story"; storyMessageId: string; storyThreadId?: string | undefined; threadName: string }
  | { kind: "batch" };

/** One message to send for a follow. */
export interface AlertPost {
  guildId: string;
  channelId: string;
  place: AlertPlace;
  alert: Alert;
  /** The only role this message may ping; absent: nobody is pinged. */
  mentionRoleId?: string | undefined;
  /** The same for every attempt to send this message, so that a retried create is not posted twice. */
  nonce: string;
  /**
   * An earlier attempt may have reached Discord (a claim taken over from a process that is gone, or a retry).
   * A forum post takes no nonce, so the poster first looks for the post that attempt may have started.
   */
  mayHaveStarted?: boolean;
}

/** What a sent alert became: its message, and the thread it is in or opened (a forum post is one). */
export interface AlertPostResult {
  messageId: string;
  threadId?: string;
}

/** What kind of place a follow posts into: a text or announcement channel, a forum, or an existing thread. */
export type DestinationKind = "channel" | "forum" | "thread";

export type DestinationCheck = { ok: true; kind: DestinationKind } | { ok: false; reason: string };

/** Why an alert was not posted; `permanent` when trying again cannot help (the channel is gone, a tag is required). */
export class AlertPostError extends Error {
  override readonly name = "AlertPostError";
  readonly kind: PostFailureKind;
  readonly permanent: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(
    kind: PostFailureKind,
    message: string,
    details: { permanent?: boolean; retryAfterMs?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.permanent = details.permanent ?? kind === "not-found";
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Where follows post: Discord channels for the bot, stdout for the console, a recorder in tests. */
export interface AlertPoster {
  /** Sends one alert; throws an {@link AlertPostError} when it cannot. */
  post(post: AlertPost): Promise<AlertPostResult>;
  /** Whether alerts can go to the channel, and what kind of place it is; a reason in plain words if not. */
  checkDestination(guildId: string, channelId: string): Promise<DestinationCheck>;
}
