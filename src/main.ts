import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { commands } from "../commands/index.ts";
import { startApp } from "./app/bootstrap.ts";
import { warmCharts } from "./charts/line-chart.ts";
import { loadConfig, type Config } from "./app/config.ts";
import { createLogger, isTerminal, type Logger } from "./app/logger.ts";
import type { IngestWarning } from "./core/ingest/types.ts";
import { systemClock } from "./core/clock.ts";
import { TextDigestPoster } from "./console/digest-text.ts";
import { PromptAwareStream } from "./console/log-stream.ts";
import { problemSummary } from "./console/problems.ts";
import { runConsole, type ConsolePrinter } from "./console/run-console.ts";
import { imageSaver } from "./console/images.ts";
import { ConsoleSession } from "./console/session.ts";
import { createDiscordClient, startBot } from "./discord/client.ts";
import { DiscordDigestPoster, guildsOf } from "./discord/digest-poster.ts";
import { configEnvironment, isShardProcess, startShards } from "./discord/sharding.ts";

/** The local console acts as one server, with one channel, of this id. */
const CONSOLE_GUILD_ID = "console";

const USAGE = `Usage: npm start [-- --json]

With DISCORD_TOKEN set, runs the Discord bot. Without it, opens the local console over the articles
in ARTICLES_DIR.
  --json   console only: print each reply as one JSON line instead of text
Settings come from the environment or a .env file; see .env.example.
`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = argv.filter((arg) => arg !== "--json");
  if (unknown.length > 0) {
    process.stderr.write(`Unknown argument: ${unknown.join(" ")}\n\n${USAGE}`);
    return 2;
  }
  if (existsSync(".env")) process.loadEnvFile(".env");
  const loaded = loadConfig(configEnvironment(process.env));
  if (!loaded.ok) {
    process.stderr.write(`Invalid configuration:\n${loaded.reason.map((line) => `  ${line}\n`).join("")}`);
    return 1;
  }
  const config = loaded.value;
  const consoleMode = config.discordToken === undefined;
  if (consoleMode) return runLocalConsole(config, argv.includes("--json"));
  const logger = createLogger({ level: config.logLevel, pretty: config.logFormat === "pretty" });
  if (config.shards !== undefined && !isShardProcess(process.env)) return runShardManager(config, logger);
  return runBot(config, logger);
}

async function runLocalConsole(config: Config, json: boolean): Promise<number> {
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

async function runBot(config: Config, logger: Logger): Promise<number> {
  // Listening first: a stop that arrives while the index loads, the client logs in or a missed digest is
  // caught up must end the process cleanly too, not kill it mid-post.
  const stop = listenForStop();
  // The client is made before the app so that digests can post through it; it logs in in startBot.
  // In a shard process discord.js reads the shard ids from the environment by itself.
  const client = createDiscordClient(config);
  const running = await startApp({
    config,
    logger,
    clock: systemClock,
    poster: new DiscordDigestPoster(client),
    // A shard runs the digests and polls the feeds of the servers it holds; a single process, all of them.
    ...(isShardProcess(process.env) && { servesGuild: guildsOf(client) }),
  });
  try {
    if (stop.received !== undefined) return stopping(logger, stop.received);
    // Loaded now rather than at the first /trends, whose answer would wait for it.
    warmCharts();
    const bot = await startBot(running.app, commands, { client });
    try {
      // The catch-up post runs inside start(); a stop meanwhile shuts down at once and the post gives up.
      await Promise.race([running.start(), stop.signal]);
      stopping(logger, await stop.signal);
    } finally {
      await bot.shutdown();
    }
  } finally {
    await running.close();
  }
  return 0;
}

async function runShardManager(config: Config, logger: Logger): Promise<number> {
  const stop = listenForStop();
  const shards = await startShards({ config, logger, entryFile: fileURLToPath(import.meta.url) });
  logger.info({ signal: await stop.signal }, "stopping shards");
  await shards.shutdown();
  return 0;
}

function stopping(logger: Logger, signal: NodeJS.Signals): number {
  logger.info({ signal }, "shutting down");
  return 0;
}

/** SIGINT or SIGTERM, from the moment this is called: `received` says whether one came already. */
function listenForStop(): { signal: Promise<NodeJS.Signals>; readonly received: NodeJS.Signals | undefined } {
  let received: NodeJS.Signals | undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    const on = (name: NodeJS.Signals) => () => {
      received = name;
      resolve(name);
    };
    process.once("SIGINT", on("SIGINT"));
    process.once("SIGTERM", on("SIGTERM"));
  });
  return {
    signal,
    get received() {
      return received;
    },
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    // Everything is closed by now, but a shard's IPC channel to its manager (and the manager's to its shards)
    // would keep the process alive: leave explicitly.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `Newsdesk failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
