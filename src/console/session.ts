import type { Command, CommandContext, CommandDefinition } from "../app/command.ts";
import { replyForError, runCommand, userErrorReply } from "../app/dispatch.ts";
import type { Reply, ReplyImage } from "../core/reply.ts";
import { parseCommandLine } from "./parse-line.ts";
import { renderAllPages, renderPage, type TextStyle } from "./render.ts";

export interface ConsoleSessionOptions {
  ctx: CommandContext;
  commands: readonly Command[];
  /** Print each Reply as one JSON line instead of text. */
  json: boolean;
  style: TextStyle;
  /** Print every page of a reply at once (piped input: nobody is there to type "next"). */
  allPages?: boolean;
  /** Saves a reply's picture (a chart) and says where; without it pictures are not saved. */
  saveImage?: (image: ReplyImage) => Promise<string>;
}

/** What Tab offers: replacements for the `fragment` at the end of the line. */
export interface Completion {
  fragment: string;
  candidates: string[];
}

/** Words the console knows besides the commands. */
const CONSOLE_WORDS = ["help", "next", "prev", "exit"];

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
    const helpFor = /^\/?help(?:\s+\/?([\w-]+))?$/i.exec(text);
    if (helpFor) return this.#show(this.#help(helpFor[1]?.toLowerCase()));
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
    const { json, style, allPages } = this.#options;
    if (json) return JSON.stringify(reply, withoutBytes);
    return allPages ? renderAllPages(reply, style) : renderPage(reply, 0, style);
  }

  /**
   * What Tab completes at the end of `line`: command names, then subcommands, option names not given yet,
   * and the values of options Discord autocompletes (speakers, titles), from the same sources.
   */
  async complete(line: string): Promise<Completion> {
    const text = line.trimStart();
    const firstSpace = text.search(/\s/);
    const commandNames = this.#options.commands.map(({ definition }) => `/${definition.name}`);
    if (firstSpace === -1) {
      const slashed = text.startsWith("/");
      const words = slashed ? commandNames : [...commandNames.map((name) => name.slice(1)), ...CONSOLE_WORDS];
      // A completed command is followed by a space, ready for its options.
      return { fragment: text, candidates: startingWith(words, text).map((word) => `${word} `) };
    }
    const commandWord = text.slice(0, firstSpace).replace(/^\//, "").toLowerCase();
    let rest = text.slice(firstSpace).trimStart();
    if (commandWord === "help") {
      return {
        fragment: rest,
        candidates: startingWith(
          commandNames.map((name) => name.slice(1)),
          rest,
        ),
      };
    }
    const command = this.#options.commands.find(({ definition }) => definition.name === commandWord);
    if (!command) return { fragment: rest, candidates: [] };
    let options = command.definition.options;
    const subcommands = command.definition.subcommands;
    if (subcommands) {
      const subSpace = rest.search(/\s/);
      if (subSpace === -1) {
        return {
          fragment: rest,
          candidates: startingWith(
            subcommands.map((sub) => `${sub.name} `),
            rest,
          ),
        };
      }
      const sub = subcommands.find((candidate) => candidate.name === rest.slice(0, subSpace).toLowerCase());
      options = sub?.options ?? [];
      rest = rest.slice(subSpace).trimStart();
    }
    const lastWord = /\S*$/.exec(rest)?.[0] ?? "";
    const marks = [...rest.matchAll(/(?:^|\s)([a-z][\w-]*):/gi)];
    const given = new Set(marks.map((found) => found[1]?.toLowerCase()));
    const unusedNames = options
      .filter((option) => !given.has(option.name))
      .map((option) => `${option.name}:`);
    const nameCandidates = lastWord.includes(":") ? [] : startingWith(unusedNames, lastWord);
    if (nameCandidates.length > 0 || lastWord === "")
      return { fragment: lastWord, candidates: nameCandidates };

    const last = marks.at(-1);
    const option = options.find((candidate) => candidate.name === last?.[1]?.toLowerCase());
    if (!last || !option) return { fragment: lastWord, candidates: [] };
    const value = rest.slice(last.index + last[0].length);
    if (option.choices) {
      return {
        fragment: value,
        candidates: startingWith(
          option.choices.map((choice) => choice.value),
          value,
        ),
      };
    }
    if (!option.autocomplete || !command.autocomplete) return { fragment: value, candidates: [] };
    const choices = await command.autocomplete(option.name, value, this.#options.ctx);
    return {
      fragment: value,
      candidates: [...new Set(choices.map((choice) => choice.typed ?? choice.value))],
    };
  }

  #help(commandName?: string): Reply {
    const usage = (name: string, options: CommandDefinition["options"]) =>
      [
        name,
        ...options.map((option) => (option.required ? `${option.name}:<…>` : `[${option.name}:<…>]`)),
      ].join(" ");
    const shown =
      commandName === undefined
        ? this.#options.commands
        : this.#options.commands.filter(({ definition }) => definition.name === commandName);
    if (shown.length === 0) {
      return userErrorReply(`No command \`/${commandName ?? ""}\`. Type \`help\` for the list.`);
    }
    const detailed = commandName !== undefined;
    const fields = shown.flatMap(({ definition }) =>
      (definition.subcommands ?? [definition]).map((entry) => ({
        name: usage(
          definition.subcommands ? `/${definition.name} ${entry.name}` : `/${definition.name}`,
          entry.options,
        ),
        value: [
          entry.description,
          ...(detailed ? entry.options.map((option) => `${option.name}: ${option.description}`) : []),
        ].join("\n"),
      })),
    );
    if (detailed) return { pages: [{ title: `Help: /${commandName}`, fields }] };
    fields.push(
      { name: "help <command>", value: "One command and its options" },
      { name: "next, prev", value: "Turn the pages of the last reply" },
      { name: "exit", value: "Leave (or Ctrl+D); Ctrl+C clears the line" },
    );
    return {
      pages: [
        {
          title: "Newsdesk console",
          description:
            "The bot's slash commands, typed here. Tab completes commands, options, speakers and titles.",
          fields,
        },
      ],
    };
  }
}

function startingWith(words: readonly string[], typed: string): string[] {
  const lower = typed.toLowerCase();
  return words.filter((word) => word.toLowerCase().startsWith(lower));
}

/** JSON leaves out picture bytes: a saved picture's path stands for them. */
function withoutBytes(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? undefined : value;
}
