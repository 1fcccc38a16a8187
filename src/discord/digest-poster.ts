import { PermissionFlagsBits, Routes, type Client } from "discord.js";
import { DigestPostError, type DigestPoster } from "../core/digest/poster.ts";
import type { ReplyPage } from "../core/reply.ts";
import { hash64 } from "../core/text/hash.ts";
import { digestMessages, type DigestMessage } from "./digest-messages.ts";
import { describePostFailure } from "./post-failure.ts";
import { NO_MENTIONS } from "./render.ts";

/** What the bot needs in a channel to post a digest there. */
const DIGEST_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
] as const;
/** In a thread, Send Messages in Threads stands for Send Messages. */
const THREAD_DIGEST_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
] as const;

/**
 * Posts digests to Discord channels through the client's REST manager: the pages are planned as messages
 * of embeds ({@link digestMessages}), and each goes out as one channel message,
 * never pinging anyone. Rate limits and server errors are first retried by discord.js itself (it waits out
 * short rate limits and repeats a 5xx three times); what it gives up on becomes a {@link DigestPostError}
 * whose kind tells the digest service whether its own, slower backoff can help.
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
    _guildId: string,
    channel: string,
    messages: readonly DigestMessage[],
  ): Promise<{ messageIds: string[] }> {
    const channelId = channelIdOf(channel);
    const messageIds: string[] = [];
    for (const message of messages) {
      try {
        const created = (await this.#client.rest.post(Routes.channelMessages(channelId), {
          body: {
            embeds: message.embeds,
            allowed_mentions: NO_MENTIONS,
            nonce: messageNonce(channelId, message),
            enforce_nonce: true,
          },
        })) as { id: string };
        messageIds.push(created.id);
      } catch (error) {
        const failure = describePostFailure(error, channelId);
        throw new DigestPostError(failure.kind, failure.message, {
          ...(failure.retryAfterMs !== undefined && { retryAfterMs: failure.retryAfterMs }),
          postedMessageIds: messageIds,
          cause: error,
        });
      }
    }
    return { messageIds };
  }

  async canPost(guildId: string, channel: string): Promise<boolean> {
    const guild = this.#client.guilds.cache.get(guildId);
    const target = guild?.channels.cache.get(channelIdOf(channel));
    if (!guild || !target?.isSendable()) return false;
    const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => undefined));
    if (!me) return false;
    const needed = target.isThread() ? THREAD_DIGEST_PERMISSIONS : DIGEST_PERMISSIONS;
    return target.permissionsFor(me).has([...needed]);
  }
}

/**
 * Which servers this process runs digests for, as DigestService's `servesGuild`: those in the client's
 * cache, which under sharding are exactly the servers of this process's shards. Read at each call, so it
 * can be handed over before the client is ready.
 */
export function guildsOf(client: Client): (guildId: string) => boolean {
  return (guildId) => client.guilds.cache.has(guildId);
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
