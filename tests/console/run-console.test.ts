import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/app/command.ts";
import type { Library } from "../../src/app/library.ts";
import { PromptAwareStream } from "../../src/console/log-stream.ts";
import { runConsole } from "../../src/console/run-console.ts";
import { ConsoleSession } from "../../src/console/session.ts";
import { testAppContext } from "../helpers/app-context.ts";

const echo = defineCommand({
  definition: {
    name: "echo",
    description: "Repeats words",
    options: [{ name: "words", description: "w", type: "string", required: true }],
  },
  input: z.object({ words: z.string() }),
  run: ({ words }) => ({ pages: [{ description: `echo: ${words}` }] }),
});

/** A console at a (simulated) terminal: keys go in one chunk at a time, everything printed is kept. */
function terminalConsole() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const logTarget = new PassThrough();
  const logs = new PromptAwareStream(logTarget);
  const app = testAppContext({ library: Object.create(null) as Library });
  const session = new ConsoleSession({
    ctx: { app },
    commands: [echo],
    json: false,
    style: { color: false },
  });
  const done = runConsole(session, { input, output, interactive: true, notices: ["1 notice."], logs });
  /** Types keys and lets readline handle them. */
  const type = async (keys: string) => {
    input.write(keys);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { type, done, logs, printed: () => printed, input };
}

describe("GIVEN the console at a terminal", () => {
  it("WHEN it starts THEN the greeting and the start-up notices come before the first prompt", async () => {
    const terminal = terminalConsole();
    await terminal.type("exit\r");
    await terminal.done;
    const printed = terminal.printed();
    expect(printed.indexOf("Newsdesk console.")).toBeLessThan(printed.indexOf("1 notice."));
    expect(printed.indexOf("1 notice.")).toBeLessThan(printed.indexOf("newsdesk> "));
  });

  it("WHEN Ctrl+C is pressed on a half-typed line THEN the line is dropped and the console stays", async () => {
    const terminal = terminalConsole();
    await terminal.type("/echo words:never");
    await terminal.type("\x03");
    await terminal.type("/echo words:kept\r");
    await terminal.type("exit\r");
    const { failedLines } = await terminal.done;
    expect(failedLines).toBe(0);
    expect(terminal.printed()).toContain("echo: kept");
    expect(terminal.printed()).not.toContain("echo: never");
  });

  it("WHEN Ctrl+C is pressed twice on an empty line THEN the first says how to leave and the second leaves", async () => {
    const terminal = terminalConsole();
    await terminal.type("\x03");
    expect(terminal.printed()).toContain("(To leave, press Ctrl+C again or type exit)");
    await terminal.type("\x03");
    await terminal.done;
  });

  it("WHEN Tab completes a value that does not start with what was typed THEN the line is rewritten", async () => {
    const terminal = terminalConsole();
    await terminal.type("/ec\t");
    await terminal.type("wo\t");
    await terminal.type("tab works\r");
    await terminal.type("exit\r");
    await terminal.done;
    expect(terminal.printed()).toContain("echo: tab works");
  });

  it("WHEN a log line arrives while the prompt waits THEN the prompt is cleared first and drawn again after", async () => {
    const terminal = terminalConsole();
    await terminal.type("/echo words:half");
    const before = terminal.printed().length;
    terminal.logs.write("WARN: a log line\n");
    const after = terminal.printed().slice(before);
    expect(after.startsWith("\r\x1b[K")).toBe(true);
    expect(after).toContain("newsdesk> /echo words:half");
    await terminal.type("\r");
    await terminal.type("exit\r");
    await terminal.done;
  });
});
