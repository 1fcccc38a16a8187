import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type CommandInteractionOption,
  type Interaction,
} from "discord.js";
import type { Asker, InteractionPort } from "./interaction-ports.ts";
import { interactionEditOptions, interactionReplyOptions } from "./render.ts";

/**
 * The router's port for a discord.js interaction, or undefined for kinds Newsdesk does not use
 * (context menus, select menus, modals).
 */
export function adaptInteraction(interaction: Interaction): InteractionPort | undefined {
  const asker = askerOf(interaction);
  if (interaction.isChatInputCommand()) {
    return {
      ...asker,
      kind: "command",
      commandName: interaction.commandName,
      options: readOptions(interaction.options.data),
      reply: (message) => settled(interaction.reply(interactionReplyOptions(message))),
      defer: () => settled(interaction.deferReply()),
      editReply: (message) => settled(interaction.editReply(interactionEditOptions(message))),
      followUp: (message) => settled(interaction.followUp(interactionReplyOptions(message))),
      deleteReply: () => interaction.deleteReply(),
    };
  }
  if (interaction.isButton()) {
    return {
      ...asker,
      kind: "button",
      customId: interaction.customId,
      update: (message) => settled(interaction.update(interactionEditOptions(message))),
      deferUpdate: () => settled(interaction.deferUpdate()),
      editReply: (message) => settled(interaction.editReply(interactionEditOptions(message))),
      reply: (message) => settled(interaction.reply(interactionReplyOptions(message))),
      followUp: (message) => settled(interaction.followUp(interactionReplyOptions(message))),
    };
  }
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      ...asker,
      kind: "autocomplete",
      commandName: interaction.commandName,
      focused: { name: focused.name, value: focused.value },
      respond: (choices) => interaction.respond([...choices]),
    };
  }
  return undefined;
}

function askerOf(interaction: Interaction): Asker {
  const asker: Asker = {
    id: interaction.id,
    userId: interaction.user.id,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
  if (interaction.guildId) asker.guildId = interaction.guildId;
  if (interaction.channelId) asker.channelId = interaction.channelId;
  return asker;
}

/** Options by name as the command model wants them; a subcommand's name goes under `subcommand`. */
export function readOptions(data: readonly CommandInteractionOption[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const option of data) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      options.subcommand = option.name;
      Object.assign(options, readOptions(option.options ?? []));
    } else if (option.value !== undefined) {
      options[option.name] = option.value;
    }
  }
  return options;
}

/** Waits for a discord.js call and drops its result, which the router does not use. */
async function settled(call: Promise<unknown>): Promise<void> {
  await call;
}
