import { mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DigestService,
  MAX_SCHEDULES_PER_SERVER,
  processIsGone,
  type DigestLibrary,
  type DigestServiceOptions,
} from "../../src/app/digests.ts";
import { silentLogger } from "../../src/app/logger.ts";
import { ManualScheduler } from "../../src/app/scheduler.ts";
import type { Article } from "../../src/core/articles.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { leadEnrichment } from "../../src/core/digest/enrichment.ts";
import { DigestPostError } from "../../src/core/digest/poster.ts";
import { isUserError } from "../../src/core/errors.ts";
import { openDataStore, SqliteStore, type Store } from "../../src/store/db.ts";
import { recordingLogger } from "../helpers/app-context.ts";
import { article, newsDay } from "../fixtures/digest/articles.ts";
import { RecordingPoster } from "../fixtures/digest/poster.ts";

function libraryOf(articles: readonly Article[]): DigestLibrary {
  return {
    articlesFor: () => articles,
    search: (query) =>
      articles
        .filter((item) => item.title.toLowerCase().includes(query.toLowerCase()))
        .map((item) => ({ article: item })),
  };
}

const dirs: string[] = [];
const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-digests-"));
  dirs.push(dir);
  return dir;
}

interface Harness {
  service: DigestService;
  scheduler: ManualScheduler;
  poster: RecordingPoster;
  store: Store;
  sleeps: number[];
}

function harness(
  clock: ManualClock,
  overrides: Partial<DigestServiceOptions> & { dataDir?: string } = {},
): Harness {
  const store =
    overrides.store ??
    (overrides.dataDir
      ? openDataStore(overrides.dataDir, { clock })
      : SqliteStore.open(":memory:", { clock }));
  stores.push(store);
  const scheduler = new ManualScheduler(clock);
  const poster = overrides.poster instanceof RecordingPoster ? overrides.poster : new RecordingPoster();
  const sleeps: number[] = [];
  const service = new DigestService({
    store,
    library: libraryOf(newsDay()),
    clock,
    logger: silentLogger(),
    scheduler,
    poster,
    enrichment: leadEnrichment,
    sleep: (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    },
    ...overrides,
  });
  return { service, scheduler, poster, store, sleeps };
}

const nineBerlin = {
  guildId: "g1",
  channelId: "news",
  time: "09:00",
  timezone: "Europe/Berlin",
  userId: "u1",
};

describe("a scheduled digest", () => {
  it("GIVEN a 09:00 Berlin schedule WHEN 09:00 passes THEN the digest of the last 24 h is posted once", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const { service, scheduler, poster, store } = harness(clock);
    await service.configure(nineBerlin);
    clock.set("2025-12-05T07:59:00Z");
    expect(await scheduler.runDue()).toBe(0);
    clock.set("2025-12-05T08:00:01Z");
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.channelId).toBe("news");
    const titles = poster.posts[0]?.messages.flatMap((message) => message.embeds.map((embed) => embed.title));
    expect(titles?.[1]).toBe("1. Ukraine and US envoys open peace talks in Geneva");
    expect(await store.runs.latest("g1")).toMatchObject({
      periodKey: "2025-12-05",
      status: "posted",
      attempts: 1,
      messageIds: ["m1"],
      windowSince: "2025-12-04T08:00:00.000Z",
      windowUntil: "2025-12-05T08:00:00.000Z",
      articleCount: 7,
    });
  });

  it("GIVEN yesterday's digest WHEN today's runs THEN its window starts where yesterday's ended", async () => {
    const clock = new ManualClock("2025-12-04T07:00:00Z");
    const { service, scheduler, store } = harness(clock);
    await service.configure(nineBerlin);
    clock.set("2025-12-04T08:00:01Z");
    await scheduler.runDue();
    clock.set("2025-12-05T08:00:01Z");
    await scheduler.runDue();
    expect(await store.runs.latest("g1")).toMatchObject({
      periodKey: "2025-12-05",
      windowSince: "2025-12-04T08:00:00.000Z",
    });
  });

  it("GIVEN clocks going forward WHEN the days pass THEN the digest still runs at 09:00 local time", async () => {
    const clock = new ManualClock("2026-03-27T12:00:00Z");
    const { service, scheduler, store } = harness(clock);
    await service.configure(nineBerlin);
    clock.set("2026-03-28T08:00:00Z");
    await scheduler.runDue();
    expect((await store.runs.latest("g1"))?.dueAt).toBe("2026-03-28T08:00:00.000Z");
    clock.set("2026-03-29T06:59:00Z");
    expect(await scheduler.runDue()).toBe(0);
    clock.set("2026-03-29T07:00:00Z");
    expect(await scheduler.runDue()).toBe(1);
    expect(await store.runs.latest("g1")).toMatchObject({
      periodKey: "2026-03-29",
      dueAt: "2026-03-29T07:00:00.000Z",
    });
  });

  it("GIVEN a topic WHEN the digest runs THEN only matching articles are in it", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const { service, scheduler, poster, store } = harness(clock);
    await service.configure({ ...nineBerlin, topic: "Bank of England" });
    clock.set("2025-12-05T08:00:01Z");
    await scheduler.runDue();
    expect((await store.runs.latest("g1"))?.articleCount).toBe(2);
    expect(poster.posts[0]?.messages[0]?.embeds[0]?.title).toBe("News digest: Bank of England");
  });
});

