import { z } from "zod";
import { isWebUrl } from "../text/web-url.ts";

const nonBlank = z.string().refine((value) => value.trim() !== "", "cannot be blank");
const optionalText = z.string().nullish();
const textOrList = z.union([z.string(), z.array(z.string())]).nullish();
/** Any text: an ISO date or a written one is read by `articleFromInput`; one it cannot read leaves the article undated. */
const dateInput = z.string().nullish();

/**
 * One article as JSON, JSON Lines or Markdown front matter give it: lenient about shapes (a body as one string
 * or as paragraphs, a single topic or a list, nulls for absent values), strict about meaning (a title and a
 * body that are not blank, valid URLs). Unknown fields are ignored.
 */
export const ArticleInputSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  title: nonBlank,
  body: z.union([nonBlank, z.array(z.string())]),
  date: dateInput,
  publishedAt: dateInput,
  source: optionalText,
  url: z.string().trim().refine(isWebUrl, "expected an http(s) URL without spaces").nullish(),
  author: textOrList,
  highlights: textOrList,
  dek: optionalText,
  topics: textOrList,
  dateline: optionalText,
});

export type ArticleInput = z.infer<typeof ArticleInputSchema>;
