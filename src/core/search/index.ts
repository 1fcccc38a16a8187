export { ArticleIndex, DEFAULT_MATCH_TUNING, IndexFormatError } from "./article-index.ts";
export type {
  ArticleIndexHeader,
  ArticleIndexJSON,
  ArticleIndexParts,
  ArticleIndexOptions,
  MatchTuning,
  SearchFilters,
  MatchedArticle,
  SearchHit,
} from "./article-index.ts";
export { SEARCH_FIELDS, SEARCH_INDEX_VERSION } from "./fields.ts";
export type { SearchField } from "./fields.ts";
export { fingerprint } from "./fingerprint.ts";
export type { FileStamp } from "./fingerprint.ts";
export { makeSnippet } from "./snippet.ts";
