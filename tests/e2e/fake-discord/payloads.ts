/**
 * The JSON objects a fake Discord sends: users, a server with one text channel, messages and
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
/** A member with View Channel, Send Messages and Read History but not Manage Server (0x20). */
export const MEMBER_PERMISSIONS = String(0x400 | 0x800 | 0x10000);

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

export function textChannel() {
  return {
    id: IDS.channel,
    type: 0,
    guild_id: IDS.guild,
    name: "news",
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

function member(person: ReturnType<typeof user>, permissions?: string) {
  return {
    user: person,
    roles: [],
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

export function guildCreate() {
  return {
    id: IDS.guild,
    name: "Newsroom",
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
      {
        id: IDS.guild,
        name: "@everyone",
        color: 0,
        hoist: false,
        position: 0,
        permissions: MEMBER_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
        icon: null,
        unicode_emoji: null,
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
    members: [member(BOT_USER)],
    channels: [textChannel()],
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

export function ready(sessionId: string, resumeUrl: string) {
  return {
    v: 10,
    user: { ...BOT_USER, verified: true, mfa_enabled: false, flags: 0 },
    guilds: [{ id: IDS.guild, unavailable: true }],
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [0, 1],
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
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type,
    flags: typeof body.flags === "number" ? body.flags : 0,
    application_id: IDS.application,
  };
}

export type InteractionPlace = { kind: "guild"; permissions: string } | { kind: "dm" };

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
    authorizing_integration_owners: place.kind === "guild" ? { "0": IDS.guild } : { "1": IDS.user },
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
  return {
    ...common,
    context: 0,
    guild_id: IDS.guild,
    guild_locale: "en-US",
    channel: textChannel(),
    channel_id: IDS.channel,
    member: member(READER, place.permissions),
  };
}
