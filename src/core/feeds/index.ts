export {
  DEFAULT_POLL_POLICY,
  feedHealth,
  nextPollDelayMs,
  type FeedHealth,
  type PollPolicy,
} from "./backoff.ts";
export { canonicalUrl } from "./canonical-url.ts";
export { decodeText, type DecodedText } from "./charset.ts";
export { parseFeedDate } from "./dates.ts";
export {
  FeedDeduper,
  feedItemKeys,
  type FeedArticle,
  type FeedDuplicateReason,
  type FeedItemKeys,
} from "./dedupe.ts";
export { htmlToBlocks, type HtmlBlocks } from "./html-text.ts";
export {
  buildArticle,
  normalizeItem,
  type FeedEntry,
  type FeedItemContext,
  type NormalizedItem,
} from "./normalize.ts";
export { parseFeed } from "./parse.ts";
export { MAX_REQUESTED_WAIT_MS, retryAfterMs, ttlWaitMs } from "./retry-after.ts";
export { extractReadablePage, type ReadablePage } from "./readable.ts";
export type { FeedParseResult, FeedWarning, RawFeed, RawFeedItem } from "./types.ts";
