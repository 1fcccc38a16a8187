import { XMLParser } from "fast-xml-parser";
import { SyntaxValidator } from "fast-xml-validator";
import { htmlToPlainText } from "./html-text.ts";
import type { FeedParseResult, FeedText, FeedWarning, RawFeed, RawFeedItem } from "./types.ts";
import { asList, attribute, child, decodeRawXmlText, textOf, type XmlNode } from "./xml-values.ts";
import { err, ok } from "../result.ts";

/** Atom text constructs are kept raw so that their `type` (text, html, xhtml) decides how they are read. */
const ATOM_RAW_ELEMENTS = ["feed.entry.content", "feed.entry.summary"];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Values stay strings: a title "2025" is not a number.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  trimValues: true,
  stopNodes: ATOM_RAW_ELEMENTS,
});

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i;

/**
 * Parses RSS 2.0 (and 0.9x), Atom 1.0 and RSS 1.0 (RDF). XML that is not well-formed is still read leniently
 * when its items can be made out, with a warning; an HTML page or another XML document is refused with the
 * reason.
 */
export function parseXmlFeed(text: string): FeedParseResult {
  if (HTML_START.test(text)) return err("an HTML page, not a feed");
  const warnings: FeedWarning[] = [];
  const problem = xmlProblem(text);
  if (problem !== undefined) warnings.push({ reason: `malformed XML (${problem}); read leniently` });
  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch (error) {
    return err(`malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const feed = readTree(tree);
  if (!feed) {
    const root = rootName(tree);
    if (problem !== undefined) return err(`malformed XML (${problem})`);
    if (root?.toLowerCase() === "html") return err("an HTML page, not a feed");
    return err(`not a feed (the document is <${root ?? "nothing"}>)`);
  }
  return ok({ feed, warnings });
}

/** What makes the document not well-formed, with its line; undefined when it is well-formed. */
function xmlProblem(text: string): string | undefined {
  try {
    SyntaxValidator.validate(text);
    return undefined;
  } catch (error) {
    const line = (error as { line?: unknown }).line;
    const message = error instanceof Error ? error.message : String(error);
    return typeof line === "number" ? `line ${line}: ${message}` : message;
  }
}

function rootName(tree: unknown): string | undefined {
  if (typeof tree !== "object" || tree === null) return undefined;
  return Object.keys(tree).find((key) => !key.startsWith("?") && !key.startsWith("#"));
}

function readTree(tree: unknown): RawFeed | undefined {
  const rss = child(tree, "rss");
  if (rss !== undefined) return readRss(child(rss, "channel"));
  const atom = child(tree, "feed");
  if (atom !== undefined) return readAtom(atom);
  const rdf = child(tree, "rdf:RDF");
  if (rdf !== undefined) return readRdf(rdf);
  return undefined;
}

function readRss(channel: XmlNode): RawFeed {
  return withDefined({
    format: "rss" as const,
    title: textOf(child(channel, "title")),
    link: textOf(child(channel, "link")),
    ttlMinutes: minutesOf(textOf(child(channel, "ttl"))),
    items: asList(child(channel, "item")).map(readRssItem),
  });
}

/** RSS `<ttl>`: whole minutes the feed may be cached; anything else is ignored. */
function minutesOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d{1,6}\s*$/.test(text)) return undefined;
  const minutes = Number(text);
  return minutes > 0 ? minutes : undefined;
}

function readRssItem(item: XmlNode): RawFeedItem {
  const guidNode = child(item, "guid");
  const guid = textOf(guidNode);
  const permalink = attribute(guidNode, "isPermaLink") !== "false" && guid !== undefined && isHttpUrl(guid);
  return withDefined({
    guid,
    title: textOf(child(item, "title")),
    link: textOf(child(item, "link")) ?? (permalink ? guid : undefined),
    author: textOf(child(item, "dc:creator")) ?? textOf(child(item, "author")),
    published: textOf(child(item, "pubDate")) ?? textOf(child(item, "dc:date")),
    content: html(textOf(child(item, "content:encoded"))),
    summary: html(textOf(child(item, "description"))),
    categories: asList(child(item, "category")).flatMap((node) => textOf(node) ?? []),
  });
}

function readRdf(rdf: XmlNode): RawFeed {
  const channel = child(rdf, "channel");
  return withDefined({
    format: "rdf" as const,
    title: textOf(child(channel, "title")),
    link: textOf(child(channel, "link")),
    items: asList(child(rdf, "item")).map((item) =>
      withDefined({
        guid: attribute(item, "rdf:about"),
        title: textOf(child(item, "title")),
        link: textOf(child(item, "link")),
        author: textOf(child(item, "dc:creator")),
        published: textOf(child(item, "dc:date")),
        content: html(textOf(child(item, "content:encoded"))),
        summary: html(textOf(child(item, "description"))),
        categories: asList(child(item, "dc:subject")).flatMap((node) => textOf(node) ?? []),
      }),
    ),
  });
}

function readAtom(feed: XmlNode): RawFeed {
  return withDefined({
    format: "atom" as const,
    title: atomTitle(child(feed, "title")),
    link: atomLink(child(feed, "link")),
    items: asList(child(feed, "entry")).map((entry) =>
      withDefined({
        guid: textOf(child(entry, "id")),
        title: atomTitle(child(entry, "title")),
        link: atomLink(child(entry, "link")),
        author: textOf(child(asList(child(entry, "author"))[0], "name")),
        published: textOf(child(entry, "published")) ?? textOf(child(entry, "updated")),
        content: atomText(child(entry, "content")),
        summary: atomText(child(entry, "summary")),
        categories: asList(child(entry, "category")).flatMap((node) => attribute(node, "term") ?? []),
      }),
    ),
  });
}

function atomTitle(node: XmlNode): string | undefined {
  const text = textOf(node);
  if (text === undefined) return undefined;
  const type = attribute(node, "type");
  return type === "html" || type === "xhtml" ? htmlToPlainText(text) || undefined : text;
}

/** The page link: rel="alternate" or no rel, else the first link with an href. */
function atomLink(node: XmlNode): string | undefined {
  const links = asList(node);
  const alternate = links.find((link) => (attribute(link, "rel") ?? "alternate") === "alternate");
  return attribute(alternate ?? links[0], "href");
}

function atomText(node: XmlNode): FeedText | undefined {
  const raw = textOf(node);
  if (raw === undefined || attribute(node, "src") !== undefined) return undefined;
  const type = attribute(node, "type") ?? "text";
  // xhtml content is markup already; html and text content arrive escaped (or in CDATA).
  if (type === "xhtml") return { kind: "html", value: raw };
  const value = decodeRawXmlText(raw).trim();
  if (value === "") return undefined;
  return { kind: type === "html" || type.includes("html") ? "html" : "text", value };
}

function html(value: string | undefined): FeedText | undefined {
  return value === undefined ? undefined : { kind: "html", value };
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** Drops keys whose value is undefined, as exactOptionalPropertyTypes wants. */
function withDefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
