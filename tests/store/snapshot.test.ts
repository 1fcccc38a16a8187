import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import type * as FileSystem from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ArticleIndex } from "../../src/core/search/article-index.ts";
import {
  SNAPSHOT_FILE_NAME,
  SNAPSHOT_FORMAT_VERSION,
  loadSnapshot,
  saveSnapshot,
} from "../../src/store/snapshot.ts";
import type { SnapshotContents } from "../../src/store/snapshot.ts";
import { makeArticle } from "../fixtures/search/articles.ts";

/** Lets a test make the final rename fail, as a crash or full disk would between writing and committing. */
const failures = vi.hoisted(() => ({ rename: false, diskBytesLeft: undefined as number | undefined }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof FileSystem>();
  return {
    ...actual,
    rename: (from: string, to: string) =>
      failures.rename ? Promise.reject(new Error("simulated crash before rename")) : actual.rename(from, to),
    // A nearly full disk: writes are cut short at the space left, and then write nothing at all.
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      if (failures.diskBytesLeft === undefined) return handle;
      return Object.assign(Object.create(handle) as typeof handle, {
        write: (buffer: Uint8Array, offset: number, length: number) => {
          const room = Math.min(length, failures.diskBytesLeft ?? 0);
          failures.diskBytesLeft = (failures.diskBytesLeft ?? 0) - room;
          return handle.write(buffer, offset, room);
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      });
    },
  };
});

const FINGERPRINT = "f1";

function contents(title = "Kremlin talks"): SnapshotContents {
  const articles = [
    makeArticle({ id: "a", title, paragraphs: ["Talks in Moscow ended — “useful”, said the Kremlin."] }),
    makeArticle({ id: "b", title: "Kyïv update", publishedAt: "2025-12-01T10:00:00+02:00" }),
  ];
  const index = new ArticleIndex();
  for (const article of articles) index.add(article);
  return {
    fingerprint: FINGERPRINT,
    createdAt: "2025-12-04T12:00:00.000Z",
    articles,
    files: [
      {
        path: "news.jsonl",
        size: 1234,
        mtimeMs: 1_700_000_000_000.5,
        articleIds: ["a", "b"],
        warnings: [{ file: "news.jsonl", line: 3, reason: "no title" }],
      },
    ],
    index: index.toJSON(),
    extras: { summaries: { a: ["Talks ended."] } },
  };
}

