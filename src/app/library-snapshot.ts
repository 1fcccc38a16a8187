import type { Article } from "../core/articles.ts";
import type { IngestWarning } from "../core/ingest/index.ts";
import { ArticleIndex, type ArticleIndexHeader } from "../core/search/index.ts";
import type { CompactTermChunk } from "../core/search/compact-index.ts";
import type { IndexedDocumentRecord } from "../core/search/indexed-minisearch.ts";
import type { ArticleBodyStore } from "../store/article-bodies.ts";
import type { Snapshot, SnapshotContents } from "../store/snapshot.ts";
import type { ArticleFileStat } from "./scan.ts";
import { restoreArticle, saveArticle, type SavedArticle, type StoredArticle } from "./stored-article.ts";

/** One article file as the library holds it. */
export interface FileEntry extends ArticleFileStat {
  /** Every article parsed from the file, duplicates included, in file order; bodies in the body store. */
  articles: StoredArticle[];
  warnings: IngestWarning[];
}

/** What a snapshot keeps of the library, so that a start with an unchanged folder parses no file. */
export interface LibrarySnapshotState {
  /** The folder's files, in path order. */
  files: ReadonlyMap<string, FileEntry>;
  /** Articles from elsewhere than the folder (feeds), by their provider's key. */
  external: ReadonlyMap<string, StoredArticle[]>;
  /** The one server that may see an external key's articles; keys absent here are everyone's. */
  externalGuild: ReadonlyMap<string, string>;
  index: ArticleIndex;
  /** Per deriver name: article id → derived value. */
  derived: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  /** Where the articles' bodies are; the snapshot names its segments and their sizes. */
  bodies: ArticleBodyStore;
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

/** The sections of a library snapshot; each holds many small records, never one large one. */
const SECTION = {
  /** [segment name, bytes the snapshot relies on] */
  bodies: "bodies",
  /** SavedFile */
  files: "files",
  /** SavedArticle, the files' articles in file order */
  fileArticles: "file-articles",
  /** SavedExternal */
  external: "external",
  /** SavedArticle, the external keys' articles in key order */
  externalArticles: "external-articles",
  /** one ArticleIndexHeader */
  indexHeader: "index-header",
  indexDocuments: "index-documents",
  indexTerms: "index-terms",
} as const;

/** A file as saved: its stamp, how many of the file articles are its own, and its warnings. */
interface SavedFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** Ids of its articles, in file order, duplicates included. */
  articleIds: string[];
  warnings: IngestWarning[];
}

/** An external key as saved: the server it is private to (or null for everyone) and its article count. */
type SavedExternal = [key: string, guildId: string | null, articles: number];

/** A deriver's section: its version first, then one [article id, value] record per article. */
function derivedSection(deriver: SnapshotDeriver): string {
  return `derived:${deriver.name}`;
}

/**
 * The snapshot of the library's state, as sections of records that are produced while the snapshot is written
 * (the state must not change meanwhile; the library writes from its queue of changes). The derived data of
 * each given deriver is saved with its version. Flushes the body store first: the snapshot names its bytes.
 */
export function encodeLibrarySnapshot(
  state: LibrarySnapshotState,
  stamp: SnapshotStamp,
  derivers: readonly SnapshotDeriver[],
): SnapshotContents {
  state.bodies.sync();
  const segmentSizes = state.bodies.segmentSizes();
  const segmentNames = [...segmentSizes.keys()];
  const segmentIndex = new Map(segmentNames.map((name, i) => [name, i]));
  const indexOf = (segment: string): number => {
    const at = segmentIndex.get(segment);
    if (at === undefined) throw new Error(`article body segment ${segment} is not open`);
    return at;
  };
  const index = state.index.toParts();
  const sections: [string, Iterable<unknown>][] = [
    [SECTION.bodies, segmentSizes],
    [
      SECTION.files,
      mapped(state.files.values(), ({ path, size, mtimeMs, articles, warnings }): SavedFile => ({
        path,
        size,
        mtimeMs,
        articleIds: articles.map((article) => article.id),
        warnings,
      })),
    ],
    [
      SECTION.fileArticles,
      flatMapped(state.files.values(), (entry) =>
        entry.articles.map((article) => saveArticle(article, indexOf)),
      ),
    ],
    [
      SECTION.external,
      mapped(state.external, ([key, articles]): SavedExternal => [
        key,
        state.externalGuild.get(key) ?? null,
        articles.length,
      ]),
    ],
    [
      SECTION.externalArticles,
      flatMapped(state.external.values(), (articles) =>
        articles.map((article) => saveArticle(article, indexOf)),
      ),
    ],
    [SECTION.indexHeader, [index.header]],
    [SECTION.indexDocuments, index.documents],
    [SECTION.indexTerms, index.termChunks],
    ...derivers.map((deriver): [string, Iterable<unknown>] => [
      derivedSection(deriver),
      (function* () {
        yield deriver.version;
        yield* state.derived.get(deriver.name) ?? new Map<string, unknown>();
      })(),
    ]),
  ];
  return { fingerprint: stamp.fingerprint, createdAt: stamp.createdAt, sections };
}