describe("exactly once", () => {
  it("GIVEN a posted period WHEN the bot restarts within the grace period THEN it is not posted again", async () => {
    const dataDir = tempDir();
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const first = harness(clock, { dataDir });
    await first.service.configure(nineBerlin);
    clock.set("2025-12-05T08:00:01Z");
    await first.scheduler.runDue();
    await first.service.stop();
    await first.store.close();

    clock.set("2025-12-05T09:00:00Z");
    const second = harness(clock, { dataDir });
    await second.service.start();
    await second.scheduler.runDue();
    expect(first.poster.posts).toHaveLength(1);
    expect(second.poster.posts).toHaveLength(0);
    expect(second.scheduler.jobs()).toEqual([
      { id: "digest:1", cronExpression: "0 9 * * *", timeZone: "Europe/Berlin" },
    ]);
  });

  it("GIVEN two bot processes on one database WHEN both fire for the same period THEN one digest is posted", async () => {
    const dataDir = tempDir();
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const a = harness(clock, { dataDir, instanceId: "a" });
    const b = harness(clock, { dataDir, instanceId: "b" });
    await a.service.configure(nineBerlin);
    await b.service.start();
    clock.set("2025-12-05T08:00:01Z");
    await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()]);
    expect(a.poster.posts.length + b.poster.posts.length).toBe(1);
    const run = await a.store.runs.latest("g1");
    expect(run?.status).toBe("posted");
    expect(run?.claimedBy).toBe(a.poster.posts.length === 1 ? "a" : "b");
  });

  it("GIVEN a process that died mid-post WHEN the bot restarts THEN the period is not posted again and shows as failed", async () => {
    const dataDir = tempDir();
    const clock = new ManualClock("2025-12-04T12:00:00Z");
    const crashed = harness(clock, { dataDir });
    const { schedule } = await crashed.service.configure(nineBerlin);
    clock.set("2025-12-05T08:00:01Z");
    await crashed.store.runs.claim(
      {
        scheduleId: schedule.id,
        guildId: "g1",
        periodKey: "2025-12-05",
        dueAt: new Date("2025-12-05T08:00:00Z"),
      },
      "crashed",
    );
    clock.set("2025-12-05T09:00:00Z");
    const restarted = harness(clock, { dataDir });
    await restarted.service.start();
    await restarted.scheduler.runDue();
    expect(restarted.poster.posts).toHaveLength(0);
    expect(await restarted.store.runs.latest("g1")).toMatchObject({ status: "failed" });
    expect((await restarted.store.runs.latest("g1"))?.reason).toMatch(/^interrupted/);
  });
});

