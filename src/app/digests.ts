import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Article } from "../core/articles.ts";
import type { Clock } from "../core/clock.ts";
import { buildDigest } from "../core/digest/compose.ts";
import { newsEnrichment } from "../core/digest/enrichment.ts";
import {
  dailyCronExpression,
  type ClockTime,
  formatClockTime,
  localDateKey,
  nextDailyRun,
  parseClockTime,
  previousDailyRun,
} from "../core/digest/local-time.ts";
import { checkTimeZone, type NotATimeZone } from "../core/digest/time-zones.ts";
import { nextWeeklyRun, previousWeeklyRun, type Weekday } from "../core/digest/weekly.ts";
import {
  DigestPostError,
  isRetryable,
  type DigestPoster,
  type PostFailureKind,
} from "../core/digest/poster.ts";
import { digestPages, digestPostTitle } from "../core/digest/render.ts";
import type { Digest, DigestEnrichment, DigestWindow } from "../core/digest/types.ts";
import { defaultDigestWindow, MAX_WEEKLY_DIGEST_WINDOW_MS } from "../core/digest/window.ts";
import { UserError } from "../core/errors.ts";
import type { ReplyPage } from "../core/reply.ts";
import { err, ok, type Result } from "../core/result.ts";
import type { Store } from "../store/db.ts";
import type { DigestRun, RunKey } from "../store/digest-runs.ts";
import type { DigestSchedule } from "../store/schedules.ts";
import type { EmptyDigestPolicy } from "../store/settings.ts";
import type { Logger } from "./logger.ts";
import type { Scheduler } from "./scheduler.ts";

/** What the digest service needs of the library. */
export interface DigestLibrary {
  /** The articles a server may see: everyone's, and its own feeds'. */
  articlesFor(guildId: string): Iterable<Article>;
  search(
    query: string,
    filters: { since?: Date; until?: Date; guildId?: string },
    limit: number,
  ): { article: Article }[];
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait before the second attempt; each further wait is four times longer, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface DigestServiceOptions {
  store: Store;
  library: DigestLibrary;
  clock: Clock;
  logger: Logger;
  scheduler: Scheduler;
  poster: DigestPoster;
  /** Summaries and quotes; default: the summariser and the quote extractor. */
  enrichment?: DigestEnrichment;
  /** A run missed while the bot was down is still posted at start if it is at most this old (DIGEST_GRACE_HOURS). */
  graceHours?: number;
  retry?: RetryPolicy;
  /** Waits between retries; tests pass one that moves a ManualClock instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** A claim older than this belongs to a process that stopped mid-post. */
  staleClaimMs?: number;
  /** Names this process in the runs it claims; by default `host:pid:random`, which {@link processIsGone} reads. */
  instanceId?: string;
  /**
   * Whether the process that claimed a run (by its instance id) is certainly gone, so that its post can be
   * finished at once; default {@link processIsGone}. Claims of processes that may still run wait for the
   * stale rule.
   */
  ownerIsGone?: (instanceId: string) => boolean;
  /**
   * Which servers' schedules this process runs: a shard runs only the servers it holds, and the local
   * console only its own. Default: all.
   */
  servesGuild?: (guildId: string) => boolean;
}

export const DEFAULT_GRACE_HOURS = 6;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 };
const DEFAULT_STALE_CLAIM_MS = 30 * 60_000;
/** A topic digest considers at most this many matching articles. */
const TOPIC_SEARCH_LIMIT = 2_000;
/** Timers may fire a moment early; a run this close to its time counts as due. */
const EARLY_FIRE_TOLERANCE_MS = 5_000;
/** Enabled schedules a server may have: enough for a channel per topic, few enough to pick from a list. */
export const MAX_SCHEDULES_PER_SERVER = 10;

/** Why a schedule's time is not one, for a reply: undefined when it is. */
export function scheduleTimeProblem(typed: string): string | undefined {
  return parseClockTime(typed) ? undefined : timeProblem(typed);
}