/**
 * The library's state as a snapshot saved it, or undefined when its files and articles do not line up or the
 * body segments it names are missing or short. The index reads full articles through `lookup`. Only derived
 * data of the derivers' current versions is taken; the library derives what is missing. Throws when the
 * contents are malformed (an index of another format, say); the caller then rebuilds.
 */
export function decodeLibrarySnapshot(
  snapshot: Snapshot,
  derivers: readonly SnapshotDeriver[],
  lookup: (id: string) => Article | undefined,
  bodies: ArticleBodyStore,
): LibrarySnapshotState | undefined {
  const section = (name: string): unknown[] => {
    const records = snapshot.sections.get(name);
    if (records === undefined) throw new Error(`the snapshot has no "${name}" section`);
    return records;
  };
  const segmentSizes = new Map(section(SECTION.bodies) as [string, number][]);
  if (!bodies.adopt(segmentSizes)) return undefined;
  const segments = [...segmentSizes.keys()];
  const restore = (saved: unknown): StoredArticle => restoreArticle(saved as SavedArticle, bodies, segments);

  const files = new Map<string, FileEntry>();
  const fileArticles = section(SECTION.fileArticles);
  let next = 0;
  for (const record of section(SECTION.files) as SavedFile[]) {
    const articles = fileArticles.slice(next, next + record.articleIds.length).map(restore);
    next += record.articleIds.length;
    if (articles.length !== record.articleIds.length) return undefined;
    if (articles.some((article, i) => article.id !== record.articleIds[i])) return undefined;
    const { path, size, mtimeMs, warnings } = record;
    files.set(path, { path, size, mtimeMs, articles, warnings });
  }
  if (next !== fileArticles.length) return undefined;

  const external = new Map<string, StoredArticle[]>();
  const externalGuild = new Map<string, string>();
  const externalArticles = section(SECTION.externalArticles);
  next = 0;
  for (const [key, guildId, count] of section(SECTION.external) as SavedExternal[]) {
    const articles = externalArticles.slice(next, next + count).map(restore);
    next += count;
    if (articles.length !== count) return undefined;
    external.set(key, articles);
    if (guildId !== null) externalGuild.set(key, guildId);
  }
  if (next !== externalArticles.length) return undefined;

  const [indexHeader] = section(SECTION.indexHeader);
  const index = ArticleIndex.fromParts(
    {
      header: indexHeader as ArticleIndexHeader,
      documents: section(SECTION.indexDocuments) as IndexedDocumentRecord[],
      termChunks: section(SECTION.indexTerms) as CompactTermChunk[],
    },
    { lookup },
  );
  const derived = new Map<string, Map<string, unknown>>();
  for (const deriver of derivers) {
    const [version, ...entries] = snapshot.sections.get(derivedSection(deriver)) ?? [];
    if (version === deriver.version) derived.set(deriver.name, new Map(entries as [string, unknown][]));
  }
  return { files, external, externalGuild, index, derived, bodies };
}

function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

function* flatMapped<T, U>(items: Iterable<T>, map: (item: T) => readonly U[]): Generator<U> {
  for (const item of items) yield* map(item);
}
