import type { Article } from "../core/articles.ts";
import type { Clock } from "../core/clock.ts";
import { ArticleDeduper, PARSER_VERSION, parseFile, type IngestWarning } from "../core/ingest/index.ts";
import { ArticleIndex, fingerprint, makeSnippet, type SearchFilters } from "../core/search/index.ts";
import type { DerivedSearchText, IndexedArticle } from "../core/search/fields.ts";
import { ArticleBodyStore } from "../store/article-bodies.ts";
import { loadSnapshot, saveSnapshot, type Snapshot } from "../store/snapshot.ts";
import {
  decodeLibrarySnapshot,
  encodeLibrarySnapshot,
  type FileEntry,
  type LibrarySnapshotState,
} from "./library-snapshot.ts";
import type { Logger } from "./logger.ts";
import { listArticleFiles, readSourceFile, type ArticleFileStat } from "./scan.ts";
import type { StoredArticle } from "./stored-article.ts";
import { headOf, storeArticle } from "./stored-article.ts";

export interface LibraryOptions {
  articlesDir: string;
  dataDir: string;
  maxFileBytes: number;
  clock: Clock;
  logger: Logger;
  /** Data worked out from each article (quotes, summaries), kept in step with the articles. */
  derivers?: readonly ArticleDeriver<unknown>[];
  /**
   * How long after a change the snapshot is written, so that a burst of changes (a feed poll, an editor's
   * saves) costs one write; writing a large snapshot holds the event loop for a while. 0 writes at once.
   * `close()` writes a pending snapshot. Default 30 s.
   */
  snapshotDelayMs?: number;
  /**
   * Where problems with article files go as they are found (a file skipped, a line not read). Default: one
   * warning log line each. The local console shows them as a summary instead (see `problems()`).
   */
  reportProblems?: (problems: readonly IngestWarning[]) => void;
  /**
   * Feed articles published longer ago than this many days leave the library (index, snapshot and body
   * store) when offered, at open and once a day after; files in ARTICLES_DIR are always kept, and so are
   * undated feed articles. Absent: kept for ever.
   */
  retentionDays?: number;
  /**
   * Body segments are compacted at a snapshot write when they hold more than twice the live bodies and at
   * least this many bytes are dead. Default 8 MB, so that a small library is not compacted over a few bodies.
   */
  compactDeadBytes?: number;
}

/**
 * Data derived from each indexed article, computed when the article is added or changed and kept in the
 * snapshot, so a start with unchanged articles recomputes nothing.
 */
export interface ArticleDeriver<T> {
  /** Names the data in the snapshot and in `Library.derived`. */
  name: string;
  /** Change it whenever `derive` would give other results: saved data of another version is recomputed. */
  version: string;
  derive(article: Article): T;
  /** Text of the derived data that search should find the article by. */
  searchText?(value: T): DerivedSearchText;
}

const DEFAULT_SNAPSHOT_DELAY_MS = 30_000;
const DAY_MS = 86_400_000;
/** Body segments are compacted when they hold more than this many times the live bodies' bytes... */
const COMPACT_WHEN_SEGMENTS_EXCEED = 2;
/** ...and at least this much is dead (`compactDeadBytes`). */
const COMPACT_MIN_DEAD_BYTES = 8 * 1024 * 1024;
/** A body segment nobody has written for this long, and that no snapshot names, was left by a killed process. */
const ORPHAN_SEGMENT_AGE_MS = DAY_MS;

/** Who may see external articles. */
export interface ExternalVisibility {
  /** Only this server (its search, quotes, summaries and digests); absent: everyone, like the folder. */
  guildId?: string;
}

/** Search filters, plus the server asking: it sees everyone's articles and its own feeds' articles. */
export type LibrarySearchFilters = SearchFilters & { guildId?: string | undefined };

export interface LibrarySearchResult {
  article: Article;
  score: number;
  /** A passage of the body with the matched words in **bold**, markdown-escaped. */
  snippet: string;
}

/** The ids a refresh added, changed and removed; derived data of the added and changed ones is ready. */
export interface ArticleChanges {
  added: string[];
  updated: string[];
  removed: string[];
}

/** What a refresh changed, for logs and tests. */
export interface RefreshSummary {
  filesRead: number;
  filesRemoved: number;
  added: number;
  updated: number;
  removed: number;
}

