import { describe, expect, it } from "vitest";
import { isWebUrl, markdownLink } from "../../../src/core/text/web-url.ts";

describe("isWebUrl", () => {
  it("GIVEN ordinary http(s) article links WHEN checked THEN they are web URLs", () => {
    expect(isWebUrl("https://example.org/news/2025/12/03/talks")).toBe(true);
    expect(isWebUrl("http://example.org/a?b=c&d=(e)")).toBe(true);
  });

  it("GIVEN other schemes, spaces, line breaks, markup or no host WHEN checked THEN they are refused", () => {
    for (const text of [
      "javascript:alert(1)",
      "data:text/html,hi",
      "file:///etc/passwd",
      "https://ok.example/a) [Official statement](https://evil.example/p)",
      "https://ok.example/a\n[x](https://evil.example)",
      'https://ok.example/"onmouseover',
      "https://ok.example/<b>",
      "https://",
      "/relative/path",
      `https://example.org/${"a".repeat(2_100)}`,
    ]) {
      expect(isWebUrl(text), text).toBe(false);
    }
  });
});

describe("markdownLink", () => {
  it("GIVEN a URL with brackets WHEN linked THEN they are encoded so the link cannot end early", () => {
    expect(markdownLink("story", "https://example.org/a_(b)[c]")).toBe(
      "[story](https://example.org/a_%28b%29%5Bc%5D)",
    );
  });

  it("GIVEN an unsafe URL WHEN linked THEN only the label is left", () => {
    expect(markdownLink("story", "javascript:alert(1)")).toBe("story");
    expect(markdownLink("story", undefined)).toBe("story");
  });
});
