import { z } from "zod";
import type { FeedParseResult, FeedWarning, RawFeedItem } from "./types.ts";
import { err, ok } from "../result.ts";

const optionalText = z.string().optional().catch(undefined);

const JsonFeedAuthor = z.object({ name: optionalText }).loose();

/** Items are checked one by one, so one bad item does not cost the others. */
const JsonFeedItem = z
  .object({
    id: z.union([z.string(), z.number().transform(String)]).optional(),
    url: optionalText,
    external_url: optionalText,
    title: optionalText,
    content_html: optionalText,
    content_text: optionalText,
    summary: optionalText,
    date_published: optionalText,
    date_modified: optionalText,
    author: JsonFeedAuthor.optional().catch(undefined),
    authors: z.array(JsonFeedAuthor).optional().catch(undefined),
    tags: z.array(z.string()).optional().catch(undefined),
  })
  .loose();

const JsonFeed = z
  .object({
    version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\//, { error: "not a JSON Feed version" }),
    title: optionalText,
    home_page_url: optionalText,
    items: z.array(z.unknown()),
  })
  .loose();

/** Parses a JSON Feed (version 1 or 1.1): https://www.jsonfeed.org/version/1.1/ */
export function parseJsonFeed(text: string): FeedParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err(`malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const feed = JsonFeed.safeParse(json);
  if (!feed.success) return err("JSON that is not a JSON Feed");
  const warnings: FeedWarning[] = [];
  const items: RawFeedItem[] = [];
  feed.data.items.forEach((value, index) => {
    const parsed = JsonFeedItem.safeParse(value);
    if (!parsed.success) {
      warnings.push({ item: index, reason: "item is not a JSON Feed item" });
      return;
    }
    const item = parsed.data;
    const author = item.authors?.find((entry) => entry.name)?.name ?? item.author?.name;
    const published = item.date_published ?? item.date_modified;
    const link = item.url ?? item.external_url;
    items.push({
      ...(item.id !== undefined && item.id !== "" && { guid: item.id }),
      ...(item.title !== undefined && { title: item.title }),
      ...(link !== undefined && { link }),
      ...(author !== undefined && { author }),
      ...(published !== undefined && { published }),
      ...(item.content_html !== undefined
        ? { content: { kind: "html", value: item.content_html } }
        : item.content_text !== undefined && { content: { kind: "text", value: item.content_text } }),
      ...(item.summary !== undefined && { summary: { kind: "text", value: item.summary } }),
      categories: item.tags ?? [],
    });
  });
  return ok({
    feed: {
      format: "json",
      ...(feed.data.title !== undefined && { title: feed.data.title }),
      ...(feed.data.home_page_url !== undefined && { link: feed.data.home_page_url }),
      items,
    },
    warnings,
  });
}
