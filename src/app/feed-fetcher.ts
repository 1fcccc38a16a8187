import {
  buildArticle,
  decodeText,
  extractReadablePage,
  normalizeItem,
  parseFeed,
  type FeedEntry,
  type HtmlBlocks,
  type RawFeed,
} from "../core/feeds/index.ts";
import type { FeedItemInput } from "../store/feeds.ts";
import { mapConcurrently } from "./concurrency.ts";
import type { Logger } from "./logger.ts";
import { checkFeedUrl, FetchFailure, guardedGet, type ResolveAll } from "./net-guard.ts";

/** Bounds on every request a feed fetch makes, the feed's own and its teaser pages'. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

/** A feed to fetch, with the validators of its last fetch for a conditional request. */
export interface FeedRequest {
  url: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
}

/** What one request for a feed gave: nothing new (304), a failure fit for `/feeds list`, or the parsed feed. */
export type FeedResponse =
  | { status: "not-modified" }
  | {
      status: "failed";
      reason: string;
      /** The server's Retry-After (429 or 503), as sent: the earliest next attempt. */
      retryAfter?: string | undefined;
    }
  | { status: "fetched"; feed: RawFeed; etag?: string | undefined; lastModified?: string | undefined };

/** Which items of a fetched feed to read. */
export interface ItemSelection {
  /** The stored fingerprint of each item key: items whose fingerprint is unchanged are skipped. */
  known: ReadonlyMap<string, string>;
  /** Teaser pages that may be read; teasers beyond it are deferred. */
  pageBudget: number;
  /**
   * Items published before it are past ARTICLE_RETENTION_DAYS: left out before their pages are read, since
   * they would not be kept. Unset: every date is read.
   */
  publishedBefore?: Date | undefined;
}

/** A fetched feed's new and changed items as articles to store. */
export interface ReadItems {
  items: FeedItemInput[];
  /** Items that cannot be read (logged). */
  skipped: number;
  /** Teasers left for the next poll because their pages did not fit the budget; not stored now. */
  deferred: number;
  /** Items left out as published before {@link ItemSelection.publishedBefore}. */
  expired?: number;
}

/**
 * Everything the feed service does on the network: checking a URL may be fetched, fetching and parsing a
 * feed, and reading its items (with their teaser pages) into articles. Problems are logged on `log`.
 */
export interface FeedFetcher {
  /** Why a feed URL may not be fetched (a private address, say); undefined when it may. */
  check(url: string): Promise<string | undefined>;
  /** Requests a feed, conditionally when it has validators, and parses it. */
  fetchFeed(request: FeedRequest, log: Logger): Promise<FeedResponse>;
  /** The new and changed items of a fetched feed as articles; items that cannot be read are skipped. */
  readItems(feedUrl: string, feed: RawFeed, selection: ItemSelection, log: Logger): Promise<ReadItems>;
}

export interface HttpFeedFetcherOptions {
  /** FEEDS_ALLOW_PRIVATE: let feeds reach private and loopback addresses. */
  allowPrivate: boolean;
  resolve?: ResolveAll | undefined;
  limits?: Partial<FetchLimits> | undefined;
  /** Teaser pages of one feed fetched at the same time. */
  pageConcurrency: number;
}

const ACCEPT_FEEDS =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, " +
  "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";
const ACCEPT_PAGES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
const USER_AGENT = "Newsdesk/0.1 (news feed reader)";

/** The {@link FeedFetcher} over HTTP(S), every request through the net guard. */
export class HttpFeedFetcher implements FeedFetcher {
  readonly #options: HttpFeedFetcherOptions;
  readonly #limits: FetchLimits;

