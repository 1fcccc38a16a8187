import type { CommandDefinition } from "../app/command.ts";
import type { Asker } from "./interaction-ports.ts";

/**
 * Why the asker may not use the command, or undefined when they may. Discord hides such commands already;
 * this is the check that holds when a server admin changed the defaults or a stale registration lingers.
 */
export function accessProblem(definition: CommandDefinition, asker: Asker): string | undefined {
  if (definition.dmPermission === false && asker.guildId === undefined) {
    return `\`/${definition.name}\` works only in a server, not in direct messages.`;
  }
  if (definition.defaultMemberPermissions === "ManageGuild" && !asker.canManageGuild) {
    return `\`/${definition.name}\` needs the Manage Server permission.`;
  }
  return undefined;
}