/** Why a schedule's time zone is not one, with the zones it may mean: undefined when it is one. */
export function scheduleTimeZoneProblem(typed: string): string | undefined {
  const zone = checkTimeZone(typed);
  return zone.ok ? undefined : timeZoneProblem(typed, zone.reason);
}

function timeProblem(typed: string): string {
  return `“${typed}” is not a time; use HH:MM, e.g. 09:00 or 18:30.`;
}

function timeZoneProblem(typed: string, zone: NotATimeZone): string {
  const what = /^[A-Z]{2,5}$/.test(typed.trim()) ? "an abbreviation, not a time zone" : "not a time zone";
  const hint =
    zone.suggestions.length > 0
      ? `did you mean ${zone.suggestions.join(" or ")}?`
      : "use a name such as Europe/Berlin or America/New_York.";
  return `“${typed}” is ${what}; ${hint}`;
}

export interface ScheduleRequest {
  guildId: string;
  channelId: string;
  /** `HH:MM`, as typed. */
  time: string;
  /** IANA name, as typed; default UTC. */
  timezone?: string | undefined;
  topic?: string | undefined;
  /** Weekly on this day, covering the week; daily when absent. */
  weekday?: Weekday | undefined;
  emptyDays?: EmptyDigestPolicy | undefined;
  userId?: string | undefined;
}

/** What `configure` did: the schedule as saved, and the one it replaced when the channel and topic had one. */
export interface ConfiguredSchedule {
  schedule: DigestSchedule;
  /** The schedule as it was before, when this changed an existing one (same id, so its runs still count). */
  previous?: DigestSchedule;
}

/** One of a server's schedules with its next and last runs. */
export interface ScheduleSummary {
  schedule: DigestSchedule;
  /** Absent while the schedule is off. */
  nextRunAt?: Date;
  lastRun?: DigestRun;
}

export interface DigestStatus {
  /** Every schedule of the server, enabled or not, oldest first. */
  schedules: ScheduleSummary[];
  emptyDays: EmptyDigestPolicy;
  /** The server's most recent run, of any schedule. */
  lastRun?: DigestRun;
}

/** A digest composed on request, with the zone its times are shown in and its pages in that zone. */
export interface ComposedDigest {
  digest: Digest;
  timeZone: string;
  pages: [ReplyPage, ...ReplyPage[]];
}

/**
 * Daily and weekly digests: keeps one scheduler job per enabled schedule (a server may have several, one
 * per channel and topic), and posts each period's digest exactly once.
 * A period is claimed in the database before posting (a unique schedule-and-date row), so a restart, a
 * second process or a repeated timer cannot post it again. Failures are recorded on the run and retried
 * with backoff when Discord may recover (rate limits, server errors); nothing here throws into the bot.
 */
export class DigestService {
  readonly #options: DigestServiceOptions;
  readonly #enrichment: DigestEnrichment;
  readonly #instanceId: string;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #inFlight = new Set<Promise<DigestRun | undefined>>();
  #stopping = false;

