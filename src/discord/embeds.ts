import type { APIEmbed, APIEmbedField } from "discord.js";
import type { ReplyField, ReplyPage } from "../core/reply.ts";
import { cutText } from "./cut-text.ts";
import { DISCORD_LIMITS as LIMITS } from "./limits.ts";
import { isWebUrl } from "../core/text/web-url.ts";

/** Discord rejects empty field names and values; a zero-width space stands in. */
const BLANK = "\u200b";
/** A field squeezed into less room than this is dropped instead; a stub helps no one. */
const MIN_CUT_FIELD_VALUE = 80;
/** Room kept for the "N more not shown" note when fields have to be dropped. */
const NOTE_ROOM = 40;

export interface EmbedStyle {
  colour: number;
  /** Appended to the page's footer, e.g. "Page 2/5". */
  footerSuffix?: string;
}

/**
 * One page as embeds that Discord accepts: every text within its own limit, at most 25 fields an embed
 * (later fields continue in further embeds), at most 10 embeds and 6,000 characters in all. What does not
 * fit is cut at a word boundary or, for whole fields, dropped with a note in the footer.
 */
export function pageEmbeds(page: ReplyPage, style: EmbedStyle): APIEmbed[] {
  const title = page.title ? cutText(page.title, LIMITS.title) : undefined;
  const footerBase = [page.footer, style.footerSuffix].filter(Boolean).join(" · ");
  let budget = LIMITS.embedCharactersPerMessage - (title?.length ?? 0) - footerBase.length - NOTE_ROOM;

  const description = page.description
    ? cutText(page.description, Math.min(LIMITS.description, Math.max(budget, 0)))
    : undefined;
  budget -= description?.length ?? 0;

  const wanted = page.fields ?? [];
  const maxFields = LIMITS.fieldsPerEmbed * LIMITS.embedsPerMessage;
  const fields: APIEmbedField[] = [];
  for (const field of wanted.slice(0, maxFields)) {
    const fitted = fitField(field, budget);
    if (!fitted) break;
    fields.push(fitted);
    budget -= fitted.name.length + fitted.value.length;
  }
  const dropped = wanted.length - fields.length;
  const note = dropped > 0 ? `${dropped} more not shown` : undefined;
  const footer = cutText([footerBase, note].filter(Boolean).join(" · "), LIMITS.footer);

  const embeds: APIEmbed[] = [];
  for (let first = 0; first === 0 || first < fields.length; first += LIMITS.fieldsPerEmbed) {
    embeds.push({ color: style.colour, fields: fields.slice(first, first + LIMITS.fieldsPerEmbed) });
  }
  const [head] = embeds as [APIEmbed, ...APIEmbed[]];
  if (title) head.title = title;
  if (title && page.url && isWebUrl(page.url)) head.url = page.url;
  if (description) head.description = description;
  if (!title && !description && fields.length === 0) head.description = BLANK;
  if (footer) (embeds.at(-1) ?? head).footer = { text: footer };
  for (const embed of embeds) if (embed.fields?.length === 0) delete embed.fields;
  return embeds;
}

/** Characters Discord counts toward the 6,000 a message may carry. */
export function embedCharacters(embeds: readonly APIEmbed[]): number {
  let total = 0;
  for (const embed of embeds) {
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
    total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  }
  return total;
}

function fitField(field: ReplyField, budget: number): APIEmbedField | undefined {
  const name = cutText(field.name, LIMITS.fieldName) || BLANK;
  const room = Math.min(LIMITS.fieldValue, budget - name.length);
  const full = field.value || BLANK;
  if (full.length > room && room < Math.min(MIN_CUT_FIELD_VALUE, full.length)) return undefined;
  const value = cutText(full, room);
  return field.inline ? { name, value, inline: true } : { name, value };
}
