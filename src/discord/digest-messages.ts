import type { APIEmbed } from "discord.js";
import type { ReplyPage } from "../core/reply.ts";
import { embedCharacters, pageEmbeds } from "./embeds.ts";
import { DISCORD_LIMITS, EMBED_COLOURS } from "./limits.ts";

/** One Discord message of a digest: at most 10 embeds and 6,000 characters of embed text. */
export interface DigestMessage {
  /**
   * Its place in the whole digest (0 for the first message), fixed when the digest is planned. A resumed run
   * posts only the tail of its plan; the place keeps each message's nonce what it was in the first attempt.
   */
  position: number;
  embeds: APIEmbed[];
}

/**
 * A digest's pages as Discord messages: each page rendered to embeds as every reply is (within Discord's
 * limits), then packed into as few messages as the limits allow, cut between embeds. Deterministic, so a
 * resumed run plans the same messages (and the same nonces) as the run it continues.
 */
export function digestMessages(pages: readonly ReplyPage[]): DigestMessage[] {
  return packMessages(pages.flatMap((page) => pageEmbeds(page, { colour: EMBED_COLOURS.info })));
}

/** Puts embeds into as few messages as the limits allow, keeping their order. */
export function packMessages(embeds: readonly APIEmbed[]): DigestMessage[] {
  const messages: DigestMessage[] = [];
  const close = (full: APIEmbed[]) => messages.push({ position: messages.length, embeds: full });
  let current: APIEmbed[] = [];
  let characters = 0;
  for (const embed of embeds) {
    const size = embedCharacters([embed]);
    const full =
      current.length >= DISCORD_LIMITS.embedsPerMessage ||
      characters + size > DISCORD_LIMITS.embedCharactersPerMessage;
    if (current.length > 0 && full) {
      close(current);
      current = [];
      characters = 0;
    }
    current.push(embed);
    characters += size;
  }
  if (current.length > 0) close(current);
  return messages;
}
