import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import type * as FileSystem from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ArticleIndex, type ArticleIndexHeader } from "../../src/core/search/article-index.ts";
import type { CompactTermChunk } from "../../src/core/search/compact-index.ts";
import type { IndexedDocumentRecord } from "../../src/core/search/indexed-minisearch.ts";
import {
  SNAPSHOT_FILE_NAME,
  SNAPSHOT_FORMAT_VERSION,
  loadSnapshot,
  saveSnapshot,
} from "../../src/store/snapshot.ts";
import type { SnapshotContents, SnapshotLoadResult } from "../../src/store/snapshot.ts";
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
  const { header, documents, termChunks } = index.toParts();
  return {
    fingerprint: FINGERPRINT,
    createdAt: "2025-12-04T12:00:00.000Z",
    sections: [
      ["articles", articles],
      ["files", [{ path: "news.jsonl", size: 1234, mtimeMs: 1_700_000_000_000.5, articleIds: ["a", "b"] }]],
      ["index-header", [header]],
      ["index-documents", [...documents]],
      ["index-terms", [...termChunks]],
      ["empty", []],
    ],
  };
}

/** The sections of `contents()` as `loadSnapshot` gives them back. */
function sectionsOf(saved: SnapshotContents): Map<string, unknown[]> {
  return new Map(
    saved.sections.map(([name, records]) => [name, JSON.parse(JSON.stringify([...records])) as unknown[]]),
  );
}

function titleOf(result: SnapshotLoadResult): unknown {
  if (result.kind !== "loaded") return result.kind;
  return (result.snapshot.sections.get("articles")?.[0] as { title?: string } | undefined)?.title;
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
    expect(result.snapshot).toEqual({
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      fingerprint: FINGERPRINT,
      createdAt: saved.createdAt,
      sections: sectionsOf(saved),
    });
    const sections = result.snapshot.sections;
    const loadedIndex = ArticleIndex.fromParts({
      header: sections.get("index-header")?.[0] as ArticleIndexHeader,
      documents: sections.get("index-documents") as IndexedDocumentRecord[],
      termChunks: sections.get("index-terms") as CompactTermChunk[],
    });
    expect(loadedIndex.search("kremln").map((hit) => hit.id)).toEqual(["a"]);
  });

  it("WHEN chunks are smaller than a section THEN the section spans several chunks and comes back whole", async () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ id: `r${String(i)}`, text: "x".repeat(i) }));
    const saved: SnapshotContents = {
      fingerprint: FINGERPRINT,
      createdAt: "2025-12-04T12:00:00.000Z",
      sections: [
        ["records", records],
        ["after", ["tail"]],
      ],
    };
    await saveSnapshot(dataDir, saved, { chunkBytes: 64 });
    const bytes = await readFile(join(dataDir, SNAPSHOT_FILE_NAME));
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    if (result.kind !== "loaded") throw new Error(`expected loaded, got ${result.kind}`);
    expect(result.snapshot.sections.get("records")).toEqual(records);
    expect(result.snapshot.sections.get("after")).toEqual(["tail"]);
    // Every record's JSON is over 16 bytes, so 64-byte chunks hold at most four: at least 13 frames.
    expect(chunkCount(bytes)).toBeGreaterThanOrEqual(13 + 1);
  });

  it("WHEN sections are read lazily THEN records are made while the file is written, not before", async () => {
    let made = 0;
    function* records(): Generator<number> {
      for (let i = 0; i < 10; i++) {
        made++;
        yield i;
      }
    }
    const saved: SnapshotContents = {
      fingerprint: FINGERPRINT,
      createdAt: "t",
      sections: [["n", records()]],
    };
    expect(made).toBe(0);
    await saveSnapshot(dataDir, saved, { chunkBytes: 4 });
    expect(made).toBe(10);
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    expect(result.kind === "loaded" && result.snapshot.sections.get("n")).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it("WHEN loaded with another fingerprint THEN it is stale", async () => {
    await saveSnapshot(dataDir, contents());
    expect(await loadSnapshot(dataDir, "other")).toEqual({ kind: "stale" });
  });

  it("WHEN saved again THEN the new one replaces it and no temporary file is left", async () => {
    await saveSnapshot(dataDir, contents("First"));
    await saveSnapshot(dataDir, contents("Second"));
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    expect(titleOf(result)).toBe("Second");
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);
  });

  it("WHEN a later save fails before the rename THEN the old snapshot stays and no partial file is left", async () => {
    await saveSnapshot(dataDir, contents("First"));
    failures.rename = true;
    await expect(saveSnapshot(dataDir, contents("Second"))).rejects.toThrow("simulated crash");
    expect(await readdir(dataDir)).toEqual([SNAPSHOT_FILE_NAME]);
    const result = await loadSnapshot(dataDir, FINGERPRINT);
    expect(titleOf(result)).toBe("First");
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
    expect(titleOf(result)).toBe("First");
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

/** How many chunk frames (the empty ones that end sections included) follow the header line. */
function chunkCount(bytes: Buffer): number {
  let position = bytes.indexOf(0x0a) + 1;
  let frames = 0;
  while (position < bytes.length) {
    position += 8 + bytes.readUInt32BE(position);
    frames++;
  }
  return frames;
}

describe("GIVEN a snapshot written by another format version", () => {
  it("WHEN it is a version 1 snapshot (sections as single JSON strings) THEN it is old-version, not misread", async () => {
    const header = { magic: "newsdesk-snapshot", formatVersion: 1, fingerprint: FINGERPRINT, createdAt: "t" };
    const body = JSON.stringify([]);
    await writeFile(
      join(dataDir, SNAPSHOT_FILE_NAME),
      `${JSON.stringify({ ...header, sections: { articles: body.length }, crc32: 0 })}\n${body}`,
    );
    expect(await loadSnapshot(dataDir, FINGERPRINT)).toEqual({ kind: "old-version", found: 1 });
  });

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
