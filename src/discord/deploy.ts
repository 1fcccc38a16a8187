import { existsSync } from "node:fs";
import { commands } from "../../commands/index.ts";
import { loadConfig } from "../app/config.ts";
import { createLogger } from "../app/logger.ts";
import { registerCommands } from "./register-commands.ts";

/** `npm run deploy-commands`: registers every command for GUILD_ID when set, else globally. */
async function deploy(): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`Invalid configuration:\n${loaded.reason.map((line) => `  ${line}\n`).join("")}`);
    return 1;
  }
  const config = loaded.value;
  const logger = createLogger({ level: config.logLevel, pretty: config.logFormat !== "json" });
  if (!config.discordToken) {
    logger.error("DISCORD_TOKEN is not set; it is needed to register commands");
    return 1;
  }
  const result = await registerCommands({
    token: config.discordToken,
    definitions: commands.map((command) => command.definition),
    ...(config.discordApiUrl ? { discordApiUrl: config.discordApiUrl } : {}),
    ...(config.guildId ? { guildId: config.guildId } : {}),
  });
  logger.info(
    { ...result, ...(config.guildId ? { guildId: config.guildId } : {}) },
    result.scope === "guild"
      ? "commands registered in the server"
      : "commands registered globally (Discord may take up to an hour to show changes)",
  );
  return 0;
}

deploy().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Registering commands failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
