import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  decodeLibrarySnapshot,
  encodeLibrarySnapshot,
  type FileEntry,
  type LibrarySnapshotState,
} from "../../src/app/library-snapshot.ts";
import { storeArticle } from "../../src/app/stored-article.ts";
import { ArticleIndex } from "../../src/core/search/index.ts";
import { ArticleBodyStore } from "../../src/store/article-bodies.ts";
import { SNAPSHOT_FORMAT_VERSION, type Snapshot, type SnapshotContents } from "../../src/store/snapshot.ts";
import { makeArticle } from "../fixtures/articles.ts";

const deriver = { name: "words", version: "2" };
const stamp = { fingerprint: "fp", createdAt: "2025-12-05T12:00:00.000Z" };

let dataDir: string;
let bodies: ArticleBodyStore;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-library-snapshot-"));
  bodies = ArticleBodyStore.open(dataDir);
});
afterEach(async () => {
  bodies.close();
  await rm(dataDir, { recursive: true, force: true });
});

function state(): LibrarySnapshotState {
  const fileArticle = storeArticle(
    bodies,
    makeArticle({ id: "a", paragraphs: ["Parliament passed the budget."] }),
  );
  const feedArticle = storeArticle(
    bodies,
    makeArticle({ id: "g1/b", paragraphs: ["The river flooded the town."] }),
  );
  const file: FileEntry = { path: "a.txt", size: 10, mtimeMs: 1, articles: [fileArticle], warnings: [] };
  const index = new ArticleIndex();
  index.add(fileArticle);
  index.add(feedArticle);
  return {
    files: new Map([[file.path, file]]),
    external: new Map([["feed:g1:x", [feedArticle]]]),
    externalGuild: new Map([["feed:g1:x", "g1"]]),
    index,
    derived: new Map([["words", new Map([["a", 4]])]]),
    bodies,
  };
}

function snapshotOf(contents: SnapshotContents): Snapshot {
  // Through JSON, as the file would carry it.
  const sections = new Map(
    contents.sections.map(([name, records]) => [name, JSON.parse(JSON.stringify([...records])) as unknown[]]),
  );
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    fingerprint: contents.fingerprint,
    createdAt: contents.createdAt,
    sections,
  };
}

describe("library snapshot", () => {
  it("GIVEN the library's state WHEN encoded and decoded by a new process THEN files, external keys, bodies, index and derived data come back", () => {
    const original = state();
    const snapshot = snapshotOf(encodeLibrarySnapshot(original, stamp, [deriver]));
    const reader = ArticleBodyStore.open(dataDir);
    try {
      const decoded = decodeLibrarySnapshot(snapshot, [deriver], () => undefined, reader);
      expect(decoded?.files.get("a.txt")?.articles.map((article) => article.toJSON())).toEqual(
        original.files.get("a.txt")?.articles.map((article) => article.toJSON()),
      );
      expect(decoded?.files.get("a.txt")?.articles[0]?.paragraphs).toEqual(["Parliament passed the budget."]);
      expect(decoded?.external.get("feed:g1:x")?.[0]?.paragraphs).toEqual(["The river flooded the town."]);
      expect(decoded?.externalGuild).toEqual(original.externalGuild);
      expect(decoded?.index.size).toBe(2);
      expect(decoded?.index.search("flooded").map((hit) => hit.id)).toEqual(["g1/b"]);
      expect(decoded?.derived).toEqual(original.derived);
    } finally {
      reader.close();
    }
  });

  it("GIVEN a deriver of another version WHEN decoded THEN its saved data is left out", () => {
    const snapshot = snapshotOf(encodeLibrarySnapshot(state(), stamp, [deriver]));
    const decoded = decodeLibrarySnapshot(
      snapshot,
      [{ name: "words", version: "3" }],
      () => undefined,
      bodies,
    );
    expect(decoded?.derived.size).toBe(0);
  });

  it("GIVEN files whose article ids do not match the saved articles WHEN decoded THEN nothing is restored", () => {
    const snapshot = snapshotOf(encodeLibrarySnapshot(state(), stamp, []));
    const [record] = (snapshot.sections.get("files") ?? []) as { articleIds: string[] }[];
    if (!record) throw new Error("the snapshot lists no file");
    record.articleIds = ["other"];
    expect(decodeLibrarySnapshot(snapshot, [], () => undefined, bodies)).toBeUndefined();
  });

  it("GIVEN a body segment shorter than the snapshot says WHEN decoded THEN nothing is restored", () => {
    const snapshot = snapshotOf(encodeLibrarySnapshot(state(), stamp, []));
    const segments = (snapshot.sections.get("bodies") ?? []) as [string, number][];
    for (const segment of segments) segment[1] += 1;
    const reader = ArticleBodyStore.open(dataDir);
    try {
      expect(decodeLibrarySnapshot(snapshot, [], () => undefined, reader)).toBeUndefined();
    } finally {
      reader.close();
    }
  });
});
