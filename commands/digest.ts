import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/app/command.ts";
import { requirePermission } from "../src/app/preconditions.ts";
import {
  scheduleTimeProblem,
  scheduleTimeZoneProblem,
  type DigestService,
  type DigestStatus,
} from "../src/app/digests.ts";
import { dateOptionText, resolveDateRange } from "../src/app/options.ts";
import { digestReply, formatInstant } from "../src/core/digest/render.ts";
import { UserError } from "../src/core/errors.ts";
import { escapeMarkdown, privateNote, singlePage, type Reply, type ReplyField } from "../src/core/reply.ts";
import type { DigestRun } from "../src/store/db.ts";
import { plural } from "../src/core/text/plural.ts";

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
  }),
  z.object({ subcommand: z.literal("off") }),
  z.object({ subcommand: z.literal("status") }),
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
    description: "Daily news digests for this server",
    options: [],
    dmPermission: false,
    subcommands: [
      {
        name: "schedule",
        description: "Post a digest every day at a set time (needs Manage Server)",
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
        ],
      },
      {
        name: "off",
        description: "Stop the daily digest (needs Manage Server)",
        options: [],
        requires: { permission: "ManageGuild", to: "turn the digest off" },
      },
      { name: "status", description: "The schedule, the next run and how the last one went", options: [] },
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
        const schedule = await service.configure({
          guildId,
          channelId,
          time: input.time,
          timezone: input.timezone,
          topic: input.topic,
          emptyDays: input.empty_days,
          userId: ctx.userId,
        });
        const topic = schedule.topic === undefined ? "" : ` about “${escapeMarkdown(schedule.topic)}”`;
        return privateNote(
          `Daily digest${topic} set for ${schedule.time} (${schedule.timezone}) in <#${schedule.channelId}>.`,
        );
      }
      case "off": {
        const schedule = await service.disable(guildId, ctx.userId);
        return privateNote(schedule ? "The daily digest is off." : "This server has no daily digest.");
      }
      case "status":
        return statusReply(await service.status(guildId));
      case "now":
        return digestNow(service, input, ctx, guildId);
    }
  },
});

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
  const composed = await service.compose(guildId, {
    ...(range.since !== undefined && { since: range.since }),
    ...(until !== undefined && { until }),
  });
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
  const { schedule } = status;
  const fields: ReplyField[] = [];
  if (!schedule) {
    fields.push({ name: "Schedule", value: "None. Set one with `/digest schedule`." });
  } else {
    const topic = schedule.topic === undefined ? "" : `\nTopic: ${escapeMarkdown(schedule.topic)}`;
    const state = schedule.enabled ? "" : " (off)";
    fields.push({
      name: "Schedule",
      value: `Every day at ${schedule.time} (${schedule.timezone}) in <#${schedule.channelId}>${state}${topic}`,
    });
    fields.push({
      name: "Next run",
      value: status.nextRunAt
        ? `${formatInstant(status.nextRunAt, schedule.timezone)} (${schedule.timezone})`
        : "None while the digest is off.",
    });
  }
  fields.push({
    name: "Last run",
    value: status.lastRun ? describeRun(status.lastRun, schedule?.timezone) : "None yet.",
  });
  fields.push({
    name: "Days without new articles",
    value: status.emptyDays === "post" ? "A short note is posted." : "Nothing is posted.",
  });
  return singlePage({ title: "Daily digest", fields }, { ephemeral: true });
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
