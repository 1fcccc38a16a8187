/** Quote extraction, attribution and the speaker registry: the pure core behind /quotes. */
export { extractArticleQuotes, extractQuotes } from "./extract.ts";
export { normalizeName, SpeakerRegistry, type AttributedQuote, type SpeakerEntry } from "./registry.ts";
export { QuoteSchema, RegistrySnapshotSchema, type RegistrySnapshot } from "./schema.ts";
export type { ExtractOptions, Quote, QuoteKind, QuoteSegment, Speaker, SpeakerType } from "./types.ts";
