import type { Clock } from "../core/clock.ts";
import type { DigestPoster } from "../core/digest/poster.ts";
import { newsEnrichment } from "../core/digest/enrichment.ts";
import type { AlertPoster } from "../core/follows/alert.ts";
import { openStore } from "../store/db.ts";
import type { Config } from "./config.ts";
import { checkArticlesDir, ensureDataDir, missingArticlesDir } from "./folders.ts";
import type { AppContext } from "./context.ts";
import { DigestService } from "./digests.ts";
import { Library, type LibraryOptions } from "./library.ts";
import { FeedService } from "./feeds.ts";
import { FollowService } from "./follows.ts";
import { QuoteService, quotesDeriver } from "./quotes.ts";
import { summaryDeriver } from "./summaries.ts";
import type { Logger } from "./logger.ts";
import { CronScheduler, type Scheduler } from "./scheduler.ts";
import { watchArticles } from "./watcher.ts";

export interface StartOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Where digests go: Discord channels for the bot, stdout for the console. */
  poster: DigestPoster;
  /** Where follows post: Discord channels, threads and forums for the bot, stdout for the console. */
  alertPoster: AlertPoster;
  /** Which servers' digest schedules this process runs (a shard's servers; the console's own). */
  servesGuild?: (guildId: string) => boolean;
  scheduler?: Scheduler;
  /** Where problems with article files go; default: a warning log line each (see `LibraryOptions`). */
  reportProblems?: LibraryOptions["reportProblems"];
}

export interface RunningApp {
  /** Everything is open; nothing is scheduled or polled until `start()`. */
  app: AppContext & Required<Pick<AppContext, "store" | "digests" | "quotes" | "feeds" | "follows">>;
  /**
   * Starts the digest schedules (catching up missed ones) and feed polling. The bot calls it once the
   * Discord client is ready, so that posts can go out and a shard knows which servers it holds.
   */
  start(): Promise<void>;
  /** Stops the watcher, schedules and feed polls, waits for the work under way, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens everything a platform (the Discord bot or the local console) runs on: the library and its folder
 * watcher, the database, the quote, feed and digest services. The one place where the services are put
 * together.
 */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { config, logger, clock } = options;
  // Folder problems are one line each, before anything is opened: not a stack trace from deep inside.
  ensureDataDir(config.dataDir);
  const articlesDir = checkArticlesDir(config.articlesDir);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }, { clock });
  const subscriptions = await store.feeds.subscriptions().catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  if (articlesDir === "missing" && config.feeds.length === 0 && subscriptions.length === 0) {
    // Nothing to index at all: an empty console or bot would only puzzle.
    await store.close();
    throw missingArticlesDir(config.articlesDir);
  }
  const library = await Library.open({
    articlesDir: config.articlesDir,
    dataDir: config.dataDir,
    maxFileBytes: config.maxFileBytes,
    retentionDays: config.articleRetentionDays,
    clock,
    logger,
    derivers: [quotesDeriver, summaryDeriver],
    ...(options.reportProblems && { reportProblems: options.reportProblems }),
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const watcher = config.watchArticles
    ? watchArticles({ dir: config.articlesDir, library, logger })
    : undefined;
  const quotes = new QuoteService(library);
  const feeds = new FeedService({
    feeds: store.feeds,
    library,
    clock,
    logger,
    globalFeeds: config.feeds,
    allowPrivate: config.feedsAllowPrivate,
    policy: { intervalMs: config.feedPollMinutes * 60_000 },
    budget: { feedConcurrency: config.feedConcurrency, hostConcurrency: config.feedHostConcurrency },
    syncIntervalMs: config.feedSyncSeconds * 1000,
    retentionDays: config.articleRetentionDays,
    ...(store.watchFeedChanges && { watchChanges: store.watchFeedChanges.bind(store) }),
    ...(options.servesGuild && { servesGuild: options.servesGuild }),
  });
  const digests = new DigestService({
    store,
    library,
    clock,
    logger,
    scheduler: options.scheduler ?? new CronScheduler(logger, clock),
    poster: options.poster,
    graceHours: config.digestGraceHours,
    ...(options.servesGuild && { servesGuild: options.servesGuild }),
  });
  const enrichment = newsEnrichment();
  const follows = new FollowService({
    follows: store.follows,
    library,
    quotes: quotesDeriver,
    summarize: (article) => enrichment.summarize(article),
    clock,
    logger,
    poster: options.alertPoster,
    postsPerHour: config.followPostsPerHour,
    typosAllowed: (term) => library.typosAllowed(term),
    searchText: (quoted) => quotesDeriver.searchText?.(quoted) ?? {},
    ...(options.servesGuild && { servesGuild: options.servesGuild }),
  });
  const app = { config, clock, logger, library, store, digests, quotes, feeds, follows };
  let closing = false;
  const isClosing = () => closing;
  let starting: Promise<void> | undefined;
  return {
    app,
    start() {
      starting ??= (async () => {
        await digests.start();
        if (closing) return;
        await follows.start();
        // close() may have been called while the follows loaded.
        if (isClosing()) return;
        // The first fetches can take seconds each; commands answer meanwhile from what the library has.
        feeds.start().catch((error: unknown) => {
          logger.error({ err: error }, "starting the feeds failed");
        });
      })();
      return starting;
    },
    async close() {
      closing = true;
      watcher?.close();
      await Promise.all([digests.stop(), feeds.stop(), follows.stop()]);
      // A stop during start-up (a catch-up digest being posted) lets start-up finish giving up first, so
      // that nothing touches the database after it is closed.
      await starting?.catch(() => undefined);
      await library.close();
      quotes.close();
      await store.close();
    },
  };
}
