import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/app/command.ts";
import type { Library } from "../../src/app/library.ts";
import { ConsoleSession } from "../../src/console/session.ts";
import { testAppContext } from "../helpers/app-context.ts";

const people = ["Vladimir Putin", "Volodymyr Zelensky", "Dmitry Peskov"];

const quotes = defineCommand({
  definition: {
    name: "quotes",
    description: "What a person said",
    options: [
      { name: "speaker", description: "Who said it", type: "string", required: true, autocomplete: true },
      { name: "since", description: "From this date on", type: "string" },
    ],
  },
  input: z.object({ speaker: z.string(), since: z.string().optional() }),
  run: ({ speaker }) => ({ pages: [{ description: speaker }] }),
  // Like the real command: the value sent is an id, the name typed is the person's name.
  autocomplete: (_option, typed) =>
    people
      .filter((name) => name.toLowerCase().includes(typed.toLowerCase()))
      .map((name, i) => ({ name: `${name} (3 quotes)`, value: `s_${String(i)}`, typed: name })),
});

const digest = defineCommand({
  definition: {
    name: "digest",
    description: "Daily digests",
    options: [],
    subcommands: [
      {
        name: "schedule",
        description: "Post every day",
        options: [
          { name: "time", description: "When", type: "string", required: true },
          {
            name: "length",
            description: "How long",
            type: "string",
            choices: [
              { name: "short", value: "short" },
              { name: "long", value: "long" },
            ],
          },
        ],
      },
      { name: "status", description: "What is set", options: [] },
    ],
  },
  input: z.object({ subcommand: z.string() }).loose(),
  run: () => ({ pages: [{ description: "ok" }] }),
});

function consoleSession(): ConsoleSession {
  const app = testAppContext({ library: Object.create(null) as Library });
  return new ConsoleSession({
    ctx: { app },
    commands: [quotes, digest],
    json: false,
    style: { color: false },
  });
}

describe("GIVEN the console's Tab completion", () => {
  const session = consoleSession();

  it.each([
    ["/qu", "/qu", ["/quotes "]],
    ["d", "d", ["digest "]],
    ["", "", ["quotes ", "digest ", "help ", "next ", "prev ", "exit "]],
    ["/digest s", "s", ["schedule ", "status "]],
    ["/quotes sp", "sp", ["speaker:"]],
    ["/quotes speaker:Putin ", "", ["since:"]],
    ["/digest schedule time:09:00 length:s", "s", ["short"]],
    ["/quotes speaker:o", "o", ["Volodymyr Zelensky", "Dmitry Peskov"]],
    ["/quotes speaker:putin", "putin", ["Vladimir Putin"]],
    ["help dig", "dig", ["digest"]],
    ["/nothing x", "x", []],
  ])("WHEN Tab is pressed after %j THEN %j is completed with %j", async (line, fragment, candidates) => {
    expect(await session.complete(line)).toEqual({ fragment, candidates });
  });
});

describe("GIVEN help for one command", () => {
  it("WHEN `help quotes` is typed THEN only that command shows, with every option described", async () => {
    const outcome = await consoleSession().handleLine("help quotes");
    expect(outcome).toEqual({
      kind: "output",
      text: [
        "Help: /quotes",
        "",
        "/quotes speaker:<…> [since:<…>]",
        "  What a person said",
        "  speaker: Who said it",
        "  since: From this date on",
      ].join("\n"),
      failed: false,
    });
  });

  it("WHEN help names no command THEN a user error says so", async () => {
    const outcome = await consoleSession().handleLine("help nope");
    expect(outcome).toMatchObject({ kind: "output", failed: true });
  });
});
