import type { DigestEmbed, DigestMessage, DigestPoster } from "../core/digest/poster.ts";
import { markdownToText, type TextStyle } from "./render.ts";

/**
 * A poster that writes digests as text, for the local console: every channel can be posted to, and each
 * message gets an id `console-<n>`.
 */
export class TextDigestPoster implements DigestPoster {
  readonly #write: (text: string) => void;
  readonly #style: TextStyle;
  #posted = 0;

  constructor(write: (text: string) => void, style: TextStyle = { color: false }) {
    this.#write = write;
    this.#style = style;
  }

  post(
    _guildId: string,
    _channelId: string,
    messages: readonly DigestMessage[],
  ): Promise<{ messageIds: string[] }> {
    this.#write(messagesToText(messages, this.#style));
    const messageIds = messages.map(() => `console-${String(++this.#posted)}`);
    return Promise.resolve({ messageIds });
  }

  canPost(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** Digest messages as console text: embeds separated by blank lines, messages by a rule, no markup. */
export function messagesToText(messages: readonly DigestMessage[], style: TextStyle): string {
  return messages
    .map((message) => message.embeds.map((embed) => embedText(embed, style)).join("\n\n"))
    .join("\n\n———\n\n");
}

function embedText(embed: DigestEmbed, style: TextStyle): string {
  const plain = (text: string) => markdownToText(text, style);
  const lines: string[] = [];
  if (embed.title !== undefined) lines.push(plain(embed.title));
  if (embed.url !== undefined) lines.push(embed.url);
  if (embed.description !== undefined) lines.push(plain(embed.description));
  for (const field of embed.fields ?? []) lines.push("", plain(field.name), plain(field.value));
  if (embed.footer !== undefined) lines.push("", plain(embed.footer.text));
  return lines.join("\n");
}