describe("a digest whose process died mid-post", () => {
  async function claimedBy(owner: string, postedIds: string[]) {
    const dataDir = tempDir();
    const clock = new ManualClock("2025-12-04T12:00:00Z");
    const crashed = harness(clock, { dataDir });
    const { schedule } = await crashed.service.configure(nineBerlin);
    clock.set("2025-12-05T08:00:01Z");
    const run = await crashed.store.runs.claim(
      {
        scheduleId: schedule.id,
        guildId: "g1",
        periodKey: "2025-12-05",
        dueAt: new Date("2025-12-05T08:00:00Z"),
      },
      owner,
    );
    if (run === undefined) throw new Error("no claim");
    await crashed.store.runs.recordMessages(run.id, postedIds);
    clock.set("2025-12-05T08:05:00Z");
    return { dataDir, clock };
  }

  it("GIVEN its claim names a process that is gone WHEN the bot restarts THEN the post is finished once, from where it stopped", async () => {
    const { dataDir, clock } = await claimedBy("host:4242:dead", []);
    const restarted = harness(clock, { dataDir, ownerIsGone: (owner) => owner === "host:4242:dead" });
    await restarted.service.start();
    await restarted.scheduler.runDue();
    expect(restarted.poster.posts).toHaveLength(1);
    expect(await restarted.store.runs.latest("g1")).toMatchObject({ status: "posted", messageIds: ["m1"] });
  });

  it("GIVEN it had tried to post when it died WHEN the bot restarts THEN the poster is told an earlier attempt may have reached Discord; without a try, not", async () => {
    const tried = await claimedBy("host:4242:dead", []);
    // The process that died counted its attempt before its request went out.
    const { store } = harness(tried.clock, { dataDir: tried.dataDir });
    const run = await store.runs.latest("g1");
    if (run === undefined) throw new Error("no run");
    await store.runs.recordAttempt(run.id);
    const restarted = harness(tried.clock, { dataDir: tried.dataDir, ownerIsGone: () => true });
    await restarted.service.start();
    expect(restarted.poster.posts.map((post) => post.context?.mayHaveStarted)).toEqual([true]);

    const untried = await claimedBy("host:4243:dead", []);
    const fresh = harness(untried.clock, { dataDir: untried.dataDir, ownerIsGone: () => true });
    await fresh.service.start();
    expect(fresh.poster.posts.map((post) => post.context?.mayHaveStarted)).toEqual([false]);
  });

  it("GIVEN it had posted every message before it died WHEN the bot restarts THEN nothing is posted again and the run is closed", async () => {
    const { dataDir, clock } = await claimedBy("host:4242:dead", ["m-before"]);
    const restarted = harness(clock, { dataDir, ownerIsGone: () => true });
    await restarted.service.start();
    expect(restarted.poster.posts).toHaveLength(0);
    expect(await restarted.store.runs.latest("g1")).toMatchObject({
      status: "posted",
      messageIds: ["m-before"],
    });
  });

  it("GIVEN its claim names a process that may still run WHEN another starts THEN the claim is left to it", async () => {
    const { dataDir, clock } = await claimedBy("other-host:77:alive", []);
    const restarted = harness(clock, { dataDir, ownerIsGone: () => false });
    await restarted.service.start();
    expect(restarted.poster.posts).toHaveLength(0);
    expect(await restarted.store.runs.latest("g1")).toMatchObject({
      status: "claimed",
      claimedBy: "other-host:77:alive",
    });
  });
});

describe("processIsGone", () => {
  it("GIVEN instance ids WHEN asked THEN only a process of this host that has exited is gone", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    const pid = child.pid ?? 0;
    await new Promise((resolve) => child.once("exit", resolve));
    expect(processIsGone(`${hostname()}:${String(pid)}:x`)).toBe(true);
    expect(processIsGone(`${hostname()}:${String(process.pid)}:x`)).toBe(false);
    expect(processIsGone(`another-host-${hostname()}:${String(pid)}:x`)).toBe(false);
    expect(processIsGone("a")).toBe(false);
  });
});

