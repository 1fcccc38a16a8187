import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../core/clock.ts";
import { nextDailyRun, parseDailyCronExpression } from "../core/digest/local-time.ts";
import type { Logger } from "./logger.ts";

/** Work a schedule does when it falls due; failures are the job's to handle, the scheduler only logs them. */
export type ScheduledJob = () => Promise<void> | void;

/** Runs jobs at cron times in a time zone. One job per id; scheduling an id again replaces its job. */
export interface Scheduler {
  schedule(id: string, cronExpression: string, timeZone: string, job: ScheduledJob): void;
  cancel(id: string): void;
  stopAll(): void;
}

/**
 * A {@link Scheduler} on node-cron: each job is a cron task evaluated on the zone's wall clock, so a
 * 09:00 job stays at 09:00 local time across daylight-saving changes.
 */
export class CronScheduler implements Scheduler {
  readonly #tasks = new Map<string, ScheduledTask>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  schedule(id: string, cronExpression: string, timeZone: string, job: ScheduledJob): void {
    this.cancel(id);
    const logger = this.#logger;
    const task = cron.schedule(
      cronExpression,
      async () => {
        try {
          await job();
        } catch (error) {
          logger.error({ err: error, job: id }, "scheduled job failed");
        }
      },
      {
        timezone: timeZone,
        name: id,
        noOverlap: true,
        suppressMissedWarning: true,
        // node-cron logs to the console by default; its lines go to our logger instead.
        logger: {
          info: (message) => {
            logger.debug({ job: id }, message);
          },
          warn: (message) => {
            logger.warn({ job: id }, message);
          },
          error: (message, err) => {
            logger.error({ job: id, err: err ?? message }, "cron error");
          },
          debug: (message) => {
            logger.debug({ job: id }, String(message));
          },
        },
      },
    );
    this.#tasks.set(id, task);
  }

  cancel(id: string): void {
    const task = this.#tasks.get(id);
    if (!task) return;
    this.#tasks.delete(id);
    void task.destroy();
  }

  stopAll(): void {
    for (const id of [...this.#tasks.keys()]) this.cancel(id);
  }

  /** When the job fires next, per node-cron; undefined for an unknown id. */
  nextRun(id: string): Date | undefined {
    return this.#tasks.get(id)?.getNextRun() ?? undefined;
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
