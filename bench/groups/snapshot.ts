import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import MiniSearch from "minisearch";
import type { Article } from "../../src/core/articles.ts";
import { ArticleIndex, MINISEARCH_OPTIONS } from "../../src/core/search/article-index.ts";
import {
  decodeLibrarySnapshot,
  encodeLibrarySnapshot,
  type FileEntry,
} from "../../src/app/library-snapshot.ts";
import { storeArticle } from "../../src/app/stored-article.ts";
import { ArticleBodyStore, BODIES_DIR_NAME } from "../../src/store/article-bodies.ts";
import { SNAPSHOT_FILE_NAME, loadSnapshot, saveSnapshot } from "../../src/store/snapshot.ts";
import type { IngestOutcome } from "./ingest.ts";
import type { BenchSection } from "../lib/report.ts";
import { timed, timedAsync } from "../lib/report.ts";

const STAMP = { fingerprint: "bench", createdAt: new Date(0).toISOString() };

/**
 * Snapshot size, save time and cold start (load + index restore) against a rebuild, as the library writes
 * it (heads and index in the snapshot, bodies in the body store), plus the alternatives the format was chosen
 * over: v8.serialize for the articles and MiniSearch's own JSON for the index.
 */
export async function benchSnapshot(ingest: IngestOutcome): Promise<BenchSection> {
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-snapshot-"));
  const bodies = ArticleBodyStore.open(dataDir);
  try {
    const storing = timed(() =>
      ingest.files.map((file): FileEntry => ({
        ...file,
        articles: file.articles.map((article) => storeArticle(bodies, article)),
      })),
    );
    const state = {
      files: new Map(storing.result.map((entry) => [entry.path, entry])),
      external: new Map(),
      externalGuild: new Map(),
      index: ingest.index,
      derived: new Map(),
      bodies,
    };
    const save = await timedAsync(() => saveSnapshot(dataDir, encodeLibrarySnapshot(state, STAMP, [])));
    const sizeMb = statSync(join(dataDir, SNAPSHOT_FILE_NAME)).size / 1e6;
    const bodiesDir = join(dataDir, BODIES_DIR_NAME);
    const bodiesMb =
      readdirSync(bodiesDir).reduce((sum, name) => sum + statSync(join(bodiesDir, name)).size, 0) / 1e6;

    const reader = ArticleBodyStore.open(dataDir);
    const coldStart = await timedAsync(async () => {
      const loaded = await loadSnapshot(dataDir, STAMP.fingerprint);
      if (loaded.kind !== "loaded") throw new Error(`snapshot did not load: ${loaded.kind}`);
      const restored = decodeLibrarySnapshot(loaded.snapshot, [], () => undefined, reader);
      if (restored === undefined) throw new Error("snapshot did not decode");
      return restored.index;
    });
    reader.close();
    if (coldStart.result.size !== ingest.index.size) throw new Error("restored index differs in size");
    const share = coldStart.ms / ingest.rebuildMs;

    const articles: Article[] = ingest.files.flatMap((file) => file.articles);
    const articlesJson = JSON.stringify(articles);
    const articlesParse = timed(() => JSON.parse(articlesJson) as Article[]);
    const articlesV8 = serialize(articles);
    const articlesDeserialize = timed(() => deserialize(articlesV8) as Article[]);
    const compactJson = JSON.stringify(ingest.index.toJSON());
    const compactIndex = timed(() => ArticleIndex.loadJSON(compactJson));
    // The plain MiniSearch of the ingest group holds the same documents with the same options.
    const miniSearchJson = JSON.stringify(ingest.raw);
    const miniSearchLoad = timed(() => MiniSearch.loadJSON<Article>(miniSearchJson, MINISEARCH_OPTIONS));

    return {
      title: `Snapshot: ${articles.length} articles`,
      rows: [
        { metric: "snapshot size on disk", value: sizeMb, unit: "MB", note: "heads, index, derived data" },
        { metric: "body store on disk", value: bodiesMb, unit: "MB" },
        { metric: "bodies written to the store", value: storing.ms, unit: "ms" },
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
    bodies.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
