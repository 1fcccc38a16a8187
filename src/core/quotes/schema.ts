import { z } from "zod";
import type { Quote } from "./types.ts";

const SpeakerSchema = z.object({
  name: z.string().min(1),
  mention: z.string(),
  role: z.string().optional(),
  type: z.enum(["person", "organisation", "unknown"]),
});

const SegmentSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  paragraphIndex: z.number().int().nonnegative(),
  text: z.string(),
});

/** A quote as stored in snapshots; parsing gives back exactly what `extractQuotes` returned. */
export const QuoteSchema = z.object({
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  paragraphIndex: z.number().int().nonnegative(),
  kind: z.enum(["direct", "partial"]),
  speaker: SpeakerSchema.nullable(),
  context: z.string(),
  segments: z.array(SegmentSchema),
});

/** The speaker registry as plain JSON: the quotes of each article; everything else is derived on load. */
export const RegistrySnapshotSchema = z.object({
  version: z.literal(1),
  articles: z.array(z.object({ id: z.string().min(1), quotes: z.array(QuoteSchema) })),
});

export type RegistrySnapshot = z.infer<typeof RegistrySnapshotSchema>;

/** A parsed quote as a `Quote`: an absent role is left out rather than set to undefined. */
export function toQuote(parsed: z.infer<typeof QuoteSchema>): Quote {
  const { speaker, ...rest } = parsed;
  if (speaker === null) return { ...rest, speaker: null };
  const { role, ...named } = speaker;
  return { ...rest, speaker: role === undefined ? named : { ...named, role } };
}
