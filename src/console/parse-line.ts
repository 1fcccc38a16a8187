import type { CommandDefinition } from "../app/command.ts";
import { UserError } from "../core/errors.ts";

export interface ParsedLine {
  command: string;
  options: Record<string, string>;
}

/**
 * Reads a console line the way Discord's client builds a slash command: `/search query:pokrovsk since:2025-12-01`.
 * An option runs until the next known `name:` of that command, so values may contain spaces and colons
 * (`query:talks in Geneva: day two`). Values may be wrapped in double quotes. Words before the first
 * option go to the command's first required text option, so `/search pokrovsk` works too.
 */
export function parseCommandLine(line: string, definitions: readonly CommandDefinition[]): ParsedLine {
  const trimmed = line.trim();
  const match = /^\/?([\w-]+)\s*(.*)$/s.exec(trimmed);
  if (!match?.[1]) throw new UserError("bad-command", "Type a command such as `/search query:pokrovsk`.");
  const name = match[1].toLowerCase();
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) {
    const known = definitions.map((candidate) => `/${candidate.name}`).join(", ");
    throw new UserError("bad-command", `Unknown command \`/${name}\`. Commands: ${known}.`);
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
  const pattern = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join("|")}):`, "gi");
  const starts = [...text.matchAll(pattern)];
  const leading = text.slice(0, starts[0]?.index ?? text.length).trim();
  starts.forEach((start, i) => {
    const optionName = (start[1] ?? "").toLowerCase();
    const valueStart = start.index + start[0].length;
    const valueEnd = starts[i + 1]?.index ?? text.length;
    if (optionName in options) {
      throw new UserError("bad-option", `Option \`${optionName}\` is given twice.`);
    }
    options[optionName] = unquote(text.slice(valueStart, valueEnd).trim());
  });
  if (leading) {
    const target = definition.options.find((option) => option.required && option.type === "string");
    if (!target || target.name in options) {
      throw new UserError(
        "bad-option",
        `Unexpected text \`${leading}\`. Options of /${definition.name}: ${names.map((n) => `${n}:`).join(" ")}`,
      );
    }
    options[target.name] = unquote(leading);
  }
  return options;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
