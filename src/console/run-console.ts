import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ConsoleSession } from "./session.ts";

export interface ConsoleStreams {
  input: Readable;
  output: Writable;
  /** A person at a terminal gets a prompt and a greeting; piped input gets neither and ends at EOF. */
  interactive: boolean;
}

/**
 * Reads lines until end of input or `exit`, printing what the session answers. Resolves when done, with how
 * many lines got an error reply (so that a script piping commands in can tell that one failed).
 */
export async function runConsole(
  session: ConsoleSession,
  streams: ConsoleStreams,
): Promise<{ failedLines: number }> {
  const { input, output, interactive } = streams;
  const lines = createInterface({
    input,
    ...(interactive ? { output, prompt: "newsdesk> " } : {}),
    terminal: interactive,
  });
  const print = (text: string) => output.write(`${text}\n`);
  if (interactive) {
    print("Newsdesk console. Type a command such as /search query:pokrovsk, or help.");
    lines.prompt();
  }
  let failedLines = 0;
  for await (const line of lines) {
    const outcome = await session.handleLine(line);
    if (outcome.kind === "exit") break;
    if (outcome.kind === "output") {
      print(outcome.text);
      if (outcome.failed) failedLines++;
    }
    if (interactive) lines.prompt();
  }
  lines.close();
  return { failedLines };
}