describe("catching up at start", () => {
  async function stoppedSince(downAt: string, startAt: string, graceHours?: number) {
    const dataDir = tempDir();
    const clock = new ManualClock("2025-12-04T12:00:00Z");
    const before = harness(clock, { dataDir });
    await before.service.configure(nineBerlin);
    await before.store.close();
    clock.set(downAt);
    clock.set(startAt);
    const after = harness(clock, { dataDir, ...(graceHours !== undefined && { graceHours }) });
    await after.service.start();
    return after;
  }

  it("GIVEN a digest missed 3 h ago WHEN the bot starts THEN it is posted", async () => {
    const { poster, store } = await stoppedSince("2025-12-05T07:00:00Z", "2025-12-05T11:00:00Z");
    expect(poster.posts).toHaveLength(1);
    expect(await store.runs.latest("g1")).toMatchObject({ periodKey: "2025-12-05", status: "posted" });
  });

  it("GIVEN a digest missed 7 h ago WHEN the bot starts THEN it is recorded as skipped, not posted", async () => {
    const { poster, store } = await stoppedSince("2025-12-05T07:00:00Z", "2025-12-05T15:00:00Z");
    expect(poster.posts).toHaveLength(0);
    expect(await store.runs.latest("g1")).toMatchObject({ periodKey: "2025-12-05", status: "skipped" });
    expect((await store.runs.latest("g1"))?.reason).toContain("7.0 h late");
  });

  it("GIVEN a longer grace period WHEN the bot starts 7 h late THEN the digest is posted", async () => {
    const { poster } = await stoppedSince("2025-12-05T07:00:00Z", "2025-12-05T15:00:00Z", 12);
    expect(poster.posts).toHaveLength(1);
  });

  it("GIVEN a process that serves other servers WHEN it starts THEN it neither schedules nor catches up this one", async () => {
    const dataDir = tempDir();
    const clock = new ManualClock("2025-12-04T12:00:00Z");
    const before = harness(clock, { dataDir });
    await before.service.configure(nineBerlin);
    await before.store.close();
    clock.set("2025-12-05T11:00:00Z");
    const other = harness(clock, { dataDir, servesGuild: (guildId) => guildId !== "g1" });
    await other.service.start();
    expect(other.poster.posts).toHaveLength(0);
    clock.set("2025-12-06T08:00:01Z");
    expect(await other.scheduler.runDue()).toBe(0);
    expect(await other.store.runs.latest("g1")).toBeUndefined();
  });

  it("GIVEN a schedule set after today's time WHEN the bot starts THEN nothing is caught up", async () => {
    const clock = new ManualClock("2025-12-05T10:00:00Z");
    const { service, poster, store } = harness(clock);
    await service.configure(nineBerlin);
    await service.start();
    expect(poster.posts).toHaveLength(0);
    expect(await store.runs.latest("g1")).toBeUndefined();
  });
});

describe("failures", () => {
  async function runWith(failures: unknown[], clockStart = "2025-12-05T07:00:00Z") {
    const clock = new ManualClock(clockStart);
    const { logger, lines } = recordingLogger();
    const setup = harness(clock, { logger });
    await setup.service.configure(nineBerlin);
    setup.poster.failures.push(...failures);
    clock.set("2025-12-05T08:00:01Z");
    await setup.scheduler.runDue();
    return { ...setup, lines };
  }

  it("GIVEN a missing permission WHEN posting THEN the run fails at once with the reason", async () => {
    const { poster, store, sleeps } = await runWith([new DigestPostError("forbidden", "Missing Access")]);
    expect(poster.posts).toHaveLength(0);
    expect(sleeps).toEqual([]);
    expect(await store.runs.latest("g1")).toMatchObject({
      status: "failed",
      reason: "forbidden: Missing Access",
      attempts: 1,
    });
  });

  it("GIVEN a deleted channel WHEN posting THEN the run fails without retrying", async () => {
    const { store } = await runWith([new DigestPostError("not-found", "Unknown Channel")]);
    expect(await store.runs.latest("g1")).toMatchObject({
      status: "failed",
      reason: "not-found: Unknown Channel",
    });
  });

  it("GIVEN Discord server errors WHEN posting THEN it retries with growing waits and then posts", async () => {
    const { poster, store, sleeps } = await runWith([
      new DigestPostError("server", "502 Bad Gateway"),
      new DigestPostError("rate-limited", "429", { retryAfterMs: 30_000 }),
    ]);
    expect(sleeps).toEqual([2_000, 30_000]);
    expect(poster.posts).toHaveLength(1);
    expect(await store.runs.latest("g1")).toMatchObject({ status: "posted", attempts: 3 });
  });

  it("GIVEN errors on every attempt WHEN posting THEN it gives up after four and records it", async () => {
    const failure = () => new DigestPostError("server", "503 Service Unavailable");
    const { store, sleeps } = await runWith([failure(), failure(), failure(), failure()]);
    expect(sleeps).toEqual([2_000, 8_000, 32_000]);
    expect(await store.runs.latest("g1")).toMatchObject({
      status: "failed",
      reason: "server: 503 Service Unavailable (after 4 attempts)",
      attempts: 4,
    });
  });

  it("GIVEN a failure after the first of several messages WHEN retried THEN only the rest are sent", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const manyStories = Array.from({ length: 15 }, (_, i) =>
      article({
        id: `s${i}`,
        title: `Headline ${"abcdefghijklmnopqrstuvwxyz".charAt(i).repeat(4)} number`,
        lead: Array.from({ length: 60 }, (_, w) => `word${i}x${w}`).join(" ") + ".",
        publishedAt: "2025-12-05T06:00:00Z",
      }),
    );
    const setup = harness(clock, { library: libraryOf(manyStories) });
    await setup.service.configure(nineBerlin);
    setup.poster.failures.push(new DigestPostError("server", "502", { postedMessageIds: ["early-1"] }));
    clock.set("2025-12-05T08:00:01Z");
    await setup.scheduler.runDue();
    const [partial, rest] = setup.poster.posts;
    expect(partial?.messages).toHaveLength(1);
    expect(rest?.messages.length).toBeGreaterThan(0);
    // The rest is the tail of the same plan: its messages keep their places (and so their nonces).
    expect(rest?.messages[0]?.position).toBe(1);
    const run = await setup.store.runs.latest("g1");
    expect(run?.status).toBe("posted");
    expect(run?.messageIds[0]).toBe("early-1");
    expect(run?.messageIds).toHaveLength(1 + (rest?.messages.length ?? 0));
  });

  it("GIVEN an unexpected error inside composing WHEN the timer fires THEN the run fails and nothing throws", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const { logger, lines } = recordingLogger();
    const broken: DigestLibrary = {
      articlesFor: () => {
        throw new Error("index is rebuilding");
      },
      search: () => [],
    };
    const setup = harness(clock, { library: broken, logger });
    await setup.service.configure(nineBerlin);
    clock.set("2025-12-05T08:00:01Z");
    await expect(setup.scheduler.runDue()).resolves.toBe(1);
    expect(await setup.store.runs.latest("g1")).toMatchObject({ status: "failed" });
    expect(lines.some((line) => line.msg === "digest run failed")).toBe(true);
  });
});

