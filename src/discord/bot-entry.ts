import { fileURLToPath } from "node:url";
import { commands } from "../../commands/index.ts";
import { startApp } from "../app/bootstrap.ts";
import type { Config } from "../app/config.ts";
import { createLogger, type Logger } from "../app/logger.ts";
import { warmCharts } from "../charts/line-chart.ts";
import { systemClock } from "../core/clock.ts";
import { createDiscordClient, startBot } from "./client.ts";
import { DiscordDigestPoster, guildsOf } from "./digest-poster.ts";
import { isShardProcess } from "./shard-env.ts";
import { startShards } from "./sharding.ts";

/**
 * `npm start` with DISCORD_TOKEN: the shard manager when SHARDS asks for shards (each shard runs
 * `entryUrl`, the entry point, again), else the bot in this process. Resolves with the exit code.
 */
export async function runDiscord(config: Config, entryUrl: string): Promise<number> {
  const logger = createLogger({ level: config.logLevel, pretty: config.logFormat === "pretty" });
  if (config.shards !== undefined && !isShardProcess(process.env))
    return runShardManager(config, logger, fileURLToPath(entryUrl));
  return runBot(config, logger);
}

async function runBot(config: Config, logger: Logger): Promise<number> {
  // Listening first: a stop that arrives while the index loads, the client logs in or a missed digest is
  // caught up must end the process cleanly too, not kill it mid-post.
  const stop = listenForStop();
  // The client is made before the app so that digests can post through it; it logs in in startBot.
  // In a shard process discord.js reads the shard ids from the environment by itself.
  const client = createDiscordClient(config);
  const running = await startApp({
    config,
    logger,
    clock: systemClock,
    poster: new DiscordDigestPoster(client),
    // A shard runs the digests and polls the feeds of the servers it holds; a single process, all of them.
    ...(isShardProcess(process.env) && { servesGuild: guildsOf(client) }),
  });
  try {
    if (stop.received !== undefined) return stopping(logger, stop.received);
    // Loaded now rather than at the first /trends, whose answer would wait for it.
    warmCharts();
    const bot = await startBot(running.app, commands, { client });
    try {
      // The catch-up post runs inside start(); a stop meanwhile shuts down at once and the post gives up.
      await Promise.race([running.start(), stop.signal]);
      stopping(logger, await stop.signal);
    } finally {
      await bot.shutdown();
    }
  } finally {
    await running.close();
  }
  return 0;
}

async function runShardManager(config: Config, logger: Logger, entryFile: string): Promise<number> {
  const stop = listenForStop();
  const shards = await startShards({ config, logger, entryFile });
  logger.info({ signal: await stop.signal }, "stopping shards");
  await shards.shutdown();
  return 0;
}

function stopping(logger: Logger, signal: NodeJS.Signals): number {
  logger.info({ signal }, "shutting down");
  return 0;
}

/** SIGINT or SIGTERM, from the moment this is called: `received` says whether one came already. */
function listenForStop(): { signal: Promise<NodeJS.Signals>; readonly received: NodeJS.Signals | undefined } {
  let received: NodeJS.Signals | undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    const on = (name: NodeJS.Signals) => () => {
      received = name;
      resolve(name);
    };
    process.once("SIGINT", on("SIGINT"));
    process.once("SIGTERM", on("SIGTERM"));
  });
  return {
    signal,
    get received() {
      return received;
    },
  };
}
