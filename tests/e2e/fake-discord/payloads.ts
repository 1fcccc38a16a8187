/**
 * The JSON objects a fake Discord sends: users, servers with their channels and the bot's role, messages and
 * interactions, shaped as discord.js 14.28 needs them (it reads `entitlements` and
 * `authorizing_integration_owners` on every interaction, and `application` in READY).
 */
export const IDS = {
  application: "900000000000000001",
  bot: "900000000000000001",
  guild: "900000000000000100",
  channel: "900000000000000200",
  user: "900000000000000300",
} as const;

/** Every permission bit a server admin has, as Discord writes permissions: a decimal string. */
export const ADMIN_PERMISSIONS = "2251799813685247";
/** Discord's permission bits the fakes use. */
export const PERMISSION = {
  manageGuild: 0x20,
  viewChannel: 0x400,
  sendMessages: 0x800,
  embedLinks: 0x4000,
  readMessageHistory: 0x10000,
  createPublicThreads: 0x800000000,
  sendMessagesInThreads: 0x4000000000,
} as const;
/** A member with View Channel, Send Messages and Read History but not Manage Server. */
export const MEMBER_PERMISSIONS = String(
  PERMISSION.viewChannel | PERMISSION.sendMessages | PERMISSION.readMessageHistory,
);
/** What the bot's role grants by default: enough to post embeds (View Channel, Send Messages, Embed Links). */
export const BOT_PERMISSIONS = String(
  PERMISSION.viewChannel | PERMISSION.sendMessages | PERMISSION.embedLinks | PERMISSION.readMessageHistory,
);

/** A channel permission overwrite: for a role (type 0) or a member (type 1), bits as decimal strings. */
export interface FakeOverwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** Discord's channel type: 0 text (the default), 2 voice, 4 category, 5 announcement, 15 forum, 11 thread. */
  type?: number;
  overwrites?: FakeOverwrite[];
  /** A thread's channel or a forum post's forum. */
  parentId?: string;
  /** A forum that refuses posts without a tag (Discord's error 40067). */
  requiresTag?: boolean;
}

/** A server the bot is in, as the fake hands it out in GUILD_CREATE. */
export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** What the bot's own role ({@link botRoleId}) grants server-wide. */
  botPermissions: string;
}

/** The server every fake starts with: #news, where the bot may post embeds. */
export function newsroomGuild(): FakeGuild {
  return {
    id: IDS.guild,
    name: "Newsroom",
    channels: [{ id: IDS.channel, name: "news" }],
    botPermissions: BOT_PERMISSIONS,
  };
}

/** The id of the bot's managed role in a server: the server's id plus one (keep fake ids apart). */
export function botRoleId(guildId: string): string {
  return String(BigInt(guildId) + 1n);
}

/** The shard that holds a server, by Discord's rule: (server id >> 22) % shard count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

let nextSnowflake = 1_000_000n;
/** A fresh id that sorts after the previous one, like Discord's snowflakes. */
export function snowflake(): string {
  nextSnowflake += 1n;
  return (nextSnowflake << 22n).toString();
}

export function user(id: string, username: string, bot = false) {
  return { id, username, discriminator: "0", global_name: username, avatar: null, bot };
}

export const BOT_USER = user(IDS.bot, "Newsdesk", true);
export const READER = user(IDS.user, "reader");

/** A channel of a server as Discord sends it. */
export function channelPayload(guildId: string, channel: FakeChannel, position = 0) {
  return {
    id: channel.id,
    type: channel.type ?? 0,
    guild_id: guildId,
    name: channel.name,
    position,
    permission_overwrites: channel.overwrites ?? [],
    nsfw: false,
    parent_id: channel.parentId ?? null,
    ...(channel.type === 11 && {
      owner_id: IDS.bot,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    }),
    ...(channel.type === 15 && { available_tags: [], default_reaction_emoji: null, flags: 0 }),
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

function member(person: ReturnType<typeof user>, permissions?: string, roles: string[] = []) {
  return {
    user: person,
    roles,
    joined_at: "2025-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    ...(permissions ? { permissions } : {}),
  };
}

function role(id: string, name: string, permissions: string, position: number) {
  return {
    id,
    name,
    color: 0,
    hoist: false,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0,
    icon: null,
    unicode_emoji: null,
  };
}

/** A server as GUILD_CREATE carries it: its roles (@everyone and the bot's), channels and the bot member. */
export function guildCreate(guild: FakeGuild = newsroomGuild()) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: IDS.user,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      role(guild.id, "@everyone", MEMBER_PERMISSIONS, 0),
      {
        ...role(botRoleId(guild.id), "Newsdesk", guild.botPermissions, 1),
        managed: true,
        tags: { bot_id: IDS.bot },
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    joined_at: "2025-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [member(BOT_USER, undefined, [botRoleId(guild.id)])],
    channels: guild.channels.map((channel, position) => channelPayload(guild.id, channel, position)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: "en-US",
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    vanity_url_code: null,
    description: null,
    banner: null,
    max_members: 500000,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
  };
}

/** READY for one shard: the servers it holds are listed as unavailable until their GUILD_CREATE. */
export function ready(
  sessionId: string,
  resumeUrl: string,
  guildIds: readonly string[],
  shard: [number, number],
) {
  return {
    v: 10,
    user: { ...BOT_USER, verified: true, mfa_enabled: false, flags: 0 },
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: IDS.application, flags: 0 },
  };
}

/** A message as Discord returns it after the bot posted or edited it. */
export function message(channelId: string, body: Record<string, unknown>, type = 0) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: BOT_USER,
    content: typeof body.content === "string" ? body.content : "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: Array.isArray(body.attachments) ? body.attachments : [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type,
    flags: typeof body.flags === "number" ? body.flags : 0,
    application_id: IDS.application,
  };
}

/** Where an interaction comes from: a member in a server's channel (default: #news of the newsroom), or a DM. */
export type InteractionPlace =
  { kind: "guild"; permissions: string; guildId?: string; channelId?: string } | { kind: "dm" };

/** The fields every interaction shares; `data` and, for components, `message` come on top. */
export function interactionBase(type: number, place: InteractionPlace) {
  const common = {
    id: snowflake(),
    application_id: IDS.application,
    type,
    token: `token-${snowflake()}`,
    version: 1,
    app_permissions: ADMIN_PERMISSIONS,
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners:
      place.kind === "guild" ? { "0": place.guildId ?? IDS.guild } : { "1": IDS.user },
    attachment_size_limit: 8_388_608,
  };
  if (place.kind === "dm") {
    return {
      ...common,
      context: 1,
      user: READER,
      channel: { id: IDS.user.replace(/00$/, "99"), type: 1, recipients: [READER] },
      channel_id: IDS.user.replace(/00$/, "99"),
    };
  }
  const guildId = place.guildId ?? IDS.guild;
  const channelId = place.channelId ?? IDS.channel;
  return {
    ...common,
    context: 0,
    guild_id: guildId,
    guild_locale: "en-US",
    channel: channelPayload(guildId, { id: channelId, name: "news" }),
    channel_id: channelId,
    member: member(READER, place.permissions),
  };
}
