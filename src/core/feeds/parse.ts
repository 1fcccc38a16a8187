import { parseJsonFeed } from "./parse-json.ts";
import { parseXmlFeed } from "./parse-xml.ts";
import type { FeedParseResult } from "./types.ts";
import { err } from "../result.ts";

/**
 * Parses a feed document of any supported format: JSON Feed when it opens with `{` (or the Content-Type says
 * JSON), else RSS 2.0, Atom or RSS 1.0.
 */
export function parseFeed(text: string, contentType?: string): FeedParseResult {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return err("the response is empty");
  const looksJson = body.trimStart().startsWith("{") || /\bjson\b/i.test(contentType ?? "");
  return looksJson ? parseJsonFeed(body) : parseXmlFeed(body);
}
