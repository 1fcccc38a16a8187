import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { MINISEARCH_OPTIONS } from "../../../src/core/search/article-index.ts";
import { CompactPostings } from "../../../src/core/search/compact-postings.ts";
import { IndexedMiniSearch } from "../../../src/core/search/indexed-minisearch.ts";

function article(id: string, body: string): Article {
  return {
    id,
    title: `Title ${id}`,
    highlights: [],
    paragraphs: [body],
    headings: [],
    source: "wire",
    topics: [],
    origin: { file: "a.txt", offset: 0 },
  };
}

describe("GIVEN compact posting lists", () => {
  it("WHEN documents are added in order, counted up and deleted THEN it answers as a Map would", () => {
    const postings = new CompactPostings();
    const map = new Map<number, number>();
    for (const [doc, frequency] of [
      [1, 1],
      [1, 2],
      [4, 1],
      [9, 3],
      [12, 1],
    ] as const) {
      postings.set(doc, frequency);
      map.set(doc, frequency);
    }
    postings.delete(4);
    map.delete(4);
    expect(postings.size).toBe(map.size);
    expect([...postings]).toEqual([...map]);
    expect(postings.get(4)).toBeUndefined();
    expect(postings.get(9)).toBe(3);
    expect(postings.has(12)).toBe(true);
    expect(postings.delete(4)).toBe(false);
  });

  it("WHEN a document comes out of order THEN it is placed in order", () => {
    const postings = new CompactPostings();
    postings.set(5, 1).set(2, 7).set(9, 1).set(3, 2);
    expect([...postings.keys()]).toEqual([2, 3, 5, 9]);
    expect(postings.get(2)).toBe(7);
  });

  it("WHEN postings are deleted while they are iterated THEN every one is visited once", () => {
    const postings = CompactPostings.fromSorted([1, 2, 3, 4], [1, 1, 1, 1]);
    const visited: number[] = [];
    for (const [doc] of postings) {
      visited.push(doc);
      postings.delete(doc);
    }
    expect(visited).toEqual([1, 2, 3, 4]);
    expect(postings.size).toBe(0);
  });

  it("WHEN a list is trimmed after deletions THEN it keeps only the live postings, and grows again", () => {
    const postings = CompactPostings.fromSorted([1, 2, 3], [4, 5, 6]);
    postings.delete(2);
    postings.trim();
    postings.set(8, 1);
    expect([...postings]).toEqual([
      [1, 4],
      [3, 6],
      [8, 1],
    ]);
  });

  it("WHEN a frequency is not a positive integer THEN it is refused", () => {
    expect(() => new CompactPostings().set(1, 0)).toThrow(RangeError);
  });

  it("WHEN given unsorted pairs THEN fromSorted sorts them", () => {
    expect([...CompactPostings.fromSorted([3, 1], [1, 2]).keys()]).toEqual([1, 3]);
  });
});

describe("GIVEN MiniSearch indexing into compact lists", () => {
  it("WHEN articles are added, one discarded and the index vacuumed THEN every list is compact and live", async () => {
    const index = new IndexedMiniSearch<Article>(MINISEARCH_OPTIONS);
    index.add(article("a", "oil oil prices"));
    index.add(article("b", "oil exports"));
    index.discard("a");
    await index.vacuum();
    const fields = index.termIndex.get("oil");
    const bodyId = index.fieldIds.body ?? -1;
    const body = fields?.get(bodyId);
    expect(body).toBeInstanceOf(CompactPostings);
    expect([...(body ?? [])]).toEqual([[1, 1]]);
    expect(index.termIndex.has("prices")).toBe(false);
  });

  it("WHEN everything is removed and added again THEN new lists are compact too", () => {
    const index = new IndexedMiniSearch<Article>(MINISEARCH_OPTIONS);
    index.add(article("a", "oil"));
    index.removeAll();
    index.add(article("b", "gold"));
    expect(index.termIndex.get("gold")?.get(index.fieldIds.body ?? -1)).toBeInstanceOf(CompactPostings);
  });
});
