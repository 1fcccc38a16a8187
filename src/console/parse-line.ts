import type { CommandDefinition } from "../app/command.ts";
import { UserError } from "../core/errors.ts";
import { typoDistance } from "../core/text/edit-distance.ts";

export interface ParsedLine {
  command: string;
  options: Record<string, string>;
}

/**
 * Reads a console line the way Discord's client builds a slash command: `/search query:pokrovsk since:2025-12-01`.
 * An option runs until the next known `name:` of that command, so values may contain spaces and colons
 * (`query:talks in Geneva: day two`). A value is kept as typed, quotes included, as Discord sends it: in
 * `query:"zzz peace"` the quotes make a phrase, and a `name:` inside quotes is part of the value. A `name:`
 * that is no option of the command, glued to its value (`sinse:2025-12-01`), is an error naming the closest
 * option, not text folded into the previous value. Words before the first option go to the command's first
 * required text option, so `/search pokrovsk` works too.
 */
export function parseCommandLine(line: string, definitions: readonly CommandDefinition[]): ParsedLine {
  const trimmed = line.trim();
  const match = /^\/?([\w-]+)\s*(.*)$/s.exec(trimmed);
  if (!match?.[1]) throw new UserError("bad-command", "Type a command such as `/search query:pokrovsk`.");
  const name = match[1].toLowerCase();
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) {
    const known = definitions.map((candidate) => `/${candidate.name}`).join(", ");
    const closest = closestName(
      name,
      definitions.map((candidate) => candidate.name),
    );
    const hint = closest === undefined ? "" : ` Did you mean \`/${closest}\`?`;
    throw new UserError("bad-command", `Unknown command \`/${name}\`.${hint} Commands: ${known}.`);
  }
  const rest = match[2] ?? "";
  if (!definition.subcommands) return { command: name, options: parseOptions(rest, definition) };

  const subMatch = /^([\w-]+)\s*(.*)$/s.exec(rest);
  const subcommands = definition.subcommands;
  const subcommand = subcommands.find((candidate) => candidate.name === subMatch?.[1]?.toLowerCase());
  if (!subMatch || !subcommand) {
    const names = subcommands.map((candidate) => candidate.name).join(", ");
    throw new UserError("bad-command", `\`/${name}\` needs one of: ${names}.`);
  }
  const options = parseOptions(subMatch[2] ?? "", { ...subcommand, name: `${name} ${subcommand.name}` });
  return { command: name, options: { subcommand: subcommand.name, ...options } };
}

/** `name:` at the start of the text or after a space; group 2 is what follows the colon. */
const OPTION_START = /(?:^|(?<=\s))([a-z][\w-]*):(\S?)/gi;
/** Straight and curly double quotes: what phones and desktops type around a phrase. */
const OPENING_QUOTES = new Set(['"', "“", "„"]);
const CLOSING_QUOTES = new Set(['"', "”", "“"]);

function parseOptions(
  text: string,
  definition: Pick<CommandDefinition, "name" | "options">,
): Record<string, string> {
  const names = definition.options.map((option) => option.name);
  const options: Record<string, string> = {};
  if (names.length === 0) {
    if (text.trim()) throw new UserError("bad-option", `\`/${definition.name}\` takes no options.`);
    return options;
  }
  const starts = optionStarts(text, definition);
  const leading = text.slice(0, starts[0]?.index ?? text.length).trim();
  starts.forEach((start, i) => {
    if (start.name in options) {
      throw new UserError("bad-option", `Option \`${start.name}\` is given twice.`);
    }
    options[start.name] = text.slice(start.valueStart, starts[i + 1]?.index ?? text.length).trim();
  });
  if (leading) {
    const target = definition.options.find((option) => option.required && option.type === "string");
    if (!target || target.name in options) {
      throw new UserError(
        "bad-option",
        `Unexpected text \`${leading}\`. Options of /${definition.name}: ${optionList(names)}`,
      );
    }
    options[target.name] = leading;
  }
  return options;
}

interface OptionStart {
  name: string;
  /** Where `name:` begins. */
  index: number;
  valueStart: number;
}

/** The known `name:` marks outside quotes, in order; an unknown one glued to a value is an error. */
function optionStarts(text: string, definition: Pick<CommandDefinition, "name" | "options">): OptionStart[] {
  const names = definition.options.map((option) => option.name);
  const quoted = quotedRegions(text);
  const starts: OptionStart[] = [];
  for (const found of text.matchAll(OPTION_START)) {
    if (quoted.some(([from, to]) => found.index > from && found.index < to)) continue;
    const name = (found[1] ?? "").toLowerCase();
    const valueStart = found.index + name.length + 1;
    if (names.includes(name)) {
      starts.push({ name, index: found.index, valueStart });
      continue;
    }
    const glued = found[2] !== "";
    // "https://…" and "10:30" are values; "Geneva: day two" is text with a colon.
    if (!glued || text.startsWith("//", valueStart)) continue;
    const closest = closestName(name, names);
    const hint = closest === undefined ? "" : ` Did you mean \`${closest}:\`?`;
    throw new UserError(
      "bad-option",
      `\`/${definition.name}\` has no option \`${name}\`.${hint} Its options: ${optionList(names)}`,
    );
  }
  return starts;
}

/** [start, end) of each double-quoted stretch; an unclosed quote runs to the end of the text. */
function quotedRegions(text: string): [number, number][] {
  const regions: [number, number][] = [];
  let openedAt: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? "";
    if (openedAt === undefined && OPENING_QUOTES.has(char)) openedAt = i;
    else if (openedAt !== undefined && CLOSING_QUOTES.has(char)) {
      regions.push([openedAt, i + 1]);
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined) regions.push([openedAt, text.length]);
  return regions;
}

function optionList(names: readonly string[]): string {
  return names.map((name) => `${name}:`).join(" ");
}

/** The known name within a typo or two of `typed` (at most one edit per three letters), if any. */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = typoDistance(typed, name, allowed);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
