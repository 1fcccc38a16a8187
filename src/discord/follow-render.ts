import type { APIEmbed } from "discord.js";
import type { Alert, BatchAlert, StoryAlert } from "../core/follows/alert.ts";
import { escapeMarkdown } from "../core/reply.ts";
import { isWebUrl } from "../core/text/web-url.ts";
import { plural } from "../core/text/plural.ts";
import { cutText } from "./cut-text.ts";
import { DISCORD_LIMITS, EMBED_COLOURS } from "./limits.ts";

/** What a follow's message carries: its embed, the one role mention if any, and who may be pinged. */
export interface AlertMessageBody {
  content?: string;
  embeds: APIEmbed[];
  /** Exactly the follow's role, or nobody: never @everyone, @here or users, whatever the article says. */
  allowed_mentions: { parse: never[]; roles?: string[] };
}

/** Discord allows 100 characters in a thread's (and a forum post's) name. */
export const THREAD_NAME_LIMIT = 100;
/** Quotes longer than this are cut; the article has the rest. */
const QUOTE_LIMIT = 700;

/** One alert as a Discord message body. */
export function alertMessageBody(alert: Alert, mentionRoleId?: string): AlertMessageBody {
  const embed = alert.kind === "story" ? storyEmbed(alert) : batchEmbed(alert);
  return {
    ...(mentionRoleId !== undefined && { content: `<@&${mentionRoleId}>` }),
    embeds: [embed],
    allowed_mentions: mentionRoleId === undefined ? { parse: [] } : { parse: [], roles: [mentionRoleId] },
  };
}

/** A thread or forum post name: the story's headline, within Discord's limit. */
export function threadName(headline: string): string {
  return cutText(headline.trim() || "News", THREAD_NAME_LIMIT);
}

function storyEmbed(alert: StoryAlert): APIEmbed {
  const parts: string[] = [];
  const quote = alert.quote && quoteLines(alert.quote.text, alert.quote.speaker);
  if (alert.quoteFirst === true && quote !== undefined) {
    parts.push(quote);
    if (alert.quote?.context !== undefined)
      parts.push(`*${escapeMarkdown(cutText(alert.quote.context, QUOTE_LIMIT))}*`);
    if (alert.summary !== "") parts.push(escapeMarkdown(alert.summary));
  } else {
    if (alert.summary !== "") parts.push(escapeMarkdown(alert.summary));
    if (quote !== undefined) parts.push(quote);
  }
  return {
    title: cutText(escapeMarkdown(alert.headline), DISCORD_LIMITS.title),
    ...(alert.url !== undefined && isWebUrl(alert.url) && { url: alert.url }),
    description: cutText(parts.join("\n\n"), DISCORD_LIMITS.description),
    footer: { text: cutText(alert.source, DISCORD_LIMITS.footer) },
    ...(alert.publishedAt !== undefined && { timestamp: alert.publishedAt }),
    color: EMBED_COLOURS.info,
  };
}

function quoteLines(text: string, speaker: string | undefined): string {
  const said = `> “${escapeMarkdown(cutText(text.replace(/\s*\n\s*/g, " "), QUOTE_LIMIT))}”`;
  return speaker === undefined ? said : `${said}\n> — ${escapeMarkdown(speaker)}`;
}

function batchEmbed(alert: BatchAlert): APIEmbed {
  const stories = plural(
    alert.storyCount,
    alert.hourly ? "story" : "more story",
    alert.hourly ? "stories" : "more stories",
  );
  const title = alert.hourly ? `${stories} this hour: ${alert.label}` : `${stories} matched ${alert.label}`;
  const lines = alert.links.map((link) => {
    const headline = escapeMarkdown(cutText(link.headline, 200));
    const named = link.url !== undefined && isWebUrl(link.url) ? `[${headline}](${link.url})` : headline;
    return `• ${named} · ${escapeMarkdown(link.source)}`;
  });
  const unnamed = alert.storyCount - alert.links.length;
  if (unnamed > 0) lines.push(`and ${plural(unnamed, "more story", "more stories")}`);
  return {
    title: cutText(title, DISCORD_LIMITS.title),
    description: cutText(lines.join("\n"), DISCORD_LIMITS.description),
    color: EMBED_COLOURS.info,
  };
}
