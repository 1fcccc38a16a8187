import type { Choice, Command, CommandContext } from "../app/command.ts";
import type { AppContext } from "../app/context.ts";
import { replyForError, runCommand, userErrorReply } from "../app/dispatch.ts";
import type { Reply } from "../core/reply.ts";
import { unmetPrecondition } from "../app/preconditions.ts";
import { cutText } from "./cut-text.ts";
import type {
  Asker,
  AutocompleteInteractionPort,
  ButtonInteractionPort,
  CommandInteractionPort,
  InteractionPort,
} from "./interaction-ports.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import { PageButtonCodec, type PageOptions } from "./page-buttons.ts";
import { renderReplyPage, type RenderedMessage } from "./render.ts";
import { EventLoopTurns } from "./turns.ts";

export interface RouterOptions {
  app: AppContext;
  commands: readonly Command[];
  /** Discord drops interactions not answered within 3 s; slower answers are deferred after this long. */
  deferAfterMs?: number;
  /** Autocomplete cannot be deferred: suggestions not ready by then are answered with none. */
  autocompleteTimeoutMs?: number;
  codec?: PageButtonCodec;
  /** Milliseconds on a monotonic clock, for how long an interaction has waited; tests pass a fake. */
  now?: () => number;
}

const DEFAULT_DEFER_AFTER_MS = 1_500;
const DEFAULT_AUTOCOMPLETE_TIMEOUT_MS = 2_000;
const LATE = Symbol("late");

const EXPIRED_BUTTON = (command: string) =>
  `These page buttons have expired (the bot restarted or forgot them). Run \`/${command}\` again.`;
const UNKNOWN_BUTTON = "This button no longer does anything. Run the command again.";
const RESULTS_CHANGED = "The results changed since these buttons were made; this is now the last page.";
const SHUTTING_DOWN = "Newsdesk is restarting. Please try again in a moment.";

/** Where one delivery goes: the first answer, the deferral, and the answer after a deferral. */
interface Delivery {
  answer(message: RenderedMessage): Promise<void>;
  defer(): Promise<void>;
  answerLate(message: RenderedMessage): Promise<void>;
}

/**
 * Answers every interaction Newsdesk receives: slash commands, autocomplete and page buttons. It never
 * throws: user errors become ephemeral replies, anything else is logged with the interaction's context
 * and gets the generic reply, and failures to answer at all are logged.
 */
export class InteractionRouter {
  readonly #app: AppContext;
  readonly #commands: ReadonlyMap<string, Command>;
  readonly #codec: PageButtonCodec;
  readonly #deferAfterMs: number;
  readonly #autocompleteTimeoutMs: number;
  readonly #inFlight = new Set<Promise<void>>();
  /** Commands start one per event-loop iteration, and not while deferrals are on their way. */
  readonly #turns = new EventLoopTurns();
  /**
   * Autocomplete takes turns of its own. Suggestions are computed synchronously: a flood of them started at
   * once ran back to back before any timer could fire, so the deadline never answered and most came late.
   */
  readonly #suggestionTurns = new EventLoopTurns();
  readonly #now: () => number;
  #closing = false;

