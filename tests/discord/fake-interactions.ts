import type { Choice } from "../../src/app/command.ts";
import type {
  Asker,
  AutocompleteInteractionPort,
  ButtonInteractionPort,
  CommandInteractionPort,
} from "../../src/discord/interaction-ports.ts";
import type { RenderedMessage } from "../../src/discord/render.ts";

/** One call the router made on an interaction, in order. */
export interface Call {
  method: string;
  message?: RenderedMessage;
  choices?: readonly Choice[];
}

const asker: Asker = { id: "i-1", userId: "u-1", guildId: "g-1", channelId: "c-1", canManageGuild: false };

function recorder(failOn?: string) {
  const calls: Call[] = [];
  const record =
    (method: string) =>
    (message?: RenderedMessage): Promise<void> => {
      calls.push(message ? { method, message } : { method });
      return method === failOn
        ? Promise.reject(new Error(`${method} failed: Unknown interaction`))
        : Promise.resolve();
    };
  return { calls, record };
}

export function commandInteraction(
  commandName: string,
  options: Record<string, unknown>,
  overrides: Partial<Asker> & { failOn?: string; inDirectMessage?: boolean } = {},
): { interaction: CommandInteractionPort; calls: Call[] } {
  const { failOn, inDirectMessage, ...who } = overrides;
  const { calls, record } = recorder(failOn);
  const { guildId, ...anywhere } = asker;
  const interaction: CommandInteractionPort = {
    ...anywhere,
    ...(inDirectMessage ? {} : { guildId }),
    ...who,
    kind: "command",
    commandName,
    options,
    reply: record("reply"),
    defer: record("defer"),
    editReply: record("editReply"),
    followUp: record("followUp"),
    deleteReply: record("deleteReply"),
  };
  return { interaction, calls };
}

export function buttonInteraction(customId: string, overrides: Partial<Asker> = {}) {
  const { calls, record } = recorder();
  const interaction: ButtonInteractionPort = {
    ...asker,
    ...overrides,
    kind: "button",
    customId,
    update: record("update"),
    deferUpdate: record("deferUpdate"),
    editReply: record("editReply"),
    reply: record("reply"),
    followUp: record("followUp"),
  };
  return { interaction, calls };
}

export function autocompleteInteraction(commandName: string, name: string, value: string) {
  const calls: Call[] = [];
  const interaction: AutocompleteInteractionPort = {
    ...asker,
    kind: "autocomplete",
    commandName,
    focused: { name, value },
    respond(choices) {
      calls.push({ method: "respond", choices });
      return Promise.resolve();
    },
  };
  return { interaction, calls };
}

/** The custom id of a button on a rendered message, by label. */
export function buttonId(message: RenderedMessage | undefined, label: string): string {
  const found = message?.components
    .flatMap((row) => row.components)
    .find((b) => "label" in b && b.label === label);
  if (!found || !("custom_id" in found)) throw new Error(`no ${label} button`);
  return found.custom_id;
}
