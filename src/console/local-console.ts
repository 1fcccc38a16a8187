import { join } from "node:path";
import { commands } from "../../commands/index.ts";
import { startApp } from "../app/bootstrap.ts";
import type { Config } from "../app/config.ts";
import { createLogger, isTerminal } from "../app/logger.ts";
import { systemClock } from "../core/clock.ts";
import type { IngestWarning } from "../core/ingest/types.ts";
import { TextDigestPoster } from "./digest-text.ts";
import { TextAlertPoster } from "./follow-text.ts";
import { imageSaver } from "./images.ts";
import { PromptAwareStream } from "./log-stream.ts";
import { problemSummary } from "./problems.ts";
import { runConsole, type ConsolePrinter } from "./run-console.ts";
import { ConsoleSession } from "./session.ts";

/** The local console acts as one server, with one channel, of this id. */
const CONSOLE_GUILD_ID = "console";

/**
 * `npm start` without DISCORD_TOKEN: the app over the articles folder, and the console reading commands from
 * stdin (a prompt at a terminal, a script when piped). Resolves with the exit code.
 */
export async function runLocalConsole(config: Config, json: boolean): Promise<number> {
  const interactive = isTerminal(process.stdin);
  const style = { color: !json && isTerminal(process.stdout) };
  // At a terminal, log lines are drawn around the prompt; info lines only when LOG_LEVEL asks for them.
  const logs = interactive ? new PromptAwareStream(process.stderr) : undefined;
  const logger = createLogger({
    level: process.env.LOG_LEVEL ? config.logLevel : "warn",
    pretty: config.logFormat !== "json",
    ...(logs && { prettyTo: logs }),
  });
  // Until the console is up, problems with article files are gathered for a one-line summary; later ones
  // (a bad file dropped into the folder) are printed as they come.
  const startupProblems: IngestWarning[] = [];
  let printer: ConsolePrinter | undefined;
  const write = (text: string) => {
    if (printer) printer.print(text);
    else process.stdout.write(`${text}\n`);
  };
  const running = await startApp({
    config,
    logger,
    clock: systemClock,
    // Posted digests share stdout with replies; with --json they are JSON lines too.
    poster: new TextDigestPoster((text) => {
      write(json ? JSON.stringify({ posted: text }) : text);
    }, style),
    // Follows print matching articles as they arrive, among the replies like posted digests.
    alertPoster: new TextAlertPoster((text) => {
      write(json ? JSON.stringify({ alert: text }) : text);
    }, style),
    servesGuild: (guildId) => guildId === CONSOLE_GUILD_ID,
    reportProblems: (problems) => {
      if (printer === undefined) startupProblems.push(...problems);
      else for (const line of problemSummary(problems)) write(line);
    },
  });
  try {
    await running.start();
    const session = new ConsoleSession({
      // The console's operator owns the bot, so it may change settings; the console is its own "server".
      ctx: {
        app: running.app,
        guildId: CONSOLE_GUILD_ID,
        channelId: CONSOLE_GUILD_ID,
        userId: "console",
        canManageGuild: true,
      },
      commands,
      json,
      style,
      allPages: !interactive,
      // Charts (/trends) are written here and their path printed.
      saveImage: imageSaver(join(config.dataDir, "charts"), systemClock),
    });
    const notices = problemSummary(startupProblems);
    // Piped output is for a script: the summary goes to stderr, beside the logs, not among the replies.
    if (!interactive) for (const notice of notices) process.stderr.write(`${notice}\n`);
    const { failedLines } = await runConsole(
      session,
      { input: process.stdin, output: process.stdout, interactive, notices, ...(logs && { logs }) },
      (ready) => {
        printer = ready;
      },
    );
    // Piped commands are a script: exit 1 when any of them failed, as a shell expects.
    return !interactive && failedLines > 0 ? 1 : 0;
  } finally {
    await running.close();
  }
}