/** The articles to index, and the server that owns each private one among them. */
interface EffectiveArticles {
  articles: Map<string, Article>;
  owners: Map<string, string>;
}

/**
 * The articles of ARTICLES_DIR and their search index, kept in step with the folder.
 * Starts from the on-disk snapshot when the folder has not changed since it was written, else parses
 * everything and writes a new snapshot. Duplicates (same id or same body) are indexed once: the first,
 * in path order, wins, so deleting it brings the next copy back.
 */
export class Library {
  readonly #options: LibraryOptions;
  readonly #files = new Map<string, FileEntry>();
  /** Files of the folder that are listed but cannot be read (pipes, broken links), warned about once each. */
  readonly #skippedFiles = new Map<string, string>();
  /** Whether the articles folder was missing at the last listing, so that it is said once. */
  #folderMissing = false;
  #articles = new Map<string, Article>();
  #index: ArticleIndex;
  #sources: string[] = [];
  /** Per deriver name: article id → derived value, for every indexed article. */
  readonly #derived = new Map<string, Map<string, unknown>>();
  readonly #listeners = new Set<(changes: ArticleChanges) => void>();
  /** Articles from elsewhere than the folder (feeds), by the key their provider gave; after the files in dedupe. */
  readonly #external = new Map<string, StoredArticle[]>();
  /** The one server that may see an external key's articles (a server's own feeds); absent: every server. */
  readonly #externalGuild = new Map<string, string>();
  /** The server that owns each private (server-feed) article among the indexed ones. */
  #owners = new Map<string, string>();
  #saveTimer: NodeJS.Timeout | undefined;
  /** The fingerprint of the folder as last read, for snapshots written after external changes. */
  #fingerprint = "";
  /** `dateSpan` by server ("" for none), worked out when first asked and forgotten when articles change. */
  readonly #spans = new Map<string, { first: number; last: number } | undefined>();
  /** Changes run one at a time (refreshes, external articles, snapshot writes); a burst queues. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Where article bodies are: only heads (titles, dates, sources, urls) stay in memory. */
  readonly #bodies: ArticleBodyStore;
  #retentionTimer: NodeJS.Timeout | undefined;

  private constructor(options: LibraryOptions) {
    this.#options = options;
    this.#bodies = ArticleBodyStore.open(options.dataDir);
    this.#index = this.#newIndex();
  }

