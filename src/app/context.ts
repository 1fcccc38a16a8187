import type { Clock } from "../core/clock.ts";
import type { Store } from "../store/db.ts";
import type { Config } from "./config.ts";
import type { DigestService } from "./digests.ts";
import type { FeedService } from "./feeds.ts";
import type { FollowService } from "./follows.ts";
import type { Library } from "./library.ts";
import type { Logger } from "./logger.ts";
import type { QuoteService } from "./quotes.ts";

/** Everything a command or service needs, passed as an argument so that tests build their own. */
export interface AppContext {
  config: Config;
  clock: Clock;
  logger: Logger;
  library: Library;
  /** The store (SQLite, or PostgreSQL with DATABASE_URL); absent where nothing is persisted. */
  store?: Store;
  /** Daily digests; absent when not running (commands say so). */
  digests?: DigestService;
  /** Quotes by speaker; absent when not running (commands say so). */
  quotes?: QuoteService;
  /** RSS/Atom/JSON feeds; absent when not running (commands say so). */
  feeds?: FeedService;
  /** Live alerts (`/follow`); absent when not running (commands say so). */
  follows?: FollowService;
}
