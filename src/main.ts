import { existsSync } from "node:fs";
import { commands } from "../commands/index.ts";
import { systemClock } from "./core/clock.ts";
import { loadConfig } from "./app/config.ts";
import { startApp } from "./app/bootstrap.ts";
import { TextDigestPoster } from "./app/digests.ts";
import { createLogger, isTerminal } from "./app/logger.ts";
import { runConsole } from "./console/run-console.ts";
import { ConsoleSession } from "./console/session.ts";

/** The local console acts as one server, with one channel, of this id. */
const CONSOLE_GUILD_ID = "console";

const USAGE = `Usage: npm start [-- --json]

With DISCORD_TOKEN unset, opens the local console over the articles in ARTICLES_DIR.
  --json   print each reply as one JSON line instead of text
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
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`Invalid configuration:\n${loaded.problems.map((line) => `  ${line}\n`).join("")}`);
    return 1;
  }
  const { config } = loaded;
  const consoleMode = config.discordToken === undefined;
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logFormat === "pretty" || (config.logFormat === "auto" && consoleMode),
  });

  if (!consoleMode) {
    logger.fatal(
      "DISCORD_TOKEN is set, but this version of Newsdesk has only the local console; unset it to use it",
    );
    return 1;
  }

  const json = argv.includes("--json");
  const running = await startApp({
    config,
    logger,
    clock: systemClock,
    // Posted digests share stdout with replies; with --json they are JSON lines too.
    poster: new TextDigestPoster((text) =>
      process.stdout.write(`${json ? JSON.stringify({ posted: text }) : text}\n`),
    ),
    servesGuild: (guildId) => guildId === CONSOLE_GUILD_ID,
  });
  const session = new ConsoleSession({
    // The console's operator owns the bot, so it may change server settings; it is its own "server".
    ctx: {
      app: running.app,
      guildId: CONSOLE_GUILD_ID,
      channelId: CONSOLE_GUILD_ID,
      userId: "console",
      canManageGuild: true,
    },
    commands,
    json,
    style: { color: !json && isTerminal(process.stdout) },
  });
  await runConsole(session, {
    input: process.stdin,
    output: process.stdout,
    interactive: isTerminal(process.stdin),
  });
  running.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Newsdesk failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
