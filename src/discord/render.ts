import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from "discord.js";
import type { Reply, ReplyImage } from "../core/reply.ts";
import { cutText } from "./cut-text.ts";
import { pageEmbeds } from "./embeds.ts";
import { DISCORD_LIMITS, EMBED_COLOURS } from "./limits.ts";

/** A message ready for Discord, before it is shaped for a particular endpoint. */
export interface RenderedMessage {
  /** A short line above the embeds, e.g. that the results changed since the buttons were made. */
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  ephemeral: boolean;
  /** Files uploaded with the message, such as the PNG an embed's image points at (`attachment://name`). */
  files?: RenderedFile[];
}

export interface RenderedFile {
  name: string;
  data: Uint8Array;
  /** The attachment's alt text. */
  description: string;
}

/** The custom ids for the buttons that lead to the neighbouring pages. */
export type PageLinks = (targetPage: number) => string;

export interface RenderOptions {
  /** Needed for replies of more than one page; without it, only the page itself is rendered. */
  links?: PageLinks;
  notice?: string;
}

/** Nothing that a bot sends may ping anyone: article text can hold @everyone or a user mention. */
export const NO_MENTIONS = { parse: [] as never[] };

/**
 * Renders one page of a reply. Replies of several pages show "Page i/n" in the footer and, when `links`
 * is given, Previous/Next buttons; the page index is clamped to the pages there are.
 */
export function renderReplyPage(
  reply: Reply,
  pageIndex: number,
  options: RenderOptions = {},
): RenderedMessage {
  const pageCount = reply.pages.length;
  const index = Math.min(Math.max(pageIndex, 0), pageCount - 1);
  const page = reply.pages[index] ?? reply.pages[0];
  const colour = reply.tone === "error" ? EMBED_COLOURS.error : EMBED_COLOURS.info;
  const footerSuffix = pageCount > 1 ? `Page ${index + 1}/${pageCount}` : undefined;
  const embeds = pageEmbeds(page, footerSuffix ? { colour, footerSuffix } : { colour });
  const components = pageCount > 1 && options.links ? [navigationRow(index, pageCount, options.links)] : [];
  const message: RenderedMessage = { embeds, components, ephemeral: reply.ephemeral === true };
  if (options.notice) message.content = cutText(options.notice, DISCORD_LIMITS.content);
  if (page.image) attachImage(message, page.image);
  return message;
}

/** Uploads the page's picture with the message and shows it as the first embed's image. */
function attachImage(message: RenderedMessage, image: ReplyImage): void {
  const [head] = message.embeds;
  if (head === undefined) return;
  head.image = { url: `attachment://${image.fileName}` };
  message.files = [
    {
      name: image.fileName,
      data: image.png,
      description: cutText(image.alt, DISCORD_LIMITS.attachmentDescription),
    },
  ];
}

/** The files of a message as discord.js uploads them. */
function attachments(message: RenderedMessage) {
  return (message.files ?? []).map((file) => ({
    attachment: Buffer.from(file.data),
    name: file.name,
    description: file.description,
  }));
}

/** Every page of a reply, for places without buttons such as a scheduled post in a channel. */
export function renderAllPages(reply: Reply): RenderedMessage[] {
  return reply.pages.map((_, index) => renderReplyPage(reply, index));
}

function navigationRow(index: number, pageCount: number, links: PageLinks) {
  const previous = Math.max(index - 1, 0);
  const next = Math.min(index + 1, pageCount - 1);
  const row: APIActionRowComponent<APIButtonComponent> = {
    type: ComponentType.ActionRow,
    components: [
      button("Previous", links(previous), index === 0),
      button("Next", links(next), index === pageCount - 1),
    ],
  };
  return row;
}

function button(label: string, customId: string, disabled: boolean): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: customId, disabled };
}

/** The options discord.js takes for `reply`, `followUp` and the first answer of an interaction. */
export function interactionReplyOptions(message: RenderedMessage) {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
    ...(message.files ? { files: attachments(message) } : {}),
  };
}

/** The options discord.js takes for `editReply` and `update`: an edit replaces content and buttons too. */
export function interactionEditOptions(message: RenderedMessage) {
  return {
    content: message.content ?? "",
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
    ...(message.files ? { files: attachments(message) } : {}),
  };
}

/** The JSON body of POST /channels/:id/messages. */
export function channelMessageBody(message: RenderedMessage) {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: NO_MENTIONS,
  };
}
