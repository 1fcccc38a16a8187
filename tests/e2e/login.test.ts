import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { loadConfig } from "../../src/app/config.ts";
import { startBot } from "../../src/discord/client.ts";
import { newsroomLibrary } from "../fixtures/discord/fake-library.ts";
import { recordingLogger, testAppContext } from "../helpers/app-context.ts";
import { FakeDiscord } from "./fake-discord/fake-discord.ts";

let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start();
});

afterEach(async () => {
  await fake.stop();
});

function login(token = fake.token) {
  const loaded = loadConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: fake.url });
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  const { logger } = recordingLogger();
  const app = testAppContext({ config: loaded.value, library: newsroomLibrary().asLibrary(), logger });
  return startBot(app, commands);
}

async function failure(token?: string): Promise<string> {
  try {
    const bot = await login(token);
    await bot.shutdown();
    return "no failure";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe("logging in to Discord", () => {
  it("GIVEN a server answering 404 without a message WHEN logging in THEN it says which URL answered what", async () => {
    fake.failNext("GET", /^\/gateway\/bot$/, { status: 404, body: {} });
    const message = await failure();
    expect(message).toBe(`Discord login failed: GET ${fake.url}/api/v10/gateway/bot answered 404 Not Found`);
    expect(message).not.toContain(fake.token);
  });

  it("GIVEN an answer with Discord's own message THEN that message follows", async () => {
    fake.failNext("GET", /^\/gateway\/bot$/, {
      status: 403,
      body: { message: "Missing Access", code: 50001 },
    });
    expect(await failure()).toBe(
      `Discord login failed: GET ${fake.url}/api/v10/gateway/bot answered 403 Forbidden: Missing Access`,
    );
  });

  it("GIVEN a wrong token THEN the failure says so, without the token", async () => {
    const message = await failure("MTEx.wrong.token");
    expect(message).toBe("Discord login failed: An invalid token was provided.");
    expect(message).not.toContain("MTEx.wrong.token");
  });
});
