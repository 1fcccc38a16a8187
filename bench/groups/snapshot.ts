import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import MiniSearch from "minisearch";
import type { Article } from "../../src/core/articles.ts";
import { ArticleIndex, MINISEARCH_OPTIONS } from "../../src/core/search/article-index.ts";
import { SNAPSHOT_FILE_NAME, loadSnapshot, saveSnapshot } from "../../src/store/snapshot.ts";
import type { SnapshotContents } from "../../src/store/snapshot.ts";
import type { IngestOutcome } from "./ingest.ts";
import type { BenchSection } from "../lib/report.ts";
import { timed, timedAsync } from "../lib/report.ts";

const FINGERPRINT = "bench";

/**
 * Snapshot size, save time and cold start (load + index restore) against a rebuild, plus the alternatives the
 * format was chosen over: v8.serialize for the articles and MiniSearch's own JSON for the index.
 */
export async function benchSnapshot(ingest: IngestOutcome): Promise<BenchSection> {
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-snapshot-"));
  try {
    const contents: SnapshotContents = {
      fingerprint: FINGERPRINT,
      createdAt: new Date().toISOString(),
      articles: ingest.files.flatMap((file) => file.articles),
      files: ingest.files.map(({ path, size, mtimeMs, articles, warnings }) => ({
        path,
        size,
        mtimeMs,
        articleIds: articles.map((article) => article.id),
        warnings,
      })),
      index: ingest.index.toJSON(),
      extras: {},
    };
    const save = await timedAsync(() => saveSnapshot(dataDir, contents));
    const sizeMb = statSync(join(dataDir, SNAPSHOT_FILE_NAME)).size / 1e6;

    const coldStart = await timedAsync(async () => {
      const loaded = await loadSnapshot(dataDir, FINGERPRINT);
      if (loaded.kind !== "loaded") throw new Error(`snapshot did not load: ${loaded.kind}`);
      const byId = new Map(loaded.snapshot.articles.map((article) => [article.id, article]));
      return ArticleIndex.loadJSON(loaded.snapshot.index, { lookup: (id) => byId.get(id) });
    });
    if (coldStart.result.size !== ingest.index.size) throw new Error("restored index differs in size");
    const share = coldStart.ms / ingest.rebuildMs;

    const articlesJson = JSON.stringify(contents.articles);
    const articlesParse = timed(() => JSON.parse(articlesJson) as Article[]);
    const articlesV8 = serialize(contents.articles);
    const articlesDeserialize = timed(() => deserialize(articlesV8) as Article[]);
    const compactJson = JSON.stringify(contents.index);
    const compactIndex = timed(() => ArticleIndex.loadJSON(compactJson));
    // The plain MiniSearch of the ingest group holds the same documents with the same options.
    const miniSearchJson = JSON.stringify(ingest.raw);
    const miniSearchLoad = timed(() => MiniSearch.loadJSON<Article>(miniSearchJson, MINISEARCH_OPTIONS));

    return {
      title: `Snapshot: ${contents.articles.length} articles`,
      rows: [
        { metric: "snapshot size on disk", value: sizeMb, unit: "MB" },
        { metric: "save (serialize + write + fsync + rename)", value: save.ms, unit: "ms" },
        { metric: "cold start from snapshot (load + restore index)", value: coldStart.ms, unit: "ms" },
        { metric: "rebuild (read + parse + dedupe + index)", value: ingest.rebuildMs, unit: "ms" },
        { metric: "cold start / rebuild", value: share, unit: "x", target: "< 0.33", met: share < 1 / 3 },
        { metric: "articles: JSON.parse (chosen)", value: articlesParse.ms, unit: "ms" },
        { metric: "articles: v8.deserialize", value: articlesDeserialize.ms, unit: "ms" },
        { metric: "index: parse + load compact JSON (chosen)", value: compactIndex.ms, unit: "ms" },
        {
          metric: "index: MiniSearch.loadJSON (its own format)",
          value: miniSearchLoad.ms,
          unit: "ms",
          note: `${(miniSearchJson.length / 1e6).toFixed(0)} MB vs ${(compactJson.length / 1e6).toFixed(0)} MB compact`,
        },
      ],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
