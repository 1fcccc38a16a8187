import type { DigestPoster } from "../core/digest/poster.ts";
import type { ReplyPage } from "../core/reply.ts";
import { markdownToText, type TextStyle } from "./render.ts";

/**
 * A poster that writes digests as text, for the local console: every channel can be posted to, a digest is
 * one message (a terminal has no size limits), and each message gets an id `console-<n>`.
 */
export class TextDigestPoster implements DigestPoster<string> {
  readonly #write: (text: string) => void;
  readonly #style: TextStyle;
  #posted = 0;

  constructor(write: (text: string) => void, style: TextStyle = { color: false }) {
    this.#write = write;
    this.#style = style;
  }

  planMessages(pages: readonly ReplyPage[]): string[] {
    return [pagesToText(pages, this.#style)];
  }

  post(_guildId: string, _channelId: string, messages: readonly string[]): Promise<{ messageIds: string[] }> {
    for (const message of messages) this.#write(message);
    const messageIds = messages.map(() => `console-${String(++this.#posted)}`);
    return Promise.resolve({ messageIds });
  }

  canPost(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** A digest's pages as console text: pages separated by blank lines, no markup. */
export function pagesToText(pages: readonly ReplyPage[], style: TextStyle): string {
  return pages.map((page) => pageText(page, style)).join("\n\n");
}

function pageText(page: ReplyPage, style: TextStyle): string {
  const plain = (text: string) => markdownToText(text, style);
  const lines: string[] = [];
  if (page.title !== undefined) lines.push(plain(page.title));
  if (page.url !== undefined) lines.push(page.url);
  if (page.description !== undefined) lines.push(plain(page.description));
  for (const field of page.fields ?? []) lines.push("", plain(field.name), plain(field.value));
  if (page.footer !== undefined) lines.push("", plain(page.footer));
  return lines.join("\n");
}
