import { escapeMarkdown, type Reply, type ReplyPage } from "../reply.ts";
import { cutAtWord } from "../text/cut.ts";
import { joinLinesWithin } from "./cut.ts";
import type { DigestEmbed, DigestMessage } from "./poster.ts";
import { spokenWords } from "../quotes/display.ts";
import { dateTimeFormat } from "./local-time.ts";
import type { Digest, DigestStory, DigestWindow } from "./types.ts";
import { plural } from "../text/plural.ts";
import { isWebUrl, markdownLink } from "../text/web-url.ts";

/** Discord's limits for a message's embeds; a message over any of them is rejected whole. */
export const EMBED_LIMITS = {
  embedsPerMessage: 10,
  charactersPerMessage: 6_000,
  title: 256,
  description: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
} as const;

/** Budgets well inside the limits, so that one story never fills a message on its own. */
const BUDGET = {
  headerDescription: 2_000,
  summary: 600,
  quote: 300,
  linkTitle: 90,
  links: 5,
} as const;

export interface RenderOptions {
  /** The zone the window's times are shown in; default UTC. */
  timeZone?: string;
}

/** The digest as Discord embeds: an overview, one embed per story, then the most quoted speakers. */
export function digestEmbeds(digest: Digest, options: RenderOptions = {}): DigestEmbed[] {
  if (digest.stories.length === 0) return [emptyDigestEmbed(digest.window, options, digest.topic)];
  const embeds = [
    headerEmbed(digest, options),
    ...digest.stories.map((story, i) => storyEmbed(story, i + 1)),
  ];
  const closing = closingEmbed(digest);
  if (closing) embeds.push(closing);
  return embeds.map(fitEmbed);
}

/** The short post of a period without new articles. */
export function emptyDigestEmbed(
  window: DigestWindow,
  options: RenderOptions = {},
  topic?: string,
): DigestEmbed {
  const about = topic === undefined ? "" : ` about ${escapeMarkdown(topic)}`;
  return fitEmbed({
    title: digestTitle(topic),
    description: `No new articles${about} from ${describeWindow(window, options)}.`,
  });
}

/** The digest cut into Discord messages, between embeds, each within Discord's limits. */
export function digestMessages(digest: Digest, options: RenderOptions = {}): DigestMessage[] {
  return packMessages(digestEmbeds(digest, options));
}

/** The digest as one paged reply, for previews: the overview first, then a page per story. */
export function digestReply(digest: Digest, options: RenderOptions = {}): Reply {
  const pages = digestEmbeds(digest, options).map((embed): ReplyPage => ({
    ...(embed.title !== undefined && { title: embed.title }),
    ...(embed.url !== undefined && { url: embed.url }),
    ...(embed.description !== undefined && { description: embed.description }),
    ...(embed.fields !== undefined && { fields: embed.fields }),
    ...(embed.footer !== undefined && { footer: embed.footer.text }),
  }));
  const [first, ...rest] = pages;
  return { pages: [first ?? { description: "No stories." }, ...rest], ephemeral: true };
}

