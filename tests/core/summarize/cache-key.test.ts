import { describe, expect, it } from "vitest";
import { SUMMARY_ALGORITHM_VERSION, summaryCacheKey } from "../../../src/core/summarize/cache-key.ts";
import { bridgeStory } from "../../fixtures/summarize/articles.ts";

describe("summaryCacheKey", () => {
  const key = summaryCacheKey(bridgeStory);

  it("GIVEN an unchanged article WHEN keyed again (even as a copy) THEN the key is the same", () => {
    expect(summaryCacheKey(structuredClone(bridgeStory))).toBe(key);
  });

  it("GIVEN an article WHEN keyed THEN the key names the algorithm version", () => {
    expect(key.startsWith(`${SUMMARY_ALGORITHM_VERSION}:`)).toBe(true);
    expect(key).toMatch(/:[0-9a-f]{16}$/);
  });

  it("GIVEN one changed character in a paragraph WHEN keyed THEN the key changes", () => {
    const [first, ...rest] = bridgeStory.paragraphs;
    const edited = { ...bridgeStory, paragraphs: [`${first}!`, ...rest] };
    expect(summaryCacheKey(edited)).not.toBe(key);
  });

  it("GIVEN a changed title WHEN keyed THEN the key changes", () => {
    expect(summaryCacheKey({ ...bridgeStory, title: `${bridgeStory.title} (updated)` })).not.toBe(key);
  });

  it("GIVEN the same text split into paragraphs differently WHEN keyed THEN the keys differ", () => {
    const a = summaryCacheKey({ title: "T", paragraphs: ["One two.", "Three."] });
    const b = summaryCacheKey({ title: "T", paragraphs: ["One two. Three."] });
    expect(a).not.toBe(b);
  });

  it("GIVEN metadata changes that do not touch the text WHEN keyed THEN the key stays", () => {
    const retagged = { ...bridgeStory, source: "elsewhere", topics: ["x"] };
    expect(summaryCacheKey(retagged)).toBe(key);
  });
});
