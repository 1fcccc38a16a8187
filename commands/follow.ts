import { z } from "zod";
import { defineCommand, type Choice, type CommandContext } from "../src/app/command.ts";
import type { FollowPreview, FollowService, FollowSummary } from "../src/app/follows.ts";
import { formatInstant } from "../src/core/digest/render.ts";
import { UserError } from "../src/core/errors.ts";
import {
  articleMetaLine,
  escapeMarkdown,
  privateNote,
  singlePage,
  type Reply,
  type ReplyField,
} from "../src/core/reply.ts";
import { cutAtWord } from "../src/core/text/cut.ts";
import { plural } from "../src/core/text/plural.ts";
import { findSpeaker, speakerChoices } from "./quotes.ts";

/** Discord sends an id; the console lets people type `<#id>`, `#id`, `<@&id>` or `@id` as well. */
const idOption = (what: string) =>
  z
    .string()
    .trim()
    .transform((value) => value.replace(/^<[#@]&?(\w+)>$/, "$1").replace(/^[#@]&?/, ""))
    .pipe(
      z
        .string()
        .min(1, { error: `name a ${what}` })
        .max(100),
    );

const followIdOption = z.string().trim().min(1, { error: "name one of this server's follows" }).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);

const FollowInput = z.discriminatedUnion("subcommand", [
  z.object({
    subcommand: z.literal("add"),
    channel: idOption("channel").optional(),
    query: text(200).optional(),
    speaker: text(100).optional(),
    source: text(100).optional(),
    exclude: text(200).optional(),
    mention: idOption("role").optional(),
    mode: z.enum(["each", "hourly"], { error: "must be each or hourly" }).optional(),
  }),
  z.object({ subcommand: z.literal("list") }),
  z.object({ subcommand: z.literal("remove"), follow: followIdOption }),
  z.object({ subcommand: z.literal("pause"), follow: followIdOption }),
  z.object({ subcommand: z.literal("resume"), follow: followIdOption }),
  z.object({ subcommand: z.literal("test"), follow: followIdOption }),
]);

/** Embeds hold at most 25 fields. */
const MAX_LISTED = 25;
/** `/follow test` names at most this many stories. */
const MAX_PREVIEWED = 10;
const MAX_CHOICES = 25;

const followOption = {
  name: "follow",
  description: "One of this server's follows",
  type: "string",
  required: true,
  autocomplete: true,
  maxLength: 100,
} as const;

const manage = (to: string) => ({ permission: "ManageGuild", to }) as const;

/** `/follow add|list|remove|pause|resume|test`: live alerts of new stories into a channel, thread or forum. */
export const follow = defineCommand({
  definition: {
    name: "follow",
    description: "Live alerts: post new stories on a topic, speaker or source as they arrive",
    options: [],
    dmPermission: false,
    defaultMemberPermissions: "ManageGuild",
    subcommands: [
      {
        name: "add",
        description: "Post new matching stories into a channel, thread or forum (needs Manage Server)",
        requires: manage("add follows"),
        options: [
          {
            name: "channel",
            description: "Text, announcement or forum channel, or a thread (default: this channel)",
            type: "channel",
          },
          {
            name: "query",
            description: 'Words and "phrases" as in /search',
            type: "string",
            maxLength: 200,
          },
          {
            name: "speaker",
            description: "Follow what a person or body says",
            type: "string",
            autocomplete: true,
            maxLength: 100,
          },
          {
            name: "source",
            description: "Only from this outlet or feed",
            type: "string",
            autocomplete: true,
            maxLength: 100,
          },
          {
            name: "exclude",
            description: 'Leave out articles with any of these words or "phrases"',
            type: "string",
            maxLength: 200,
          },
          { name: "mention", description: "Ping this role with each post (default: nobody)", type: "role" },
          {
            name: "mode",
            description: "Post each story as it arrives, or one message an hour",
            type: "string",
            choices: [
              { name: "each story as it arrives", value: "each" },
              { name: "one message an hour", value: "hourly" },
            ],
          },
        ],
      },
      {
        name: "list",
        description: "This server's follows with their last post and errors",
        requires: manage("see the follows"),
        options: [],
      },
      {
        name: "remove",
        description: "Stop and delete a follow (needs Manage Server)",
        requires: manage("remove follows"),
        options: [followOption],
      },
      {
        name: "pause",
        description: "Stop posting for a follow until it is resumed",
        requires: manage("pause follows"),
        options: [followOption],
      },
      {
        name: "resume",
        description: "Post again for a paused follow",
        requires: manage("resume follows"),
        options: [followOption],
      },
      {
        name: "test",
        description: "What the last 24 hours would have posted, shown only to you",
        requires: manage("test follows"),
        options: [followOption],
      },
    ],
  },
  input: FollowInput,
  async run(input, ctx) {
    const service = followService(ctx);
    const guildId = ctx.guildId;
    if (guildId === undefined) {
      throw new UserError("bad-command", "Follows belong to a server: use `/follow` in a server channel.");
    }
    switch (input.subcommand) {
      case "add": {
        const channelId = input.channel ?? ctx.channelId;
        if (channelId === undefined)
          throw new UserError("bad-option", "`channel`: name the channel to post in.");
        const speaker =
          input.speaker === undefined
            ? undefined
            : findSpeaker(ctx.app.quotes, input.speaker, guildId).speaker;
        const added = await service.add({
          guildId,
          channelId,
          query: input.query,
          speaker,
          source: input.source,
          exclude: input.exclude,
          mentionRoleId: input.mention,
          mode: input.mode,
          userId: ctx.userId,
        });
        const summary = (await service.list(guildId)).find((entry) => entry.follow.id === added.id);
        const label = summary?.label ?? added.id;
        const pings =
          added.mentionRoleId === undefined ? "pinging nobody" : `pinging <@&${added.mentionRoleId}>`;
        const how = added.mode === "hourly" ? "once an hour" : "as they arrive";
        return privateNote(
          `Following ${escapeMarkdown(label)} in <#${added.channelId}>: new stories are posted ${how}, ${pings}. ` +
            `Its id is \`${added.id}\`; try \`/follow test follow:${added.id}\`.`,
        );
      }
      case "list":
        return listReply(await service.list(guildId), ctx);
      case "remove": {
        const removed = await service.remove(guildId, input.follow);
        return privateNote(`Removed the follow \`${removed.id}\`; nothing more is posted for it.`);
      }
      case "pause": {
        const paused = await service.pause(guildId, input.follow, ctx.userId);
        return privateNote(`Paused the follow \`${paused.id}\`; \`/follow resume\` starts it again.`);
      }
      case "resume": {
        const resumed = await service.resume(guildId, input.follow);
        return privateNote(`Resumed the follow \`${resumed.id}\`: new stories are posted again.`);
      }
      case "test":
        return previewReply(await service.preview(guildId, input.follow));
    }
  },
  async autocomplete(option, typed, ctx): Promise<Choice[]> {
    const { guildId } = ctx;
    if (guildId === undefined) return [];
    if (option === "speaker") return speakerChoices(ctx.app.quotes, typed, guildId);
    if (option === "source") {
      const wanted = typed.trim().toLowerCase();
      return ctx.app.library
        .sources()
        .filter((name) => name.toLowerCase().includes(wanted))
        .slice(0, MAX_CHOICES)
        .map((name) => ({ name: cutAtWord(name, 100), value: name, typed: name }));
    }
    if (option !== "follow" || ctx.app.follows === undefined) return [];
    return (await ctx.app.follows.suggest(guildId, typed)).slice(0, MAX_CHOICES).map((entry) => ({
      name: cutAtWord(`${entry.id} · ${entry.label}${entry.paused ? " (paused)" : ""}`, 100),
      value: entry.id,
      typed: entry.id,
    }));
  },
});

function followService(ctx: CommandContext): FollowService {
  const service = ctx.app.follows;
  if (!service) throw new UserError("unavailable", "Follows are not available right now.");
  return service;
}

function when(iso: string | undefined): string {
  return iso === undefined ? "never" : `${formatInstant(new Date(iso), "UTC")} UTC`;
}

function listReply(summaries: readonly FollowSummary[], ctx: CommandContext): Reply {
  if (summaries.length === 0) {
    return privateNote(
      "No follows yet. Add one with `/follow add query:<words>` (or `speaker:`, `source:`).",
    );
  }
  const fields: ReplyField[] = summaries.slice(0, MAX_LISTED).map(({ follow: entry, label, postsToday }) => {
    const lines = [
      `→ <#${entry.channelId}> · ${entry.mode === "hourly" ? "hourly" : "each story"} · ${
        entry.mentionRoleId === undefined ? "pings nobody" : `pings <@&${entry.mentionRoleId}>`
      }`,
      `Last post: ${when(entry.lastPostAt)} · ${plural(postsToday, "post")} today`,
    ];
    if (entry.lastError !== undefined) {
      lines.push(`Last error (${when(entry.lastErrorAt)}): ${escapeMarkdown(entry.lastError)}`);
    }
    lines.push(
      entry.paused ? `⏸️ Paused: ${escapeMarkdown(entry.pausedReason ?? "no reason recorded")}` : "▶️ Active",
    );
    return {
      name: cutAtWord(`${entry.id} · ${label}`, 256),
      value: cutAtWord(lines.join("\n"), 1024),
    };
  });
  const more = summaries.length - fields.length;
  const perHour = ctx.app.config.followPostsPerHour;
  return singlePage(
    {
      title: "Follows",
      description: `At most ${plural(perHour, "post")} per follow per hour; more stories go in one message.`,
      fields,
      ...(more > 0 && { footer: `and ${more} more` }),
    },
    { ephemeral: true },
  );
}

function previewReply(preview: FollowPreview): Reply {
  const { follow: entry, label, stories, postedSingly } = preview;
  const title = cutAtWord(`Test: ${label}`, 256);
  if (stories.length === 0) {
    return singlePage(
      {
        title,
        description: "Nothing in the last 24 hours matches this follow; nothing would have been posted.",
      },
      { ephemeral: true },
    );
  }
  const batched = stories.length - postedSingly;
  const description =
    postedSingly === 0
      ? `In the last 24 hours this follow would have posted one message listing ${plural(stories.length, "story", "stories")} in <#${entry.channelId}>.`
      : `In the last 24 hours this follow would have posted ${plural(postedSingly, "story", "stories")} in <#${entry.channelId}>` +
        (batched > 0
          ? `, then one message: “${plural(batched, "more story", "more stories")} matched”.`
          : ".");
  const fields: ReplyField[] = stories.slice(0, MAX_PREVIEWED).map((story) => {
    const [first] = story;
    const later = story.length - 1;
    return {
      name: cutAtWord(first?.title ?? "", 256),
      value: cutAtWord(
        [
          first ? articleMetaLine(first) : "",
          later > 0 ? `+ ${plural(later, "later article")} in its thread` : "",
        ]
          .filter((line) => line !== "")
          .join("\n"),
        1024,
      ),
    };
  });
  const unnamed = stories.length - fields.length;
  return singlePage(
    {
      title,
      description,
      fields,
      ...(unnamed > 0 && { footer: `and ${plural(unnamed, "more story", "more stories")}` }),
    },
    { ephemeral: true },
  );
}
