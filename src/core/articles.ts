import { z } from "zod";
import { isWebUrl } from "./text/web-url.ts";

/** Where an article came from: the file (relative to the articles folder) and its place in it. */
export const ArticleOriginSchema = z.object({
  /** Path relative to ARTICLES_DIR, with forward slashes. */
  file: z.string().min(1),
  /** Character offset of the article's first line within the file. */
  offset: z.number().int().nonnegative(),
  /** 1-based line number, for line-oriented formats (.jsonl) and .txt. */
  line: z.number().int().positive().optional(),
});

/** A heading that stands before the paragraph at `beforeParagraph` (an index into `paragraphs`). */
export const SectionHeadingSchema = z.object({
  beforeParagraph: z.number().int().nonnegative(),
  text: z.string().min(1),
});

/**
 * One news article as the rest of Newsdesk sees it, whatever format it was read from.
 * Every field is plain data so that an article survives a JSON round trip unchanged.
 */
export const ArticleSchema = z.object({
  /** Stable across restarts and re-reads of the same story. */
  id: z.string().min(1),
  title: z.string().min(1),
  /** Bullet highlights shown above the body by some outlets. */
  highlights: z.array(z.string().min(1)),
  /** A standfirst or subtitle. */
  dek: z.string().min(1).optional(),
  /** The body, one entry a paragraph, without boilerplate, captions or headings. */
  paragraphs: z.array(z.string().min(1)).min(1),
  headings: z.array(SectionHeadingSchema),
  /** ISO 8601 instant, when known. */
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  /** The outlet or feed name; used by the source filter. */
  source: z.string().min(1),
  url: z.string().refine(isWebUrl, "expected an http(s) URL without spaces").optional(),
  author: z.string().min(1).optional(),
  /** The place line that opens a wire story, e.g. "MOSCOW". */
  dateline: z.string().min(1).optional(),
  topics: z.array(z.string().min(1)),
  origin: ArticleOriginSchema,
});

export type Article = z.infer<typeof ArticleSchema>;
export type ArticleOrigin = z.infer<typeof ArticleOriginSchema>;
export type SectionHeading = z.infer<typeof SectionHeadingSchema>;

/** The article's body as one string, paragraphs separated by blank lines. */
export function articleBody(article: Pick<Article, "paragraphs">): string {
  return article.paragraphs.join("\n\n");
}
