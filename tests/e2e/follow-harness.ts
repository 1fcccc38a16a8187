import { commands } from "../../commands/index.ts";
import { loadConfig } from "../../src/app/config.ts";
import type { AppContext } from "../../src/app/context.ts";
import { FollowService } from "../../src/app/follows.ts";
import { quotesDeriver } from "../../src/app/quotes.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { createDiscordClient, startBot, type Bot } from "../../src/discord/client.ts";
import { DiscordAlertPoster } from "../../src/discord/follow-poster.ts";
import { SqliteStore, type Store } from "../../src/store/db.ts";
import { newsroomLibrary } from "../fixtures/discord/fake-library.ts";
import { LandingLibrary } from "../fixtures/follows/library.ts";
import { recordingLogger, testAppContext } from "../helpers/app-context.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";
import type { FakeGuild } from "./fake-discord/payloads.ts";

/** The moment the harness's clock starts at; landed articles are published shortly before. */
export const FOLLOW_NOW = "2025-12-05T12:00:00Z";

export interface FollowHarness {
  fake: FakeDiscord;
  clock: ManualClock;
  store: Store;
  /** Where articles land, as the folder or a feed would add them. */
  library: LandingLibrary;
  follows: FollowService;
  app: AppContext;
  bot: Bot;
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The real bot and follow service, posting through the Discord alert poster on the bot's own client to a
 * fake Discord; a manual clock, an in-memory store and a library articles are landed in by hand. Retries
 * move the clock instead of waiting.
 */
export async function startFollowHarness(options: {
  guilds: readonly FakeGuild[];
  postsPerHour?: number;
}): Promise<FollowHarness> {
  const fake = await FakeDiscord.start({ guilds: options.guilds });
  const clock = new ManualClock(FOLLOW_NOW);
  const store = SqliteStore.open(":memory:", { clock });
  const { logger, lines } = recordingLogger();
  const loaded = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.url });
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  const client = createDiscordClient(loaded.value);
  const library = new LandingLibrary();
  const app = testAppContext({
    config: loaded.value,
    library: newsroomLibrary().asLibrary(),
    logger,
    clock,
    store,
  });
  const follows = new FollowService({
    follows: store.follows,
    library,
    quotes: quotesDeriver,
    summarize: (article) => [article.paragraphs[0] ?? ""],
    clock,
    logger,
    poster: new DiscordAlertPoster(client),
    postsPerHour: options.postsPerHour ?? 10,
    timer: { every: () => () => undefined },
    sleep: (ms) => {
      clock.advance(ms);
      return Promise.resolve();
    },
    instanceId: "harness",
  });
  app.follows = follows;
  const bot = await startBot(app, commands, { client });
  await follows.start();
  return {
    fake,
    clock,
    store,
    library,
    follows,
    app,
    bot,
    logs: lines,
    async stop() {
      await follows.stop();
      await bot.shutdown();
      await fake.stop();
      await store.close();
    },
  };
}
