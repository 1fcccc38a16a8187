import type { DigestEmbed, DigestMessage } from "./poster.ts";

/** Discord markdown as plain text: links as `text <url>`, escapes removed, bold and quote marks kept. */
function plain(text: string): string {
  return text.replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, "$1 <$2>").replace(/\\([\\*_~`|[\]#>-])/g, "$1");
}

function embedText(embed: DigestEmbed): string {
  const lines: string[] = [];
  if (embed.title !== undefined) lines.push(plain(embed.title));
  if (embed.url !== undefined) lines.push(embed.url);
  if (embed.description !== undefined) lines.push(plain(embed.description));
  for (const field of embed.fields ?? []) lines.push(`${plain(field.name)}:`, plain(field.value));
  if (embed.footer !== undefined) lines.push(plain(embed.footer.text));
  return lines.join("\n");
}

/** Digest messages as text, for the console: embeds separated by blank lines, messages by a rule. */
export function messagesToText(messages: readonly DigestMessage[]): string {
  return messages.map((message) => message.embeds.map(embedText).join("\n\n")).join("\n\n———\n\n");
}