  constructor(options: DigestServiceOptions) {
    this.#options = options;
    this.#enrichment = options.enrichment ?? newsEnrichment();
    this.#instanceId = options.instanceId ?? `${hostname()}:${String(process.pid)}:${randomUUID()}`;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Loads the enabled schedules into the scheduler and settles the latest period of each: posted now when
   * it was missed less than the grace period ago, recorded as skipped when longer.
   */
  async start(): Promise<void> {
    const { store, clock, logger } = this.#options;
    await this.#resumeOrphanedRuns();
    const stale = await store.runs.failStaleClaims(
      new Date(clock.now().getTime() - (this.#options.staleClaimMs ?? DEFAULT_STALE_CLAIM_MS)),
      "interrupted: the bot stopped while posting; not posted again to avoid a duplicate",
    );
    if (stale > 0) logger.warn({ runs: stale }, "digest runs interrupted by a stop were marked failed");
    const serves = this.#options.servesGuild ?? (() => true);
    const schedules = (await store.schedules.listEnabled()).filter((schedule) => serves(schedule.guildId));
    for (const schedule of schedules) this.#register(schedule);
    for (const schedule of schedules) await this.#catchUp(schedule);
    logger.info({ schedules: schedules.length }, "digest schedules loaded");
  }

  /**
   * Finishes the posts of runs whose process died mid-post (killed, crashed): a run claimed by a process
   * that is certainly gone is taken over and continued from the messages it recorded as posted. Messages
   * carry stable nonces, so one that reached Discord just before the kill is not posted twice.
   */
  async #resumeOrphanedRuns(): Promise<void> {
    const { store, logger } = this.#options;
    const isGone = this.#options.ownerIsGone ?? processIsGone;
    const serves = this.#options.servesGuild ?? (() => true);
    for (const orphan of await store.runs.openClaims()) {
      const owner = orphan.claimedBy;
      if (owner === undefined || owner === this.#instanceId || !serves(orphan.guildId) || !isGone(owner))
        continue;
      const run = await store.runs.takeOver(orphan.id, owner, this.#instanceId);
      const schedule = await store.schedules.get(orphan.scheduleId);
      if (run === undefined || schedule === undefined) continue;
      logger.warn(
        { guildId: run.guildId, period: run.periodKey, posted: run.messageIds.length },
        "resuming a digest whose process stopped mid-post",
      );
      await this.#track(this.#postClaimed(schedule, run));
    }
  }

  /**
   * Stops the timers and waits for the runs under way, so that the database is not closed under a post.
   * A run waiting to retry gives up at once and records why.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#options.scheduler.stopAll();
    await Promise.allSettled([...this.#inFlight]);
  }

  /**
   * Validates and saves a schedule, then (re)schedules it. A channel and topic that have a schedule already
   * get that one changed (same id, so a period it posted is not posted again); otherwise a new one is added.
   * Bad input is a UserError; nothing is saved.
   */
  async configure(request: ScheduleRequest): Promise<ConfiguredSchedule> {
    const time = parseClockTime(request.time);
    if (!time) throw new UserError("bad-option", `\`time\`: ${timeProblem(request.time)}`);
    const zone = checkTimeZone(request.timezone ?? "UTC");
    if (!zone.ok) {
      throw new UserError(
        "bad-option",
        `\`timezone\`: ${timeZoneProblem(request.timezone ?? "", zone.reason)}`,
      );
    }
    const timezone = zone.value;
    if (!(await this.#canPost(request.guildId, request.channelId))) {
      throw new UserError(
        "bad-option",
        `I cannot post in <#${request.channelId}>: give me View Channel, Send Messages and Embed Links there (in a forum or a thread, Send Messages in Threads too), or pick another channel.`,
      );
    }
    const { store } = this.#options;
    const trimmed = request.topic?.trim();
    const topic = trimmed === "" ? undefined : trimmed;
    const existing = await store.schedules.forGuild(request.guildId);
    const previous = existing.find(
      (schedule) => schedule.channelId === request.channelId && schedule.topic === topic,
    );
    const othersEnabled = existing.filter((schedule) => schedule.enabled && schedule !== previous).length;
    if (othersEnabled >= MAX_SCHEDULES_PER_SERVER) {
      throw new UserError(
        "bad-option",
        `This server has ${MAX_SCHEDULES_PER_SERVER} digests already: turn one off with \`/digest off\` first.`,
      );
    }
    const schedule = await store.schedules.upsert({
      guildId: request.guildId,
      channelId: request.channelId,
      time: formatClockTime(time),
      timezone,
      topic,
      weekday: request.weekday,
      userId: request.userId,
    });
    if (request.emptyDays) await store.settings.setEmptyDigest(request.guildId, request.emptyDays);
    this.#register(schedule);
    return { schedule, ...(previous && { previous }) };
  }

  /**
   * Turns one of a server's digests off: the one of `scheduleId`, or the server's only enabled one when no
   * id is given. A server without that schedule, or with several and no id, is a UserError that says what
   * to do.
   */
  async disable(guildId: string, scheduleId: number | undefined, userId?: string): Promise<DigestSchedule> {
    const { store, scheduler } = this.#options;
    const id = scheduleId ?? (await this.#onlyEnabledSchedule(guildId)).id;
    const schedule = await store.schedules.disable(guildId, id, userId);
    if (!schedule) {
      throw new UserError(
        "not-found",
        `This server has no digest schedule ${String(id)}; \`/digest list\` shows its schedules.`,
      );
    }
    scheduler.cancel(jobId(schedule.id));
    return schedule;
  }

  async #onlyEnabledSchedule(guildId: string): Promise<DigestSchedule> {
    const enabled = (await this.#options.store.schedules.forGuild(guildId)).filter((each) => each.enabled);
    const [only, ...others] = enabled;
    if (only === undefined) throw new UserError("not-found", "This server has no digest that is on.");
    if (others.length > 0) {
      throw new UserError(
        "bad-option",
        `This server has ${String(enabled.length)} digests: say which with \`schedule:\` (\`/digest list\` shows them).`,
      );
    }
    return only;
  }

  /** The server's schedules, oldest first, each with its next run (when on) and its last run. */
  async list(guildId: string): Promise<ScheduleSummary[]> {
    const { store, clock } = this.#options;
    const schedules = await store.schedules.forGuild(guildId);
    const now = clock.now();
    return Promise.all(
      schedules.map(async (schedule) => {
        const lastRun = await store.runs.latestForSchedule(schedule.id);
        const time = parseClockTime(schedule.time);
        const nextRunAt = schedule.enabled && time ? nextDue(schedule, time, now) : undefined;
        return { schedule, ...(nextRunAt && { nextRunAt }), ...(lastRun && { lastRun }) };
      }),
    );
  }

  async status(guildId: string): Promise<DigestStatus> {
    const { store } = this.#options;
    const [schedules, lastRun, settings] = await Promise.all([
      this.list(guildId),
      store.runs.latest(guildId),
      store.settings.get(guildId),
    ]);
    return { schedules, emptyDays: settings.emptyDigest, ...(lastRun && { lastRun }) };
  }

  /** When the newest dated article a server sees was published, if any: what an empty digest can point to. */
  newestArticleAt(guildId: string): string | undefined {
    let newest: string | undefined;
    for (const { publishedAt } of this.#options.library.articlesFor(guildId)) {
      if (publishedAt !== undefined && (newest === undefined || publishedAt > newest)) newest = publishedAt;
    }
    return newest;
  }

  /**
   * Composes the server's digest for a window, with the zone and topic of the schedule that posts in
   * `channelId` (the first such one that is on), else of the server's only schedule: by default from that
   * schedule's last digest (the server's, without one; at most 24 h back) until now.
   */
  async compose(
    guildId: string,
    range: { since?: Date; until?: Date } = {},
    channelId?: string,
  ): Promise<ComposedDigest> {
    const { store, clock } = this.#options;
    const until = range.until ?? clock.now();
    const schedule = pickSchedule(await store.schedules.forGuild(guildId), channelId);
    const last = schedule
      ? await store.runs.latestForSchedule(schedule.id, "posted")
      : await store.runs.lastPosted(guildId);
    const lastUntil = last?.windowUntil;
    const window =
      range.since === undefined
        ? defaultDigestWindow(until, lastUntil === undefined ? undefined : new Date(lastUntil))
        : { since: range.since, until };
    const timeZone = schedule?.timezone ?? "UTC";
    const digest = this.#build(guildId, window, schedule?.topic);
    return { digest, timeZone, pages: digestPages(digest, { timeZone }) };
  }

  /** Posts a composed digest now (`/digest now post:true`); failures become UserErrors that say what to fix. */
  async postNow(guildId: string, channelId: string, pages: readonly ReplyPage[]): Promise<string[]> {
    const messages = this.#options.poster.planMessages(pages);
    const title = digestPostTitle("daily", this.#options.clock.now(), "UTC");
    const result = await this.#postWithRetries(guildId, channelId, title, messages, [], () =>
      Promise.resolve(),
    );
    if (result.ok) return result.messageIds;
    throw new UserError("unavailable", `The digest could not be posted: ${result.reason}.`);
  }

  /**
   * Posts one period of a schedule, exactly once: claims the period, composes, posts with retries, and
   * records the outcome. Returns the run when this call claimed it, undefined when the period was already
   * taken or the schedule is gone. Never throws.
   */
  runPeriod(scheduleId: number, dueAt: Date): Promise<DigestRun | undefined> {
    if (this.#stopping) return Promise.resolve(undefined);
    return this.#track(this.#runPeriodNow(scheduleId, dueAt));
  }

  /** Counts a run as under way until it settles, so that `stop()` waits for it. */
  #track(run: Promise<DigestRun | undefined>): Promise<DigestRun | undefined> {
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
    return run;
  }

  async #runPeriodNow(scheduleId: number, dueAt: Date): Promise<DigestRun | undefined> {
    const { store, logger } = this.#options;
    const schedule = await store.schedules.get(scheduleId);
    if (!schedule?.enabled) return undefined;
    const key = runKey(schedule, dueAt);
    const claimed = await store.runs.claim(key, this.#instanceId);
    if (!claimed) {
      logger.debug({ guildId: schedule.guildId, period: key.periodKey }, "digest period already taken");
      return undefined;
    }
    return this.#postClaimed(schedule, claimed);
  }

  /** Posts a run this process holds the claim of and records the outcome. Never throws. */
  async #postClaimed(schedule: DigestSchedule, run: DigestRun): Promise<DigestRun | undefined> {
    try {
      return await this.#post(schedule, run);
    } catch (error) {
      this.#options.logger.error(
        { err: error, guildId: schedule.guildId, period: run.periodKey },
        "digest run failed",
      );
      return this.#options.store.runs.finish(run.id, {
        status: "failed",
        reason: "internal error while composing the digest",
      });
    }
  }

  async #post(schedule: DigestSchedule, run: DigestRun): Promise<DigestRun | undefined> {
    const { store, logger } = this.#options;
    const dueAt = new Date(run.dueAt);
    // Each schedule continues from its own last digest: two topics in one server do not share a window.
    const lastUntil = (await store.runs.latestForSchedule(schedule.id, "posted"))?.windowUntil;
    const window = defaultDigestWindow(
      dueAt,
      lastUntil === undefined ? undefined : new Date(lastUntil),
      schedule.weekday === undefined ? undefined : MAX_WEEKLY_DIGEST_WINDOW_MS,
    );
    const digest = this.#build(schedule.guildId, window, schedule.topic);
    const articleCount = digest.articleCount;
    if (digest.stories.length === 0 && (await store.settings.get(schedule.guildId)).emptyDigest === "skip") {
      return store.runs.finish(run.id, {
        status: "skipped",
        reason: "no new articles",
        window,
        articleCount,
      });
    }
    // The whole plan before the first post: the run's recorded message ids count against it, so a resumed
    // run continues at the first message that did not go out.
    const messages = this.#options.poster.planMessages(digestPages(digest, { timeZone: schedule.timezone }));
    const cadence = schedule.weekday === undefined ? "daily" : "weekly";
    const result = await this.#postWithRetries(
      schedule.guildId,
      schedule.channelId,
      digestPostTitle(cadence, dueAt, schedule.timezone, schedule.topic),
      messages,
      run.messageIds,
      async (ids) => {
        await store.runs.recordAttempt(run.id);
        await store.runs.recordMessages(run.id, ids);
      },
      // A run taken over from a process that is gone carries that process's attempts.
      run.attempts,
    );
    await store.runs.recordMessages(run.id, result.messageIds);
    if (result.ok) {
      logger.info(
        { guildId: schedule.guildId, period: run.periodKey, messages: result.messageIds.length },
        "digest posted",
      );
      return store.runs.finish(run.id, { status: "posted", window, articleCount });
    }
    logger.warn(
      { guildId: schedule.guildId, period: run.periodKey, reason: result.reason },
      "digest not posted",
    );
    return store.runs.finish(run.id, { status: "failed", reason: result.reason, window, articleCount });
  }