  /** Opens the library: from the snapshot when it is current, else by reading every file. */
  static async open(options: LibraryOptions): Promise<Library> {
    const library = new Library(options);
    const files = await library.#listFiles();
    const expected = fingerprint(files, library.#parserKey());
    library.#fingerprint = expected;
    const loaded = await loadSnapshot(options.dataDir, expected);
    if (loaded.kind === "loaded" && library.#tryRestore(loaded.snapshot)) {
      options.logger.info({ articles: library.size, files: files.length }, "library loaded from snapshot");
      library.#logWarnings([...library.#files.values()].flatMap((entry) => entry.warnings));
      await library.#startRetention();
      return library;
    }
    if (loaded.kind !== "missing") {
      options.logger.info(
        { snapshot: describeLoadFailure(loaded) },
        "snapshot not used; rebuilding the index",
      );
    }
    // Segments of an unusable snapshot, and of processes killed before their next snapshot.
    library.#bodies.removeOrphans(new Set(), options.clock.now().getTime(), ORPHAN_SEGMENT_AGE_MS);
    await library.#readFiles(files);
    library.#rebuildIndex();
    await library.#save(expected);
    options.logger.info({ articles: library.size, files: files.length }, "library built");
    await library.#startRetention();
    return library;
  }

  get size(): number {
    return this.#articles.size;
  }

  get(id: string): Article | undefined {
    return this.#articles.get(id);
  }

  /** The indexed articles (duplicates excluded), in path order. */
  articles(): IterableIterator<Article> {
    return this.#articles.values();
  }

  /**
   * Whether a server may see an article: folder and shared-feed articles are everyone's, a server's own feed
   * articles only that server's. Without a server (a DM), only everyone's.
   */
  isVisible(articleId: string, guildId: string | undefined): boolean {
    const owner = this.#owners.get(articleId);
    return owner === undefined || owner === guildId;
  }

  /** The indexed articles a server may see. */
  *articlesFor(guildId: string | undefined): IterableIterator<Article> {
    for (const article of this.#articles.values()) if (this.isVisible(article.id, guildId)) yield article;
  }

  /** Outlet names of the indexed articles, sorted. */
  sources(): readonly string[] {
    return this.#sources;
  }

  /**
   * The best matches a server may see. Other servers' private articles are dropped after ranking, so the index
   * is asked for as many more hits as there are such articles (none, unless servers add their own feeds).
   */
  search(query: string, filters: LibrarySearchFilters, limit: number): LibrarySearchResult[] {
    const { guildId, ...indexFilters } = filters;
    let hidden = 0;
    for (const owner of this.#owners.values()) if (owner !== guildId) hidden++;
    return this.#index
      .search(query, indexFilters, limit + hidden)
      .flatMap((hit) => {
        const article = this.#articles.get(hit.id);
        if (!article || !this.isVisible(hit.id, guildId)) return [];
        return [{ article, score: hit.score, snippet: makeSnippet(article, hit.matchedTerms) }];
      })
      .slice(0, limit);
  }

  /**
   * The publication times (epoch ms) of every article the query matches that the server may see, with the
   * same matching as `search` but no limit and no ranking: what trends count. Undated articles are left out.
   */
  matchTimes(query: string, filters: LibrarySearchFilters): number[] {
    const { guildId, ...indexFilters } = filters;
    const times: number[] = [];
    const anyPrivate = this.#owners.size > 0;
    for (const { id, publishedMs } of this.#index.matches(query, indexFilters)) {
      if (Number.isNaN(publishedMs) || (anyPrivate && !this.isVisible(id, guildId))) continue;
      times.push(publishedMs);
    }
    return times;
  }

  /** The first and last publication times (epoch ms) of the articles a server may see; undefined if none is dated. */
  dateSpan(guildId: string | undefined): { first: number; last: number } | undefined {
    const key = guildId ?? "";
    if (this.#spans.has(key)) return this.#spans.get(key);
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const article of this.articlesFor(guildId)) {
      if (article.publishedAt === undefined) continue;
      const time = Date.parse(article.publishedAt);
      if (time < first) first = time;
      if (time > last) last = time;
    }
    const span = first <= last ? { first, last } : undefined;
    this.#spans.set(key, span);
    return span;
  }

  /** What a deriver given at open made of an article; undefined for an unknown article or deriver. */
  derived<T>(deriver: ArticleDeriver<T>, id: string): T | undefined {
    return this.#derived.get(deriver.name)?.get(id) as T | undefined;
  }

  /**
   * Puts articles that do not come from the folder (feeds) under `key`, replacing what was there; an empty list
   * removes them. They are deduplicated against the folder's articles (which win) and each other, indexed,
   * derived, announced to listeners and kept in the snapshot like file articles. An article equal to the one
   * already held keeps its derived data.
   */
  setExternalArticles(
    key: string,
    articles: readonly Article[],
    visibility: ExternalVisibility = {},
  ): Promise<RefreshSummary> {
    return this.#serially(async () => {
      const previous = new Map((this.#external.get(key) ?? []).map((article) => [article.id, article]));
      const cutoff = this.#retentionCutoff();
      const next = articles
        .filter((article) => !isExpired(article, cutoff))
        .map((article) => {
          const known = previous.get(article.id);
          return known && sameArticle(known, article) ? known : storeArticle(this.#bodies, article);
        });
      if (next.length === 0) {
        this.#external.delete(key);
        this.#externalGuild.delete(key);
      } else {
        this.#external.set(key, next);
        if (visibility.guildId === undefined) this.#externalGuild.delete(key);
        else this.#externalGuild.set(key, visibility.guildId);
      }
      const summary = { filesRead: 0, filesRemoved: 0, ...this.#applyToIndex() };
      if (summary.added + summary.updated + summary.removed > 0) await this.#saveSoon();
      return summary;
    });
  }

  /**
   * Calls `listener` after each refresh that changed articles, once their derived data is ready. Services
   * that aggregate over the library (the speaker registry) stay in step this way. Returns an unsubscribe.
   */
  onChange(listener: (changes: ArticleChanges) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** How many typos a query word may have, as `search` allows them (follows match new articles by it). */
  typosAllowed(term: string): number {
    return this.#index.typosAllowed(term);
  }

  /** Known terms close to the query's words, for "did you mean". */
  suggest(query: string): string[] {
    return this.#index.suggest(query);
  }

  /**
   * Brings the library in step with the folder: reads added and changed files, drops deleted ones,
   * updates the index, and writes a new snapshot when anything changed.
   */
  refresh(): Promise<RefreshSummary> {
    return this.#serially(() => this.#refreshNow());
  }

  /**
   * Drops the feed articles older than ARTICLE_RETENTION_DAYS from the index and, at the next snapshot, from
   * the body store; folder articles stay. Runs at open and once a day; returns how many left.
   */
  pruneExpired(): Promise<number> {
    return this.#serially(async () => {
      const cutoff = this.#retentionCutoff();
      if (cutoff === undefined) return 0;
      let dropped = 0;
      for (const [key, articles] of this.#external) {
        const kept = articles.filter((article) => !isExpired(article, cutoff));
        if (kept.length === articles.length) continue;
        dropped += articles.length - kept.length;
        if (kept.length === 0) {
          this.#external.delete(key);
          this.#externalGuild.delete(key);
        } else this.#external.set(key, kept);
      }
      if (dropped === 0) return 0;
      this.#applyToIndex();
      await this.#saveSoon();
      this.#options.logger.info(
        { dropped, retentionDays: this.#options.retentionDays },
        "feed articles past retention removed",
      );
      return dropped;
    });
  }

  /** The publication time before which feed articles are dropped; undefined when they are kept for ever. */
  #retentionCutoff(): number | undefined {
    const days = this.#options.retentionDays;
    return days === undefined ? undefined : this.#options.clock.now().getTime() - days * DAY_MS;
  }

  /** Prunes now, then once a day until `close()`. */
  async #startRetention(): Promise<void> {
    if (this.#options.retentionDays === undefined) return;
    await this.pruneExpired();
    const again = (): void => {
      this.#retentionTimer = setTimeout(() => {
        void this.pruneExpired()
          .catch((error: unknown) => {
            this.#options.logger.error({ err: error }, "cannot remove feed articles past retention");
          })
          .finally(again);
      }, DAY_MS).unref();
    };
    again();
  }

  /** Runs `work` after the changes queued before it; a failure does not stop the ones after. */
  #serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #refreshNow(): Promise<RefreshSummary> {
    const files = await this.#listFiles();
    const present = new Set(files.map((file) => file.path));
    const changed = files.filter((file) => {
      const known = this.#files.get(file.path);
      return known?.size !== file.size || known.mtimeMs !== file.mtimeMs;
    });
    const deleted = [...this.#files.keys()].filter((path) => !present.has(path));
    for (const path of deleted) this.#files.delete(path);
    await this.#readFiles(changed);
    if (changed.length === 0 && deleted.length === 0) {
      return { filesRead: 0, filesRemoved: 0, added: 0, updated: 0, removed: 0 };
    }
    const summary = { filesRead: changed.length, filesRemoved: deleted.length, ...this.#applyToIndex() };
    this.#fingerprint = fingerprint(files, this.#parserKey());
    await this.#saveSoon();
    this.#options.logger.info(summary, "articles folder changed");
    return summary;
  }

  /** What, besides the files, decides the snapshot's contents; a change rebuilds it. */
  #parserKey(): string {
    const derivers = (this.#options.derivers ?? []).map((deriver) => `${deriver.name}@${deriver.version}`);
    return [PARSER_VERSION, String(this.#options.maxFileBytes), ...derivers].join(":");
  }

  async #listFiles(): Promise<ArticleFileStat[]> {
    let files: ArticleFileStat[];
    try {
      const skippedNow = new Set<string>();
      files = await listArticleFiles(this.#options.articlesDir, (file, reason) => {
        skippedNow.add(file);
        // Listed again at every refresh: say it once per file.
        if (this.#skippedFiles.has(file)) return;
        this.#skippedFiles.set(file, reason);
        this.#report([{ file, reason }], "article file skipped");
      });
      for (const file of this.#skippedFiles.keys())
        if (!skippedNow.has(file)) this.#skippedFiles.delete(file);
    } catch (error) {
      const dir = this.#options.articlesDir;
      if (isMissing(error)) {
        // Feeds may fill the library meanwhile; polling picks the folder up once it is made. Said once.
        if (!this.#folderMissing)
          this.#options.logger.warn({ dir }, "the articles folder does not exist yet");
        this.#folderMissing = true;
        return [];
      }
      this.#options.logger.warn({ dir, err: error }, "cannot read the articles folder");
      return [];
    }
    this.#folderMissing = false;
    return files;
  }

  async #readFiles(files: readonly ArticleFileStat[]): Promise<void> {
    const { articlesDir, maxFileBytes } = this.#options;
    for (const file of files) {
      const read = await readSourceFile(articlesDir, file.path, maxFileBytes);
      const parsed =
        "warning" in read
          ? { articles: [], warnings: [read.warning] }
          : parseFile(read.file, { maxFileBytes });
      this.#logWarnings(parsed.warnings);
      const articles = parsed.articles.map((article) => storeArticle(this.#bodies, article));
      this.#files.set(file.path, { ...file, articles, warnings: parsed.warnings });
    }
    // Map iteration follows insertion; keep it in path order so "first copy wins" is stable.
    const sorted = [...this.#files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.#files.clear();
    for (const [path, entry] of sorted) this.#files.set(path, entry);
  }

  /**
   * The articles to index: the folder's and everyone's external articles, deduplicated (first wins); then each
   * server's own external articles, deduplicated against those and each other but not against other servers',
   * so that two servers following the same feed both see its stories. Also says which articles are private.
   * Only reads the library: the caller takes the result as its articles and owners.
   */
  #effectiveArticles(): EffectiveArticles {
    const kept = new Map<string, Article>();
    const owners = new Map<string, string>();
    const shared = new ArticleDeduper();
    const privateKeys = new Map<string, string[]>();
    const offerShared = (article: Article) => {
      if (!shared.offer(article)) kept.set(article.id, article);
    };
    for (const entry of this.#files.values()) entry.articles.forEach(offerShared);
    for (const [key, articles] of this.#external) {
      const guildId = this.#externalGuild.get(key);
      if (guildId === undefined) articles.forEach(offerShared);
      else privateKeys.set(guildId, [...(privateKeys.get(guildId) ?? []), key]);
    }
    for (const [guildId, keys] of privateKeys) {
      const scoped = new ArticleDeduper(shared);
      for (const article of keys.flatMap((key) => this.#external.get(key) ?? [])) {
        if (scoped.offer(article) || kept.has(article.id)) continue;
        kept.set(article.id, article);
        owners.set(article.id, guildId);
      }
    }
    return { articles: kept, owners };
  }

  #rebuildIndex(): void {
    ({ articles: this.#articles, owners: this.#owners } = this.#effectiveArticles());
    this.#spans.clear();
    this.#derived.clear();
    this.#deriveMissing();
    this.#index = this.#newIndex();
    for (const article of this.#articles.values()) this.#index.add(this.#indexed(article));
    this.#index.trim();
    this.#sources = collectSources(this.#articles.values());
  }

  /** The article with the searchable text its derived data adds, as the index takes it. */
  #indexed(article: Article): IndexedArticle {
    let derivedText: DerivedSearchText | undefined;
    for (const deriver of this.#options.derivers ?? []) {
      if (!deriver.searchText) continue;
      const value = this.#derived.get(deriver.name)?.get(article.id);
      if (value !== undefined) derivedText = { ...derivedText, ...deriver.searchText(value) };
    }
    if (!derivedText) return article;
    // Spelled out: a stored article's body is read through getters, which a spread would leave behind.
    return { ...headOf(article), paragraphs: article.paragraphs, headings: article.headings, derivedText };
  }

  /** Derives every deriver's data for the indexed articles that have none yet, and drops data of others. */
  #deriveMissing(): void {
    for (const deriver of this.#options.derivers ?? []) {
      let values = this.#derived.get(deriver.name);
      if (!values) {
        values = new Map();
        this.#derived.set(deriver.name, values);
      }
      for (const id of values.keys()) if (!this.#articles.has(id)) values.delete(id);
      for (const [id, article] of this.#articles)
        if (!values.has(id)) values.set(id, deriver.derive(article));
    }
  }

  #applyToIndex(): Pick<RefreshSummary, "added" | "updated" | "removed"> {
    const { articles: next, owners } = this.#effectiveArticles();
    this.#owners = owners;
    const changes: ArticleChanges = { added: [], updated: [], removed: [] };
    for (const id of this.#articles.keys()) {
      if (!next.has(id)) {
        this.#index.remove(id);
        changes.removed.push(id);
      }
    }
    for (const [id, article] of next) {
      const previous = this.#articles.get(id);
      if (previous === article) continue;
      for (const values of this.#derived.values()) values.delete(id);
      (previous ? changes.updated : changes.added).push(id);
    }
    this.#articles = next;
    this.#spans.clear();
    this.#sources = collectSources(next.values());
    this.#deriveMissing();
    for (const id of [...changes.added, ...changes.updated]) {
      const article = next.get(id);
      if (article) this.#index.replace(this.#indexed(article));
    }
    this.#notify(changes);
    return { added: changes.added.length, updated: changes.updated.length, removed: changes.removed.length };
  }

  #notify(changes: ArticleChanges): void {
    if (changes.added.length + changes.updated.length + changes.removed.length === 0) return;
    for (const listener of this.#listeners) {
      try {
        listener(changes);
      } catch (error) {
        this.#options.logger.error({ err: error }, "an article change listener failed");
      }
    }
  }

  #newIndex(): ArticleIndex {
    return new ArticleIndex({ lookup: (id) => this.#articles.get(id) });
  }

  /** Restores files, articles and index from a snapshot; false, with nothing kept, when it does not hold together. */
  #tryRestore(snapshot: Snapshot): boolean {
    try {
      const restored = decodeLibrarySnapshot(
        snapshot,
        this.#options.derivers ?? [],
        (id) => this.#articles.get(id),
        this.#bodies,
      );
      if (restored && this.#adopt(restored)) return true;
    } catch (error) {
      this.#options.logger.debug({ err: error }, "snapshot contents rejected");
    }
    this.#files.clear();
    this.#external.clear();
    this.#externalGuild.clear();
    this.#articles = new Map();
    this.#owners = new Map();
    this.#spans.clear();
    this.#index = this.#newIndex();
    return false;
  }

  /**
   * Takes restored state as the library's own; false when the saved index does not hold the articles the
   * restored files and external keys give. Derived data the snapshot lacked or had outdated is derived anew.
   */
  #adopt(restored: LibrarySnapshotState): boolean {
    for (const [path, entry] of restored.files) this.#files.set(path, entry);
    for (const [key, articles] of restored.external) this.#external.set(key, articles);
    for (const [key, guildId] of restored.externalGuild) this.#externalGuild.set(key, guildId);
    ({ articles: this.#articles, owners: this.#owners } = this.#effectiveArticles());
    this.#spans.clear();
    this.#index = restored.index;
    this.#sources = collectSources(this.#articles.values());
    if (this.#index.size !== this.#articles.size) return false;
    this.#derived.clear();
    for (const [name, values] of restored.derived) this.#derived.set(name, new Map(values));
    this.#deriveMissing();
    return true;
  }

  /** Writes the snapshot after the configured delay (at once when it is 0), once for a burst of changes. */
  async #saveSoon(): Promise<void> {
    const delay = this.#options.snapshotDelayMs ?? DEFAULT_SNAPSHOT_DELAY_MS;
    if (delay === 0) {
      await this.#save(this.#fingerprint);
      return;
    }
    this.#saveTimer ??= setTimeout(() => {
      this.#saveTimer = undefined;
      void this.#serially(() => this.#save(this.#fingerprint));
    }, delay).unref();
  }

  /** Writes a snapshot that is still waiting, and stops the timer; the library stays usable. */
  async close(): Promise<void> {
    clearTimeout(this.#retentionTimer);
    this.#retentionTimer = undefined;
    if (this.#saveTimer === undefined) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    await this.#serially(() => this.#save(this.#fingerprint));
  }

  async #save(expectedFingerprint: string): Promise<void> {
    const retired = this.#compactBodiesIfWasteful();
    const state: LibrarySnapshotState = {
      files: this.#files,
      external: this.#external,
      externalGuild: this.#externalGuild,
      index: this.#index,
      derived: this.#derived,
      bodies: this.#bodies,
    };
    const stamp = { fingerprint: expectedFingerprint, createdAt: this.#options.clock.now().toISOString() };
    const snapshot = encodeLibrarySnapshot(state, stamp, this.#options.derivers ?? []);
    try {
      await saveSnapshot(this.#options.dataDir, snapshot);
      // Only once a snapshot no longer names them: a crash before this leaves the old snapshot usable.
      this.#bodies.deleteSegments(retired);
    } catch (error) {
      // The library works without a snapshot; the next start rebuilds.
      this.#options.logger.warn(
        { dir: this.#options.dataDir, err: error },
        "cannot write the index snapshot",
      );
    }
  }

  /**
   * When the body segments hold much more than the bodies still in the library (feed articles dropped or
   * changed), copies the live bodies to a new segment, retires the old segments and returns them, to delete
   * once a snapshot no longer names them. Holds the event loop for about a second per 100 MB of bodies.
   */
  #compactBodiesIfWasteful(): string[] {
    const live = new Set<StoredArticle>();
    for (const entry of this.#files.values()) for (const article of entry.articles) live.add(article);
    for (const articles of this.#external.values()) for (const article of articles) live.add(article);
    let liveBytes = 0;
    for (const article of live) liveBytes += article.bodyRef.length;
    const sizes = this.#bodies.segmentSizes();
    let totalBytes = 0;
    for (const bytes of sizes.values()) totalBytes += bytes;
    const dead = totalBytes - liveBytes;
    const minDead = this.#options.compactDeadBytes ?? COMPACT_MIN_DEAD_BYTES;
    if (totalBytes <= COMPACT_WHEN_SEGMENTS_EXCEED * liveBytes || dead < minDead || dead === 0) return [];
    this.#bodies.startNewSegment();
    for (const article of live) article.moveBody();
    const current = this.#bodies.writingSegment;
    const retired = [...sizes.keys()].filter((segment) => segment !== current);
    this.#bodies.retire(retired);
    this.#options.logger.info({ liveBytes, deadBytes: dead }, "article bodies compacted");
    return retired;
  }

  /**
   * Every problem with the folder's files as it stands: files that cannot be read and inputs of files that
   * were skipped, in path order. What `/status` lists.
   */
  problems(): IngestWarning[] {
    const unreadable = [...this.#skippedFiles].map(([file, reason]) => ({ file, reason }));
    const inFiles = [...this.#files.values()].flatMap((entry) => entry.warnings);
    return [...unreadable, ...inFiles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  #logWarnings(warnings: readonly IngestWarning[]): void {
    this.#report(warnings, "skipped article input");
  }

  /** Problems go to `reportProblems` when given, else one warning log line each: `<what>: <reason>`. */
  #report(problems: readonly IngestWarning[], what: string): void {
    if (problems.length === 0) return;
    if (this.#options.reportProblems) {
      this.#options.reportProblems(problems);
      return;
    }
    for (const { reason, ...where } of problems) this.#options.logger.warn(where, `${what}: ${reason}`);
  }
}

/** Whether a feed article was published before the retention cutoff (undated articles never are). */
function isExpired(article: Article, cutoff: number | undefined): boolean {
  if (cutoff === undefined || article.publishedAt === undefined) return false;
  return Date.parse(article.publishedAt) < cutoff;
}

/** Whether a feed article offered again equals the one held (whose body is in the store). */
function sameArticle(known: StoredArticle, offered: Article): boolean {
  // Heads built field by field, so that the order an article's properties were set in does not matter.
  const comparable = (article: Article): string =>
    JSON.stringify([headOf(article), article.paragraphs, article.headings]);
  return comparable(known) === comparable(offered);
}

function collectSources(articles: Iterable<Article>): string[] {
  const names = new Set<string>();
  for (const article of articles) names.add(article.source);
  return [...names].sort((a, b) => a.localeCompare(b));
}

function describeLoadFailure(result: Awaited<ReturnType<typeof loadSnapshot>>): string {
  switch (result.kind) {
    case "loaded":
      return "inconsistent contents";
    case "stale":
      return "articles changed since it was written";
    case "corrupt":
      return `corrupt (${result.reason})`;
    case "old-version":
      return `written by an older version (${String(result.found)})`;
    case "missing":
      return "missing";
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