describe("empty days", () => {
  it("GIVEN no new articles and the default setting WHEN the digest runs THEN a short note is posted", async () => {
    const clock = new ManualClock("2025-12-09T07:00:00Z");
    const { service, scheduler, poster } = harness(clock);
    await service.configure(nineBerlin);
    clock.set("2025-12-09T08:00:01Z");
    await scheduler.runDue();
    expect(poster.posts[0]?.messages[0]?.embeds[0]?.description).toMatch(/^No new articles from/);
  });

  it("GIVEN no new articles and a server that chose nothing WHEN the digest runs THEN nothing is posted", async () => {
    const clock = new ManualClock("2025-12-09T07:00:00Z");
    const { service, scheduler, poster, store } = harness(clock);
    await service.configure({ ...nineBerlin, emptyDays: "skip" });
    clock.set("2025-12-09T08:00:01Z");
    await scheduler.runDue();
    expect(poster.posts).toHaveLength(0);
    expect(await store.runs.latest("g1")).toMatchObject({ status: "skipped", reason: "no new articles" });
  });
});

describe("configuring", () => {
  const clock = new ManualClock("2025-12-05T07:00:00Z");

  it.each([
    [{ time: "25:00" }, "is not a time"],
    [{ time: "9am" }, "is not a time"],
    [{ timezone: "Mars/Olympus" }, "is not a time zone"],
    [{ channelId: "secret" }, "cannot post in <#secret>"],
  ])("GIVEN %o WHEN scheduling THEN a clear user error and nothing saved", async (change, message) => {
    const { service, store, scheduler } = harness(clock);
    const error: unknown = await service
      .configure({ ...nineBerlin, ...change })
      .catch((caught: unknown) => caught);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toContain(message);
    expect(await store.schedules.forGuild("g1")).toEqual([]);
    expect(scheduler.jobs()).toEqual([]);
  });

  it("GIVEN a lower-case zone WHEN scheduling THEN the canonical name is stored", async () => {
    const { service } = harness(clock);
    expect(
      (await service.configure({ ...nineBerlin, timezone: "europe/berlin", time: "7:05" })).schedule.timezone,
    ).toBe("Europe/Berlin");
  });

  it("GIVEN a schedule WHEN turned off THEN its job is cancelled and status shows no next run", async () => {
    const { service, scheduler } = harness(clock);
    await service.configure(nineBerlin);
    expect((await service.list("g1"))[0]?.nextRunAt?.toISOString()).toBe("2025-12-05T08:00:00.000Z");
    await service.disable("g1", undefined, "u1");
    expect(scheduler.jobs()).toEqual([]);
    const [off] = await service.list("g1");
    expect(off?.schedule.enabled).toBe(false);
    expect(off?.nextRunAt).toBeUndefined();
  });
});