  #isStopping(): boolean {
    return this.#stopping;
  }

  /**
   * Posts messages, retrying what can recover. `beforeAttempt` gets the ids posted so far; a retry sends only
   * the messages that did not go out, so a digest cut off midway is continued, not repeated. The ids posted
   * come back whether or not the post completed.
   */
  async #postWithRetries(
    guildId: string,
    channelId: string,
    title: string,
    messages: readonly unknown[],
    alreadyPosted: readonly string[],
    beforeAttempt: (postedIds: readonly string[]) => Promise<void>,
    earlierAttempts = 0,
  ): Promise<Result<undefined> & { messageIds: string[] }> {
    const policy = this.#options.retry ?? DEFAULT_RETRY;
    const posted: string[] = [...alreadyPosted];
    if (posted.length >= messages.length) return { ...ok(undefined), messageIds: posted };
    for (let attempt = 1; ; attempt++) {
      await beforeAttempt(posted);
      try {
        const result = await this.#options.poster.post(guildId, channelId, messages.slice(posted.length), {
          title,
          postedMessageIds: [...posted],
          mayHaveStarted: attempt > 1 || earlierAttempts > 0,
        });
        posted.push(...result.messageIds);
        return { ...ok(undefined), messageIds: posted };
      } catch (error) {
        const failure = describeFailure(error);
        posted.push(...failure.postedMessageIds);
        const tries = attempt === 1 ? "" : ` (after ${attempt} attempts)`;
        const gaveUp = (why = "") => ({
          ...err(`${failure.kind}: ${failure.message}${tries}${why}`),
          messageIds: posted,
        });
        if (!isRetryable(failure.kind) || attempt >= policy.attempts) return gaveUp();
        const stopped = "; not retried: the bot was stopping";
        if (this.#isStopping()) return gaveUp(stopped);
        const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 4 ** (attempt - 1));
        await this.#sleep(Math.max(backoff, failure.retryAfterMs ?? 0));
        // stop() may have been called during the wait.
        if (this.#isStopping()) return gaveUp(stopped);
      }
    }
  }

  #build(guildId: string, window: DigestWindow, topic: string | undefined): Digest {
    const { library } = this.#options;
    const topicIds =
      topic === undefined
        ? undefined
        : new Set(
            library
              .search(topic, { ...window, guildId }, TOPIC_SEARCH_LIMIT)
              .map((result) => result.article.id),
          );
    return buildDigest({
      articles: library.articlesFor(guildId),
      window,
      enrichment: this.#enrichment,
      ...(topic !== undefined && { topic }),
      ...(topicIds && { topicIds }),
    });
  }

  async #canPost(guildId: string, channelId: string): Promise<boolean> {
    try {
      return await this.#options.poster.canPost(guildId, channelId);
    } catch (error) {
      this.#options.logger.warn({ err: error, guildId, channelId }, "cannot check channel permissions");
      return false;
    }
  }

  /**
   * Every schedule's job fires daily at its time (the scheduler runs daily times); a weekly one posts only
   * when that time is on its day (`#onTimer`).
   */
  #register(schedule: DigestSchedule): void {
    const time = parseClockTime(schedule.time);
    if (!time) {
      this.#options.logger.error(
        { scheduleId: schedule.id, time: schedule.time },
        "stored schedule has a bad time",
      );
      return;
    }
    this.#options.scheduler.schedule(jobId(schedule.id), dailyCronExpression(time), schedule.timezone, () =>
      this.#onTimer(schedule.id),
    );
  }

  async #onTimer(scheduleId: number): Promise<void> {
    const { store, clock } = this.#options;
    const schedule = await store.schedules.get(scheduleId);
    const time = schedule && parseClockTime(schedule.time);
    if (!schedule?.enabled || !time) return;
    const firedFor = new Date(clock.now().getTime() + EARLY_FIRE_TOLERANCE_MS);
    const today = previousDailyRun(firedFor, time, schedule.timezone);
    const dueAt = previousDue(schedule, time, firedFor);
    // A weekly schedule's daily timer on another day: its last period is settled (posted, or at start).
    if (dueAt.getTime() !== today.getTime()) return;
    await this.runPeriod(scheduleId, dueAt);
  }

  async #catchUp(schedule: DigestSchedule): Promise<void> {
    const { store, clock, logger } = this.#options;
    const time = parseClockTime(schedule.time);
    if (!time) return;
    const now = clock.now();
    const dueAt = previousDue(schedule, time, now);
    // A schedule set (or changed) after this period's time was not due for it.
    if (Date.parse(schedule.updatedAt) > dueAt.getTime()) return;
    const key = runKey(schedule, dueAt);
    if (await store.runs.forPeriod(schedule.id, key.periodKey)) return;
    const lateMs = now.getTime() - dueAt.getTime();
    const graceMs = (this.#options.graceHours ?? DEFAULT_GRACE_HOURS) * 3_600_000;
    if (lateMs <= graceMs) {
      logger.info(
        { guildId: schedule.guildId, period: key.periodKey },
        "posting a digest missed while stopped",
      );
      await this.runPeriod(schedule.id, dueAt);
      return;
    }
    const hours = (lateMs / 3_600_000).toFixed(1);
    const reason = `missed while the bot was not running (${hours} h late, grace ${graceMs / 3_600_000} h)`;
    if (await store.runs.recordSkipped(key, reason))
      logger.info({ guildId: schedule.guildId, reason }, "digest skipped");
  }
}

