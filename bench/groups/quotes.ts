import { cpuUsage } from "node:process";
import { addQuotesToRegistry } from "../../src/app/quotes.ts";
import { articleBody, type Article } from "../../src/core/articles.ts";
import { extractArticleQuotes } from "../../src/core/quotes/extract.ts";
import { SpeakerRegistry } from "../../src/core/quotes/registry.ts";
import type { Quote } from "../../src/core/quotes/types.ts";
import type { BenchSection } from "../lib/report.ts";
import { percentile, timed } from "../lib/report.ts";

const EXTRACTION_TARGET_MB_S = 5;
const REGISTRY_BUILD_TARGET_MS = 300;
const AUTOCOMPLETE_P99_TARGET_MS = 50;
const AUTOCOMPLETE_SPEAKERS = 5_000;
/** What people type into the speaker option: prefixes of known names, and the same with a typo. */
const TYPED_PER_SPEAKER = 2;
const SAMPLED_SPEAKERS = 200;

/**
 * Quotes by speaker on the corpus: extraction with attribution in MB/s of body text (one core: CPU time is
 * reported beside wall time), building the speaker registry from every article's quotes (what a start does
 * with the quotes kept in the snapshot), and autocomplete latency over at least 5k speakers.
 */
export function benchQuotes(articles: readonly Article[]): BenchSection {
  const megabytes = articles.reduce((sum, article) => sum + articleBody(article).length, 0) / 1e6;
  const cpuBefore = cpuUsage();
  const extraction = timed(() =>
    articles.map(
      (article) => [article.id, extractArticleQuotes(article, { keepUnattributed: false })] as const,
    ),
  );
  const cpu = cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perArticle = extraction.result;
  const quoteCount = perArticle.reduce((sum, [, quotes]) => sum + quotes.length, 0);
  const mbPerSecond = megabytes / (extraction.ms / 1000);

  const build = timed(() => {
    const registry = addQuotesToRegistry(new SpeakerRegistry(), perArticle);
    return { registry, size: registry.size };
  });
  const registry = build.result.registry;
  const rebuildAfterChange = timed(() => {
    const [first] = perArticle;
    if (first !== undefined) addQuotesToRegistry(registry, [first]);
    return registry.size;
  });

  const large = registryOfAtLeast(perArticle, AUTOCOMPLETE_SPEAKERS);
  const samples = autocompleteSamples(large.registry, large.size);
  const latencies = samples.map((typed) => timed(() => large.registry.suggest(typed, 25)).ms);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);

  return {
    title: `Quotes: ${articles.length} articles, ${megabytes.toFixed(1)} MB of body text`,
    rows: [
      {
        metric: "extraction with attribution",
        value: mbPerSecond,
        unit: "MB/s",
        target: `>= ${EXTRACTION_TARGET_MB_S}`,
        met: mbPerSecond >= EXTRACTION_TARGET_MB_S,
        note: `${(megabytes / (cpuMs / 1000)).toFixed(1)} MB/s of process CPU time (GC threads included); ${quoteCount} attributed quotes`,
      },
      {
        metric: `speaker registry build (${build.result.size} speakers)`,
        value: build.ms,
        unit: "ms",
        target: `<= ${REGISTRY_BUILD_TARGET_MS}`,
        met: build.ms <= REGISTRY_BUILD_TARGET_MS,
      },
      { metric: "registry rebuild after one article changed", value: rebuildAfterChange.ms, unit: "ms" },
      {
        metric: `autocomplete p50 (${large.size} speakers)`,
        value: p50,
        unit: "ms",
        note: `${samples.length} typed prefixes, half with a typo`,
      },
      {
        metric: `autocomplete p99 (${large.size} speakers)`,
        value: p99,
        unit: "ms",
        target: `<= ${AUTOCOMPLETE_P99_TARGET_MS}`,
        met: p99 <= AUTOCOMPLETE_P99_TARGET_MS,
      },
    ],
  };
}

/**
 * The corpus's registry, grown with renamed copies of its speakers (a digit appended to each name's words)
 * until it holds at least `count` speakers, for autocomplete at a realistic size.
 */
function registryOfAtLeast(
  perArticle: readonly (readonly [string, readonly Quote[]])[],
  count: number,
): { registry: SpeakerRegistry; size: number } {
  const registry = addQuotesToRegistry(new SpeakerRegistry(), perArticle);
  for (let copy = 1; registry.size < count && copy < 20; copy++) {
    const suffix = String.fromCharCode(96 + copy);
    addQuotesToRegistry(
      registry,
      perArticle.map(
        ([id, quotes]) => [`${id}~${copy}`, quotes.map((quote) => renamed(quote, suffix))] as const,
      ),
    );
  }
  return { registry, size: registry.size };
}

function renamed(quote: Quote, suffix: string): Quote {
  if (quote.speaker === null) return quote;
  const rename = (text: string): string => text.replace(/\p{L}+/gu, (word) => `${word}${suffix}`);
  return {
    ...quote,
    speaker: { ...quote.speaker, name: rename(quote.speaker.name), mention: rename(quote.speaker.mention) },
  };
}

/** Prefixes of evenly spread speakers' names (3 to 8 letters), each also with two letters swapped. */
function autocompleteSamples(registry: SpeakerRegistry, size: number): string[] {
  const speakers = registry.speakers();
  const step = Math.max(1, Math.floor(size / SAMPLED_SPEAKERS));
  const samples: string[] = [];
  for (let at = 0; at < speakers.length; at += step) {
    const name = speakers[at]?.name.toLowerCase() ?? "";
    const prefix = name.slice(0, 3 + (at % 6));
    samples.push(prefix);
    if (prefix.length >= 4)
      samples.push(prefix.slice(0, 1) + prefix.charAt(2) + prefix.charAt(1) + prefix.slice(3));
  }
  return samples.slice(0, SAMPLED_SPEAKERS * TYPED_PER_SPEAKER);
}
