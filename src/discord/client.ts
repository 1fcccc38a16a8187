import { STATUS_CODES } from "node:http";
import { Client, DiscordAPIError, Events, GatewayIntentBits, HTTPError } from "discord.js";
import type { Command } from "../app/command.ts";
import type { Config } from "../app/config.ts";
import type { AppContext } from "../app/context.ts";
import { StoreIdentifyThrottler } from "../app/identify-throttle.ts";
import type { ShardPlan } from "../core/shards.ts";
import type { IdentifyBucketRepository } from "../store/identify-buckets.ts";
import { adaptInteraction } from "./adapt-interaction.ts";
import { rejectLongChannelPostWaits } from "./rate-limits.ts";
import { NO_MENTIONS } from "./render.ts";
import { InteractionRouter } from "./router.ts";
import { guardPacketHandling } from "./packet-guard.ts";

export interface ClientOptions {
  /** The shards this client runs, all in this process (SHARDS, or SHARD_IDS of SHARD_COUNT); unset, one. */
  shards?: ShardPlan;
  /**
   * Where identifies are paced across processes and hosts; asked for at login, so the client can be made
   * before the store is open. Unset: discord.js's in-process throttler.
   */
  identifyBuckets?: () => IdentifyBucketRepository;
}

export interface BotOptions extends ClientOptions {
  /** Seconds-scale waits are Discord's; tests shorten the deferral threshold to exercise it. */
  deferAfterMs?: number;
  /**
   * A client made with {@link createDiscordClient} and not yet logged in, so that services built before the
   * bot (the digest and alert posters) can hold it; by default startBot makes its own.
   */
  client?: Client;
}

export interface Bot {
  client: Client<true>;
  router: InteractionRouter;
  /** Finishes the replies in flight (new interactions get a "restarting" answer), then disconnects. */
  shutdown(): Promise<void>;
}

/**
 * Logging in failed. The message says which request got which answer ("GET https://…/gateway/bot answered 404
 * Not Found"), never the token: discord.js alone says only "No Description" when the answer has no message.
 */
export class DiscordLoginError extends Error {
  override readonly name = "DiscordLoginError";
  constructor(cause: unknown) {
    super(`Discord login failed: ${describeLoginFailure(cause)}`, { cause });
  }
}

function describeLoginFailure(error: unknown): string {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    const status = `${String(error.status)} ${STATUS_CODES[error.status] ?? ""}`.trim();
    const said = error instanceof DiscordAPIError ? discordMessage(error) : undefined;
    return `${error.method} ${withoutQuery(error.url)} answered ${status}${said === undefined ? "" : `: ${said}`}`;
  }
  if (error instanceof Error) {
    // fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is its cause.
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return cause === undefined ? error.message : `${error.message} (${cause})`;
  }
  return String(error);
}

/** What Discord said, when it said something beyond the status ("404: Not Found" repeats it). */
function discordMessage(error: DiscordAPIError): string | undefined {
  const message = "message" in error.rawError ? error.rawError.message : undefined;
  if (typeof message !== "string" || message.trim() === "") return undefined;
  return /^\d{3}: /.test(message) ? undefined : message;
}

function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = "";
    parsed.hash = "";
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url.split("?")[0] ?? url;
  }
}

/** The REST base for a Discord-compatible server: discord.js appends /v10/... to it. */
export function restApiBase(discordApiUrl: string): string {
  return `${discordApiUrl}/api`;
}

/**
 * A discord.js client for Newsdesk, not logged in: the Guilds intent only (slash commands need no other),
 * no mentions in anything it sends, REST and gateway at DISCORD_API_URL when set, and long rate limits on
 * channel posts handed back to the caller (see rate-limits.ts).
 */
export function createDiscordClient(
  config: Pick<Config, "discordApiUrl">,
  options: ClientOptions = {},
): Client {
  const { discordApiUrl } = config;
  const { shards, identifyBuckets } = options;
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: {
      rejectOnRateLimit: rejectLongChannelPostWaits,
      ...(discordApiUrl ? { api: restApiBase(discordApiUrl) } : {}),
    },
    // Always explicit: discord.js would otherwise read SHARDS from the environment itself, as JSON.
    ...(shards === "auto"
      ? { shards: "auto" }
      : { shards: [...(shards?.ids ?? [0])], shardCount: shards?.count ?? 1 }),
    ...(identifyBuckets && {
      ws: {
        buildIdentifyThrottler: async (manager) => {
          const gateway = await manager.fetchGatewayInformation();
          return new StoreIdentifyThrottler(identifyBuckets(), gateway.session_start_limit.max_concurrency);
        },
      },
    }),
  });
}

/**
 * Logs in to Discord and answers interactions through the router. Resolves once the client is ready, i.e.
 * has every server it is in. With DISCORD_API_URL set, REST goes there, and so does the gateway, whose
 * address comes from GET /gateway/bot.
 */
export async function startBot(
  app: AppContext,
  commands: readonly Command[],
  options: BotOptions = {},
): Promise<Bot> {
  const { discordToken } = app.config;
  if (!discordToken) throw new Error("DISCORD_TOKEN is not set");
  const { logger } = app;
  const client = options.client ?? createDiscordClient(app.config, options);
  const router = new InteractionRouter({
    app,
    commands,
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  });

  guardPacketHandling(client, logger);
  client.on(Events.InteractionCreate, (interaction) => {
    const port = adaptInteraction(interaction);
    if (port) void router.handle(port);
  });
  client.on(Events.Error, (error) => {
    logger.error({ err: error }, "discord client error");
  });
  client.on(Events.Warn, (message) => {
    logger.warn({ discord: message }, "discord client warning");
  });
  client.on(Events.ShardError, (error, shardId) => {
    logger.warn({ err: error, shardId }, "gateway connection error");
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    logger.info({ shardId }, "gateway reconnecting");
  });
  client.on(Events.ShardResume, (shardId, replayed) => {
    logger.info({ shardId, replayed }, "gateway session resumed");
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.error({ shardId, code: event.code }, "gateway disconnected for good");
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(discordToken);
  } catch (error) {
    await client.destroy();
    throw new DiscordLoginError(error);
  }
  const readyClient = await ready;
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, "connected to Discord");

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await router.close();
      await client.destroy();
      logger.info("disconnected from Discord");
    })();
    return stopping;
  };
  return { client: readyClient, router, shutdown };
}