  constructor(options: HttpFeedFetcherOptions) {
    this.#options = options;
    this.#limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  }

  check(url: string): Promise<string | undefined> {
    return checkFeedUrl(url, this.#guardOptions());
  }

  async fetchFeed(request: FeedRequest, log: Logger): Promise<FeedResponse> {
    let response;
    try {
      response = await guardedGet(request.url, {
        ...this.#guardOptions(),
        ...this.#limits,
        headers: {
          accept: ACCEPT_FEEDS,
          "user-agent": USER_AGENT,
          ...(request.etag !== undefined && { "if-none-match": request.etag }),
          ...(request.lastModified !== undefined && { "if-modified-since": request.lastModified }),
        },
      });
    } catch (error) {
      if (error instanceof FetchFailure) return { status: "failed", reason: error.message };
      throw error;
    }
    if (response.status === 304) return { status: "not-modified" };
    if (response.status < 200 || response.status > 299) {
      const honoursRetryAfter = response.status === 429 || response.status === 503;
      return {
        status: "failed",
        reason: `HTTP ${response.status}`,
        ...(honoursRetryAfter && { retryAfter: response.headers["retry-after"] }),
      };
    }
    const contentType = response.headers["content-type"];
    const decoded = decodeText(response.body, contentType);
    if (decoded.warning !== undefined) log.warn(decoded.warning);
    const parsed = parseFeed(decoded.text, contentType);
    if (!parsed.ok) return { status: "failed", reason: parsed.reason };
    for (const warning of parsed.value.warnings)
      log.warn({ item: warning.item }, `feed read with a problem: ${warning.reason}`);
    return {
      status: "fetched",
      feed: parsed.value.feed,
      etag: response.headers.etag,
      lastModified: response.headers["last-modified"],
    };
  }

  /** Teasers whose pages do not fit the selection's page budget are deferred: not read now, so the next poll reads them. */
  async readItems(feedUrl: string, feed: RawFeed, selection: ItemSelection, log: Logger): Promise<ReadItems> {
    const source = feed.title ?? new URL(feedUrl).hostname;
    const seen = new Set<string>();
    const fresh: { index: number; entry: FeedEntry }[] = [];
    let skipped = 0;
    let deferred = 0;
    let expired = 0;
    let pagesLeft = selection.pageBudget;
    const cutoff = selection.publishedBefore?.getTime();
    for (const [index, raw] of feed.items.entries()) {
      const normalised = normalizeItem(raw, { feedUrl, source });
      if (!normalised.ok) {
        log.warn({ item: index }, `feed item skipped: ${normalised.reason}`);
        skipped++;
        continue;
      }
      const entry = normalised.value;
      if (seen.has(entry.key) || selection.known.get(entry.key) === entry.fingerprint) continue;
      seen.add(entry.key);
      const published = entry.base.publishedAt === undefined ? NaN : Date.parse(entry.base.publishedAt);
      if (cutoff !== undefined && published < cutoff) {
        expired++;
        continue;
      }
      if (entry.wantsPage && entry.base.url !== undefined) {
        if (pagesLeft <= 0) {
          deferred++;
          continue;
        }
        pagesLeft--;
      }
      fresh.push({ index, entry });
    }
    if (deferred > 0) log.info({ deferred }, "teaser pages left for the next poll");
    const pages = await mapConcurrently(fresh, this.#options.pageConcurrency, ({ entry }) =>
      entry.wantsPage && entry.base.url !== undefined
        ? this.#readPage(entry.base.url, log)
        : Promise.resolve(undefined),
    );
    const items: FeedItemInput[] = [];
    for (const [position, { index, entry }] of fresh.entries()) {
      for (const note of entry.notes) log.info({ item: index }, `feed item: ${note}`);
      const page = pages[position];
      const blocks: HtmlBlocks = page && wordCount(page) > wordCount(entry.blocks) ? page : entry.blocks;
      const built = buildArticle(entry, blocks);
      if (!built.ok) {
        log.warn({ item: index }, `feed item skipped: ${built.reason}`);
        skipped++;
        continue;
      }
      const article = built.value;
      items.push({
        key: entry.key,
        fingerprint: entry.fingerprint,
        guidKey: entry.guidKey,
        canonicalUrl: entry.canonicalUrl,
        article,
      });
    }
    return { items, skipped, deferred, expired };
  }

  /** The article text of a teaser's page, or undefined (logged) when it cannot be had. */
  async #readPage(url: string, log: Logger): Promise<HtmlBlocks | undefined> {
    try {
      const response = await guardedGet(url, {
        ...this.#guardOptions(),
        ...this.#limits,
        headers: { accept: ACCEPT_PAGES, "user-agent": USER_AGENT },
      });
      if (response.status < 200 || response.status > 299) {
        log.info({ page: url }, `teaser page not read: HTTP ${response.status}`);
        return undefined;
      }
      const decoded = decodeText(response.body, response.headers["content-type"]);
      const page = extractReadablePage(decoded.text, response.url);
      if (!page) log.info({ page: url }, "teaser page not read: no article text found");
      return page?.blocks;
    } catch (error) {
      log.info(
        { page: url },
        `teaser page not read: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  #guardOptions(): { allowPrivate: boolean; resolve?: ResolveAll } {
    return {
      allowPrivate: this.#options.allowPrivate,
      ...(this.#options.resolve !== undefined && { resolve: this.#options.resolve }),
    };
  }
}

function wordCount(blocks: HtmlBlocks): number {
  return blocks.paragraphs.reduce((sum, paragraph) => sum + paragraph.split(/\s+/).length, 0);
}
