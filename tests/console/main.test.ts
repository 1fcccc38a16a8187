import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEntryProcess } from "../helpers/entry-process.ts";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-main-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start`'s entry point as a real process with piped stdin, as a user's shell would. */
async function start(args: string[], stdin: string, env: Record<string, string> = {}): Promise<Run> {
  const entry = startEntryProcess(
    { ARTICLES_DIR: "articles", DATA_DIR: dataDir, LOG_LEVEL: "warn", WATCH_ARTICLES: "false", ...env },
    args,
  );
  entry.child.stdin.end(stdin);
  const code = await entry.exited;
  return { code, stdout: entry.stdout(), stderr: entry.stderr() };
}

describe("npm start without DISCORD_TOKEN (the local console)", () => {
  it("GIVEN commands on stdin THEN each reply is printed as text and it exits 0 at end of input", async () => {
    const run = await start([], "/search query:pokrovsk\n\n/search query:kremln\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Search: pokrovsk\n1 article matches.");
    expect(run.stdout).toContain("Search: kremln\n2 articles match, best first.");
    expect(run.stdout).toContain("stronghold of Pokrovsk but");
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("GIVEN --json THEN one JSON reply per command line, and exit 1 since one line found nothing", async () => {
    const run = await start(["--json"], "/search query:pokrovsk\n/search query:xylophone\n");
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    const [found, missing] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(found).toMatchObject({ pages: [{ title: "Search: pokrovsk" }] });
    expect(missing).toEqual({
      pages: [{ description: "No articles match “xylophone”." }],
      ephemeral: true,
      tone: "error",
    });
  });

  it("GIVEN a bad command line THEN a clear message, no stack trace, the next line still runs, and the exit code is 1", async () => {
    const run = await start(
      [],
      "/serch query:x\n/search\n/search query:pokrovsk since:someday\n/search query:pokrovsk\n",
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "Unknown command /serch. Did you mean /search? Commands: /search, /summary, /quotes, /trends, /digest, /feeds, /follow, /status.",
    );
    expect(run.stdout).toContain("query is required\n");
    expect(run.stdout).toContain("since: expected a date like 2025-12-01");
    expect(run.stdout).toContain("Search: pokrovsk");
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("GIVEN bad settings THEN one line per bad key, the token never printed, exit 1", async () => {
    const token = "MTExMTExMTExMTExMTExMTEx.GgGgGg.very-secret";
    const run = await start([], "", { LOG_LEVEL: "loud", MAX_FILE_SIZE_MB: "lots", DISCORD_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "Invalid configuration:\n  LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent\n" +
        "  MAX_FILE_SIZE_MB: must be a number of megabytes\n",
    );
    expect(run.stdout + run.stderr).not.toContain("very-secret");
  });

  it("GIVEN an unknown argument THEN usage and exit 2", async () => {
    const run = await start(["--jsno"], "");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Unknown argument: --jsno\n\nUsage: npm start/);
  });
});
