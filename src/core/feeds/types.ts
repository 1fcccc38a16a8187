import type { Result } from "../result.ts";

/** The feed formats Newsdesk reads. */
export type FeedFormat = "rss" | "atom" | "rdf" | "json";

/** How an item's text was written: HTML markup or plain text. */
export interface FeedText {
  kind: "html" | "text";
  value: string;
}

/** One feed item as the feed wrote it, before it becomes an Article. Every field may be missing. */
export interface RawFeedItem {
  guid?: string;
  title?: string;
  link?: string;
  author?: string;
  /** The date text as written (RFC 822 for RSS, ISO 8601 for Atom and JSON Feed). */
  published?: string;
  /** The full text, when the feed carries it (content:encoded, Atom content, JSON content_html). */
  content?: FeedText;
  /** A summary or teaser (RSS description, Atom summary, JSON summary). */
  summary?: FeedText;
  categories: string[];
}

/** A parsed feed: its own name and link, and its items in feed order. */
export interface RawFeed {
  format: FeedFormat;
  title?: string;
  link?: string;
  /** RSS `<ttl>`: the feed asks not to be fetched again for this many minutes. */
  ttlMinutes?: number;
  items: RawFeedItem[];
}

/** Why a feed or one of its items was not (fully) taken; polling goes on. */
export interface FeedWarning {
  /** The item's place in the feed (0-based), when the warning is about one item. */
  item?: number;
  reason: string;
}

/** A parsed feed with the problems of the items it left out, or why the document is not a feed. */
export type FeedParseResult = Result<{ feed: RawFeed; warnings: FeedWarning[] }>;
