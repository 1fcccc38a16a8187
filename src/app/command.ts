import type { z } from "zod";
import { UserError } from "../core/errors.ts";
import { parsePlain } from "../core/text/zod-issues.ts";
import type { Reply } from "../core/reply.ts";
import type { AppContext } from "./context.ts";
import type { Requirement } from "./preconditions.ts";

/** The option types Newsdesk uses; each maps to one Discord application-command option type. */
export type OptionType = "string" | "integer" | "boolean" | "channel" | "role";

export interface OptionDefinition {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** Values are suggested as the user types (Discord autocomplete; the console ignores it). */
  autocomplete?: boolean;
  choices?: readonly { name: string; value: string }[];
  maxLength?: number;
}

/** One subcommand (`/digest schedule …`); its options arrive beside `subcommand: "<name>"`. */
export interface SubcommandDefinition {
  name: string;
  description: string;
  options: readonly OptionDefinition[];
  /** What the asker needs to run it; the dispatcher refuses others (see `unmetPrecondition`). */
  requires?: Requirement;
}

/** A slash command as Discord and the console both see it: plain data, no discord.js types. */
export interface CommandDefinition {
  name: string;
  description: string;
  /** The command's options; empty when it has subcommands. */
  options: readonly OptionDefinition[];
  /** When present, the command is only used through one of these, and raw options carry `subcommand`. */
  subcommands?: readonly SubcommandDefinition[];
  /** Hidden from members without this permission by default (server admins can change that on Discord). */
  defaultMemberPermissions?: "ManageGuild";
  /** False for commands that only make sense in a server. Defaults to true. */
  dmPermission?: boolean;
}

/** Who is asking and where; the platform fills it in, commands only read it. */
export interface CommandContext {
  app: AppContext;
  guildId?: string;
  userId?: string;
  channelId?: string;
  /** Whether the asker may change server settings (Discord's Manage Server); the local console's operator may. */
  canManageGuild?: boolean;
}

export interface Choice {
  /** What the list shows. */
  name: string;
  /** What the command receives when the choice is picked (often an id). */
  value: string;
  /** What a person would type for it (a plain name or title): the console's tab completion inserts this. */
  typed?: string;
}

export interface CommandSpec<Input extends z.ZodType> {
  definition: CommandDefinition;
  /** Validates the raw options (strings from the console, typed values from Discord). */
  input: Input;
  run(input: z.output<Input>, ctx: CommandContext): Promise<Reply> | Reply;
  autocomplete?(option: string, typed: string, ctx: CommandContext): Promise<Choice[]> | Choice[];
}

/** A command with its input type erased, so that routers can hold a list of them. */
export interface Command {
  definition: CommandDefinition;
  /** Validates raw options, then runs; bad options become a UserError that names each one. */
  execute(rawOptions: Record<string, unknown>, ctx: CommandContext): Promise<Reply>;
  autocomplete?(option: string, typed: string, ctx: CommandContext): Promise<Choice[]> | Choice[];
}

export function defineCommand<Input extends z.ZodType>(
  spec: CommandSpec<Input>,
): Command & CommandSpec<Input> {
  return {
    ...spec,
    async execute(rawOptions, ctx) {
      const parsed = parsePlain(spec.input, rawOptions, { name: (option) => `\`${option}\`` });
      if (!parsed.ok) throw new UserError("bad-option", parsed.reason.join("\n"));
      return spec.run(parsed.value, ctx);
    },
  };
}