function jobId(scheduleId: number): string {
  return `digest:${scheduleId}`;
}

/**
 * The run of a schedule's period. A daily period is its local date (`2025-12-05`); a weekly one is the
 * local date it is due on behind `week:` (`week:2025-12-08`), so that a schedule changed from daily to
 * weekly does not take its weekly digest for the day's daily one.
 */
function runKey(schedule: DigestSchedule, dueAt: Date): RunKey {
  const date = localDateKey(dueAt, schedule.timezone);
  return {
    scheduleId: schedule.id,
    guildId: schedule.guildId,
    periodKey: schedule.weekday === undefined ? date : `week:${date}`,
    dueAt,
  };
}

/** The last time at or before `at` that the schedule fell due: daily, or on its weekday. */
function previousDue(schedule: DigestSchedule, time: ClockTime, at: Date): Date {
  return schedule.weekday === undefined
    ? previousDailyRun(at, time, schedule.timezone)
    : previousWeeklyRun(at, schedule.weekday, time, schedule.timezone);
}

/** The first time after `after` that the schedule falls due. */
function nextDue(schedule: DigestSchedule, time: ClockTime, after: Date): Date {
  return schedule.weekday === undefined
    ? nextDailyRun(after, time, schedule.timezone)
    : nextWeeklyRun(after, schedule.weekday, time, schedule.timezone);
}

/**
 * The schedule whose zone and topic an on-request digest uses: the first enabled one posting in the
 * channel, else the first one of the channel, else the server's only schedule; none when that is unclear.
 */
function pickSchedule(schedules: readonly DigestSchedule[], channelId?: string): DigestSchedule | undefined {
  const here = schedules.filter((schedule) => schedule.channelId === channelId);
  return (
    here.find((schedule) => schedule.enabled) ??
    here[0] ??
    (schedules.length === 1 ? schedules[0] : undefined)
  );
}

function describeFailure(error: unknown): {
  kind: PostFailureKind;
  message: string;
  retryAfterMs?: number | undefined;
  postedMessageIds: readonly string[];
} {
  if (error instanceof DigestPostError) {
    return {
      kind: error.kind,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      postedMessageIds: error.postedMessageIds,
    };
  }
  return {
    kind: "other",
    message: error instanceof Error ? error.message : String(error),
    postedMessageIds: [],
  };
}

/**
 * True when an instance id of the default form names a process on this host that no longer runs. Ids of
 * other hosts, or of another form, are never taken for gone: their claims wait for the stale rule.
 */
export function processIsGone(instanceId: string): boolean {
  const [host, pidText] = instanceId.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
