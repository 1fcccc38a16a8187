import { once } from "node:events";
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from "discord.js";
import type { Config } from "../app/config.ts";
import type { Logger } from "../app/logger.ts";
import { restApiBase } from "./client.ts";

export { configEnvironment, isShardProcess } from "./shard-env.ts";

/** How long a shard gets to finish its replies after SIGTERM before the manager stops waiting. */
const SHARD_EXIT_GRACE_MS = 20_000;

export interface ShardManagerOptions {
  config: Config;
  logger: Logger;
  /** The script each shard runs: the bot's entry point, which calls startBot when `isShardProcess`. */
  entryFile: string;
  /** Node flags for the shard processes; TypeScript entry files need tsx. */
  execArgv?: string[];
}

export interface RunningShards {
  manager: ShardingManager;
  /** Sends SIGTERM to every shard (each finishes its replies) and waits for them to exit. */
  shutdown(): Promise<void>;
}

/**
 * Runs the bot as several shard processes under discord.js's ShardingManager. With SHARDS=auto the count is
 * Discord's recommendation, asked of DISCORD_API_URL when set (discord.js would ask discord.com).
 */
export async function startShards(options: ShardManagerOptions): Promise<RunningShards> {
  const { config, logger } = options;
  if (!config.discordToken) throw new Error("DISCORD_TOKEN is not set");
  if (config.shards === undefined) throw new Error("SHARDS is not set");
  const totalShards = config.shards === "auto" ? await recommendedShards(config) : config.shards;
  const manager = new ShardingManager(options.entryFile, {
    token: config.discordToken,
    totalShards,
    mode: "process",
    respawn: true,
    execArgv: options.execArgv ?? ["--import", "tsx"],
  });
  manager.on("shardCreate", (shard) => {
    logger.info({ shardId: shard.id, totalShards }, "shard started");
    shard.on("death", () => {
      logger.warn({ shardId: shard.id }, "shard process exited");
    });
  });
  await manager.spawn({ amount: totalShards });

  const shutdown = async () => {
    await Promise.all(
      manager.shards.map(async (shard) => {
        const child = shard.process;
        if (child?.exitCode !== null) return;
        const exited = once(child, "exit");
        shard.kill();
        await Promise.race([
          exited,
          new Promise((resolve) => setTimeout(resolve, SHARD_EXIT_GRACE_MS).unref()),
        ]);
      }),
    );
  };
  return { manager, shutdown };
}

async function recommendedShards(config: Config): Promise<number> {
  const rest = new REST(config.discordApiUrl ? { api: restApiBase(config.discordApiUrl) } : {}).setToken(
    config.discordToken ?? "",
  );
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}
