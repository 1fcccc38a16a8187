import type { Choice } from "../app/command.ts";
import type { RenderedMessage } from "./render.ts";

/**
 * The router's view of Discord interactions: only what it needs, so that it can be tested without a
 * gateway. `client.ts` adapts discord.js interactions to these.
 */
export interface Asker {
  /** The interaction's id, for logs. */
  id: string;
  userId: string;
  guildId?: string;
  channelId?: string;
  /** Whether the asker has Manage Server in this server; false in DMs. */
  canManageGuild: boolean;
}

/** Answers to a slash command: a first reply within 3 seconds, or a deferral and a later edit. */
export interface CommandInteractionPort extends Asker {
  kind: "command";
  commandName: string;
  /** Options by name; with a subcommand, its name is under `subcommand`. */
  options: Record<string, unknown>;
  reply(message: RenderedMessage): Promise<void>;
  /** Shows "thinking…" (public) so that the answer may take up to 15 minutes. */
  defer(): Promise<void>;
  editReply(message: RenderedMessage): Promise<void>;
  followUp(message: RenderedMessage): Promise<void>;
  deleteReply(): Promise<void>;
}

/** A click on one of our buttons; `update` replaces the message the button is on. */
export interface ButtonInteractionPort extends Asker {
  kind: "button";
  customId: string;
  update(message: RenderedMessage): Promise<void>;
  deferUpdate(): Promise<void>;
  editReply(message: RenderedMessage): Promise<void>;
  reply(message: RenderedMessage): Promise<void>;
  followUp(message: RenderedMessage): Promise<void>;
}

export interface AutocompleteInteractionPort extends Asker {
  kind: "autocomplete";
  commandName: string;
  /** The option being typed and what is typed so far. */
  focused: { name: string; value: string };
  respond(choices: readonly Choice[]): Promise<void>;
}

export type InteractionPort = CommandInteractionPort | ButtonInteractionPort | AutocompleteInteractionPort;