let dataDir: string;
beforeEach(async () => {
  failures.rename = false;
  failures.diskBytesLeft = undefined;
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-snapshot-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("GIVEN a saved snapshot", () => {
  it("WHEN loaded with its fingerprint THEN everything comes back equal and the index answers the same", async () => {
    const saved = contents();
    await saveSnapshot(dataDir, saved);
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    if (result.kind !== "loaded") throw new Error(`expected loaded, got ${result.kind}`);
    expect(result.snapshot).toEqual({ ...saved, formatVersion: SNAPSHOT_FORMAT_VERSION });
    const loadedIndex = ArticleIndex.loadJSON(result.snapshot.index);
    const original = ArticleIndex.loadJSON(saved.index);
    expect(loadedIndex.search("kremln")).toEqual(original.search("kremln"));
    expect(loadedIndex.search("kremln").map((hit) => hit.id)).toEqual(["a"]);
  });

  it("WHEN loaded with another fingerprint THEN it is stale", async () => {
    await saveSnapshot(dataDir, contents());
    expect(await loadSnapshot(dataDir, "other")).toEqual({ kind: "stale" });
  });

  it("WHEN saved again THEN the new one replaces it and no temporary file is left", async () => {
    await saveSnapshot(dataDir, contents("First"));
    await saveSnapshot(dataDir, contents("Second"));
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    expect(result.kind === "loaded" && result.snapshot.articles[0]?.title).toBe("Second");
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);
  });

  it("WHEN a later save fails before the rename THEN the old snapshot stays and no partial file is left", async () => {
    await saveSnapshot(dataDir, contents("First"));
    failures.rename = true;
    await expect(saveSnapshot(dataDir, contents("Second"))).rejects.toThrow("simulated crash");
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    expect(result.kind === "loaded" && result.snapshot.articles[0]?.title).toBe("First");
  });
});

describe("GIVEN a good snapshot and a disk with room for only part of the next one", () => {
  it("WHEN saved THEN the save fails, the good snapshot stays and no partial file is left", async () => {
    await saveSnapshot(dataDir, contents("First"));
    failures.diskBytesLeft = 300;
    await expect(saveSnapshot(dataDir, contents("Second"))).rejects.toThrow(/short write: .*disk full/);
    failures.diskBytesLeft = undefined;
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    expect(result.kind === "loaded" && result.snapshot.articles[0]?.title).toBe("First");
  });
});

describe("GIVEN temporary snapshots left behind by killed processes", () => {
  it("WHEN a snapshot is saved THEN the old leftovers are removed and a fresh one (maybe being written) is kept", async () => {
    const old = join(dataDir, `.${SNAPSHOT_FILE_NAME}.0a0a0a0a0a0a.tmp`);
    const fresh = join(dataDir, `.${SNAPSHOT_FILE_NAME}.0b0b0b0b0b0b.tmp`);
    await writeFile(old, "partial");
    await writeFile(fresh, "partial");
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(old, anHourAgo, anHourAgo);
    await saveSnapshot(dataDir, contents());
    expect((await readdir(dataDir)).sort()).toEqual([
      `.${SNAPSHOT_FILE_NAME}.0b0b0b0b0b0b.tmp`,
      SNAPSHOT_FILE_NAME,
    ]);
  });
});

describe("GIVEN no snapshot", () => {
  it("WHEN loaded THEN it is missing, also when the folder does not exist", async () => {
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toEqual({ kind: "missing" });
    expect(await loadSnapshot(join(dataDir, "absent"), FINGERPRINT)).toEqual({ kind: "missing" });
  });

  it("WHEN the first save fails THEN no file is left", async () => {
    failures.rename = true;
    await expect(saveSnapshot(dataDir, contents())).rejects.toThrow();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it("WHEN the data folder does not exist yet THEN saving creates it", async () => {
    const nested = join(dataDir, "a", "b");
    await saveSnapshot(nested, contents());
    expect((await loadSnapshot(nested, FINGERPRINT)).kind).toBe("loaded");
  });
});

describe("GIVEN a damaged snapshot file", () => {
  const path = () => join(dataDir, SNAPSHOT_FILE_NAME);

  it("WHEN it is truncated THEN it is corrupt", async () => {
    await saveSnapshot(dataDir, contents());
    const bytes = await readFile(path());
    await writeFile(path(), bytes.subarray(0, bytes.length - 10));
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toMatchObject({ kind: "corrupt" });
  });

  it("WHEN a byte of the data is changed THEN the checksum reports it corrupt", async () => {
    await saveSnapshot(dataDir, contents());
    const bytes = await readFile(path());
    const at = bytes.length - 20;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(path(), bytes);
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toEqual({
      kind: "corrupt",
      reason: "checksum mismatch",
    });
  });

  it("WHEN it is not a snapshot at all THEN it is corrupt", async () => {
    await writeFile(path(), "hello\nworld");
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toMatchObject({ kind: "corrupt" });
    await writeFile(path(), Buffer.alloc(100_000, 0x41));
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toMatchObject({ kind: "corrupt" });
    await writeFile(path(), "");
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toMatchObject({ kind: "corrupt" });
  });
});

describe("GIVEN a snapshot written by another format version", () => {
  it("WHEN loaded THEN it is reported as old-version with the version found", async () => {
    await saveSnapshot(dataDir, contents());
    const path = join(dataDir, SNAPSHOT_FILE_NAME);
    const text = await readFile(path, "utf8");
    const newline = text.indexOf("\n");
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    await writeFile(path, `${JSON.stringify({ ...header, formatVersion: 0 })}${text.slice(newline)}`);
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toEqual({ kind: "old-version", found: 0 });
  });
});
