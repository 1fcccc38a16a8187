import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import type { Article } from "../../src/core/articles.ts";
import { dedupeArticles, parseFile } from "../../src/core/ingest/index.ts";
import type { IngestWarning } from "../../src/core/ingest/types.ts";
import { ArticleIndex, MINISEARCH_OPTIONS } from "../../src/core/search/article-index.ts";
import type { BenchDataset } from "../lib/dataset.ts";
import type { BenchSection } from "../lib/report.ts";
import { settledMemory, timed } from "../lib/report.ts";

/** What later groups reuse from the ingest run. */
export interface IngestOutcome {
  section: BenchSection;
  /** Every parsed article, per file, duplicates included (what a snapshot stores). */
  files: { path: string; size: number; mtimeMs: number; articles: Article[]; warnings: IngestWarning[] }[];
  kept: Article[];
  index: ArticleIndex;
  raw: MiniSearch<Article>;
  /** read + parse + dedupe + index, the cost of a start without a snapshot. */
  rebuildMs: number;
}

const MAX_FILE_BYTES = Number.MAX_SAFE_INTEGER;

/** Ingest of the 100k set stage by stage, the index's heap, and plain MiniSearch's addAll beside it. */
export function benchIngest(dataset: BenchDataset): IngestOutcome {
  const { dir, files } = dataset.large;
  const megabytes = files.reduce((sum, file) => sum + file.bytes, 0) / 1e6;
  const perSecond = (ms: number): number => megabytes / (ms / 1000);

  const read = timed(() =>
    files.map((file) => {
      const path = join(dir, file.path);
      return { path: file.path, bytes: readFileSync(path), stat: statSync(path) };
    }),
  );
  const parse = timed(() =>
    read.result.map(({ path, bytes, stat }) => ({
      path,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ...parseFile({ path, bytes, modifiedAt: stat.mtime }, { maxFileBytes: MAX_FILE_BYTES }),
    })),
  );
  const dedupe = timed(() => dedupeArticles(parse.result.flatMap((file) => file.articles)).kept);
  const kept = dedupe.result;
  const byId = new Map(kept.map((article) => [article.id, article]));

  const before = settledMemory();
  const index = timed(() => {
    const built = new ArticleIndex({ lookup: (id) => byId.get(id) });
    for (const article of kept) built.add(article);
    built.trim();
    return built;
  });
  const after = settledMemory();
  const indexHeapMb = after.heapMb - before.heapMb;
  const indexBuffersMb = after.arrayBuffersMb - before.arrayBuffersMb;
  const indexMb = indexHeapMb + indexBuffersMb;
  const per100k = (indexMb * 100_000) / kept.length;
  const raw = timed(() => {
    const plain = new MiniSearch<Article>(MINISEARCH_OPTIONS);
    plain.addAll(kept);
    return plain;
  });

  const rebuildMs = read.ms + parse.ms + dedupe.ms + index.ms;
  const ratio = rebuildMs / raw.ms;
  return {
    section: {
      title: `Ingest: ${kept.length} articles (${megabytes.toFixed(0)} MB in ${files.length} .jsonl files)`,
      rows: [
        { metric: "read", value: perSecond(read.ms), unit: "MB/s", note: `${read.ms.toFixed(0)} ms` },
        {
          metric: "parse + validate",
          value: perSecond(parse.ms),
          unit: "MB/s",
          note: `${parse.ms.toFixed(0)} ms`,
        },
        { metric: "dedupe", value: perSecond(dedupe.ms), unit: "MB/s", note: `${dedupe.ms.toFixed(0)} ms` },
        {
          metric: "index (ArticleIndex.add)",
          value: perSecond(index.ms),
          unit: "MB/s",
          note: `${index.ms.toFixed(0)} ms`,
        },
        { metric: "whole ingest", value: rebuildMs / 1000, unit: "s" },
        { metric: "plain MiniSearch addAll, same options", value: raw.ms / 1000, unit: "s" },
        { metric: "whole ingest / plain addAll", value: ratio, unit: "x", target: "<= 2", met: ratio <= 2 },
        { metric: "ArticleIndex.add / plain addAll", value: index.ms / raw.ms, unit: "x" },
        {
          metric: "index heap",
          value: indexMb,
          unit: "MB",
          target: "<= 250",
          met: indexMb <= 250,
          note: `${index.result.size} articles: ${indexHeapMb.toFixed(0)} MB heap + ${indexBuffersMb.toFixed(0)} MB typed arrays (posting lists)`,
        },
        { metric: "index memory per 100k articles", value: per100k, unit: "MB" },
      ],
    },
    files: parse.result.map(({ path, size, mtimeMs, articles, warnings }) => ({
      path,
      size,
      mtimeMs,
      articles,
      warnings,
    })),
    kept,
    index: index.result,
    raw: raw.result,
    rebuildMs,
  };
}
