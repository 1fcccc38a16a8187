import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { PromptAwareStream } from "./log-stream.ts";
import type { ConsoleSession } from "./session.ts";

export interface ConsoleStreams {
  input: Readable;
  output: Writable;
  /** A person at a terminal gets a prompt, a greeting, Tab and Ctrl+C; piped input gets none and ends at EOF. */
  interactive: boolean;
  /** Lines printed before the first prompt (what start-up found, such as files that were skipped). */
  notices?: readonly string[];
  /** The logger's stream at a terminal: log lines are written around the prompt instead of through it. */
  logs?: PromptAwareStream;
}

/** Printing between prompts, for posts and notices that arrive while someone may be typing. */
export interface ConsolePrinter {
  print(text: string): void;
}

const PROMPT = "newsdesk> ";

/**
 * Reads lines until end of input or `exit`, printing what the session answers. Resolves when done, with how
 * many lines got an error reply (so that a script piping commands in can tell that one failed).
 * `onReady` receives a printer that keeps the prompt intact, for digests posted while the console waits.
 */
export async function runConsole(
  session: ConsoleSession,
  streams: ConsoleStreams,
  onReady: (printer: ConsolePrinter) => void = () => undefined,
): Promise<{ failedLines: number }> {
  const { input, output, interactive } = streams;
  const lines = createInterface({
    input,
    ...(interactive && {
      output,
      prompt: PROMPT,
      completer: (line: string, answer: (error: null, result: [string[], string]) => void) => {
        complete(session, lines, line).then(
          (result) => {
            answer(null, result);
          },
          () => {
            answer(null, [[], line]);
          },
        );
      },
    }),
    terminal: interactive,
  });
  const print = (text: string) => output.write(`${text}\n`);
  let waiting = false;
  const aroundPrompt = {
    clear: () => {
      if (waiting) output.write("\r\x1b[K");
    },
    redraw: () => {
      if (waiting) lines.prompt(true);
    },
  };
  if (streams.logs) streams.logs.prompt = aroundPrompt;
  onReady({
    print: (text) => {
      aroundPrompt.clear();
      print(text);
      aroundPrompt.redraw();
    },
  });
  const prompt = () => {
    waiting = true;
    lines.prompt();
  };
  if (interactive) {
    print("Newsdesk console. Type a command such as /search query:pokrovsk, or help. Tab completes.");
    for (const notice of streams.notices ?? []) print(notice);
    listenForCtrlC(lines, output, prompt);
    prompt();
  }
  let failedLines = 0;
  try {
    for await (const line of lines) {
      waiting = false;
      const outcome = await session.handleLine(line);
      if (outcome.kind === "exit") break;
      if (outcome.kind === "output") {
        print(outcome.text);
        if (outcome.failed) failedLines++;
      }
      if (interactive) prompt();
    }
  } finally {
    waiting = false;
    if (streams.logs) streams.logs.prompt = undefined;
    lines.close();
  }
  return { failedLines };
}

/**
 * Ctrl+C clears a half-typed line, as in a shell; on an empty line it says how to leave, and a second one
 * in a row leaves.
 */
function listenForCtrlC(lines: Interface, output: Writable, prompt: () => void): void {
  let warned = false;
  lines.on("SIGINT", () => {
    if (lines.line !== "") {
      warned = false;
      // Ctrl+E then Ctrl+U: to the end of the line, then delete everything before the cursor.
      lines.write(null, { ctrl: true, name: "e" });
      lines.write(null, { ctrl: true, name: "u" });
      prompt();
    } else if (!warned) {
      warned = true;
      output.write("\n(To leave, press Ctrl+C again or type exit)\n");
      prompt();
    } else {
      output.write("\n");
      lines.close();
    }
  });
  lines.on("line", () => {
    warned = false;
  });
}

/**
 * Readline's completer only appends to what was typed, so a candidate that does not start with the typed
 * fragment ("putin" → "Vladimir Putin") is put in by rewriting the line; several are listed.
 */
async function complete(
  session: ConsoleSession,
  lines: Interface,
  line: string,
): Promise<[string[], string]> {
  const { fragment, candidates } = await session.complete(line);
  const [only] = candidates;
  if (candidates.length !== 1 || only === undefined) return [candidates, fragment];
  if (only.startsWith(fragment)) return [[only], fragment];
  const rewritten = line.slice(0, line.length - fragment.length) + only;
  setImmediate(() => {
    lines.write(null, { ctrl: true, name: "u" });
    lines.write(rewritten);
  });
  return [[], line];
}
