/** The summarizer's public surface: article and topic summaries, lengths and the cache key. */
export { summarizeArticle } from "./article.ts";
export type { ArticleSummary, SummarizableArticle, SummarySentence } from "./article.ts";
export { summarizeTopic } from "./topic.ts";
export type { TopicSummary, TopicSummaryOptions, TopicSummarySentence } from "./topic.ts";
export { SUMMARY_MAX_CHARS, sentenceBudget } from "./length.ts";
export type { SummaryLength, SummaryOptions } from "./length.ts";
export { SUMMARY_ALGORITHM_VERSION, summaryCacheKey } from "./cache-key.ts";
