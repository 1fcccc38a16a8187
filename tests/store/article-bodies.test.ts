import { mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArticleBodyStore, BODIES_DIR_NAME } from "../../src/store/article-bodies.ts";

const budget = {
  paragraphs: ["Parliament passed the budget.", "It “was overdue”, said one MP."],
  headings: [],
};
const flood = {
  paragraphs: ["The river flooded the town."],
  headings: [{ beforeParagraph: 0, text: "Floods" }],
};

let dataDir: string;
const opened: ArticleBodyStore[] = [];
function openStore(): ArticleBodyStore {
  const store = ArticleBodyStore.open(dataDir);
  opened.push(store);
  return store;
}
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "newsdesk-bodies-"));
});
afterEach(async () => {
  for (const store of opened.splice(0)) store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("GIVEN an article body store", () => {
  it("WHEN bodies are appended THEN each reads back at once, before and after it is written out", () => {
    const store = openStore();
    const first = store.append(budget);
    const second = store.append(flood);
    expect(store.read(second)).toEqual(flood);
    store.sync();
    expect(store.read(first)).toEqual(budget);
    expect(first.segment).toBe(second.segment);
    expect(second.offset).toBe(first.offset + first.length);
  });

  it("WHEN another process adopts the segment a snapshot names THEN it reads the same bodies", () => {
    const writer = openStore();
    const ref = writer.append(flood);
    const sizes = writer.segmentSizes();
    const reader = openStore();
    expect(reader.adopt(sizes)).toBe(true);
    expect(reader.read(ref)).toEqual(flood);
    // Its own appends go to a segment of its own, never to the adopted one.
    expect(reader.append(budget).segment).not.toBe(ref.segment);
  });

  it("WHEN a snapshot names a missing or shorter segment THEN adopting fails", () => {
    const writer = openStore();
    writer.append(flood);
    const sizes = writer.segmentSizes();
    const longer = new Map([...sizes].map(([name, bytes]) => [name, bytes + 1]));
    expect(openStore().adopt(longer)).toBe(false);
    expect(openStore().adopt(new Map([["0123456789abcdef.bodies", 1]]))).toBe(false);
    expect(openStore().adopt(new Map([["../escape", 1]]))).toBe(false);
  });

  it("WHEN bodies are compacted into a new segment and the old one retired THEN reads go to the new one and the file is gone", async () => {
    const store = openStore();
    const old = store.append(budget);
    store.startNewSegment();
    const moved = store.append(store.read(old));
    store.retire([old.segment]);
    expect(store.segmentSizes().has(old.segment)).toBe(false);
    expect(store.read(moved)).toEqual(budget);
    expect(() => store.read(old)).toThrow(/not open/);
    store.deleteSegments([old.segment]);
    expect(await readdir(join(dataDir, BODIES_DIR_NAME))).toEqual([moved.segment]);
  });

  it("WHEN old unnamed segments lie around THEN only those past the age are removed", async () => {
    const dead = openStore();
    const deadRef = dead.append(budget);
    dead.close();
    const young = openStore();
    const youngRef = young.append(flood);
    young.sync();
    const now = Date.now();
    const twoDaysAgo = new Date(now - 2 * 86_400_000);
    await utimes(join(dataDir, BODIES_DIR_NAME, deadRef.segment), twoDaysAgo, twoDaysAgo);
    openStore().removeOrphans(new Set(), now, 86_400_000);
    expect(await readdir(join(dataDir, BODIES_DIR_NAME))).toEqual([youngRef.segment]);
  });
});
