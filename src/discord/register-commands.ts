import { REST, Routes, type RESTGetCurrentApplicationResult } from "discord.js";
import type { CommandDefinition } from "../app/command.ts";
import { restApiBase } from "./client.ts";
import { applicationCommandJson } from "./command-json.ts";

export interface RegisterOptions {
  token: string;
  /** Another Discord-compatible server, as DISCORD_API_URL. */
  discordApiUrl?: string;
  /** Register in this server only (takes effect at once) instead of globally (may take up to an hour). */
  guildId?: string;
  definitions: readonly CommandDefinition[];
}

export interface RegisterResult {
  applicationId: string;
  scope: "guild" | "global";
  registered: string[];
}

/**
 * Replaces the bot's registered slash commands with these in one bulk overwrite, which makes running it
 * again harmless: commands no longer defined disappear, the rest are updated in place.
 */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST(options.discordApiUrl ? { api: restApiBase(options.discordApiUrl) } : {}).setToken(
    options.token,
  );
  const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const body = options.definitions.map(applicationCommandJson);
  const route = options.guildId
    ? Routes.applicationGuildCommands(application.id, options.guildId)
    : Routes.applicationCommands(application.id);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  return {
    applicationId: application.id,
    scope: options.guildId ? "guild" : "global",
    registered: registered.map((command) => command.name),
  };
}
