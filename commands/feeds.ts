import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/app/command.ts";
import type { FeedService, FeedStatus } from "../src/app/feeds.ts";
import { formatInstant } from "../src/core/digest/render.ts";
import { UserError } from "../src/core/errors.ts";
import type { FeedHealth } from "../src/core/feeds/index.ts";
import { cutAtWord } from "../src/core/text/cut.ts";
import { escapeMarkdown, privateNote, singlePage, type Reply, type ReplyField } from "../src/core/reply.ts";
import { plural } from "../src/core/text/plural.ts";

const urlOption = z.string().trim().min(1, { error: "give the feed's URL" }).max(2000);

const FeedsInput = z.discriminatedUnion("subcommand", [
  z.object({ subcommand: z.literal("add"), url: urlOption }),
  z.object({ subcommand: z.literal("remove"), url: urlOption }),
  z.object({ subcommand: z.literal("list") }),
]);

const HEALTH_LABEL: Record<FeedHealth, string> = {
  pending: "⏳ not fetched yet",
  ok: "✅ healthy",
  failing: "⚠️ failing",
  unhealthy: "❌ unhealthy",
};

/** Embeds hold at most 25 fields. */
const MAX_LISTED = 25;

/** `/feeds add|remove|list`: the RSS, Atom and JSON feeds whose articles this server's commands see. */
export const feeds = defineCommand({
  definition: {
    name: "feeds",
    description: "News feeds (RSS, Atom, JSON Feed) this server reads",
    options: [],
    dmPermission: false,
    subcommands: [
      {
        name: "add",
        description: "Follow a feed in this server (needs Manage Server)",
        requires: { permission: "ManageGuild", to: "add feeds" },
        options: [
          {
            name: "url",
            description: "The feed's address (http or https)",
            type: "string",
            required: true,
            maxLength: 2000,
          },
        ],
      },
      {
        name: "remove",
        description: "Stop following a feed (needs Manage Server)",
        requires: { permission: "ManageGuild", to: "remove feeds" },
        options: [
          {
            name: "url",
            description: "One of this server's feeds",
            type: "string",
            required: true,
            autocomplete: true,
            maxLength: 2000,
          },
        ],
      },
      { name: "list", description: "The feeds this server reads, with their health", options: [] },
    ],
  },
  input: FeedsInput,
  async run(input, ctx) {
    const service = feedService(ctx);
    const guildId = ctx.guildId;
    if (input.subcommand === "list") return listReply(await service.list(guildId));
    if (guildId === undefined) {
      throw new UserError("bad-command", "Feeds belong to a server: use `/feeds` in a server channel.");
    }
    switch (input.subcommand) {
      case "add": {
        const status = await service.add(guildId, input.url, ctx.userId);
        const name = status.title === undefined ? "" : ` **${escapeMarkdown(status.title)}**`;
        const items = plural(status.itemCount, "article");
        return privateNote(
          `Following${name} (${escapeMarkdown(status.url)}): ${items} so far, only in this server.`,
        );
      }
      case "remove": {
        await service.remove(guildId, input.url);
        return privateNote(
          `Stopped following ${escapeMarkdown(input.url)}; its articles are gone from this server.`,
        );
      }
    }
  },
  autocomplete(option, typed, ctx) {
    if (option !== "url" || ctx.guildId === undefined || !ctx.app.feeds) return [];
    return ctx.app.feeds.suggest(ctx.guildId, typed);
  },
});

function feedService(ctx: CommandContext): FeedService {
  const service = ctx.app.feeds;
  if (!service) throw new UserError("unavailable", "Feeds are not available right now.");
  return service;
}

function listReply(statuses: readonly FeedStatus[]): Reply {
  if (statuses.length === 0) {
    return privateNote("No feeds yet. A server manager can add one with `/feeds add url:<address>`.");
  }
  const fields: ReplyField[] = statuses.slice(0, MAX_LISTED).map((status) => ({
    name: cutAtWord(
      `${status.title ?? status.url}${status.scope === "everyone" ? " (every server)" : ""}`,
      256,
    ),
    value: cutAtWord(describeStatus(status), 1024),
  }));
  const more = statuses.length - fields.length;
  return singlePage(
    { title: "Feeds", fields, ...(more > 0 && { footer: `and ${more} more` }) },
    { ephemeral: true },
  );
}

function describeStatus(status: FeedStatus): string {
  const lines = [
    escapeMarkdown(status.url),
    `${HEALTH_LABEL[status.health]} · ${plural(status.itemCount, "article")}`,
    `Last fetch: ${status.lastFetchAt === undefined ? "never" : formatInstant(new Date(status.lastFetchAt), "UTC")}`,
  ];
  if (status.lastError !== undefined) {
    const failures =
      status.consecutiveFailures === 1 ? "1 failure" : `${status.consecutiveFailures} failures in a row`;
    lines.push(`Last error (${failures}): ${escapeMarkdown(status.lastError)}`);
  }
  return lines.join("\n");
}
