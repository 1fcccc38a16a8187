import type { Clock } from "../core/clock.ts";
import type { DigestPoster } from "../core/digest/poster.ts";
import { openDataStore } from "../store/db.ts";
import type { Config } from "./config.ts";
import type { AppContext } from "./context.ts";
import { DigestService } from "./digests.ts";
import { Library } from "./library.ts";
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
  /** Which servers' digest schedules this process runs (a shard's servers; the console's own). */
  servesGuild?: (guildId: string) => boolean;
  scheduler?: Scheduler;
}

export interface RunningApp {
  /** Everything is open; digest schedules start with `app.digests.start()` once the poster can post. */
  app: AppContext & Required<Pick<AppContext, "store" | "digests" | "quotes">>;
  /** Stops the watcher and the schedules, waits for digest posts under way, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens everything a platform (the Discord bot or the local console) runs on: the library and its folder
 * watcher, the database, and the digest service. The one place where the services are put together.
 */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { config, logger, clock } = options;
  const library = await Library.open({
    articlesDir: config.articlesDir,
    dataDir: config.dataDir,
    maxFileBytes: config.maxFileBytes,
    clock,
    logger,
    derivers: [quotesDeriver, summaryDeriver],
  });
  const quotes = new QuoteService(library);
  const watcher = config.watchArticles
    ? watchArticles({ dir: config.articlesDir, library, logger })
    : undefined;
  const store = openDataStore(config.dataDir, { clock });
  const digests = new DigestService({
    store,
    library,
    clock,
    logger,
    scheduler: options.scheduler ?? new CronScheduler(logger),
    poster: options.poster,
    graceHours: config.digestGraceHours,
    ...(options.servesGuild && { servesGuild: options.servesGuild }),
  });
  const app = { config, clock, logger, library, store, digests, quotes };
  return {
    app,
    async close() {
      watcher?.close();
      await digests.stop();
      quotes.close();
      store.close();
    },
  };
}
