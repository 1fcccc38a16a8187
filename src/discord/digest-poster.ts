import { DiscordAPIError, type Client } from "discord.js";
import { DigestPostError, type DigestPostContext, type DigestPoster } from "../core/digest/poster.ts";
import type { ReplyPage } from "../core/reply.ts";
import { hash64 } from "../core/text/hash.ts";
import { digestMessages, type DigestMessage } from "./digest-messages.ts";
import { threadName } from "./follow-render.ts";
import { describePostFailure } from "./post-failure.ts";
import {
  destinationKind,
  findChannel,
  FORUM_TAG_REQUIRED,
  postMessage,
  POSTING_PERMISSIONS,
  startForumPost,
} from "./post-places.ts";
import { NO_MENTIONS } from "./render.ts";

/**
 * Posts digests to Discord through the client's REST manager: the pages are planned as messages of embeds
 * ({@link digestMessages}), never pinging anyone. A text or announcement channel, or a thread, gets the
 * messages in order; a forum gets one post per digest, titled with the context's title, whose first message
 * is the first of the plan (the overview) and the rest go into the post. Every message create carries a
 * stable nonce with `enforce_nonce`; a resumed run continues in the forum post it recorded (the first
 * message's id is the post's). Rate limits and server errors are first retried by discord.js itself (it
 * waits out short rate limits and repeats a 5xx three times); what it gives up on becomes a
 * {@link DigestPostError} whose kind tells the digest service whether its own, slower backoff can help.
 */
export class DiscordDigestPoster implements DigestPoster<DigestMessage> {
  readonly #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  planMessages(pages: readonly ReplyPage[]): DigestMessage[] {
    return digestMessages(pages);
  }

  async post(
    guildId: string,
    channel: string,
    messages: readonly DigestMessage[],
    context: DigestPostContext,
  ): Promise<{ messageIds: string[] }> {
    const channelId = channelIdOf(channel);
    const messageIds: string[] = [];
    try {
      const rest = this.#client.rest;
      const target = await findChannel(this.#client, channelId);
      // A channel the bot cannot see is posted to as a channel: Discord's answer says what is wrong.
      const isForum = target !== undefined && destinationKind(target.type) === "forum";
      let into = channelId;
      let toPost = messages;
      if (isForum) {
        const startedPost = context.postedMessageIds[0];
        const [first, ...others] = messages;
        if (startedPost !== undefined) {
          into = startedPost;
        } else if (first !== undefined) {
          const started = await startForumPost(
            this.#client,
            {
              guildId,
              forumId: channelId,
              name: threadName(context.title),
              mayHaveStarted: context.mayHaveStarted === true,
            },
            messageBody(first),
          );
          messageIds.push(started.messageId);
          into = started.threadId;
          toPost = others;
        }
      }
      for (const message of toPost) {
        messageIds.push(await postMessage(rest, into, messageBody(message), messageNonce(into, message)));
      }
      return { messageIds };
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === FORUM_TAG_REQUIRED) {
        throw new DigestPostError("forbidden", `the forum <#${channelId}> requires a tag on each post`, {
          postedMessageIds: messageIds,
          cause: error,
        });
      }
      const failure = describePostFailure(error, channelId);
      throw new DigestPostError(failure.kind, failure.message, {
        ...(failure.retryAfterMs !== undefined && { retryAfterMs: failure.retryAfterMs }),
        postedMessageIds: messageIds,
        cause: error,
      });
    }
  }

  /** Whether the bot can post the digest there: a text or announcement channel, a forum, or a thread. */
  async canPost(guildId: string, channel: string): Promise<boolean> {
    const guild = this.#client.guilds.cache.get(guildId);
    const target = guild?.channels.cache.get(channelIdOf(channel));
    const kind = target === undefined ? undefined : destinationKind(target.type);
    if (!guild || target === undefined || kind === undefined) return false;
    const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => undefined));
    if (!me) return false;
    return target.permissionsFor(me).has(POSTING_PERMISSIONS[kind].map(([bit]) => bit));
  }
}

function messageBody(message: DigestMessage): object {
  return { embeds: message.embeds, allowed_mentions: NO_MENTIONS };
}

/**
 * The nonce of one digest message: the same for every attempt to post it (discord.js's own retries and the
 * digest service's, and a resumed run's, which posts the tail of the plan: hence the message's place in the
 * whole digest, not in the call), so that with `enforce_nonce` Discord answers a retry of a message it
 * already stored (the 502 that came after the write) with that message instead of posting it twice.
 * Discord allows 25 characters.
 */
export function messageNonce(channelId: string, message: DigestMessage): string {
  return hash64(`${channelId}\u0000${String(message.position)}\u0000${JSON.stringify(message.embeds)}`);
}

/** A channel given as its id or as the `<#id>` mention people type in the console. */
export function channelIdOf(channel: string): string {
  return /^<#(\d+)>$/.exec(channel.trim())?.[1] ?? channel.trim();
}
