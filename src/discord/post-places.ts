import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  Routes,
  type Channel,
  type Client,
  type GuildBasedChannel,
  type REST,
} from "discord.js";
import type { DestinationKind } from "../core/follows/alert.ts";

/**
 * How the bot posts into the places of a server, shared by the follow alerts and the digests: which kind a
 * channel is, what the bot needs there, a message create with its nonce, and a forum post.
 */

/** Discord's error code for a forum that takes only posts with a tag. */
export const FORUM_TAG_REQUIRED = 40067;
const UNKNOWN_CHANNEL = 10003;

const { ViewChannel, SendMessages, EmbedLinks, SendMessagesInThreads } = PermissionFlagsBits;

/** What the bot needs to post messages of embeds in each kind of place, with the words an admin sees. */
export const POSTING_PERMISSIONS: Record<DestinationKind, readonly (readonly [bigint, string])[]> = {
  channel: [
    [ViewChannel, "View Channel"],
    [SendMessages, "Send Messages"],
    [EmbedLinks, "Embed Links"],
  ],
  // Starting a post takes Send Messages; the messages inside it take Send Messages in Threads.
  forum: [
    [ViewChannel, "View Channel"],
    [SendMessages, "Send Messages"],
    [EmbedLinks, "Embed Links"],
    [SendMessagesInThreads, "Send Messages in Threads"],
  ],
  thread: [
    [ViewChannel, "View Channel"],
    [SendMessagesInThreads, "Send Messages in Threads"],
    [EmbedLinks, "Embed Links"],
  ],
};

/** A discord.js channel type as a place to post into, or undefined where the bot does not post. */
export function destinationKind(type: ChannelType): DestinationKind | undefined {
  switch (type) {
    case ChannelType.GuildText:
    case ChannelType.GuildAnnouncement:
      return "channel";
    case ChannelType.GuildForum:
    case ChannelType.GuildMedia:
      return "forum";
    case ChannelType.PublicThread:
    case ChannelType.PrivateThread:
    case ChannelType.AnnouncementThread:
      return "thread";
    default:
      return undefined;
  }
}

/**
 * Posts one message into a channel or thread with a stable `nonce` and `enforce_nonce`, so that a repeated
 * request (a retry after a lost reply) returns the message Discord already made. Resolves with its id.
 */
export async function postMessage(
  rest: REST,
  channelId: string,
  body: object,
  nonce: string,
): Promise<string> {
  const created = (await rest.post(Routes.channelMessages(channelId), {
    body: { ...body, nonce, enforce_nonce: true },
  })) as { id: string };
  return created.id;
}

/** Where a forum post is and what it is called. */
export interface ForumPostPlace {
  guildId: string;
  forumId: string;
  /** The post's title. */
  name: string;
  /**
   * An earlier attempt may have reached Discord (a claim taken over, a retry): then the post it may have
   * started is looked for before a new one is started.
   */
  mayHaveStarted: boolean;
}

/**
 * Starts a forum post whose first message is `body`, or finds the one an earlier attempt started. Discord's
 * API takes no nonce for a forum post: the caller's claim in the store keeps it single, and this lookup the
 * retries of that claim. The starter message's id is the post's.
 */
export async function startForumPost(
  client: Client,
  place: ForumPostPlace,
  body: object,
): Promise<{ threadId: string; messageId: string }> {
  const { guildId, forumId, name, mayHaveStarted } = place;
  const { rest } = client;
  const botId = client.user?.id;
  const earlier =
    mayHaveStarted && botId !== undefined
      ? await findStartedForumPost(rest, guildId, forumId, name, botId)
      : undefined;
  if (earlier !== undefined) return earlier;
  const thread = (await rest.post(Routes.threads(forumId), { body: { name, message: body } })) as {
    id: string;
    message?: { id?: string };
  };
  return { threadId: thread.id, messageId: thread.message?.id ?? thread.id };
}

/**
 * The forum post titled `name` that the bot started in `forumId` and that is still active, if any: what an
 * earlier attempt to start that post may have left behind (Discord takes no nonce for a forum post). Titles
 * are compared exactly; a post is matched only when the caller says an earlier attempt may have happened.
 */
async function findStartedForumPost(
  rest: REST,
  guildId: string,
  forumId: string,
  name: string,
  botId: string,
): Promise<{ threadId: string; messageId: string } | undefined> {
  const active = (await rest.get(Routes.guildActiveThreads(guildId))) as {
    threads?: { id: string; parent_id?: string | null; owner_id?: string; name?: string }[];
  };
  const found = (active.threads ?? []).find(
    (thread) => thread.parent_id === forumId && thread.owner_id === botId && thread.name === name,
  );
  // A forum post's starter message has the post's id.
  return found === undefined ? undefined : { threadId: found.id, messageId: found.id };
}

/**
 * A channel by id, from the cache or Discord; undefined when it is gone or hidden from the bot (404, 403).
 * Other failures (Discord down) are thrown for the caller to describe.
 */
export async function findChannel(
  client: Client,
  channelId: string,
): Promise<GuildBasedChannel | Exclude<Channel, GuildBasedChannel> | undefined> {
  const cached = client.channels.cache.get(channelId);
  if (cached) return cached;
  try {
    return (await client.channels.fetch(channelId)) ?? undefined;
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.status === 404 || error.code === UNKNOWN_CHANNEL))
      return undefined;
    if (error instanceof DiscordAPIError && error.status === 403) return undefined;
    throw error;
  }
}
