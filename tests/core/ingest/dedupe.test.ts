import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { ArticleDeduper, dedupeArticles, normalizedBodyKey } from "../../../src/core/ingest/dedupe.ts";
import { makeArticle } from "../../fixtures/articles.ts";

function article(id: string, paragraphs: string[]): Article {
  return makeArticle({ id, title: `Title ${id}`, paragraphs });
}

describe("GIVEN bodies that differ only in case, spacing, punctuation or quote style", () => {
  it("WHEN keyed THEN their keys are equal, and differ from a body with other words", () => {
    const a = article("a", ["“We are ready,” he said.", "It’s  over."]);
    const b = article("b", ['"we are READY" he said', "it's over"]);
    const c = article("c", ["We are ready, he said. It is over."]);
    expect(normalizedBodyKey(a)).toBe(normalizedBodyKey(b));
    expect(normalizedBodyKey(a)).not.toBe(normalizedBodyKey(c));
  });
});

describe("GIVEN articles read in order, some repeating an earlier id or body", () => {
  const first = article("one", ["Shared body text."]);
  const sameId = article("one", ["A different body."]);
  const sameBody = article("two", ["shared   BODY text"]);
  const distinct = article("three", ["Something else entirely."]);

  it("WHEN deduplicated THEN the first of each id and body is kept, in order", () => {
    const { kept } = dedupeArticles([first, sameId, sameBody, distinct]);
    expect(kept).toEqual([first, distinct]);
  });

  it("THEN each other article is reported with the one it duplicates and why", () => {
    const { duplicates } = dedupeArticles([first, sameId, sameBody, distinct]);
    expect(duplicates).toEqual([
      { article: sameId, duplicateOf: first, reason: "id" },
      { article: sameBody, duplicateOf: first, reason: "body" },
    ]);
  });

  it("WHEN a duplicate id carries a new body THEN that body does not block a later article", () => {
    const later = article("four", ["A different body."]);
    expect(dedupeArticles([first, sameId, later]).kept).toEqual([first, later]);
  });
});

describe("ArticleDeduper scopes", () => {
  const make = (id: string, body: string) => article(id, [body]);

  it("GIVEN two scopes started from one shared deduper THEN each is checked against the shared articles, not each other", () => {
    const shared = new ArticleDeduper();
    expect(shared.offer(make("a", "Shared story."))).toBeUndefined();
    const first = new ArticleDeduper(shared);
    const second = new ArticleDeduper(shared);
    expect(first.offer(make("b1", "Private story."))).toBeUndefined();
    expect(second.offer(make("b2", "Private story."))).toBeUndefined();
    expect(second.offer(make("c", "shared   STORY"))).toMatchObject({
      reason: "body",
      duplicateOf: { id: "a" },
    });
    expect(shared.offer(make("d", "Private story."))).toBeUndefined();
  });
});
