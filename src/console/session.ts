import type { Command, CommandContext, CommandDefinition } from "../app/command.ts";
import { replyForError, runCommand, userErrorReply } from "../app/dispatch.ts";
import type { Reply, ReplyImage } from "../core/reply.ts";
import { parseCommandLine } from "./parse-line.ts";
import { renderPage, type TextStyle } from "./render.ts";

export interface ConsoleSessionOptions {
  ctx: CommandContext;
  commands: readonly Command[];
  /** Print each Reply as one JSON line instead of text. */
  json: boolean;
  style: TextStyle;
  /** Saves a reply's picture (a chart) and says where; without it pictures are not saved. */
  saveImage?: (image: ReplyImage) => Promise<string>;
}

/** What one line did; `failed` marks an error reply (a user error or an internal failure). */
export type LineOutcome =
  { kind: "output"; text: string; failed: boolean } | { kind: "nothing" } | { kind: "exit" };

/**
 * The local console's brain, without any streams: one typed line in, the text to print out.
 * Commands run through the same dispatcher as on Discord, so replies and errors are the same.
 */
export class ConsoleSession {
  readonly #options: ConsoleSessionOptions;
  #lastReply: Reply | undefined;
  #page = 0;

  constructor(options: ConsoleSessionOptions) {
    this.#options = options;
  }

  async handleLine(line: string): Promise<LineOutcome> {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) return { kind: "nothing" };
    const word = text.toLowerCase();
    if (word === "exit" || word === "quit" || word === "/exit") return { kind: "exit" };
    if (word === "help" || word === "/help") return this.#show(this.#help());
    if (word === "next" || word === "prev") return this.#turnPage(word === "next" ? 1 : -1);

    const { ctx, commands } = this.#options;
    let parsed;
    try {
      parsed = parseCommandLine(
        text,
        commands.map((command) => command.definition),
      );
    } catch (error) {
      return this.#show(replyForError(error, ctx, { line: text }));
    }
    const command = commands.find((candidate) => candidate.definition.name === parsed.command);
    if (!command) return this.#show(userErrorReply(`Unknown command \`/${parsed.command}\`.`));
    return this.#show(await this.#saveImages(await runCommand(command, parsed.options, ctx)));
  }

  /** The reply with each page's picture saved and its path filled in; a picture that cannot be saved is said so. */
  async #saveImages(reply: Reply): Promise<Reply> {
    const save = this.#options.saveImage;
    if (save === undefined || !reply.pages.some((page) => page.image)) return reply;
    try {
      const pages = await Promise.all(
        reply.pages.map(async (page) =>
          page.image ? { ...page, image: { ...page.image, path: await save(page.image) } } : page,
        ),
      );
      return { ...reply, pages: pages as Reply["pages"] };
    } catch (error) {
      this.#options.ctx.app.logger.warn({ err: error }, "cannot save the reply's picture");
      return reply;
    }
  }

  #show(reply: Reply): LineOutcome {
    this.#lastReply = reply;
    this.#page = 0;
    return { kind: "output", text: this.#render(reply), failed: reply.tone === "error" };
  }

  #turnPage(step: number): LineOutcome {
    const reply = this.#lastReply;
    if (this.#options.json) {
      return this.#show(userErrorReply("With --json every reply already holds all of its pages."));
    }
    const target = this.#page + step;
    if (!reply || target < 0 || target >= reply.pages.length) {
      return { kind: "output", text: step > 0 ? "No next page." : "No previous page.", failed: false };
    }
    this.#page = target;
    return { kind: "output", text: renderPage(reply, target, this.#options.style), failed: false };
  }

  #render(reply: Reply): string {
    return this.#options.json
      ? JSON.stringify(reply, withoutBytes)
      : renderPage(reply, 0, this.#options.style);
  }

  #help(): Reply {
    const usage = (name: string, options: CommandDefinition["options"]) =>
      [
        name,
        ...options.map((option) => (option.required ? `${option.name}:<…>` : `[${option.name}:<…>]`)),
      ].join(" ");
    const fields = this.#options.commands.flatMap(({ definition }) =>
      (definition.subcommands ?? [definition]).map((entry) => ({
        name: usage(
          definition.subcommands ? `/${definition.name} ${entry.name}` : `/${definition.name}`,
          entry.options,
        ),
        value: entry.description,
      })),
    );
    fields.push(
      { name: "next, prev", value: "Turn the pages of the last reply" },
      { name: "exit", value: "Leave" },
    );
    return {
      pages: [{ title: "Newsdesk console", description: "The bot's slash commands, typed here.", fields }],
    };
  }
}

/** JSON leaves out picture bytes: a saved picture's path stands for them. */
function withoutBytes(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? undefined : value;
}
