import { existsSync } from "node:fs";
import { loadConfig } from "./app/config.ts";

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
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`Invalid configuration:\n${loaded.reason.map((line) => `  ${line}\n`).join("")}`);
    return 1;
  }
  const config = loaded.value;
  // Each mode loads its own modules only now: a usage or settings error answers at once, and the console
  // never loads discord.js (nor the bot the console).
  if (config.discordToken === undefined) {
    const { runLocalConsole } = await import("./console/local-console.ts");
    return runLocalConsole(config, argv.includes("--json"));
  }
  const { runDiscord } = await import("./discord/bot-entry.ts");
  return runDiscord(config);
}

main(process.argv.slice(2)).then(
  (code) => {
    // Everything is closed by now; leave explicitly rather than wait on a handle a library left open.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `Newsdesk failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
