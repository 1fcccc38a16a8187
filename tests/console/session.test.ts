import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/app/command.ts";
import type { Library } from "../../src/app/library.ts";
import { ConsoleSession } from "../../src/console/session.ts";
import { UserError } from "../../src/core/errors.ts";
import { recordingLogger, testAppContext } from "../helpers/app-context.ts";

const echo = defineCommand({
  definition: {
    name: "echo",
    description: "Repeats words, a page per word",
    options: [
      { name: "words", description: "w", type: "string", required: true },
      { name: "times", description: "t", type: "string" },
    ],
  },
  input: z.object({ words: z.string().min(1), times: z.coerce.number().int().max(3).optional() }),
  run({ words }) {
    if (words === "missing") throw new UserError("not-found", "Nothing called missing.");
    if (words === "crash") throw new Error("database is on fire");
    const [first, ...rest] = words.split(" ").map((word) => ({ description: word }));
    return { pages: [first ?? { description: "" }, ...rest] };
  },
});

function session(json = false) {
  const { logger, lines } = recordingLogger();
  // The echo command never reads the library.
  const app = testAppContext({ library: Object.create(null) as Library, logger });
  return {
    session: new ConsoleSession({ ctx: { app }, commands: [echo], json, style: { color: false } }),
    lines,
  };
}

describe("ConsoleSession", () => {
  it("GIVEN a command line THEN its reply is rendered as text, and next/prev turn its pages", async () => {
    const { session: consoleSession } = session();
    expect(await consoleSession.handleLine("/echo words:alpha beta")).toEqual({
      kind: "output",
      text: "alpha\n\npage 1/2 (type next)",
      failed: false,
    });
    expect(await consoleSession.handleLine("next")).toEqual({
      kind: "output",
      text: "beta\n\npage 2/2 (type prev)",
      failed: false,
    });
    expect(await consoleSession.handleLine("next")).toEqual({
      kind: "output",
      text: "No next page.",
      failed: false,
    });
  });

  it("GIVEN --json THEN the whole reply is one JSON line", async () => {
    const { session: consoleSession } = session(true);
    const outcome = await consoleSession.handleLine("/echo words:alpha beta");
    expect(outcome.kind).toBe("output");
    const text = outcome.kind === "output" ? outcome.text : "";
    expect(text).not.toContain("\n");
    expect(JSON.parse(text)).toEqual({ pages: [{ description: "alpha" }, { description: "beta" }] });
  });

  it("GIVEN bad options THEN the user gets a message naming the option, not a stack trace", async () => {
    const { session: consoleSession } = session();
    const outcome = await consoleSession.handleLine("/echo words:x times:9");
    expect(outcome).toEqual({
      kind: "output",
      text: "times is at most 3",
      failed: true,
    });
  });

  it("GIVEN an unknown command THEN a clear message", async () => {
    const { session: consoleSession } = session();
    expect(await consoleSession.handleLine("/nope")).toEqual({
      kind: "output",
      text: "Unknown command /nope. Commands: /echo.",
      failed: true,
    });
  });

  it("GIVEN a user error THEN its own message; GIVEN a crash THEN a generic message and an error log", async () => {
    const { session: consoleSession, lines } = session();
    expect(await consoleSession.handleLine("/echo words:missing")).toEqual({
      kind: "output",
      text: "Nothing called missing.",
      failed: true,
    });
    expect(lines).toHaveLength(0);
    const crashed = await consoleSession.handleLine("/echo words:crash");
    expect(crashed.kind === "output" && crashed.text).toMatch(/Something went wrong/);
    expect(crashed.kind === "output" && crashed.failed).toBe(true);
    expect(crashed.kind === "output" && crashed.text).not.toMatch(/fire/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, command: "echo", msg: "command failed" });
  });

  it("GIVEN blank lines, comments, help and exit THEN nothing, nothing, the commands, and exit", async () => {
    const { session: consoleSession } = session();
    expect(await consoleSession.handleLine("   ")).toEqual({ kind: "nothing" });
    expect(await consoleSession.handleLine("# a comment")).toEqual({ kind: "nothing" });
    const help = await consoleSession.handleLine("help");
    expect(help.kind === "output" && help.text).toContain("/echo words:<…> [times:<…>]");
    expect(await consoleSession.handleLine("exit")).toEqual({ kind: "exit" });
  });
});

describe("GIVEN piped input (nobody there to type next)", () => {
  it("WHEN a reply has several pages THEN every page is printed at once, with no page hint", async () => {
    const app = testAppContext({ library: Object.create(null) as Library });
    const piped = new ConsoleSession({
      ctx: { app },
      commands: [echo],
      json: false,
      style: { color: false },
      allPages: true,
    });
    expect(await piped.handleLine("/echo words:alpha beta gamma")).toEqual({
      kind: "output",
      text: "alpha\n\nbeta\n\ngamma",
      failed: false,
    });
  });
});
