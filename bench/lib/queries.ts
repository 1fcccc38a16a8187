import type { SearchFilters } from "../../src/core/search/article-index.ts";

/** A /search request as a user would type it. */
export interface BenchQuery {
  query: string;
  filters?: SearchFilters;
}

const RANGE_MARCH_1987: SearchFilters = {
  since: new Date("1987-03-01T00:00:00Z"),
  until: new Date("1987-03-31T23:59:59.999Z"),
};

/** Realistic queries for the corpus (Reuters 1987, BBC 2004–05): plain, typos, word starts, phrases, filters. */
export const BENCH_QUERIES: readonly BenchQuery[] = [
  { query: "oil prices" },
  { query: "opec output" },
  { query: "bank of japan" },
  { query: "dollar yen" },
  { query: "interest rates" },
  { query: "coffee quota" },
  { query: "wheat exports" },
  { query: "gold" },
  { query: "takeover bid" },
  { query: "merger talks" },
  { query: "fed discount rate" },
  { query: "trade deficit" },
  { query: "japan semiconductors" },
  { query: "brazil debt moratorium" },
  { query: "saudi arabia" },
  { query: "chelsea" },
  { query: "arsenal manager" },
  { query: "oscar nominations" },
  { query: "ipod" },
  { query: "tony blair election" },
  { query: "microsoft software" },
  { query: "world cup" },
  { query: "the economy is growing" },
  { query: "bank of england interest rates" },
  { query: "opek" },
  { query: "petrolium" },
  { query: "goverment spending" },
  { query: "intrest rates" },
  { query: "japanes exports" },
  { query: "tresury bonds" },
  { query: "volker" },
  { query: "greenspun" },
  { query: "arsnal" },
  { query: "negotiat" },
  { query: "acqui" },
  { query: "econom" },
  { query: "semicond" },
  { query: "telecom" },
  { query: "Mexico’s debt" },
  { query: "Zürich" },
  { query: '"interest rates"' },
  { query: '"bank of japan"' },
  { query: '"trade deficit" japan' },
  { query: "oil prices", filters: { source: "reuters21578" } },
  { query: "election", filters: { source: "bbc" } },
  { query: "coffee", filters: RANGE_MARCH_1987 },
  { query: "dollar", filters: { ...RANGE_MARCH_1987, source: "reuters21578" } },
  { query: "crude oil", filters: { since: new Date("1987-04-01T00:00:00Z") } },
  { query: "film", filters: { until: new Date("1987-12-31T23:59:59.999Z") } },
  { query: "xyzzy plugh" },
];
