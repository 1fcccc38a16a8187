import { watch, type FSWatcher } from "node:fs";
import type { Library } from "./library.ts";
import type { Logger } from "./logger.ts";

export interface WatcherOptions {
  dir: string;
  library: Pick<Library, "refresh">;
  logger: Logger;
  /** Quiet time after the last event before the folder is rescanned; editors write in bursts. */
  debounceMs?: number;
  /** Rescan this often even without events: network and container file systems may send none. */
  pollMs?: number;
}

export interface ArticlesWatcher {
  close(): void;
}

/**
 * Keeps the library in step with the articles folder: file-system events (debounced) plus a slow poll
 * as a safety net. Each trigger runs one `library.refresh()`, which compares sizes and modification
 * times, so a missed or duplicate event costs nothing but a directory listing.
 */
export function watchArticles(options: WatcherOptions): ArticlesWatcher {
  const { dir, library, logger, debounceMs = 250, pollMs = 30_000 } = options;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const refresh = () => {
    timer = undefined;
    if (closed) return;
    library.refresh().catch((error: unknown) => {
      logger.error({ err: error, dir }, "refreshing the articles failed");
    });
  };
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, debounceMs);
  };

  let fsWatcher: FSWatcher | undefined;
  try {
    fsWatcher = watch(dir, { recursive: true, persistent: false }, schedule);
    fsWatcher.on("error", (error) => {
      logger.warn({ err: error, dir }, "file watching stopped; polling only");
      fsWatcher?.close();
    });
  } catch (error) {
    // A folder that does not exist yet was reported by the library; polling finds it once it is made.
    const missing = error instanceof Error && "code" in error && error.code === "ENOENT";
    if (missing) logger.debug({ dir }, "articles folder missing; polling only");
    else logger.warn({ err: error, dir }, "cannot watch the articles folder; polling only");
  }
  const poll = setInterval(schedule, pollMs);
  poll.unref();

  return {
    close() {
      closed = true;
      fsWatcher?.close();
      clearInterval(poll);
      if (timer) clearTimeout(timer);
    },
  };
}
