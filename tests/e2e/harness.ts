import type { Command } from "../../src/app/command.ts";
import { loadConfig } from "../../src/app/config.ts";
import type { AppContext } from "../../src/app/context.ts";
import { startBot, type Bot } from "../../src/discord/client.ts";
import { newsroomLibrary } from "../fixtures/discord/fake-library.ts";
import { recordingLogger, testAppContext } from "../helpers/app-context.ts";
import { FakeDiscord, type FakeDiscordOptions } from "./fake-discord/fake-discord.ts";

export interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  app: AppContext;
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** A fake Discord and the real bot connected to it through DISCORD_API_URL, over the newsroom fixture. */
export async function startHarness(
  commands: readonly Command[],
  options: FakeDiscordOptions & { deferAfterMs?: number } = {},
): Promise<Harness> {
  const { deferAfterMs, ...fakeOptions } = options;
  const fake = await FakeDiscord.start(fakeOptions);
  const loaded = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.url });
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  const { logger, lines } = recordingLogger();
  const app = testAppContext({ config: loaded.value, library: newsroomLibrary().asLibrary(), logger });
  let bot: Bot;
  try {
    bot = await startBot(app, commands, deferAfterMs === undefined ? {} : { deferAfterMs });
  } catch (error) {
    await fake.stop();
    throw error;
  }
  return {
    fake,
    bot,
    app,
    logs: lines,
    async stop() {
      await bot.shutdown();
      await fake.stop();
    },
  };
}
