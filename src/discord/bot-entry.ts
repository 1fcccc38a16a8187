import { commands } from "../../commands/index.ts";
import { startApp } from "../app/bootstrap.ts";
import type { Config } from "../app/config.ts";
import { createLogger, type Logger } from "../app/logger.ts";
import { warmCharts } from "../charts/line-chart.ts";
import { systemClock } from "../core/clock.ts";
import { createDiscordClient, startBot } from "./client.ts";
import { planServesGuild } from "../core/shards.ts";
import { DiscordDigestPoster } from "./digest-poster.ts";
import { DiscordAlertPoster } from "./follow-poster.ts";

/**
 * `npm start` with DISCORD_TOKEN: the bot, with all of this host's shards in this process. Resolves with the
 * exit code.
 */
export async function runDiscord(config: Config): Promise<number> {
  const logger = createLogger({ level: config.logLevel, pretty: config.logFormat === "pretty" });
  return runBot(config, logger);
}

async function runBot(config: Config, logger: Logger): Promise<number> {
  // Listening first: a stop that arrives while the index loads, the client logs in or a missed digest is
  // caught up must end the process cleanly too, not kill it mid-post.
  const stop = listenForStop();
  // The client is made before the app so that digests can post through it; it logs in in startBot, when
  // the store it paces identifies through is open.
  const { shards } = config;
  const client = createDiscordClient(config, {
    ...(shards && { shards }),
    // Asked for at login (startBot, below), once `running` exists.
    identifyBuckets: () => running.app.store.identifyBuckets,
  });
  const running = await startApp({
    config,
    logger,
    clock: systemClock,
    poster: new DiscordDigestPoster(client),
    alertPoster: new DiscordAlertPoster(client),
    // A host runs the digests and follows of the servers on its shards (Discord's own rule says which),
    // known before the gateway lists them; with every shard, or one, all of them.
    ...(shards &&
      shards !== "auto" && { servesGuild: (guildId: string) => planServesGuild(shards, guildId) }),
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
