import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../../src/app/logger.ts";
import { CronScheduler, ManualScheduler } from "../../src/app/scheduler.ts";
import { ManualClock } from "../../src/core/clock.ts";

describe("CronScheduler (node-cron)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("GIVEN a 09:00 Berlin job before clocks go forward WHEN asked for its next run THEN it is 09:00 CEST", () => {
    vi.useFakeTimers({ now: new Date("2026-03-28T12:00:00Z") });
    const scheduler = new CronScheduler(silentLogger());
    scheduler.schedule("digest:1", "0 9 * * *", "Europe/Berlin", () => undefined);
    try {
      expect(scheduler.nextRun("digest:1")?.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    } finally {
      scheduler.stopAll();
    }
    expect(scheduler.nextRun("digest:1")).toBeUndefined();
  });

  it("GIVEN a 09:00 New York job before clocks go back WHEN asked for its next run THEN it is 09:00 EST", () => {
    vi.useFakeTimers({ now: new Date("2025-11-01T14:00:00Z") });
    const scheduler = new CronScheduler(silentLogger());
    scheduler.schedule("digest:2", "0 9 * * *", "America/New_York", () => undefined);
    try {
      expect(scheduler.nextRun("digest:2")?.toISOString()).toBe("2025-11-02T14:00:00.000Z");
    } finally {
      scheduler.stopAll();
    }
  });

  it("GIVEN a job that throws WHEN its time comes THEN the error is logged, not thrown", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-29T06:59:58Z") });
    const errors: unknown[] = [];
    const logger = silentLogger();
    vi.spyOn(logger, "error").mockImplementation((...args: unknown[]) => {
      errors.push(args[0]);
    });
    const scheduler = new CronScheduler(logger);
    let runs = 0;
    scheduler.schedule("digest:3", "0 9 * * *", "Europe/Berlin", () => {
      runs++;
      throw new Error("boom");
    });
    try {
      await vi.advanceTimersByTimeAsync(5_000);
      expect(runs).toBe(1);
      expect(errors).toHaveLength(1);
    } finally {
      scheduler.stopAll();
    }
  });
});

describe("CronScheduler across daylight-saving changes", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The instants a daily job ran at while fake time advanced by `ms` from `start`. */
  async function runsOf(start: string, cron: string, zone: string, ms: number): Promise<string[]> {
    vi.useFakeTimers({ now: new Date(start) });
    const scheduler = new CronScheduler(silentLogger());
    const runs: string[] = [];
    scheduler.schedule("job", cron, zone, () => {
      runs.push(new Date().toISOString().slice(0, 16));
    });
    try {
      await vi.advanceTimersByTimeAsync(ms);
    } finally {
      scheduler.stopAll();
    }
    return runs;
  }

  it.each([
    // Clocks jump from 00:00 to 01:00: midnight does not exist that day and moves forward by the gap.
    [
      "00:00 in Santiago on the spring-forward day",
      "2026-09-06T03:30:00Z",
      "0 0 * * *",
      "America/Santiago",
      "2026-09-06T04:00",
    ],
    [
      "00:00 in Havana on the spring-forward day",
      "2026-03-08T04:30:00Z",
      "0 0 * * *",
      "America/Havana",
      "2026-03-08T05:00",
    ],
    [
      "00:00 in Beirut on the spring-forward day",
      "2026-03-28T21:30:00Z",
      "0 0 * * *",
      "Asia/Beirut",
      "2026-03-28T22:00",
    ],
    [
      "01:30 in London on the spring-forward day",
      "2026-03-29T00:30:00Z",
      "30 1 * * *",
      "Europe/London",
      "2026-03-29T01:30",
    ],
    [
      "01:30 in London on the fall-back day (first of two)",
      "2026-10-24T23:30:00Z",
      "30 1 * * *",
      "Europe/London",
      "2026-10-25T00:30",
    ],
    [
      "02:15 on Lord Howe's 30-minute spring-forward",
      "2026-10-03T15:00:00Z",
      "15 2 * * *",
      "Australia/Lord_Howe",
      "2026-10-03T15:45",
    ],
    [
      "02:30 in Santiago on the spring-forward day",
      "2026-09-06T05:00:00Z",
      "30 2 * * *",
      "America/Santiago",
      "2026-09-06T05:30",
    ],
  ])(
    "GIVEN %s WHEN time passes THEN it runs once, at the instant nextRun promised",
    async (_case, start, cron, zone, expected) => {
      vi.useFakeTimers({ now: new Date(start) });
      const scheduler = new CronScheduler(silentLogger());
      scheduler.schedule("job", cron, zone, () => undefined);
      const promised = scheduler.nextRun("job")?.toISOString().slice(0, 16);
      scheduler.stopAll();
      vi.useRealTimers();
      expect(promised).toBe(expected);
      expect(await runsOf(start, cron, zone, 90 * 60_000)).toEqual([expected]);
    },
  );

  it("GIVEN a process that sleeps across the change and the job's time WHEN it wakes THEN the job runs once", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-28T12:00:00Z") });
    const scheduler = new CronScheduler(silentLogger());
    let runs = 0;
    scheduler.schedule("job", "0 9 * * *", "Europe/Berlin", () => {
      runs++;
    });
    try {
      vi.setSystemTime(new Date("2026-03-29T10:00:00Z"));
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      expect(runs).toBe(1);
      expect(scheduler.nextRun("job")?.toISOString()).toBe("2026-03-30T07:00:00.000Z");
    } finally {
      scheduler.stopAll();
    }
  });
});

describe("ManualScheduler", () => {
  it("GIVEN two daily jobs WHEN two days pass THEN each runs once a day, in time order", async () => {
    const clock = new ManualClock("2025-12-05T00:00:00Z");
    const scheduler = new ManualScheduler(clock);
    const ran: string[] = [];
    scheduler.schedule("tokyo", "0 9 * * *", "Asia/Tokyo", () => {
      ran.push("tokyo");
    });
    scheduler.schedule("utc", "30 6 * * *", "UTC", () => {
      ran.push("utc");
    });
    clock.set("2025-12-06T07:00:00Z");
    expect(await scheduler.runDue()).toBe(3);
    // 06:30 UTC on the 5th, 09:00 Tokyo (00:00 UTC) on the 6th, 06:30 UTC on the 6th.
    expect(ran).toEqual(["utc", "tokyo", "utc"]);
  });

  it("GIVEN a cancelled job WHEN its time passes THEN it does not run", async () => {
    const clock = new ManualClock("2025-12-05T00:00:00Z");
    const scheduler = new ManualScheduler(clock);
    let runs = 0;
    scheduler.schedule("a", "0 9 * * *", "UTC", () => {
      runs++;
    });
    scheduler.cancel("a");
    clock.set("2025-12-06T00:00:00Z");
    await scheduler.runDue();
    expect(runs).toBe(0);
  });

  it("GIVEN a non-daily expression WHEN scheduled THEN it is refused", () => {
    const scheduler = new ManualScheduler(new ManualClock("2025-12-05T00:00:00Z"));
    expect(() => {
      scheduler.schedule("a", "*/5 * * * *", "UTC", () => undefined);
    }).toThrow(/daily/);
  });
});
