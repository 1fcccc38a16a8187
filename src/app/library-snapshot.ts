import type { Article } from "../core/articles.ts";
import type { IngestWarning } from "../core/ingest/index.ts";
import { ArticleIndex } from "../core/search/index.ts";
import type { Snapshot, SnapshotContents } from "../store/snapshot.ts";
import type { ArticleFileStat } from "./scan.ts";

/** One article file as the library holds it. */
export interface FileEntry extends ArticleFileStat {
  /** Every article parsed from the file, duplicates included, in file order. */
  articles: Article[];
  warnings: IngestWarning[];
}

/** What a snapshot keeps of the library, so that a start with an unchanged folder parses no file. */
export interface LibrarySnapshotState {
  /** The folder's files, in path order. */
  files: ReadonlyMap<string, FileEntry>;
  /** Articles from elsewhere than the folder (feeds), by their provider's key. */
  external: ReadonlyMap<string, Article[]>;
  /** The one server that may see an external key's articles; keys absent here are everyone's. */
  externalGuild: ReadonlyMap<string, string>;
  index: ArticleIndex;
  /** Per deriver name: article id → derived value. */
  derived: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
}

/** What the snapshot needs to know of a deriver: its saved data is kept under its name and version. */
export interface SnapshotDeriver {
  name: string;
  version: string;
}

/** When and from which folder a snapshot is written. */
export interface SnapshotStamp {
  /** `fingerprint()` of the folder the state was read from. */
  fingerprint: string;
  /** ISO 8601 instant. */
  createdAt: string;
}

/** Where the snapshot keeps the external articles. */
const EXTERNAL_EXTRA = "external";

/** An external key as saved: its articles and the server it is private to, or null for everyone. */
type SavedExternal = [key: string, articles: Article[], guildId: string | null];

interface SavedDerivedData {
  version: string;
  entries: [string, unknown][];
}

function derivedExtra(deriver: SnapshotDeriver): string {
  return `derived:${deriver.name}`;
}

/** The snapshot of the library's state; the derived data of each given deriver is saved with its version. */
export function encodeLibrarySnapshot(
  state: LibrarySnapshotState,
  stamp: SnapshotStamp,
  derivers: readonly SnapshotDeriver[],
): SnapshotContents {
  const entries = [...state.files.values()];
  const external: SavedExternal[] = [...state.external].map(([key, articles]) => [
    key,
    articles,
    state.externalGuild.get(key) ?? null,
  ]);
  return {
    fingerprint: stamp.fingerprint,
    createdAt: stamp.createdAt,
    articles: entries.flatMap((entry) => entry.articles),
    files: entries.map(({ path, size, mtimeMs, articles, warnings }) => ({
      path,
      size,
      mtimeMs,
      articleIds: articles.map((article) => article.id),
      warnings,
    })),
    index: state.index.toJSON(),
    extras: {
      [EXTERNAL_EXTRA]: external,
      ...Object.fromEntries(
        derivers.map((deriver) => {
          const saved: SavedDerivedData = {
            version: deriver.version,
            entries: [...(state.derived.get(deriver.name) ?? new Map<string, unknown>())],
          };
          return [derivedExtra(deriver), saved];
        }),
      ),
    },
  };
}

/**
 * The library's state as a snapshot saved it, or undefined when its files and articles do not line up.
 * The index reads full articles through `lookup`. Only derived data of the derivers' current versions is
 * taken; the library derives what is missing. Throws when the contents are malformed (an index of another
 * format, say); the caller then rebuilds.
 */
export function decodeLibrarySnapshot(
  snapshot: Snapshot,
  derivers: readonly SnapshotDeriver[],
  lookup: (id: string) => Article | undefined,
): LibrarySnapshotState | undefined {
  const files = new Map<string, FileEntry>();
  let next = 0;
  for (const record of snapshot.files) {
    const articles = snapshot.articles.slice(next, next + record.articleIds.length);
    next += record.articleIds.length;
    if (articles.some((article, i) => article.id !== record.articleIds[i])) return undefined;
    const { path, size, mtimeMs, warnings } = record;
    files.set(path, { path, size, mtimeMs, articles, warnings });
  }
  const external = new Map<string, Article[]>();
  const externalGuild = new Map<string, string>();
  for (const [key, articles, guildId] of (snapshot.extras[EXTERNAL_EXTRA] as SavedExternal[] | undefined) ??
    []) {
    external.set(key, articles);
    if (guildId) externalGuild.set(key, guildId);
  }
  const index = ArticleIndex.loadJSON(snapshot.index, { lookup });
  const derived = new Map<string, Map<string, unknown>>();
  for (const deriver of derivers) {
    const saved = snapshot.extras[derivedExtra(deriver)] as Partial<SavedDerivedData> | undefined;
    if (saved?.version === deriver.version && Array.isArray(saved.entries)) {
      derived.set(deriver.name, new Map(saved.entries));
    }
  }
  return { files, external, externalGuild, index, derived };
}
