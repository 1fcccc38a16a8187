import { mkdtemp, readdir, readFile, rm, utimes, writeFile, mkdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Library } from "../../src/app/library.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SNAPSHOT_FILE_NAME } from "../../src/store/snapshot.ts";
import { makeArticle } from "../fixtures/articles.ts";
import { recordingLogger } from "../helpers/app-context.ts";

function jsonArticle(id: string, title: string, body: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, title, body, source: "wire", date: "2025-12-03", ...extra });
}

let root: string;
let articlesDir: string;
let dataDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "newsdesk-library-"));
  articlesDir = join(root, "articles");
  dataDir = join(root, "data");
  await mkdir(articlesDir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Opens the library over the test folder; snapshots are written at once unless a delay is given. */
async function open(snapshotDelayMs = 0) {
  const { logger, lines } = recordingLogger();
  const library = await Library.open({
    articlesDir,
    dataDir,
    maxFileBytes: 1024 * 1024,
    clock: new ManualClock("2025-12-05T12:00:00Z"),
    logger,
    snapshotDelayMs,
  });
  return { library, lines };
}

const messages = (lines: Record<string, unknown>[]) => lines.map((line) => String(line.msg));

describe("Library", () => {
  it("GIVEN article files THEN they are indexed and searchable with snippets", async () => {
    await writeFile(
      join(articlesDir, "a.jsonl"),
      [
        jsonArticle("a1", "Frost hits orchards", "Apple growers counted losses after a late frost."),
        jsonArticle("a2", "Harbour reopens", "The harbour reopened to ferries on Tuesday."),
      ].join("\n"),
    );
    const { library } = await open();
    expect(library.size).toBe(2);
    const [hit] = library.search("frost", {}, 10);
    expect(hit?.article.id).toBe("a1");
    expect(hit?.snippet).toContain("**frost**");
    expect(library.sources()).toEqual(["wire"]);
  });

  it("GIVEN a Markdown article whose body ends in a 219-letter word WHEN its prefix is searched THEN the hit comes back", async () => {
    const word = "Q".repeat(219);
    await writeFile(
      join(articlesDir, "planted.md"),
      `---\ntitle: Planted\ndate: 2025-12-03\n---\n\nText ${word}\n`,
    );
    const { library } = await open();
    const [hit] = library.search("QQQQ", {}, 10);
    expect(hit?.article.title).toBe("Planted");
    expect(hit?.snippet).toContain(`**${word}**`);
    await library.close();
  });

  it("GIVEN a pipe with an article name in the folder WHEN the library opens and refreshes THEN it warns once and reads the rest", async () => {
    await writeFile(
      join(articlesDir, "a.jsonl"),
      jsonArticle("a1", "Frost hits orchards", "Apple growers counted losses."),
    );
    execFileSync("mkfifo", [join(articlesDir, "pipe.txt")]);
    const { library, lines } = await open();
    await library.refresh();
    expect(library.size).toBe(1);
    expect(messages(lines).filter((message) => message.startsWith("article file skipped"))).toEqual([
      "article file skipped: not a regular file (a pipe, socket or device); not read",
    ]);
    await library.close();
  });

  it("GIVEN the same article in two files THEN it is indexed once, and deleting the first brings the second", async () => {
    const body = "Rain is expected across the north on Friday, forecasters said.";
    await writeFile(join(articlesDir, "a.json"), jsonArticle("x1", "Rain on Friday", body));
    await writeFile(join(articlesDir, "b.json"), jsonArticle("x2", "Friday rain", body.toUpperCase()));
    const { library } = await open();
    expect(library.size).toBe(1);
    expect(library.get("x1")).toBeDefined();

    await rm(join(articlesDir, "a.json"));
    const summary = await library.refresh();
    expect(summary).toMatchObject({ filesRemoved: 1, added: 1, removed: 1 });
    expect(library.search("rain", {}, 5).map((hit) => hit.article.id)).toEqual(["x2"]);
  });

  it("GIVEN an unchanged folder THEN the next open loads the snapshot without parsing", async () => {
    await writeFile(join(articlesDir, "a.json"), jsonArticle("a1", "Frost hits orchards", "Late frost."));
    await open();
    const second = await open();
    expect(messages(second.lines)).toContain("library loaded from snapshot");
    expect(second.library.search("orchards", {}, 5)).toHaveLength(1);
  });

  it("GIVEN a changed file THEN the next open rebuilds and says why", async () => {
    const file = join(articlesDir, "a.json");
    await writeFile(file, jsonArticle("a1", "Frost hits orchards", "Late frost."));
    await open();
    await writeFile(file, jsonArticle("a1", "Frost hits vineyards", "Late frost in the vineyards."));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const { library, lines } = await open();
    expect(messages(lines)).toContain("snapshot not used; rebuilding the index");
    expect(library.get("a1")?.title).toBe("Frost hits vineyards");
  });

  it("GIVEN a corrupt snapshot THEN it is rebuilt with one log line and the articles are all there", async () => {
    await writeFile(join(articlesDir, "a.json"), jsonArticle("a1", "Frost hits orchards", "Late frost."));
    await open();
    const snapshotPath = join(dataDir, SNAPSHOT_FILE_NAME);
    const bytes = await readFile(snapshotPath);
    await writeFile(snapshotPath, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { library, lines } = await open();
    const rebuildLines = lines.filter((line) => line.msg === "snapshot not used; rebuilding the index");
    expect(rebuildLines).toHaveLength(1);
    expect(String(rebuildLines[0]?.snapshot)).toMatch(/corrupt/);
    expect(library.size).toBe(1);
  });

  it("GIVEN a bad file beside good ones THEN one warning names it and the good articles load", async () => {
    await writeFile(join(articlesDir, "good.json"), jsonArticle("g1", "Good news", "All is well."));
    await writeFile(join(articlesDir, "bad.json"), "{ not json");
    const { library, lines } = await open();
    expect(library.size).toBe(1);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: "bad.json" });
  });

  it("GIVEN files added, changed and deleted THEN refresh updates the index", async () => {
    const { library } = await open();
    expect(library.size).toBe(0);
    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Bridge closed", "The old bridge closed."),
    );
    expect(await library.refresh()).toMatchObject({ filesRead: 1, added: 1 });
    expect(library.search("bridge", {}, 5)).toHaveLength(1);

    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Bridge reopened", "The old bridge reopened today."),
    );
    await utimes(join(articlesDir, "a.json"), new Date(), new Date(Date.now() + 5000));
    expect(await library.refresh()).toMatchObject({ filesRead: 1, updated: 1 });
    expect(library.search("reopened", {}, 5)).toHaveLength(1);

    await rm(join(articlesDir, "a.json"));
    expect(await library.refresh()).toMatchObject({ filesRemoved: 1, removed: 1 });
    expect(library.search("bridge", {}, 5)).toHaveLength(0);
    expect(library.size).toBe(0);
  });

  it("GIVEN a change listener WHEN a refresh changes articles THEN it hears which ids were added, updated, removed", async () => {
    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Bridge closed", "The old bridge closed."),
    );
    await writeFile(join(articlesDir, "b.json"), jsonArticle("b1", "Road closed", "The main road closed."));
    const { library } = await open();
    const heard: unknown[] = [];
    library.onChange((changes) => heard.push(changes));
    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Bridge open", "The old bridge opened again."),
    );
    await utimes(join(articlesDir, "a.json"), new Date(), new Date(Date.now() + 5000));
    await rm(join(articlesDir, "b.json"));
    await writeFile(join(articlesDir, "c.json"), jsonArticle("c1", "Rail closed", "The rail line closed."));
    await library.refresh();
    expect(heard).toEqual([{ added: ["c1"], updated: ["a1"], removed: ["b1"] }]);
    await library.refresh();
    expect(heard).toHaveLength(1);
  });

  it("GIVEN a snapshot delay WHEN the folder changes THEN one snapshot is written after the burst, or at close", async () => {
    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Bridge closed", "The old bridge closed."),
    );
    const { library } = await open(60_000);
    const snapshot = join(dataDir, SNAPSHOT_FILE_NAME);
    const written = (await readFile(snapshot)).length;
    await writeFile(
      join(articlesDir, "b.json"),
      jsonArticle("b1", "Road closed", "The main road closed today."),
    );
    await library.refresh();
    expect((await readFile(snapshot)).length).toBe(written);
    await library.close();
    expect((await readFile(snapshot)).length).toBeGreaterThan(written);
    const reopened = await open();
    expect(messages(reopened.lines)).toContain("library loaded from snapshot");
    expect(reopened.library.size).toBe(2);
  });

  it("GIVEN no change THEN refresh reads nothing", async () => {
    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Bridge closed", "The old bridge closed."),
    );
    const { library } = await open();
    expect(await library.refresh()).toEqual({
      filesRead: 0,
      filesRemoved: 0,
      added: 0,
      updated: 0,
      removed: 0,
    });
  });

  it("GIVEN a missing articles folder THEN the library is empty and says so", async () => {
    await rm(articlesDir, { recursive: true });
    const { library, lines } = await open();
    expect(library.size).toBe(0);
    expect(messages(lines)).toContain("the articles folder does not exist yet");
  });
});