/** Characters an embed counts against a message's 6,000. */
export function embedCharacters(embed: DigestEmbed): number {
  let total =
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Puts embeds into as few messages as the limits allow, keeping their order. */
export function packMessages(embeds: readonly DigestEmbed[]): DigestMessage[] {
  const messages: DigestMessage[] = [];
  let current: DigestEmbed[] = [];
  let characters = 0;
  for (const embed of embeds) {
    const size = embedCharacters(embed);
    const full =
      current.length >= EMBED_LIMITS.embedsPerMessage ||
      characters + size > EMBED_LIMITS.charactersPerMessage;
    if (current.length > 0 && full) {
      messages.push({ embeds: current });
      current = [];
      characters = 0;
    }
    current.push(embed);
    characters += size;
  }
  if (current.length > 0) messages.push({ embeds: current });
  return messages;
}

/** Cuts every part of an embed to Discord's limit for it, at word boundaries. */
export function fitEmbed(embed: DigestEmbed): DigestEmbed {
  const fitted: DigestEmbed = { ...embed };
  if (embed.title !== undefined) fitted.title = cutAtWord(embed.title, EMBED_LIMITS.title);
  if (embed.description !== undefined)
    fitted.description = cutAtWord(embed.description, EMBED_LIMITS.description);
  if (embed.footer !== undefined) fitted.footer = { text: cutAtWord(embed.footer.text, EMBED_LIMITS.footer) };
  if (embed.fields !== undefined) {
    fitted.fields = embed.fields.slice(0, EMBED_LIMITS.fields).map((field) => ({
      ...field,
      name: cutAtWord(field.name, EMBED_LIMITS.fieldName),
      value: cutAtWord(field.value, EMBED_LIMITS.fieldValue),
    }));
  }
  // Whatever the parts, one embed must fit one message.
  const excess = embedCharacters(fitted) - EMBED_LIMITS.charactersPerMessage;
  if (excess > 0 && fitted.description !== undefined) {
    fitted.description = cutAtWord(fitted.description, Math.max(1, fitted.description.length - excess));
  }
  return fitted;
}

function digestTitle(topic: string | undefined): string {
  return topic === undefined ? "News digest" : `News digest: ${escapeMarkdown(topic)}`;
}

function headerEmbed(digest: Digest, options: RenderOptions): DigestEmbed {
  const storyCount = digest.stories.length + digest.moreStories;
  const intro =
    `${plural(storyCount, "story", "stories")} from ${plural(digest.articleCount, "article")} ` +
    `by ${plural(digest.sourceCount, "source")}, ${describeWindow(digest.window, options)}.`;
  const headlines = digest.stories.map(
    (story, i) => `${i + 1}. ${markdownLink(escapeMarkdown(story.headline), story.url)}`,
  );
  const list = joinLinesWithin(
    headlines,
    BUDGET.headerDescription - intro.length - 2,
    (omitted) => `…and ${omitted} more below`,
  );
  return { title: digestTitle(digest.topic), description: `${intro}\n\n${list}` };
}

function storyEmbed(story: DigestStory, rank: number): DigestEmbed {
  const parts = [escapeMarkdown(cutAtWord(story.summary, BUDGET.summary))];
  if (story.quote) {
    const said = story.quote.speaker ? ` — ${escapeMarkdown(story.quote.speaker)}` : "";
    parts.push(`> “${escapeMarkdown(cutAtWord(spokenWords(story.quote), BUDGET.quote))}”${said}`);
  }
  const coverage = `${plural(story.articleCount, "article")} · ${plural(story.sources.length, "source")}: ${story.sources.map(escapeMarkdown).join(", ")}`;
  const links = story.links.slice(0, BUDGET.links).map((link) => {
    const text = `${escapeMarkdown(link.source)}: ${escapeMarkdown(cutAtWord(link.title, BUDGET.linkTitle))}`;
    return markdownLink(text, link.url);
  });
  const moreLinks = story.links.length - links.length;
  const fields = [{ name: "Coverage", value: coverage }];
  if (links.length > 0) {
    const extra = moreLinks > 0 ? [`…and ${plural(moreLinks, "more article")}`] : [];
    const value = joinLinesWithin(
      [...links, ...extra],
      EMBED_LIMITS.fieldValue,
      (omitted) => `…and ${omitted} more`,
    );
    fields.push({ name: "Read", value });
  }
  return {
    title: `${rank}. ${escapeMarkdown(story.headline)}`,
    // Checked per story: Discord refuses the whole message for one bad embed URL, and the digest with it.
    ...(story.url !== undefined && isWebUrl(story.url) && { url: story.url }),
    description: parts.filter((part) => part !== "").join("\n\n") || "No summary available.",
    fields,
  };
}

function closingEmbed(digest: Digest): DigestEmbed | undefined {
  const lines = digest.topSpeakers.map(
    (speaker) => `**${escapeMarkdown(speaker.name)}**: ${plural(speaker.quotes, "quote")}`,
  );
  if (lines.length === 0 && digest.moreStories === 0) return undefined;
  const more =
    digest.moreStories > 0 ? `${plural(digest.moreStories, "more story", "more stories")} not shown.` : "";
  if (lines.length === 0) return { description: more };
  return { title: "Most quoted", description: lines.join("\n"), ...(more && { footer: { text: more } }) };
}

const INSTANT_FORMAT: Omit<Intl.DateTimeFormatOptions, "timeZone"> = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

/** `5 Dec 2025, 09:00` on the wall clock of a zone. */
export function formatInstant(instant: Date, timeZone: string): string {
  return dateTimeFormat("en-GB", timeZone, INSTANT_FORMAT).format(instant);
}

/** `4 Dec 2025, 09:00 to 5 Dec 2025, 09:00 (Europe/Berlin)`. */
export function describeWindow(window: DigestWindow, options: RenderOptions = {}): string {
  const timeZone = options.timeZone ?? "UTC";
  return `${formatInstant(window.since, timeZone)} to ${formatInstant(window.until, timeZone)} (${timeZone})`;
}
