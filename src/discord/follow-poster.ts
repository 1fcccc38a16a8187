import { DiscordAPIError, PermissionFlagsBits, Routes, type Client } from "discord.js";
import {
  AlertPostError,
  type AlertPost,
  type AlertPoster,
  type AlertPostResult,
  type DestinationCheck,
  type DestinationKind,
} from "../core/follows/alert.ts";
import { alertMessageBody, threadName } from "./follow-render.ts";
import { describePostFailure } from "./post-failure.ts";
import {
  destinationKind,
  findChannel,
  FORUM_TAG_REQUIRED,
  postMessage,
  POSTING_PERMISSIONS,
  startForumPost,
} from "./post-places.ts";

export { destinationKind } from "./post-places.ts";

/** Discord's error code for a message that has a thread already. */
const THREAD_ALREADY_EXISTS = 160004;

const { SendMessagesInThreads, CreatePublicThreads } = PermissionFlagsBits;

/** What the bot needs to post alerts in each kind of place, with the words an admin sees when one is missing. */
const NEEDED: Record<DestinationKind, readonly (readonly [bigint, string])[]> = {
  ...POSTING_PERMISSIONS,
  channel: [
    ...POSTING_PERMISSIONS.channel,
    // Later articles of a story go into a thread started from its message.
    [CreatePublicThreads, "Create Public Threads"],
    [SendMessagesInThreads, "Send Messages in Threads"],
  ],
};

/**
 * Posts follow alerts through the client's REST manager. A text or announcement channel gets one message
 * per story, and a later article goes into a thread started from that message; a forum gets one post per
 * story, titled with its headline; a thread gets messages. Every message create carries a stable `nonce`
 * with `enforce_nonce`, so a repeated request returns the message already made. (Starting a forum post
 * takes no nonce in Discord's API; its claim in the store is what keeps it single.)
 */
export class DiscordAlertPoster implements AlertPoster {
  readonly #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  async checkDestination(guildId: string, channelId: string): Promise<DestinationCheck> {
    const channel = await this.#channel(channelId);
    if (channel === undefined || channel.isDMBased() || channel.guildId !== guildId) {
      return { ok: false, reason: `I cannot see <#${channelId}> in this server.` };
    }
    const kind = destinationKind(channel.type);
    if (kind === undefined) {
      return {
        ok: false,
        reason: `<#${channelId}> is not a text, announcement or forum channel or a thread; pick one of those.`,
      };
    }
    const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => undefined));
    const permissions = me === undefined ? undefined : channel.permissionsFor(me);
    const missing = NEEDED[kind].filter(([bit]) => permissions?.has(bit) !== true).map(([, name]) => name);
    if (missing.length > 0) {
      return {
        ok: false,
        reason: `I need ${missing.join(", ")} in <#${channelId}>, or pick another channel.`,
      };
    }
    return { ok: true, kind };
  }

  async post(post: AlertPost): Promise<AlertPostResult> {
    const channel = await this.#channel(post.channelId);
    const kind = channel === undefined ? undefined : destinationKind(channel.type);
    if (kind === undefined) {
      throw new AlertPostError("not-found", `<#${post.channelId}> no longer exists or cannot take alerts`, {
        permanent: true,
      });
    }
    const body = alertMessageBody(post.alert, post.mentionRoleId);
    const { place } = post;
    try {
      if (place.kind === "in-story" && kind !== "thread") {
        const threadId = place.storyThreadId ?? (await this.#threadFrom(post.channelId, place));
        const messageId = await this.#message(threadId, body, post.nonce);
        return { messageId, threadId };
      }
      if (kind === "forum") {
        // A forum takes posts, not messages: a story is titled with its headline, and a batch is a post of
        // its own, titled with what it lists.
        const title =
          place.kind !== "batch" && post.alert.kind === "story"
            ? post.alert.headline
            : (body.embeds[0]?.title ?? "More stories");
        return await startForumPost(
          this.#client,
          {
            guildId: post.guildId,
            forumId: post.channelId,
            name: threadName(title),
            mayHaveStarted: post.mayHaveStarted === true,
          },
          body,
        );
      }
      return { messageId: await this.#message(post.channelId, body, post.nonce) };
    } catch (error) {
      throw alertError(error, post.channelId);
    }
  }

  /** Starts the thread of a story from its first message; one that exists already has the message's id. */
  async #threadFrom(
    channelId: string,
    place: { storyMessageId: string; threadName: string },
  ): Promise<string> {
    try {
      const thread = (await this.#client.rest.post(Routes.threads(channelId, place.storyMessageId), {
        body: { name: threadName(place.threadName), auto_archive_duration: 1440 },
      })) as { id: string };
      return thread.id;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === THREAD_ALREADY_EXISTS)
        return place.storyMessageId;
      throw error;
    }
  }

  #message(channelId: string, body: object, nonce: string): Promise<string> {
    return postMessage(this.#client.rest, channelId, body, nonce);
  }

  async #channel(channelId: string): ReturnType<typeof findChannel> {
    try {
      return await findChannel(this.#client, channelId);
    } catch (error) {
      throw alertError(error, channelId);
    }
  }
}

/** What discord.js threw, in the follow service's terms: a required forum tag and a gone channel are permanent. */
function alertError(error: unknown, channelId: string): AlertPostError {
  if (error instanceof AlertPostError) return error;
  if (error instanceof DiscordAPIError && error.code === FORUM_TAG_REQUIRED) {
    return new AlertPostError("other", `the forum <#${channelId}> requires a tag on each post`, {
      permanent: true,
      cause: error,
    });
  }
  const failure = describePostFailure(error, channelId);
  return new AlertPostError(failure.kind, failure.message, {
    permanent: failure.kind === "not-found",
    retryAfterMs: failure.retryAfterMs,
    cause: error,
  });
}
