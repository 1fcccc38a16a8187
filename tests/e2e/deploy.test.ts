import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { registerCommands } from "../../src/discord/register-commands.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";
import { IDS } from "./fake-discord/payloads.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");

let fake: FakeDiscord;
let emptyDir: string;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  // The script reads a .env from its working directory; an empty one keeps the repo's own out.
  emptyDir = await mkdtemp(join(tmpdir(), "newsdesk-deploy-"));
});
afterAll(async () => {
  await fake.stop();
  await rm(emptyDir, { recursive: true, force: true });
});

function puts() {
  return fake.requests.filter((request) => request.method === "PUT");
}

describe("deploy-commands against a fake Discord", () => {
  it("GIVEN GUILD_ID WHEN the deploy script runs THEN it bulk-registers every command in that server", async () => {
    await run(TSX, [join(ROOT, "src/discord/deploy.ts")], {
      cwd: emptyDir,
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.url,
        GUILD_ID: IDS.guild,
        LOG_FORMAT: "json",
      },
    });
    const [put] = puts();
    expect(put?.path).toBe(`/applications/${IDS.application}/guilds/${IDS.guild}/commands`);
    expect((put?.body as { name: string }[]).map((command) => command.name)).toEqual(
      commands.map((command) => command.definition.name),
    );
  }, 30_000);

  it("GIVEN no GUILD_ID WHEN registered twice THEN both are global bulk overwrites with the same body", async () => {
    const before = puts().length;
    const options = {
      token: fake.token,
      discordApiUrl: fake.url,
      definitions: commands.map((c) => c.definition),
    };
    const first = await registerCommands(options);
    const second = await registerCommands(options);
    expect(first).toEqual(second);
    expect(first.scope).toBe("global");
    const [a, b] = puts().slice(before);
    expect(a?.path).toBe(`/applications/${IDS.application}/commands`);
    expect(b?.body).toEqual(a?.body);
  });

  it("GIVEN a wrong token WHEN registering THEN it fails with Discord's 401", async () => {
    await expect(
      registerCommands({ token: "wrong", discordApiUrl: fake.url, definitions: [] }),
    ).rejects.toMatchObject({ status: 401 });
  });
});
