import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { MINISEARCH_OPTIONS, SAVED_INDEX_VERSION } from "../../../src/core/search/article-index.ts";
import {
  assertMiniSearchState,
  IndexedMiniSearch,
  MINISEARCH_VERSION,
} from "../../../src/core/search/indexed-minisearch.ts";

function packageJson(path: string): { version?: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as {
    version?: string;
    dependencies?: Record<string, string>;
  };
}

describe("GIVEN the one module that reads MiniSearch's protected state", () => {
  it("THEN the installed MiniSearch is the release it was written for, pinned exactly in package.json", () => {
    expect(packageJson("../../../node_modules/minisearch/package.json").version).toBe(MINISEARCH_VERSION);
    expect(packageJson("../../../package.json").dependencies?.minisearch).toBe(MINISEARCH_VERSION);
  });

  it("THEN a saved index names that release, so an index saved by another one is rebuilt", () => {
    expect(SAVED_INDEX_VERSION).toContain(`minisearch-${MINISEARCH_VERSION}`);
  });

  it("WHEN MiniSearch builds an index THEN every field read is there", () => {
    expect(() => new IndexedMiniSearch<Article>(MINISEARCH_OPTIONS)).not.toThrow();
  });

  it.each(["_index", "_documentIds", "_fieldLength", "_avgFieldLength", "_nextId"])(
    "WHEN a MiniSearch lacks %s THEN the check fails loudly, naming it",
    (field) => {
      const state: Record<string, unknown> = Object.fromEntries(
        Object.entries(new IndexedMiniSearch<Article>(MINISEARCH_OPTIONS)),
      );
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the point of the test
      delete state[field];
      expect(() => {
        assertMiniSearchState(state);
      }).toThrow(new RegExp(`MiniSearch's ${field} is missing or changed`));
    },
  );
});
