import type { Clock } from "../core/clock.ts";
import type { Config } from "./config.ts";
import type { Library } from "./library.ts";
import type { Logger } from "./logger.ts";

/** Everything a command or service needs, passed as an argument so that tests build their own. */
export interface AppContext {
  config: Config;
  clock: Clock;
  logger: Logger;
  library: Library;
}