describe("Library derivers", () => {
  const wordCount = {
    name: "words",
    version: "1",
    calls: 0,
    derive(article: { paragraphs: string[] }) {
      this.calls++;
      return article.paragraphs.join(" ").split(/\s+/).length;
    },
  };

  async function openWith(deriver: typeof wordCount) {
    return Library.open({
      articlesDir,
      dataDir,
      maxFileBytes: 1 << 20,
      clock: new ManualClock("2025-12-05T12:00:00Z"),
      logger: recordingLogger().logger,
      derivers: [deriver],
    });
  }

  it("GIVEN a deriver THEN each article's data is derived once, kept in the snapshot, and redone only for changes", async () => {
    await writeFile(join(articlesDir, "a.json"), jsonArticle("a1", "One", "Three words here."));
    await writeFile(join(articlesDir, "b.json"), jsonArticle("b1", "Two", "Just two."));
    const first = await openWith(wordCount);
    expect(first.derived(wordCount, "a1")).toBe(3);
    expect(wordCount.calls).toBe(2);

    const second = await openWith(wordCount);
    expect(second.derived(wordCount, "b1")).toBe(2);
    expect(wordCount.calls).toBe(2);

    await writeFile(join(articlesDir, "b.json"), jsonArticle("b1", "Two", "Now four words here."));
    await utimes(join(articlesDir, "b.json"), new Date(), new Date(Date.now() + 5000));
    await second.refresh();
    expect(second.derived(wordCount, "b1")).toBe(4);
    expect(wordCount.calls).toBe(3);

    await rm(join(articlesDir, "b.json"));
    await second.refresh();
    expect(second.derived(wordCount, "b1")).toBeUndefined();
  });

  it("GIVEN a new deriver version THEN saved data of the old one is derived anew", async () => {
    await writeFile(join(articlesDir, "a.json"), jsonArticle("a1", "One", "Three words here."));
    await openWith({ ...wordCount, calls: 0 });
    const bumped = { ...wordCount, version: "2", calls: 0 };
    const library = await openWith(bumped);
    expect(bumped.calls).toBe(1);
    expect(library.derived(bumped, "a1")).toBe(3);
  });
});