  constructor(options: RouterOptions) {
    this.#app = options.app;
    this.#commands = new Map(options.commands.map((command) => [command.definition.name, command]));
    this.#codec = options.codec ?? new PageButtonCodec();
    this.#deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
    this.#autocompleteTimeoutMs = options.autocompleteTimeoutMs ?? DEFAULT_AUTOCOMPLETE_TIMEOUT_MS;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Handles one interaction to the end; resolves when it has been answered (or answering failed). */
  handle(interaction: InteractionPort): Promise<void> {
    const work = this.#route(interaction).catch((error: unknown) => {
      this.#app.logger.error({ err: error, ...describe(interaction) }, "interaction failed");
    });
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
    return work;
  }

  /** Interactions still being answered. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Stops taking new work (new interactions get a short "restarting" answer) and waits for what is running. */
  async close(): Promise<void> {
    this.#closing = true;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async #route(interaction: InteractionPort): Promise<void> {
    if (this.#closing && interaction.kind !== "autocomplete") {
      await interaction.reply(renderReplyPage(userErrorReply(SHUTTING_DOWN), 0));
      return;
    }
    switch (interaction.kind) {
      case "command":
        return this.#command(interaction);
      case "button":
        return this.#button(interaction);
      case "autocomplete":
        return this.#autocomplete(interaction);
    }
  }

  async #command(interaction: CommandInteractionPort): Promise<void> {
    const { commandName, options } = interaction;
    const work = this.#render(interaction, commandName, pageOptions(options), 0);
    await this.#deliver(work, {
      answer: (message) => interaction.reply(message),
      defer: () => interaction.defer(),
      // A deferral is public; an ephemeral answer cannot replace it, so it follows up and removes it.
      answerLate: async (message) => {
        if (!message.ephemeral) return interaction.editReply(message);
        await interaction.followUp(message);
        await interaction.deleteReply();
      },
    });
  }

  async #button(interaction: ButtonInteractionPort): Promise<void> {
    const decoded = this.#codec.decode(interaction.customId);
    if (decoded.kind !== "page") {
      const text = decoded.kind === "expired" ? EXPIRED_BUTTON(decoded.command) : UNKNOWN_BUTTON;
      await interaction.reply(renderReplyPage(userErrorReply(text), 0));
      return;
    }
    const { command, options, page } = decoded.request;
    const work = this.#render(interaction, command, options, page);
    await this.#deliver(work, {
      answer: (message) => (message.ephemeral ? interaction.reply(message) : interaction.update(message)),
      defer: () => interaction.deferUpdate(),
      answerLate: (message) =>
        message.ephemeral ? interaction.followUp(message) : interaction.editReply(message),
    });
  }

  async #autocomplete(interaction: AutocompleteInteractionPort): Promise<void> {
    const command = this.#commands.get(interaction.commandName);
    let choices: Choice[] = [];
    if (command?.autocomplete && !unmetPrecondition(command.definition, {}, this.#context(interaction))) {
      const arrived = this.#now();
      await this.#suggestionTurns.next();
      const left = this.#autocompleteTimeoutMs - (this.#now() - arrived);
      if (left <= 0) {
        // Its turn came too late to compute anything in time: the answer that is ready now is none.
        this.#app.logger.debug(
          describe(interaction),
          "autocomplete waited too long; answered with no choices",
        );
        await interaction.respond([]);
        return;
      }
      const { name, value } = interaction.focused;
      const suggestions = Promise.resolve().then(() =>
        command.autocomplete?.(name, value, this.#context(interaction)),
      );
      try {
        const result = await withDeadline(suggestions, left);
        if (result === LATE) {
          this.#app.logger.warn(describe(interaction), "autocomplete too slow; answered with no choices");
        } else {
          choices = fitChoices(result ?? []);
        }
      } catch (error) {
        this.#app.logger.error({ err: error, ...describe(interaction) }, "autocomplete failed");
      }
    }
    await interaction.respond(choices);
  }

  /** Runs the command and renders the wanted page; never rejects. */
  async #render(
    asker: Asker,
    commandName: string,
    options: PageOptions,
    page: number,
  ): Promise<RenderedMessage> {
    const ctx = this.#context(asker);
    // Waiting for the turn counts toward the deferral deadline, which is what keeps a queued one in time.
    await this.#turns.next();
    try {
      const reply = await this.#reply(asker, commandName, options, ctx);
      const notice = page >= reply.pages.length && page > 0 ? RESULTS_CHANGED : undefined;
      const links = (target: number) => this.#codec.encode({ command: commandName, options, page: target });
      return renderReplyPage(reply, page, notice ? { links, notice } : { links });
    } catch (error) {
      const reply = replyForError(error, ctx, { command: commandName, options, interactionId: asker.id });
      return renderReplyPage(reply, 0);
    }
  }

  /** The shared dispatch path, with the interaction's id in the log of an internal failure. */
  async #reply(asker: Asker, commandName: string, options: PageOptions, ctx: CommandContext): Promise<Reply> {
    const command = this.#commands.get(commandName);
    if (!command) return userErrorReply(`Unknown command \`/${commandName}\`; it may have been removed.`);
    return runCommand(command, options, ctx, { interactionId: asker.id });
  }

  async #deliver(work: Promise<RenderedMessage>, delivery: Delivery): Promise<void> {
    const first = await withDeadline(work, this.#deferAfterMs);
    if (first !== LATE) return delivery.answer(first);
    // Acknowledging in time comes before starting more work.
    const deferral = delivery.defer();
    this.#turns.hold(deferral);
    await deferral;
    await delivery.answerLate(await work);
  }

  #context(asker: Asker): CommandContext {
    const ctx: CommandContext = {
      app: this.#app,
      userId: asker.userId,
      canManageGuild: asker.canManageGuild,
    };
    if (asker.guildId !== undefined) ctx.guildId = asker.guildId;
    if (asker.channelId !== undefined) ctx.channelId = asker.channelId;
    return ctx;
  }
}

/** The value, or LATE when it is not ready within `ms`. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => {
      resolve(LATE);
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the options a button can carry: Discord sends only strings, numbers and booleans. */
function pageOptions(options: Record<string, unknown>): PageOptions {
  const kept: PageOptions = {};
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      kept[name] = value;
  }
  return kept;
}

/** At most 25 choices; names are shortened, values that do not fit are left out since a cut value is wrong. */
function fitChoices(choices: readonly Choice[]): Choice[] {
  return choices
    .filter((choice) => choice.value.length > 0 && choice.value.length <= DISCORD_LIMITS.choiceValue)
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((choice) => ({
      name: cutText(choice.name, DISCORD_LIMITS.choiceName) || choice.value,
      value: choice.value,
    }));
}

function describe(interaction: InteractionPort): Record<string, unknown> {
  return {
    interactionId: interaction.id,
    kind: interaction.kind,
    command: interaction.kind === "button" ? interaction.customId : interaction.commandName,
    guildId: interaction.guildId,
    userId: interaction.userId,
  };
}
