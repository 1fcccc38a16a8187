import { describe, expect, it } from "vitest";
import {
  decodeLibrarySnapshot,
  encodeLibrarySnapshot,
  type FileEntry,
  type LibrarySnapshotState,
} from "../../src/app/library-snapshot.ts";
import { ArticleIndex } from "../../src/core/search/index.ts";
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from "../../src/store/snapshot.ts";
import { makeArticle } from "../fixtures/articles.ts";

const fileArticle = makeArticle({ id: "a", paragraphs: ["Parliament passed the budget."] });
const feedArticle = makeArticle({ id: "g1/b", paragraphs: ["The river flooded the town."] });
const deriver = { name: "words", version: "2" };

function state(): LibrarySnapshotState {
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
  };
}

function snapshotOf(contents: ReturnType<typeof encodeLibrarySnapshot>): Snapshot {
  // Through JSON, as the file would carry it.
  return JSON.parse(JSON.stringify({ ...contents, formatVersion: SNAPSHOT_FORMAT_VERSION })) as Snapshot;
}

describe("library snapshot", () => {
  it("GIVEN the library's state WHEN encoded and decoded THEN files, external keys, index and derived data come back", () => {
    const stamp = { fingerprint: "fp", createdAt: "2025-12-05T12:00:00.000Z" };
    const decoded = decodeLibrarySnapshot(
      snapshotOf(encodeLibrarySnapshot(state(), stamp, [deriver])),
      [deriver],
      () => undefined,
    );
    expect(decoded?.files.get("a.txt")).toEqual(state().files.get("a.txt"));
    expect(decoded?.external).toEqual(state().external);
    expect(decoded?.externalGuild).toEqual(state().externalGuild);
    expect(decoded?.index.size).toBe(2);
    expect(decoded?.derived).toEqual(state().derived);
  });

  it("GIVEN a deriver of another version WHEN decoded THEN its saved data is left out", () => {
    const stamp = { fingerprint: "fp", createdAt: "2025-12-05T12:00:00.000Z" };
    const snapshot = snapshotOf(encodeLibrarySnapshot(state(), stamp, [deriver]));
    const decoded = decodeLibrarySnapshot(snapshot, [{ name: "words", version: "3" }], () => undefined);
    expect(decoded?.derived.size).toBe(0);
  });

  it("GIVEN files whose article ids do not match the saved articles WHEN decoded THEN nothing is restored", () => {
    const stamp = { fingerprint: "fp", createdAt: "2025-12-05T12:00:00.000Z" };
    const snapshot = snapshotOf(encodeLibrarySnapshot(state(), stamp, []));
    const [record] = snapshot.files;
    if (!record) throw new Error("the snapshot lists no file");
    record.articleIds = ["other"];
    expect(decodeLibrarySnapshot(snapshot, [], () => undefined)).toBeUndefined();
  });
});
