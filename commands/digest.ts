import { z } from "zod";
import { defineCommand, type Choice, type CommandContext } from "../src/app/command.ts";
import { requirePermission } from "../src/app/preconditions.ts";
import {
  scheduleTimeProblem,
  scheduleTimeZoneProblem,
  type ConfiguredSchedule,
  type DigestService,
  type DigestStatus,
  type ScheduleSummary,
} from "../src/app/digests.ts";
import { dateOptionText, resolveDateRange } from "../src/app/options.ts";
import { digestReply, formatInstant } from "../src/core/digest/render.ts";
import { WEEKDAYS, weekdayLabel } from "../src/core/digest/weekly.ts";
import { UserError } from "../src/core/errors.ts";
import { escapeMarkdown, privateNote, singlePage, type Reply, type ReplyField } from "../src/core/reply.ts";
import type { DigestRun } from "../src/store/db.ts";
import type { DigestSchedule } from "../src/store/schedules.ts";
import { plural } from "../src/core/text/plural.ts";
import { cutAtWord } from "../src/core/text/cut.ts";

const MAX_CHOICES = 25;

const booleanOption = z.union([
  z.boolean(),
  z.enum(["true", "false"], { error: "must be true or false" }).transform((value) => value === "true"),
]);

/** Discord sends a channel id; the console lets people type `<#id>` or `#id` as well. */
const channelOption = z
  .string()
  .trim()
  .transform((value) => value.replace(/^<#(\w+)>$/, "$1").replace(/^#/, ""))
  .pipe(z.string().min(1, { error: "name a channel" }).max(100));

const DigestInput = z.discriminatedUnion("subcommand", [
  // Time first: a bad time is what to fix first, whatever else is wrong.
  z.object({
    subcommand: z.literal("schedule"),
    time: z.string().trim().max(10, { abort: true }).superRefine(problemOf(scheduleTimeProblem)),
    channel: channelOption.optional(),
    timezone: z
      .string()
      .trim()
      .max(64, { abort: true })
      .superRefine(problemOf(scheduleTimeZoneProblem))
      .optional(),
    topic: z.string().trim().min(1).max(200).optional(),
    empty_days: z.enum(["post", "skip"], { error: "must be post or skip" }).optional(),
    weekly: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(WEEKDAYS, { error: "must be a day of the week, e.g. monday" }))
      .optional(),
  }),
  z.object({
    subcommand: z.literal("off"),
    // Autocomplete sends the id; the console lets people type `#3` as /digest list shows it.
    schedule: z
      .string()
      .trim()
      .transform((value) => value.replace(/^#/, ""))
      .pipe(z.string().regex(/^\d{1,9}$/, { error: "name a schedule by its number, as /digest list shows" }))
      .transform(Number)
      .optional(),
  }),
  z.object({ subcommand: z.literal("status") }),
  z.object({ subcommand: z.literal("list") }),
  z.object({
    subcommand: z.literal("now"),
    since: dateOptionText.optional(),
    until: dateOptionText.optional(),
    post: booleanOption.optional(),
  }),
]);

/** A check that reports what `problem` finds, in its words. */
function problemOf(problem: (typed: string) => string | undefined) {
  return (typed: string, ctx: z.RefinementCtx) => {
    const found = problem(typed);
    if (found !== undefined) ctx.addIssue({ code: "custom", message: found });
  };
}

export const digest = defineCommand({
  definition: {
    name: "digest",
    description: "Daily and weekly news digests for this server",
    options: [],
    dmPermission: false,
    subcommands: [
      {
        name: "schedule",
        description: "Post a digest daily or weekly at a set time (needs Manage Server)",
        requires: { permission: "ManageGuild", to: "change the digest schedule" },
        options: [
          {
            name: "time",
            description: "Time of day, HH:MM on a 24-hour clock",
            type: "string",
            required: true,
          },
          { name: "channel", description: "Where to post it (default: this channel)", type: "channel" },
          {
            name: "timezone",
            description: "IANA time zone, e.g. Europe/Berlin (default UTC)",
            type: "string",
          },
          {
            name: "topic",
            description: "Only articles matching this search",
            type: "string",
            maxLength: 200,
          },
          {
            name: "empty_days",
            description: "On days without new articles: post a short note, or nothing",
            type: "string",
            choices: [
              { name: "post a short note", value: "post" },
              { name: "post nothing", value: "skip" },
            ],
          },
          {
            name: "weekly",
            description: "Once a week on this day, covering the week (default: every day)",
            type: "string",
            choices: WEEKDAYS.map((day) => ({ name: weekdayLabel(day), value: day })),
          },
        ],
      },
      {
        name: "off",
        description: "Stop one of the digests (needs Manage Server)",
        options: [
          {
            name: "schedule",
            description: "Which one (as /digest list shows; may be left out when there is one)",
            type: "string",
            autocomplete: true,
            maxLength: 12,
          },
        ],
        requires: { permission: "ManageGuild", to: "turn the digest off" },
      },
      { name: "list", description: "Every digest of this server, with its last run", options: [] },
      {
        name: "status",
        description: "The schedules, their next runs and how the last one went",
        options: [],
      },
      {
        name: "now",
        description: "Compose a digest now: a private preview, or posted here",
        options: [
          { name: "since", description: "From this date (2025-12-01, yesterday, 24h)", type: "string" },
          { name: "until", description: "Up to this date (default now)", type: "string" },
          {
            name: "post",
            description: "Post it in this channel for everyone (needs Manage Server)",
            type: "boolean",
          },
        ],
      },
    ],
  },
  input: DigestInput,
  async run(input, ctx) {
    const service = ctx.app.digests;
    if (!service) throw new UserError("unavailable", "Digests are not available right now.");
    const guildId = ctx.guildId;
    if (guildId === undefined) {
      throw new UserError("bad-command", "Digests belong to a server: use `/digest` in a server channel.");
    }
    switch (input.subcommand) {
      case "schedule": {
        const channelId = input.channel ?? ctx.channelId;
        if (channelId === undefined)
          throw new UserError("bad-option", "`channel`: name the channel to post in.");
        const configured = await service.configure({
          guildId,
          channelId,
          time: input.time,
          timezone: input.timezone,
          topic: input.topic,
          weekday: input.weekly,
          emptyDays: input.empty_days,
          userId: ctx.userId,
        });
        return privateNote(scheduledNote(configured));
      }
      case "off": {
        const schedule = await service.disable(guildId, input.schedule, ctx.userId);
        return privateNote(`${capitalised(scheduleName(schedule))} is off.`);
      }
      case "list":
        return listReply(await service.list(guildId));
      case "status":
        return statusReply(await service.status(guildId));
      case "now":
        return digestNow(service, input, ctx, guildId);
    }
  },
  async autocomplete(option, typed, ctx): Promise<Choice[]> {
    const service = ctx.app.digests;
    if (option !== "schedule" || service === undefined || ctx.guildId === undefined) return [];
    const wanted = typed.trim().replace(/^#/, "").toLowerCase();
    return (await service.list(ctx.guildId))
      .filter(({ schedule }) => schedule.enabled)
      .map(({ schedule }) => ({ schedule, label: `#${String(schedule.id)} · ${choiceLabel(schedule)}` }))
      .filter(({ label }) => label.toLowerCase().includes(wanted))
      .slice(0, MAX_CHOICES)
      .map(({ schedule, label }) => ({
        name: cutAtWord(label, 100),
        value: String(schedule.id),
        typed: String(schedule.id),
      }));
  },
});

/** `daily digest 3 about “ukraine”`: how replies name a schedule. */
function scheduleName(schedule: DigestSchedule): string {
  const cadence = schedule.weekday === undefined ? "daily" : "weekly";
  const topic = schedule.topic === undefined ? "" : ` about “${escapeMarkdown(schedule.topic)}”`;
  return `${cadence} digest ${String(schedule.id)}${topic}`;
}

/** `every day at 09:00 (Europe/Berlin)` or `every Monday at 09:00 (Europe/Berlin)`. */
function whenPosted(schedule: DigestSchedule): string {
  const days = schedule.weekday === undefined ? "every day" : `every ${weekdayLabel(schedule.weekday)}`;
  return `${days} at ${schedule.time} (${schedule.timezone})`;
}

/** What an autocomplete list shows of a schedule: plain text, since Discord does not render mentions there. */
function choiceLabel(schedule: DigestSchedule): string {
  const topic = schedule.topic === undefined ? "" : ` · ${schedule.topic}`;
  return `${whenPosted(schedule)}${topic} · channel ${schedule.channelId}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function scheduledNote({ schedule, previous }: ConfiguredSchedule): string {
  const covering = schedule.weekday === undefined ? "" : ", covering the week";
  const days = schedule.weekday === undefined ? "" : `${weekdayLabel(schedule.weekday)}s at `;
  const set = `${capitalised(scheduleName(schedule))} set for ${days}${schedule.time} (${schedule.timezone}) in <#${schedule.channelId}>${covering}.`;
  if (previous === undefined) return set;
  // The same channel and topic: the schedule was changed in place, keeping its id and its runs.
  const was = previous.enabled ? whenPosted(previous) : `${whenPosted(previous)}, off`;
  return `${set}\nThis channel already had a digest on this topic, so it was changed (it was ${was}); a period it has already posted is not posted again.`;
}

/** A schedule's lines in `/digest list` and `/digest status`. */
function scheduleLines(schedule: DigestSchedule): string[] {
  const state = schedule.enabled ? "" : " (off)";
  return [
    `${capitalised(whenPosted(schedule))} in <#${schedule.channelId}>${state}`,
    ...(schedule.topic === undefined ? [] : [`Topic: ${escapeMarkdown(schedule.topic)}`]),
  ];
}

function scheduleTitle(schedule: DigestSchedule): string {
  return `#${String(schedule.id)} · ${schedule.weekday === undefined ? "daily" : "weekly"}`;
}

function listReply(summaries: readonly ScheduleSummary[]): Reply {
  if (summaries.length === 0) {
    return privateNote("This server has no digests. Set one with `/digest schedule`.");
  }
  const fields = summaries.map(({ schedule, lastRun }) => ({
    name: scheduleTitle(schedule),
    value: [
      ...scheduleLines(schedule),
      `Last run: ${lastRun ? describeRun(lastRun, schedule.timezone) : "none yet."}`,
    ].join("\n"),
  }));
  return singlePage({ title: "Digests", fields }, { ephemeral: true });
}

async function digestNow(
  service: DigestService,
  input: { since?: string | undefined; until?: string | undefined; post?: boolean | undefined },
  ctx: CommandContext,
  guildId: string,
): Promise<Reply> {
  const now = ctx.app.clock.now();
  const range = resolveDateRange(input, now);
  // The window ends now when no `until` is given: a later `since` would make it run backwards.
  if (range.since !== undefined && range.until === undefined && range.since > now) {
    throw new UserError("bad-option", "`since` must be before now.");
  }
  // An `until` date means its whole last millisecond; the window's end is exclusive.
  const until = range.until === undefined ? undefined : new Date(range.until.getTime() + 1);
  const composed = await service.compose(
    guildId,
    {
      ...(range.since !== undefined && { since: range.since }),
      ...(until !== undefined && { until }),
    },
    ctx.channelId,
  );
  if (input.post === true) {
    requirePermission(ctx, { permission: "ManageGuild", to: "post a digest for everyone" });
    if (ctx.channelId === undefined) throw new UserError("bad-command", "Use `post:true` in a channel.");
    const ids = await service.postNow(guildId, ctx.channelId, composed.pages);
    return privateNote(`Posted the digest in <#${ctx.channelId}> (${plural(ids.length, "message")}).`);
  }
  const { digest, timeZone } = composed;
  if (digest.stories.length > 0) return digestReply(digest, { timeZone });
  const [empty] = composed.pages;
  const hint = olderNewsHint(service.newestArticleAt(guildId), digest.window.since);
  return singlePage({ ...empty, description: [empty.description ?? "", hint].join("") }, { ephemeral: true });
}

/**
 * When every article is older than the window (a folder of last year's stories), the day of the newest one
 * and how to see it, so that an empty preview is not a dead end.
 */
function olderNewsHint(newest: string | undefined, since: Date): string {
  if (newest === undefined || Date.parse(newest) >= since.getTime()) return "";
  const day = newest.slice(0, 10);
  return `\nThe newest article is from ${day}: try \`/digest now since:${day}\`.`;
}

function statusReply(status: DigestStatus): Reply {
  const fields: ReplyField[] = [];
  if (status.schedules.length === 0) {
    fields.push({ name: "Schedule", value: "None. Set one with `/digest schedule`." });
  }
  for (const { schedule, nextRunAt } of status.schedules) {
    const next = nextRunAt
      ? `${formatInstant(nextRunAt, schedule.timezone)} (${schedule.timezone})`
      : "none while it is off.";
    fields.push({
      name: scheduleTitle(schedule),
      value: [...scheduleLines(schedule), `Next run: ${next}`].join("\n"),
    });
  }
  const lastOf = status.schedules.find(({ schedule }) => schedule.id === status.lastRun?.scheduleId);
  fields.push({
    name: "Last run",
    value: status.lastRun ? describeRun(status.lastRun, lastOf?.schedule.timezone) : "None yet.",
  });
  fields.push({
    name: "Days without new articles",
    value: status.emptyDays === "post" ? "A short note is posted." : "Nothing is posted.",
  });
  return singlePage({ title: "Digests", fields }, { ephemeral: true });
}

function describeRun(run: DigestRun, timeZone = "UTC"): string {
  const when = `${run.periodKey}, due ${formatInstant(new Date(run.dueAt), timeZone)}`;
  const articles = run.articleCount === undefined ? "" : `, ${plural(run.articleCount, "article")}`;
  switch (run.status) {
    case "posted":
      return `Posted (${when}${articles}, ${plural(run.messageIds.length, "message")}).`;
    case "skipped":
      return `Skipped (${when}): ${escapeMarkdown(run.reason ?? "no reason recorded")}.`;
    case "failed":
      return `Failed (${when}): ${escapeMarkdown(run.reason ?? "no reason recorded")}.`;
    case "claimed":
      return `Being posted (${when}, attempt ${run.attempts}).`;
  }
}
