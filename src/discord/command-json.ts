import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDefinition, OptionDefinition, OptionType } from "../app/command.ts";
import { cutText } from "./cut-text.ts";

const OPTION_TYPES: Record<OptionType, ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  channel: ApplicationCommandOptionType.Channel,
  role: ApplicationCommandOptionType.Role,
};

const PERMISSIONS: Record<NonNullable<CommandDefinition["defaultMemberPermissions"]>, bigint> = {
  ManageGuild: PermissionFlagsBits.ManageGuild,
};

const DESCRIPTION_LIMIT = 100;

/** A command definition as the JSON Discord's bulk registration takes. */
export function applicationCommandJson(
  definition: CommandDefinition,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const usableInDms = definition.dmPermission !== false;
  const json: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: cutText(definition.description, DESCRIPTION_LIMIT),
    options: definition.subcommands
      ? definition.subcommands.map(subcommandJson)
      : requiredFirst(definition.options).map(optionJson),
    contexts: usableInDms
      ? [InteractionContextType.Guild, InteractionContextType.BotDM]
      : [InteractionContextType.Guild],
    default_member_permissions: definition.defaultMemberPermissions
      ? PERMISSIONS[definition.defaultMemberPermissions].toString()
      : null,
  };
  return json;
}

function subcommandJson(
  subcommand: NonNullable<CommandDefinition["subcommands"]>[number],
): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: subcommand.name,
    description: cutText(subcommand.description, DESCRIPTION_LIMIT),
    options: requiredFirst(subcommand.options).map(optionJson),
  };
}

/** Discord rejects a required option after an optional one; options are matched by name, so order is free. */
function requiredFirst(options: readonly OptionDefinition[]): OptionDefinition[] {
  return [...options.filter((option) => option.required), ...options.filter((option) => !option.required)];
}

function optionJson(option: OptionDefinition): APIApplicationCommandBasicOption {
  const json: Record<string, unknown> = {
    type: OPTION_TYPES[option.type],
    name: option.name,
    description: cutText(option.description, DESCRIPTION_LIMIT),
    required: option.required === true,
  };
  // Discord refuses choices together with autocomplete; autocomplete wins since it suggests more.
  if (option.autocomplete) json.autocomplete = true;
  else if (option.choices)
    json.choices = option.choices.map(({ name, value }) => ({
      name,
      // Integer options need number choices; the command model keeps every choice value as text.
      value: option.type === "integer" ? Number(value) : value,
    }));
  if (option.maxLength !== undefined && option.type === "string") json.max_length = option.maxLength;
  return json as unknown as APIApplicationCommandBasicOption;
}