describe("Library derived search text", () => {
  const shouter = {
    name: "shouter",
    version: "1",
    derive: (article: { title: string }) =>
      article.title.includes("Mayor") ? "Alexandra Quibble" : "Nobody",
    searchText: (name: string) => ({ speakers: name, quotes: `${name} said zanzibarian things` }),
  };

  it("GIVEN a deriver with search text THEN articles are found by it, also after a change", async () => {
    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Mayor opens bridge", "The bridge opened."),
    );
    const library = await Library.open({
      articlesDir,
      dataDir,
      maxFileBytes: 1 << 20,
      clock: new ManualClock("2025-12-05T12:00:00Z"),
      logger: recordingLogger().logger,
      derivers: [shouter],
    });
    expect(library.search("quibble", {}, 5).map((hit) => hit.article.id)).toEqual(["a1"]);
    expect(library.search("zanzibarian", {}, 5).map((hit) => hit.article.id)).toEqual(["a1"]);

    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Council opens bridge", "The bridge opened."),
    );
    await utimes(join(articlesDir, "a.json"), new Date(), new Date(Date.now() + 5000));
    await library.refresh();
    expect(library.search("quibble", {}, 5)).toEqual([]);
    expect(library.search("nobody", {}, 5).map((hit) => hit.article.id)).toEqual(["a1"]);
  });

  it("GIVEN a snapshot WHEN a deriver's version changes THEN the library is rebuilt rather than loaded", async () => {
    await writeFile(
      join(articlesDir, "a.json"),
      jsonArticle("a1", "Mayor opens bridge", "The bridge opened."),
    );
    const options = {
      articlesDir,
      dataDir,
      maxFileBytes: 1 << 20,
      clock: new ManualClock("2025-12-05T12:00:00Z"),
    };
    await Library.open({ ...options, logger: recordingLogger().logger, derivers: [shouter] });
    const { logger, lines } = recordingLogger();
    await Library.open({ ...options, logger, derivers: [{ ...shouter, version: "2" }] });
    expect(lines.map((line) => line.msg)).toContain("snapshot not used; rebuilding the index");
  });
});

