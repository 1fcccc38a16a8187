import cron, { type ScheduledTask } from "node-cron";
import { systemClock, type Clock } from "../core/clock.ts";
import { nextDailyRun, parseDailyCronExpression, type ClockTime } from "../core/digest/local-time.ts";
import type { Logger } from "./logger.ts";

/** Work a schedule does when it falls due; failures are the job's to handle, the scheduler only logs them. */
export type ScheduledJob = () => Promise<void> | void;

/** Runs jobs at cron times in a time zone. One job per id; scheduling an id again replaces its job. */
export interface Scheduler {
  schedule(id: string, cronExpression: string, timeZone: string, job: ScheduledJob): void;
  cancel(id: string): void;
  stopAll(): void;
}

/** A daily job of the {@link CronScheduler}. */
interface DailyJob {
  time: ClockTime;
  timeZone: string;
  job: ScheduledJob;
  /** The job has run for every fire time up to this instant. */
  checkedUntil: Date;
  running: boolean;
}

/** A minute tick can land a few milliseconds before the minute it stands for. */
const TICK_TOLERANCE_MS = 1_000;

/**
 * A {@link Scheduler} on node-cron, used only as a steady once-a-minute tick in UTC; when a daily job is due
 * comes from `nextDailyRun()`, the same rule `/digest status` promises. node-cron's own zoned daily times
 * skip a time that falls in a spring-forward gap (00:00 in Santiago, Havana or Beirut on the change day),
 * fire the second of two on fall-back, and miss the day when the process slept past it; here a gap time
 * moves forward by the gap, fall-back takes the first, and the first tick after a sleep runs what fell due
 * during it, once.
 */
export class CronScheduler implements Scheduler {
  readonly #jobs = new Map<string, DailyJob>();
  readonly #logger: Logger;
  readonly #clock: Clock;
  #tick: ScheduledTask | undefined;

  constructor(logger: Logger, clock: Clock = systemClock) {
    this.#logger = logger;
    this.#clock = clock;
  }

  schedule(id: string, cronExpression: string, timeZone: string, job: ScheduledJob): void {
    const time = parseDailyCronExpression(cronExpression);
    if (!time) throw new Error(`the scheduler runs daily expressions (M H * * *), not "${cronExpression}"`);
    this.#jobs.set(id, { time, timeZone, job, checkedUntil: this.#clock.now(), running: false });
    this.#startTicking();
  }

  cancel(id: string): void {
    this.#jobs.delete(id);
    if (this.#jobs.size === 0) this.#stopTicking();
  }

  stopAll(): void {
    this.#jobs.clear();
    this.#stopTicking();
  }

  /** When the job falls due next; undefined for an unknown id. */
  nextRun(id: string): Date | undefined {
    const entry = this.#jobs.get(id);
    return entry && nextDailyRun(entry.checkedUntil, entry.time, entry.timeZone);
  }

  /** Runs, once each, the jobs whose fire time has passed since they last ran. */
  async runDue(): Promise<void> {
    const now = this.#clock.now();
    const runs: Promise<void>[] = [];
    for (const [id, entry] of this.#jobs) {
      const due = nextDailyRun(entry.checkedUntil, entry.time, entry.timeZone);
      if (entry.running || due.getTime() > now.getTime() + TICK_TOLERANCE_MS) continue;
      entry.checkedUntil = new Date(Math.max(now.getTime(), due.getTime()));
      runs.push(this.#run(id, entry));
    }
    await Promise.all(runs);
  }

  async #run(id: string, entry: DailyJob): Promise<void> {
    entry.running = true;
    try {
      await entry.job();
    } catch (error) {
      this.#logger.error({ err: error, job: id }, "scheduled job failed");
    } finally {
      entry.running = false;
    }
  }

  #startTicking(): void {
    if (this.#tick !== undefined) return;
    const logger = this.#logger;
    this.#tick = cron.schedule("* * * * *", () => this.runDue(), {
      timezone: "UTC",
      name: "newsdesk-daily-jobs",
      noOverlap: true,
      suppressMissedWarning: true,
      // node-cron logs to the console by default; its lines go to our logger instead.
      logger: {
        info: (message) => {
          logger.debug({ job: "tick" }, message);
        },
        warn: (message) => {
          logger.warn({ job: "tick" }, message);
        },
        error: (message, err) => {
          logger.error({ job: "tick", err: err ?? message }, "cron error");
        },
        debug: (message) => {
          logger.debug({ job: "tick" }, String(message));
        },
      },
    });
  }

  #stopTicking(): void {
    const tick = this.#tick;
    this.#tick = undefined;
    if (tick !== undefined) void tick.destroy();
  }
}

interface ManualJob {
  cronExpression: string;
  timeZone: string;
  job: ScheduledJob;
  /** Fire times after this instant have not been run yet. */
  checkedUntil: Date;
}

/**
 * A {@link Scheduler} for tests and the console's dry runs: nothing runs until `runDue` is called, which
 * fires each job once for every daily fire time passed on the clock since the job was scheduled (or last
 * checked). Understands the daily `M H * * *` expressions digests use.
 */
export class ManualScheduler implements Scheduler {
  readonly #clock: Clock;
  readonly #jobs = new Map<string, ManualJob>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  schedule(id: string, cronExpression: string, timeZone: string, job: ScheduledJob): void {
    if (!parseDailyCronExpression(cronExpression)) {
      throw new Error(`ManualScheduler only runs daily expressions, not "${cronExpression}"`);
    }
    this.#jobs.set(id, { cronExpression, timeZone, job, checkedUntil: this.#clock.now() });
  }

  cancel(id: string): void {
    this.#jobs.delete(id);
  }

  stopAll(): void {
    this.#jobs.clear();
  }

  /** Ids of the scheduled jobs, with their expression and zone. */
  jobs(): { id: string; cronExpression: string; timeZone: string }[] {
    return [...this.#jobs].map(([id, { cronExpression, timeZone }]) => ({ id, cronExpression, timeZone }));
  }

  /** Runs every job whose fire time has passed, in time order, one at a time; returns how many ran. */
  async runDue(): Promise<number> {
    const now = this.#clock.now();
    let ran = 0;
    for (;;) {
      const due = this.#earliestDue(now);
      if (!due) return ran;
      due.entry.checkedUntil = due.at;
      await due.entry.job();
      ran++;
    }
  }

  #earliestDue(now: Date): { entry: ManualJob; at: Date } | undefined {
    let earliest: { entry: ManualJob; at: Date } | undefined;
    for (const entry of this.#jobs.values()) {
      const time = parseDailyCronExpression(entry.cronExpression);
      if (!time) continue;
      const at = nextDailyRun(entry.checkedUntil, time, entry.timeZone);
      if (at.getTime() <= now.getTime() && (!earliest || at < earliest.at)) earliest = { entry, at };
    }
    return earliest;
  }
}
