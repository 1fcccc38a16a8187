import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "../../src/app/bootstrap.ts";
import { loadConfig, type Config } from "../../src/app/config.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { ManualScheduler } from "../../src/app/scheduler.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { DigestPoster } from "../../src/core/digest/poster.ts";
import type { ReplyPage } from "../../src/core/reply.ts";
import { digestMessages, type DigestMessage } from "../../src/discord/digest-messages.ts";
import { RecordingAlertPoster } from "../fixtures/follows/poster.ts";

class RecordingPoster implements DigestPoster<DigestMessage> {
  readonly posts: { channelId: string; messages: readonly DigestMessage[] }[] = [];
  planMessages(pages: readonly ReplyPage[]) {
    return digestMessages(pages);
  }
  post(_guildId: string, channelId: string, messages: readonly DigestMessage[]) {
    this.posts.push({ channelId, messages });
    return Promise.resolve({ messageIds: messages.map((_, i) => `m${String(i)}`) });
  }
  canPost() {
    return Promise.resolve(true);
  }
}

let root: string;
let config: Config;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "newsdesk-boot-"));
  await mkdir(join(root, "articles"));
  await writeFile(
    join(root, "articles", "a.json"),
    JSON.stringify({
      id: "a1",
      title: "Ferry strike ends",
      body: "The ferry strike ended on Thursday.",
      date: "2025-12-04",
    }),
  );
  const loaded = loadConfig({
    ARTICLES_DIR: join(root, "articles"),
    DATA_DIR: join(root, "data"),
    WATCH_ARTICLES: "false",
  });
  if (!loaded.ok) throw new Error(loaded.reason.join("; "));
  config = loaded.value;
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("startApp", () => {
  it("GIVEN a config THEN library, store and digests are open, and a schedule posts through the poster", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const scheduler = new ManualScheduler(clock);
    const poster = new RecordingPoster();
    const running = await startApp({
      config,
      logger: silentLogger(),
      clock,
      poster,
      alertPoster: new RecordingAlertPoster(),
      scheduler,
    });
    try {
      expect(running.app.library.size).toBe(1);
      await running.start();
      await running.app.digests.configure({ guildId: "g1", channelId: "c1", time: "08:00", userId: "u1" });
      clock.set("2025-12-05T08:00:01Z");
      expect(await scheduler.runDue()).toBe(1);
      expect(poster.posts.map((post) => post.channelId)).toEqual(["c1"]);
    } finally {
      await running.close();
    }
  });

  it("GIVEN a schedule saved by an earlier run THEN it survives a restart", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const first = await startApp({
      config,
      logger: silentLogger(),
      clock,
      poster: new RecordingPoster(),
      alertPoster: new RecordingAlertPoster(),
    });
    await first.app.digests.configure({ guildId: "g1", channelId: "c1", time: "08:00", userId: "u1" });
    await first.close();
    const second = await startApp({
      config,
      logger: silentLogger(),
      clock,
      poster: new RecordingPoster(),
      alertPoster: new RecordingAlertPoster(),
    });
    try {
      expect((await second.app.digests.status("g1")).schedules[0]?.schedule).toMatchObject({
        channelId: "c1",
        time: "08:00",
      });
    } finally {
      await second.close();
    }
  });
});
