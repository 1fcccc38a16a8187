import type { Article, ArticleOrigin, SectionHeading } from "../articles.ts";
import { deriveArticleId, sourceFromPath } from "./identity.ts";
import type { ArticleInput } from "./input-schema.ts";
import { isoInstant } from "./iso-date.ts";
import { readCalendarDateText } from "./txt/human-date.ts";
import { paragraphsFromList, paragraphsFromText } from "./paragraphs.ts";

/** A body already split by a format that knows more than blank lines (Markdown headings). */
export interface ParsedBody {
  paragraphs: string[];
  headings: SectionHeading[];
}

/**
 * Turns checked input into an article: paragraphs from the body, the id derived from source and title when
 * absent, the source from the file's folder when absent, `publishedAt` (or `date`, ISO or written as people
 * write dates) as an ISO instant. Returns the reason instead when the body holds no text; `onNote` hears what
 * was left out of a kept article (a date that cannot be read).
 */
export function articleFromInput(
  input: ArticleInput,
  origin: ArticleOrigin,
  body?: ParsedBody,
  onNote: (note: string) => void = () => undefined,
): Article | string {
  const paragraphs =
    body?.paragraphs ??
    (typeof input.body === "string" ? paragraphsFromText(input.body) : paragraphsFromList(input.body));
  if (paragraphs.length === 0) return "body: no text";
  const title = input.title.trim();
  const givenSource = input.source?.trim() ?? "";
  const source = givenSource === "" ? sourceFromPath(origin.file) : givenSource;
  const givenId = input.id === null || input.id === undefined ? "" : String(input.id).trim();
  const article: Article = {
    id: givenId === "" ? deriveArticleId(source, title) : givenId,
    title,
    highlights: textList(input.highlights),
    paragraphs,
    headings: body?.headings ?? [],
    source,
    topics: textList(input.topics),
    origin,
  };
  const date = (input.publishedAt ?? input.date)?.trim();
  if (date) {
    const publishedAt = isoInstant(date) ?? readCalendarDateText(date);
    if (publishedAt !== undefined) article.publishedAt = publishedAt;
    else onNote(`date "${date.slice(0, 60)}" cannot be read as a date; the article is kept undated`);
  }
  const author = textList(input.author).join(", ");
  if (author !== "") article.author = author;
  setText(article, "url", input.url);
  setText(article, "dek", input.dek);
  setText(article, "dateline", input.dateline);
  return article;
}

function textList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return value.trim() === "" ? [] : [value.trim()];
  const list: string[] = [];
  for (const item of value) {
    const trimmed = item.trim();
    if (trimmed !== "") list.push(trimmed);
  }
  return list;
}

function setText(article: Article, key: "url" | "dek" | "dateline", value: string | null | undefined): void {
  const trimmed = value?.trim();
  if (trimmed) article[key] = trimmed;
}
