import type { Client } from "discord.js";
import { commands } from "../../commands/index.ts";
import { loadConfig } from "../../src/app/config.ts";
import type { AppContext } from "../../src/app/context.ts";
import { DigestService, type RetryPolicy } from "../../src/app/digests.ts";
import type { Logger } from "../../src/app/logger.ts";
import { ManualScheduler } from "../../src/app/scheduler.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { createDiscordClient, startBot, type Bot } from "../../src/discord/client.ts";
import { planServesGuild } from "../../src/core/shards.ts";
import { DiscordDigestPoster } from "../../src/discord/digest-poster.ts";
import { SqliteStore } from "../../src/store/db.ts";
import { newsroomLibrary, type FakeLibrary } from "../fixtures/discord/fake-library.ts";
import { recordingLogger, testAppContext } from "../helpers/app-context.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";
import type { FakeGuild } from "./fake-discord/payloads.ts";

/** Noon on the day of the newsroom fixture's articles (published 09:00 UTC). */
export const DIGEST_DAY_NOON = "2025-12-01T12:00:00Z";
/** Retries without real waiting: the harness's sleep moves the clock instead. */
const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 };

/** One bot process: its client (for some shards), its app and its own digest service and scheduler. */
export interface DigestBot {
  bot: Bot;
  app: AppContext;
  digests: DigestService;
  scheduler: ManualScheduler;
}

export interface DigestHarness {
  fake: FakeDiscord;
  clock: ManualClock;
  /** The database every bot shares, as shard processes share DATA_DIR. */
  store: SqliteStore;
  bots: DigestBot[];
  logs: Record<string, unknown>[];
  /** Fires every job now due on every bot's scheduler; returns how many ran. */
  runDue(): Promise<number>;
  /**
   * Replaces every bot's digest service and scheduler with fresh ones and starts them, as a restart of the
   * bot processes would (the clients stay connected).
   */
  restartDigests(): Promise<void>;
  stop(): Promise<void>;
}

export interface DigestHarnessOptions {
  guilds?: readonly FakeGuild[];
  /** Bots to start, one shard each (default 1, unsharded). */
  shardCount?: number;
  /** The articles every bot sees (default: the newsroom's). */
  library?: () => FakeLibrary;
}

/**
 * The real bot, with the real digest service on an in-memory store, a manual clock and scheduler, and the
 * Discord poster on the bot's own client, connected to a fake Discord. Wired in the order the app uses:
 * the bot is ready first, then the poster is attached and the schedules start.
 */
export async function startDigestHarness(options: DigestHarnessOptions = {}): Promise<DigestHarness> {
  const shardCount = options.shardCount ?? 1;
  const fake = await FakeDiscord.start(options.guilds ? { guilds: options.guilds } : {});
  const clock = new ManualClock(DIGEST_DAY_NOON);
  const store = SqliteStore.open(":memory:", { clock });
  const { logger, lines } = recordingLogger();
  const bots: DigestBot[] = [];
  try {
    for (let shard = 0; shard < shardCount; shard++) {
      const library = options.library ?? newsroomLibrary;
      bots.push(await startDigestBot(fake, { clock, store, logger, shard, shardCount, library }));
    }
  } catch (error) {
    await Promise.all(bots.map(({ bot }) => bot.shutdown()));
    await fake.stop();
    await store.close();
    throw error;
  }
  return {
    fake,
    clock,
    store,
    bots,
    logs: lines,
    async runDue() {
      let ran = 0;
      for (const { scheduler } of bots) ran += await scheduler.runDue();
      return ran;
    },
    async restartDigests() {
      for (const [index, running] of bots.entries()) {
        await running.digests.stop();
        const setup = { clock, store, logger, shard: index, shardCount };
        const { digests, scheduler } = digestService(running.bot.client, running.app, setup);
        // The router holds this same context object, so commands see the new service from now on.
        running.app.digests = digests;
        await digests.start();
        bots[index] = { ...running, digests, scheduler };
      }
    },
    async stop() {
      await Promise.all(bots.map(({ digests }) => digests.stop()));
      await Promise.all(bots.map(({ bot }) => bot.shutdown()));
      await fake.stop();
      await store.close();
    },
  };
}

interface ShardSetup {
  clock: ManualClock;
  store: SqliteStore;
  logger: Logger;
  shard: number;
  shardCount: number;
  library: () => FakeLibrary;
}

async function startDigestBot(fake: FakeDiscord, setup: ShardSetup): Promise<DigestBot> {
  const { clock, store, logger, shard, shardCount } = setup;
  const loaded = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.url });
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  // As src/main.ts does: the client exists before the app, so the digest service can hold it.
  const client = createDiscordClient(
    loaded.value,
    shardCount > 1 ? { shards: { ids: [shard], count: shardCount } } : {},
  );
  const app = testAppContext({
    config: loaded.value,
    library: setup.library().asLibrary(),
    logger,
    clock,
    store,
  });
  const { digests, scheduler } = digestService(client, app, setup);
  app.digests = digests;
  const bot = await startBot(app, commands, { client });
  await digests.start();
  return { bot, app, digests, scheduler };
}

/** A digest service posting through the client, with no real waiting between retries. */
function digestService(
  client: Client,
  app: AppContext,
  { clock, store, logger, shard, shardCount }: Omit<ShardSetup, "library">,
): { digests: DigestService; scheduler: ManualScheduler } {
  const scheduler = new ManualScheduler(clock);
  const digests = new DigestService({
    store,
    library: app.library,
    clock,
    logger,
    scheduler,
    poster: new DiscordDigestPoster(client),
    retry: FAST_RETRY,
    sleep: (ms) => {
      clock.advance(ms);
      return Promise.resolve();
    },
    instanceId: `shard-${shard}`,
    // As the bot entry does: a host's servers by Discord's shard rule.
    ...(shardCount > 1 && {
      servesGuild: (guildId: string) => planServesGuild({ ids: [shard], count: shardCount }, guildId),
    }),
  });
  return { digests, scheduler };
}
