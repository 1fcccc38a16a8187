import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

/** `npm start` as its own process: what it wrote, and how it ended. */
export interface EntryProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout and stderr so far, in order. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** The exit code, once the process has closed. */
  exited: Promise<number | null>;
}

/**
 * Runs the real entry point (src/main.ts through tsx) from the repository root with only PATH and the given
 * settings in its environment, as an operator's shell would start it.
 */
export function startEntryProcess(env: Record<string, string>, args: readonly string[] = []): EntryProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  const written = { all: "", stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => {
    written.stdout += chunk.toString();
    written.all += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    written.stderr += chunk.toString();
    written.all += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on("close", done));
  return {
    child,
    output: () => written.all,
    stdout: () => written.stdout,
    stderr: () => written.stderr,
    exited,
  };
}

/** The JSON log lines in a process's output (the bot logs JSON lines to stderr). */
export function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The settings of `npm start` as a bot against a fake Discord, over the bundled articles, without watching. */
export function botSettings(fake: { token: string; url: string }, dataDir: string): Record<string, string> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.url,
    ARTICLES_DIR: "articles",
    DATA_DIR: dataDir,
    WATCH_ARTICLES: "false",
    LOG_LEVEL: "info",
  };
}