describe("Library external articles", () => {
  const feedArticle = (id: string, title: string, body: string) =>
    makeArticle({
      id,
      title,
      paragraphs: [body],
      source: "Feed Times",
      publishedAt: "2025-12-04T09:00:00.000Z",
    });

  it("GIVEN articles put under a key THEN they are searchable, deduplicated against files, kept in the snapshot, and removable", async () => {
    const body = "The tram line reopened after repairs, the city said.";
    await writeFile(join(articlesDir, "a.json"), jsonArticle("f1", "Tram reopens", body));
    const { library } = await open();
    const heard: unknown[] = [];
    library.onChange((changes) => heard.push(changes));

    const put = await library.setExternalArticles("feed-1", [
      feedArticle("x1", "Tram line back", body),
      feedArticle("x2", "Harbour crane arrives", "A new crane arrived at the harbour."),
    ]);
    expect(put).toMatchObject({ added: 1 });
    expect(heard).toEqual([{ added: ["x2"], updated: [], removed: [] }]);
    expect(library.search("crane", {}, 5).map((hit) => hit.article.id)).toEqual(["x2"]);
    expect(library.get("x1")).toBeUndefined();

    const reopened = await open();
    expect(messages(reopened.lines)).toContain("library loaded from snapshot");
    expect(reopened.library.search("crane", {}, 5)).toHaveLength(1);

    await library.setExternalArticles("feed-1", [
      feedArticle("x2", "Harbour crane arrives", "A new crane arrived at the harbour."),
    ]);
    expect(heard).toHaveLength(1);
    await library.setExternalArticles("feed-1", []);
    expect(library.search("crane", {}, 5)).toEqual([]);
    expect(heard.at(-1)).toEqual({ added: [], updated: [], removed: ["x2"] });
  });
});

describe("Library visibility of servers' own articles", () => {
  const privateArticle = (id: string, title: string, body: string) =>
    makeArticle({ id, title, paragraphs: [body], source: "Club Feed" });

  it("GIVEN two servers following the same private feed THEN each sees its copy and no one else sees either", async () => {
    const { library } = await open();
    const body = "The chess club meets on Tuesday evenings in the library.";
    await library.setExternalArticles("g1:club", [privateArticle("g1_c", "Chess club", body)], {
      guildId: "g1",
    });
    await library.setExternalArticles("g2:club", [privateArticle("g2_c", "Chess club", body)], {
      guildId: "g2",
    });
    await library.setExternalArticles("shared", [
      privateArticle("s1", "Public notice", "The bridge is closed."),
    ]);

    expect(library.search("chess", { guildId: "g1" }, 5).map((hit) => hit.article.id)).toEqual(["g1_c"]);
    expect(library.search("chess", { guildId: "g2" }, 5).map((hit) => hit.article.id)).toEqual(["g2_c"]);
    expect(library.search("chess", { guildId: "g3" }, 5)).toEqual([]);
    expect(library.search("chess", {}, 5)).toEqual([]);
    expect(library.search("bridge", { guildId: "g1" }, 5).map((hit) => hit.article.id)).toEqual(["s1"]);
    expect([...library.articlesFor("g2")].map((article) => article.id).sort()).toEqual(["g2_c", "s1"]);
    expect(library.isVisible("g1_c", "g2")).toBe(false);
  });

  it("GIVEN private articles that rank above a visible one THEN the visible one still fills the page", async () => {
    const { library } = await open();
    const many = Array.from({ length: 8 }, (_, i) =>
      privateArticle(`p${String(i)}`, `Ferry ferry ferry ${String(i)}`, `Ferry news number ${String(i)}.`),
    );
    await library.setExternalArticles("g1:ferries", many, { guildId: "g1" });
    await library.setExternalArticles("shared", [privateArticle("s1", "Notice", "A ferry was late.")]);
    expect(library.search("ferry", { guildId: "g2" }, 3).map((hit) => hit.article.id)).toEqual(["s1"]);
  });
});