describe("stopping", () => {
  it("GIVEN a post waiting to retry WHEN the service stops THEN stop waits for it, and it gives up with the reason", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    let releaseSleep: () => void = () => undefined;
    const { service, scheduler, poster, store } = harness(clock, {
      sleep: () =>
        new Promise<void>((resolve) => {
          releaseSleep = resolve;
        }),
    });
    await service.configure(nineBerlin);
    poster.failures.push(new DigestPostError("server", "Discord had a 503"));
    clock.set("2025-12-05T08:00:01Z");
    const due = scheduler.runDue();
    await vi.waitFor(async () => {
      expect((await store.runs.latest("g1"))?.attempts).toBe(1);
    });
    let stopped = false;
    const stopping = service.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    releaseSleep();
    await stopping;
    await due;
    expect(await store.runs.latest("g1")).toMatchObject({ status: "failed" });
    expect((await store.runs.latest("g1"))?.reason).toContain("not retried: the bot was stopping");
    expect(await service.runPeriod(1, clock.now())).toBeUndefined();
  });
});

describe("several schedules in one server", () => {
  /** Moves the clock to each instant in turn and fires what fell due; how many ran at each. */
  async function firedAt(setup: Harness, clock: ManualClock, instants: readonly string[]): Promise<number[]> {
    const counts: number[] = [];
    for (const instant of instants) {
      clock.set(instant);
      counts.push(await setup.scheduler.runDue());
    }
    return counts;
  }

  it("GIVEN a weekly Friday schedule WHEN the days pass THEN it posts only on Fridays, covering the week", async () => {
    const clock = new ManualClock("2025-12-03T07:00:00Z");
    const setup = harness(clock);
    const { schedule } = await setup.service.configure({ ...nineBerlin, weekday: "friday" });
    expect(schedule.weekday).toBe("friday");
    const days = ["03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
    await firedAt(
      setup,
      clock,
      days.map((day) => `2025-12-${day}T08:00:01Z`),
    );
    expect(setup.poster.posts).toHaveLength(2);
    expect(setup.poster.posts[0]?.context?.title).toBe("Weekly digest — 5 Dec 2025");
    const first = await setup.store.runs.forPeriod(schedule.id, "week:2025-12-05");
    expect(first).toMatchObject({
      status: "posted",
      dueAt: "2025-12-05T08:00:00.000Z",
      windowSince: "2025-11-28T08:00:00.000Z",
      windowUntil: "2025-12-05T08:00:00.000Z",
    });
    // The next week's window starts where the last one ended.
    expect(await setup.store.runs.latestForSchedule(schedule.id)).toMatchObject({
      periodKey: "week:2025-12-12",
      windowSince: "2025-12-05T08:00:00.000Z",
    });
    expect((await setup.service.list("g1"))[0]?.nextRunAt?.toISOString()).toBe("2025-12-19T08:00:00.000Z");
  });

  it("GIVEN two schedules in one server WHEN their time passes THEN each posts its own digest, in its own window", async () => {
    const clock = new ManualClock("2025-12-04T07:00:00Z");
    const setup = harness(clock);
    setup.poster.postableChannels.add("world");
    const daily = (await setup.service.configure(nineBerlin)).schedule;
    const geneva = (await setup.service.configure({ ...nineBerlin, channelId: "world", topic: "Geneva" }))
      .schedule;
    expect(geneva.id).not.toBe(daily.id);
    expect(setup.scheduler.jobs()).toHaveLength(2);
    // Yesterday's daily digest ran; the topic one is new, so its window is the full 24 h.
    await firedAt(setup, clock, ["2025-12-04T08:00:01Z"]);
    expect(await firedAt(setup, clock, ["2025-12-05T08:00:01Z"])).toEqual([2]);
    const today = setup.poster.posts.slice(-2);
    expect(today.map((post) => post.channelId).sort()).toEqual(["news", "world"]);
    expect(await setup.store.runs.forPeriod(daily.id, "2025-12-05")).toMatchObject({
      status: "posted",
      windowSince: "2025-12-04T08:00:00.000Z",
      articleCount: 7,
    });
    expect(await setup.store.runs.forPeriod(geneva.id, "2025-12-05")).toMatchObject({
      status: "posted",
      windowSince: "2025-12-04T08:00:00.000Z",
      // The three articles with Geneva in their titles.
      articleCount: 3,
    });
    expect(
      (await setup.service.list("g1")).map(({ schedule, lastRun }) => [schedule.id, lastRun?.periodKey]),
    ).toEqual([
      [daily.id, "2025-12-05"],
      [geneva.id, "2025-12-05"],
    ]);
  });

  it("GIVEN two schedules missed while stopped WHEN the bot starts THEN each is caught up or skipped by its own lateness", async () => {
    const dataDir = tempDir();
    const clock = new ManualClock("2025-12-04T12:00:00Z");
    const before = harness(clock, { dataDir });
    before.poster.postableChannels.add("early");
    const early = (await before.service.configure({ ...nineBerlin, channelId: "early", time: "03:00" }))
      .schedule;
    const late = (await before.service.configure(nineBerlin)).schedule;
    await before.store.close();
    clock.set("2025-12-05T11:00:00Z");
    const after = harness(clock, { dataDir });
    await after.service.start();
    expect(await after.store.runs.forPeriod(early.id, "2025-12-05")).toMatchObject({ status: "skipped" });
    expect(await after.store.runs.forPeriod(late.id, "2025-12-05")).toMatchObject({ status: "posted" });
    expect(after.poster.posts.map((post) => post.channelId)).toEqual(["news"]);
  });

  it("GIVEN a schedule for a channel and topic WHEN scheduled again there THEN it is changed in place and says what it was", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const { service, store } = harness(clock);
    const first = await service.configure(nineBerlin);
    expect(first.previous).toBeUndefined();
    const again = await service.configure({ ...nineBerlin, time: "18:00", weekday: "monday" });
    expect(again.schedule).toMatchObject({ id: first.schedule.id, time: "18:00", weekday: "monday" });
    expect(again.previous).toMatchObject({ time: "09:00" });
    expect(again.previous?.weekday).toBeUndefined();
    expect(await store.schedules.forGuild("g1")).toHaveLength(1);
  });

  it("GIVEN a server with the most schedules WHEN one more is set THEN refused; WHEN an existing one is changed THEN fine", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const { service } = harness(clock);
    for (let n = 0; n < MAX_SCHEDULES_PER_SERVER; n++) {
      await service.configure({ ...nineBerlin, topic: `topic ${String(n)}` });
    }
    const error: unknown = await service
      .configure({ ...nineBerlin, topic: "one too many" })
      .catch((caught: unknown) => caught);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toContain(`has ${String(MAX_SCHEDULES_PER_SERVER)} digests already`);
    await expect(
      service.configure({ ...nineBerlin, topic: "topic 0", time: "10:00" }),
    ).resolves.toMatchObject({
      schedule: { time: "10:00" },
    });
  });

  it("GIVEN two enabled schedules WHEN turning one off without saying which THEN refused; WHEN naming it THEN only it stops", async () => {
    const clock = new ManualClock("2025-12-05T07:00:00Z");
    const { service, scheduler } = harness(clock);
    const daily = (await service.configure(nineBerlin)).schedule;
    const topic = (await service.configure({ ...nineBerlin, topic: "Geneva" })).schedule;
    await expect(service.disable("g1", undefined)).rejects.toThrow("say which with `schedule:`");
    await expect(service.disable("g1", 999)).rejects.toThrow("no digest schedule 999");
    await expect(service.disable("g2", daily.id)).rejects.toThrow(`no digest schedule ${String(daily.id)}`);
    expect(await service.disable("g1", topic.id, "u1")).toMatchObject({ id: topic.id, enabled: false });
    expect(scheduler.jobs().map((job) => job.id)).toEqual([`digest:${String(daily.id)}`]);
    // One left on: it may be turned off without naming it.
    expect(await service.disable("g1", undefined)).toMatchObject({ id: daily.id, enabled: false });
    await expect(service.disable("g1", undefined)).rejects.toThrow("no digest that is on");
  });
});
