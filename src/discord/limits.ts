/** Discord's documented size limits for what a bot sends; exceeding any of them fails the whole request. */
export const DISCORD_LIMITS = {
  content: 2_000,
  embedsPerMessage: 10,
  /** The sum of every title, description, field name and value, footer and author name in a message. */
  embedCharactersPerMessage: 6_000,
  title: 256,
  description: 4_096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  componentsPerRow: 5,
  /** An attachment's alt text. */
  attachmentDescription: 1_024,
} as const;

/** Colours of the embed's left edge. */
export const EMBED_COLOURS = {
  info: 0x5865f2,
  error: 0xed4245,
} as const;
