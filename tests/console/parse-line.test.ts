import { describe, expect, it } from "vitest";
import type { CommandDefinition } from "../../src/app/command.ts";
import { UserError } from "../../src/core/errors.ts";
import { parseCommandLine } from "../../src/console/parse-line.ts";

const DEFINITIONS: CommandDefinition[] = [
  {
    name: "search",
    description: "Search",
    options: [
      { name: "query", description: "q", type: "string", required: true },
      { name: "since", description: "s", type: "string" },
      { name: "source", description: "o", type: "string" },
    ],
  },
  { name: "ping", description: "Ping", options: [] },
];

function expectUserError(run: () => unknown, message: RegExp) {
  expect(run).toThrow(UserError);
  expect(run).toThrow(message);
}

describe("parseCommandLine", () => {
  it("GIVEN options with spaces and colons in values THEN each runs to the next known option", () => {
    expect(parseCommandLine("/search query:talks in Geneva: day two since:2025-12-01", DEFINITIONS)).toEqual({
      command: "search",
      options: { query: "talks in Geneva: day two", since: "2025-12-01" },
    });
  });

  it("GIVEN no slash, upper-case names and a quoted value THEN it parses, the quotes kept as Discord keeps them", () => {
    expect(parseCommandLine('SEARCH Query:"since: then" source:bbc', DEFINITIONS)).toEqual({
      command: "search",
      options: { query: '"since: then"', source: "bbc" },
    });
  });

  it("GIVEN a quoted phrase THEN the quotes stay in the value, so the search matches the phrase", () => {
    expect(parseCommandLine('/search query:"zzz peace"', DEFINITIONS).options).toEqual({
      query: '"zzz peace"',
    });
    expect(parseCommandLine('/search "settlement peace" since:3d', DEFINITIONS).options).toEqual({
      query: '"settlement peace"',
      since: "3d",
    });
  });

  it("GIVEN an option name inside curly quotes THEN it is part of the value", () => {
    expect(parseCommandLine("/search query:“talks since:then” source:bbc", DEFINITIONS).options).toEqual({
      query: "“talks since:then”",
      source: "bbc",
    });
  });

  it("GIVEN a misspelt option THEN a user error names the closest option instead of folding it into a value", () => {
    expectUserError(
      () => parseCommandLine("/search query:putin sinse:2025-12-01", DEFINITIONS),
      /`\/search` has no option `sinse`\. Did you mean `since:`\? Its options: query: since: source:/,
    );
  });

  it("GIVEN an option of another command THEN a user error lists this command's options", () => {
    expectUserError(
      () => parseCommandLine("/search query:x speaker:Putin", DEFINITIONS),
      /^`\/search` has no option `speaker`\. Its options: query: since: source:$/,
    );
  });

  it("GIVEN colons in links, times and prose THEN they stay in the value", () => {
    expect(
      parseCommandLine("/search query:see https://example.com/a?b=c at 10:30 in Geneva: day two", DEFINITIONS)
        .options,
    ).toEqual({ query: "see https://example.com/a?b=c at 10:30 in Geneva: day two" });
  });

  it("GIVEN a misspelt command THEN the error suggests the closest one", () => {
    expectUserError(() => parseCommandLine("/serch query:x", DEFINITIONS), /Did you mean `\/search`\?/);
  });

  it("GIVEN bare words THEN they fill the first required text option", () => {
    expect(parseCommandLine("/search pokrovsk since:3d", DEFINITIONS).options).toEqual({
      query: "pokrovsk",
      since: "3d",
    });
  });

  it("GIVEN an unknown command THEN a user error lists the commands", () => {
    expectUserError(
      () => parseCommandLine("/serch query:x", DEFINITIONS),
      /Unknown command `\/serch`.*\/search, \/ping/,
    );
  });

  it("GIVEN bare words and the option they would fill THEN a user error names the stray text", () => {
    expectUserError(() => parseCommandLine("/search oops query:x", DEFINITIONS), /Unexpected text `oops`/);
  });

  it("GIVEN an option twice THEN a user error", () => {
    expectUserError(() => parseCommandLine("/search query:a query:b", DEFINITIONS), /given twice/);
  });

  it("GIVEN text for a command without options THEN a user error", () => {
    expectUserError(() => parseCommandLine("/ping now", DEFINITIONS), /takes no options/);
  });

  it("GIVEN punctuation only THEN a user error with an example", () => {
    expectUserError(() => parseCommandLine("/?", DEFINITIONS), /Type a command/);
  });
});

describe("parseCommandLine with subcommands", () => {
  const digest: CommandDefinition = {
    name: "digest",
    description: "Digests",
    options: [],
    subcommands: [
      {
        name: "schedule",
        description: "s",
        options: [
          { name: "channel", description: "c", type: "channel", required: true },
          { name: "time", description: "t", type: "string", required: true },
        ],
      },
      { name: "off", description: "o", options: [] },
    ],
  };

  it("GIVEN a subcommand and its options THEN the subcommand is an option beside them", () => {
    expect(parseCommandLine("/digest schedule channel:news time:09:00", [digest])).toEqual({
      command: "digest",
      options: { subcommand: "schedule", channel: "news", time: "09:00" },
    });
    expect(parseCommandLine("/digest OFF", [digest]).options).toEqual({ subcommand: "off" });
  });

  it("GIVEN no or an unknown subcommand THEN a user error lists them", () => {
    expectUserError(() => parseCommandLine("/digest", [digest]), /needs one of: schedule, off/);
    expectUserError(() => parseCommandLine("/digest later", [digest]), /needs one of/);
  });

  it("GIVEN options to a subcommand that takes none THEN the error names the subcommand", () => {
    expectUserError(() => parseCommandLine("/digest off now", [digest]), /`\/digest off` takes no options/);
  });
});
