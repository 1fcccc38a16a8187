import type { Article } from "../articles.ts";
import { contentTerms } from "../text/tokens.ts";

/** When two articles count as the same story. */
export interface GroupingThresholds {
  /** Jaccard similarity of the headline terms at or above which two articles are one story. */
  headline: number;
  /** Jaccard similarity of headline and lead terms together at or above which two articles are one story. */
  combined: number;
}

export const DEFAULT_GROUPING: Readonly<GroupingThresholds> = { headline: 0.6, combined: 0.4 };

/** Lead terms beyond this many say more about the article's details than about its story. */
const LEAD_TERMS = 40;
/** Headlines with fewer terms than this are too short to match on headline alone. */
const MIN_HEADLINE_TERMS = 3;
/** Pairs sharing fewer rare terms than this are never compared. */
const MIN_SHARED_TERMS = 2;

/** Wire-service tags before a headline ("UPDATE 2-", "REFILE-"): they mark versions of one story. */
const WIRE_TAGS =
  /^(?:(?:UPDATE|REFILE|CORRECTED|CORRECTION|RPT|REPEAT|WRAPUP|ANALYSIS|FACTBOX|INSIGHT|EXCLUSIVE|URGENT|FLASH|BRIEF|TIMELINE)(?:\s*\d+)?\s*[-:]\s*)+/i;

/** A headline without wire-service version tags. */
export function cleanHeadline(title: string): string {
  return title.replace(WIRE_TAGS, "").trim() || title.trim();
}

interface Features {
  headline: Set<string>;
  all: Set<string>;
}

function featuresOf(article: Article): Features {
  const headline = new Set(contentTerms(cleanHeadline(article.title)));
  const lead = article.dek ?? article.paragraphs[0] ?? "";
  const all = new Set(headline);
  for (const term of contentTerms(lead).slice(0, LEAD_TERMS)) all.add(term);
  return { headline, all };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Whether two articles tell the same story, by their headlines and leads. */
function sameStory(a: Features, b: Features, thresholds: GroupingThresholds): boolean {
  const headlinesComparable = a.headline.size >= MIN_HEADLINE_TERMS && b.headline.size >= MIN_HEADLINE_TERMS;
  if (headlinesComparable && jaccard(a.headline, b.headline) >= thresholds.headline) return true;
  return jaccard(a.all, b.all) >= thresholds.combined;
}

/** How much looser the test against a story's first article is than the test against the linked article. */
const CHAIN_LOOSENING = 0.6;

function loosened(thresholds: GroupingThresholds): GroupingThresholds {
  return { headline: thresholds.headline * CHAIN_LOOSENING, combined: thresholds.combined * CHAIN_LOOSENING };
}

class DisjointSets {
  readonly #parent: number[];
  constructor(size: number) {
    this.#parent = Array.from({ length: size }, (_, i) => i);
  }
  find(item: number): number {
    let root = item;
    while (this.#parent[root] !== root) root = this.#parent[root] ?? root;
    // Path compression keeps later finds short.
    let current = item;
    while (current !== root) {
      const next = this.#parent[current] ?? root;
      this.#parent[current] = root;
      current = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

/**
 * Groups articles about the same story: updates of one report and several outlets' versions of it. Two
 * articles are one story when their headlines share most terms, or their headline and lead terms together
 * do; groups are closed under that relation. Only pairs that share at least two uncommon terms are
 * compared, through an inverted index, so a day of ~850 articles takes milliseconds.
 * Groups keep the input order of their first article; articles keep input order within a group.
 */
export function groupStories(
  articles: readonly Article[],
  thresholds: GroupingThresholds = DEFAULT_GROUPING,
): Article[][] {
  const features = articles.map(featuresOf);
  const postings = new Map<string, number[]>();
  for (const [index, feature] of features.entries()) {
    for (const term of feature.all) {
      const list = postings.get(term);
      if (list) list.push(index);
      else postings.set(term, [index]);
    }
  }
  // A term in many articles ("year", "market") finds no story; it would only make every pair a candidate.
  const maxPostings = Math.max(20, Math.ceil(articles.length * 0.05));
  const sets = new DisjointSets(articles.length);
  const shared = new Int32Array(articles.length);
  const touched: number[] = [];
  for (const [index, feature] of features.entries()) {
    touched.length = 0;
    for (const term of feature.all) {
      const list = postings.get(term);
      if (!list || list.length > maxPostings) continue;
      for (const other of list) {
        if (other >= index) break;
        if (shared[other] === 0) touched.push(other);
        shared[other] = (shared[other] ?? 0) + 1;
      }
    }
    for (const other of touched) {
      const count = shared[other] ?? 0;
      shared[other] = 0;
      const otherFeatures = features[other];
      if (count < MIN_SHARED_TERMS || !otherFeatures) continue;
      const root = sets.find(other);
      if (root === sets.find(index) || !sameStory(feature, otherFeatures, thresholds)) continue;
      // Against the story's first article too, loosely, so that a chain of small steps (a roundup that
      // mentions two stories, a series of similar market reports) does not merge different stories.
      const rootFeatures = features[root];
      if (root === other || (rootFeatures && sameStory(feature, rootFeatures, loosened(thresholds)))) {
        sets.union(other, index);
      }
    }
  }
  const groups = new Map<number, Article[]>();
  for (const [index, article] of articles.entries()) {
    const root = sets.find(index);
    const group = groups.get(root);
    if (group) group.push(article);
    else groups.set(root, [article]);
  }
  return [...groups.values()];
}

/** The article most like the rest of its group (most recent on ties): its headline and summary stand for the story. */
export function representativeArticle(group: readonly Article[]): Article | undefined {
  if (group.length <= 2) return newest(group);
  const features = group.map(featuresOf);
  let best: Article | undefined;
  let bestScore = -1;
  for (const [index, article] of group.entries()) {
    const own = features[index];
    if (!own) continue;
    let score = 0;
    for (const [otherIndex, other] of features.entries()) {
      if (otherIndex !== index) score += jaccard(own.all, other.all);
    }
    const better =
      score > bestScore + 1e-9 ||
      (Math.abs(score - bestScore) <= 1e-9 && best !== undefined && publishedMs(article) > publishedMs(best));
    if (better) {
      best = article;
      bestScore = score;
    }
  }
  return best;
}

function newest(group: readonly Article[]): Article | undefined {
  let best: Article | undefined;
  for (const article of group) if (!best || publishedMs(article) > publishedMs(best)) best = article;
  return best;
}

/** Publication time in ms since the epoch; undated articles count as oldest. */
export function publishedMs(article: Pick<Article, "publishedAt">): number {
  return article.publishedAt ? Date.parse(article.publishedAt) : Number.NEGATIVE_INFINITY;
}
