import { UserError } from "../core/errors.ts";
import type { CommandContext, CommandDefinition } from "./command.ts";

/** A permission a command, subcommand or option value needs, and what it lets the asker do (for the refusal). */
export interface Requirement {
  permission: "ManageGuild";
  /** "change the digest schedule": completes "You need the Manage Server permission to …". */
  to: string;
}

/**
 * Why the asker may not run this command with these options, or undefined when they may: the command's
 * declared preconditions (server only, Manage Server) and those of the chosen subcommand. Checked in one
 * place for Discord and the console alike; Discord also hides such commands, but a server admin can change
 * that and a stale registration can linger.
 */
export function unmetPrecondition(
  definition: CommandDefinition,
  rawOptions: Record<string, unknown>,
  ctx: CommandContext,
): string | undefined {
  if (definition.dmPermission === false && ctx.guildId === undefined) {
    return `\`/${definition.name}\` works only in a server, not in direct messages.`;
  }
  if (definition.defaultMemberPermissions === "ManageGuild" && ctx.canManageGuild !== true) {
    return `\`/${definition.name}\` needs the Manage Server permission.`;
  }
  const subcommand = definition.subcommands?.find((candidate) => candidate.name === rawOptions.subcommand);
  if (subcommand?.requires && !meets(ctx, subcommand.requires)) return refusal(subcommand.requires);
  return undefined;
}

/** For a requirement that depends on an option's value (`/digest now post:true`): throws the refusal. */
export function requirePermission(ctx: CommandContext, requirement: Requirement): void {
  if (!meets(ctx, requirement)) throw new UserError("missing-permission", refusal(requirement));
}

/** Manage Server is the one permission commands need so far; a second one would be checked here. */
function meets(ctx: CommandContext, requirement: Requirement): boolean {
  const permissions: Record<Requirement["permission"], boolean> = {
    ManageGuild: ctx.canManageGuild === true,
  };
  return permissions[requirement.permission];
}

function refusal(requirement: Requirement): string {
  return `You need the Manage Server permission to ${requirement.to}.`;
}