describe("Library retention of feed articles", () => {
  const DAY_MS = 86_400_000;
  const feedArticle = (id: string, publishedAt: string | undefined) =>
    makeArticle({
      id,
      title: `Harbour news ${id}`,
      paragraphs: [`The harbour story numbered ${id} went on.`],
      source: "Feed Times",
      ...(publishedAt !== undefined && { publishedAt }),
    });

  afterEach(() => {
    vi.useRealTimers();
  });

  async function openRetaining(clock: ManualClock) {
    const { logger, lines } = recordingLogger();
    const library = await Library.open({
      articlesDir,
      dataDir,
      maxFileBytes: 1024 * 1024,
      clock,
      logger,
      snapshotDelayMs: 0,
      retentionDays: 30,
    });
    return { library, lines };
  }

  it("GIVEN a 30-day retention WHEN feed articles are offered THEN those older are left out; folder and undated articles stay", async () => {
    await writeFile(
      join(articlesDir, "old.json"),
      jsonArticle("f1", "Old file story", "Filed long ago.", { date: "2019-01-01" }),
    );
    const { library } = await openRetaining(new ManualClock("2025-12-05T12:00:00Z"));
    await library.setExternalArticles("feed-1", [
      feedArticle("fresh", "2025-12-01T09:00:00Z"),
      feedArticle("stale", "2025-10-01T09:00:00Z"),
      feedArticle("undated", undefined),
    ]);
    expect([...library.articles()].map((article) => article.id).sort()).toEqual(["f1", "fresh", "undated"]);
  });

  it("GIVEN a feed article that ages past retention WHEN a day passes THEN it leaves the index, and a restart does not bring it back", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const clock = new ManualClock("2025-12-05T12:00:00Z");
    const { library, lines } = await openRetaining(clock);
    await library.setExternalArticles("feed-1", [
      feedArticle("ageing", "2025-11-05T13:00:00Z"),
      feedArticle("recent", "2025-12-04T09:00:00Z"),
    ]);
    expect(library.search("harbour", {}, 10)).toHaveLength(2);

    clock.advance(DAY_MS);
    await vi.advanceTimersByTimeAsync(DAY_MS);
    // Changes run one after another: a refresh resolves once the daily prune it queued behind is done.
    await library.refresh();
    expect(library.search("harbour", {}, 10).map((hit) => hit.article.id)).toEqual(["recent"]);
    expect(messages(lines)).toContain("feed articles past retention removed");

    const reopened = await openRetaining(clock);
    expect(messages(reopened.lines)).toContain("library loaded from snapshot");
    expect(reopened.library.get("ageing")).toBeUndefined();
    expect(reopened.library.get("recent")?.paragraphs).toEqual([
      "The harbour story numbered recent went on.",
    ]);
    await reopened.library.close();
  });

  it("GIVEN a snapshot holding a feed article past retention WHEN the library opens later THEN it is dropped at start", async () => {
    const clock = new ManualClock("2025-12-05T12:00:00Z");
    const first = await openRetaining(clock);
    await first.library.setExternalArticles("feed-1", [feedArticle("ageing", "2025-11-10T09:00:00Z")]);
    await first.library.close();
    clock.advance(10 * DAY_MS);
    const { library } = await openRetaining(clock);
    expect(library.get("ageing")).toBeUndefined();
    await library.close();
  });
});

describe("Library body store", () => {
  it("GIVEN feed articles replaced by others WHEN the dead bodies outweigh the live ones THEN the next snapshot compacts them into one segment that a restart reads", async () => {
    const { logger, lines } = recordingLogger();
    const options = {
      articlesDir,
      dataDir,
      maxFileBytes: 1024 * 1024,
      clock: new ManualClock("2025-12-05T12:00:00Z"),
      logger,
      snapshotDelayMs: 0,
      compactDeadBytes: 1,
    };
    const story = (id: string) =>
      makeArticle({
        id,
        title: `Story ${id}`,
        paragraphs: [`The ${id} story, told at length.`],
        source: "Feed",
      });
    const library = await Library.open(options);
    await library.setExternalArticles("feed-1", [story("one"), story("two"), story("three")]);
    await library.setExternalArticles("feed-1", [story("four")]);
    expect(messages(lines)).toContain("article bodies compacted");
    expect(await readdir(join(dataDir, "bodies"))).toHaveLength(1);
    expect(library.get("four")?.paragraphs).toEqual(["The four story, told at length."]);

    const reopened = await Library.open(options);
    expect(messages(lines).filter((line) => line === "library loaded from snapshot")).toHaveLength(1);
    expect(reopened.search("four", {}, 5).map((hit) => hit.snippet)).toEqual([
      "The **four** story, told at length.",
    ]);
  });
});
