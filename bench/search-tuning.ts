/**
 * Measures how well search finds an article from a mistyped, truncated or exact title word, for several match
 * tunings, on the shared corpus. Run: npx tsx bench/search-tuning.ts. Not part of `npm run bench`.
 */
import type { Article } from "../src/core/articles.ts";
import { ArticleIndex } from "../src/core/search/article-index.ts";
import type { MatchTuning } from "../src/core/search/article-index.ts";
import { textTerms } from "../src/core/search/normalize.ts";
import { STOP_WORDS } from "../src/core/search/stop-words.ts";
import { corpusAvailable, readCorpus, recordToArticle } from "./lib/corpus.ts";
import { printTable } from "./lib/table.ts";

const SAMPLE = 300;
const TUNINGS: Record<string, Partial<MatchTuning>> = {
  default: {},
  "score order only": { exactFirst: false },
  "typos on known words": { typoMaxDocumentShare: 1 },
  "low loose weights, score order": { exactFirst: false, fuzzyWeight: 0.2, prefixWeight: 0.2 },
  "typos from 5 letters": { fuzzyMinLength: 5, oneTypoMaxLength: 7 },
  "prefix from 3 letters": { prefixMinLength: 3 },
};

interface Probe {
  query: string;
  target: string;
  /** Terms the target must contain exactly for the exact-order check. */
  exact: string[];
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function mistype(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, at) + (word[at + 1] ?? "") + (word[at] ?? "") + word.slice(at + 2);
  if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + (word[at] === "e" ? "a" : "e") + word.slice(at + 1);
}

function probes(articles: readonly Article[], index: ArticleIndex): Record<string, Probe[]> {
  const random = seededRandom(42);
  const sets: Record<string, Probe[]> = { typo: [], prefix: [], exact: [] };
  while ((sets.exact?.length ?? 0) < SAMPLE) {
    const article = articles[Math.floor(random() * articles.length)];
    if (article === undefined) continue;
    const words = [...new Set(textTerms(article.title))].filter(
      (t) => !STOP_WORDS.has(t) && /^[a-z]+$/.test(t),
    );
    const long = words.filter((word) => word.length >= 6);
    const rare = long.find((word) => index.search(`"${word}"`, {}, 1000).length < 50);
    const other = words.find((word) => word !== rare);
    if (rare === undefined || other === undefined) continue;
    sets.typo?.push({ query: `${mistype(rare, random)} ${other}`, target: article.id, exact: [other] });
    sets.prefix?.push({
      query: `${rare.slice(0, Math.ceil(rare.length * 0.7))} ${other}`,
      target: article.id,
      exact: [other],
    });
    sets.exact?.push({ query: `${rare} ${other}`, target: article.id, exact: [rare, other] });
  }
  return sets;
}

function main(): void {
  if (!corpusAvailable()) {
    process.stdout.write("corpus not found at ../shared/corpus/news.jsonl; nothing to tune\n");
    return;
  }
  const articles = readCorpus().map((record) => recordToArticle(record));
  const byId = new Map(articles.map((article) => [article.id, article]));
  const base = new ArticleIndex({ lookup: (id) => byId.get(id) });
  for (const article of articles) base.add(article);
  const sets = probes(articles, base);
  const json = base.toJSON();

  const rows: string[][] = [];
  for (const [name, tuning] of Object.entries(TUNINGS)) {
    const index = ArticleIndex.loadJSON(json, { lookup: (id) => byId.get(id), tuning });
    const row = [name];
    const times: number[] = [];
    for (const [setName, set] of Object.entries(sets)) {
      let reciprocal = 0;
      let top10 = 0;
      let inversions = 0;
      for (const probe of set) {
        const started = performance.now();
        const hits = index.search(probe.query, {}, 10);
        times.push(performance.now() - started);
        const rank = hits.findIndex((hit) => hit.id === probe.target);
        if (rank >= 0) {
          reciprocal += 1 / (rank + 1);
          top10++;
        }
        if (setName === "exact") {
          const exactCounts = hits.map(
            (hit) => probe.exact.filter((t) => hit.matchedTerms.includes(t)).length,
          );
          exactCounts.forEach((count, i) => {
            if (exactCounts.slice(i + 1).some((later) => later > count)) inversions++;
          });
        }
      }
      row.push(`${(reciprocal / set.length).toFixed(3)} / ${((100 * top10) / set.length).toFixed(0)}%`);
      if (setName === "exact") row.push(String(inversions));
    }
    times.sort((a, b) => a - b);
    row.push(
      (times[Math.floor(times.length * 0.5)] ?? 0).toFixed(2),
      (times[Math.floor(times.length * 0.99)] ?? 0).toFixed(2),
    );
    rows.push(row);
  }
  printTable(
    `Search tuning on ${articles.length} articles, ${SAMPLE} probes a set (MRR / found in top 10)`,
    ["tuning", "typo + word", "prefix + word", "exact words", "exact hits below loose", "p50 ms", "p99 ms"],
    rows,
  );
}

main();
