import type { APIEmbed } from "discord.js";
import { embedCharacters } from "../../src/discord/embeds.ts";
import { DISCORD_LIMITS as LIMITS } from "../../src/discord/limits.ts";

/** Every way a message's embeds break Discord's limits; empty when Discord would accept them. */
export function embedLimitViolations(embeds: readonly APIEmbed[]): string[] {
  const problems: string[] = [];
  if (embeds.length > LIMITS.embedsPerMessage) problems.push(`${embeds.length} embeds`);
  const characters = embedCharacters(embeds);
  if (characters > LIMITS.embedCharactersPerMessage) problems.push(`${characters} characters`);
  embeds.forEach((embed, i) => {
    const over = (what: string, length: number | undefined, limit: number) => {
      if ((length ?? 0) > limit) problems.push(`embed ${i}: ${what} of ${length ?? 0}`);
    };
    over("title", embed.title?.length, LIMITS.title);
    over("description", embed.description?.length, LIMITS.description);
    over("footer", embed.footer?.text.length, LIMITS.footer);
    over("fields", embed.fields?.length, LIMITS.fieldsPerEmbed);
    for (const field of embed.fields ?? []) {
      over("field name", field.name.length, LIMITS.fieldName);
      over("field value", field.value.length, LIMITS.fieldValue);
    }
  });
  return problems;
}
