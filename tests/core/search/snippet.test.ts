import { describe, expect, it } from "vitest";
import { makeSnippet } from "../../../src/core/search/snippet.ts";
import { makeArticle } from "../../fixtures/search/articles.ts";

const LONG_BODY = [
  "The first paragraph talks about the weather and nothing else of interest to anyone reading it today.",
  "A second paragraph mentions markets, currencies and the price of tea in several distant harbours.",
  "Then the Kremlin said that talks with the envoy in Moscow were useful, according to its spokesman.",
  "The last paragraph closes the story with a few words on what comes next for all of those involved.",
];

/** The snippet's text as a reader sees it: without bold marks and escapes. */
const visible = (snippet: string): string => snippet.replaceAll("**", "").replace(/\\(.)/g, "$1");

describe("GIVEN a long body with the matched terms in one paragraph", () => {
  const article = makeArticle({ id: "long", paragraphs: LONG_BODY });

  it("WHEN a snippet is made THEN it shows that passage with the terms in bold", () => {
    const snippet = makeSnippet(article, ["kremlin", "talks", "moscow"], 120);
    expect(snippet).toContain("**Kremlin**");
    expect(snippet).toContain("**Moscow**");
    expect(snippet).toContain("**talks**");
  });

  it("WHEN a snippet is made THEN it fits the length and cuts only between whole words, marked with …", () => {
    const snippet = makeSnippet(article, ["kremlin"], 80);
    const text = visible(snippet);
    expect(text.length).toBeLessThanOrEqual(80);
    expect(text.startsWith("…")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
    const inner = text.slice(1, -1);
    const body = LONG_BODY.join(" ");
    expect(body).toContain(inner);
    const at = body.indexOf(inner);
    expect(body[at - 1]).toMatch(/\s/);
    expect(body[at + inner.length] ?? " ").toMatch(/[\s\p{P}]/u);
  });

  it("WHEN no term matches THEN the snippet is the start of the body", () => {
    const snippet = makeSnippet(article, ["absent"], 60);
    expect(snippet.startsWith("The first paragraph")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet).not.toContain("**");
  });
});

describe("GIVEN a body shorter than the limit", () => {
  it("WHEN a snippet is made THEN it is the whole body without ellipses", () => {
    const article = makeArticle({ id: "short", paragraphs: ["Talks resumed.", "Nothing else."] });
    expect(makeSnippet(article, ["talks"])).toBe("**Talks** resumed. Nothing else.");
  });
});

describe("GIVEN words that differ from the terms in case, diacritics and possessives", () => {
  it("WHEN a snippet is made THEN those words are bold as written", () => {
    const article = makeArticle({ id: "forms", paragraphs: ["In KYÏV, Trump’s envoy met negotiators."] });
    expect(makeSnippet(article, ["kyiv", "trump", "negotiators"])).toBe(
      "In **KYÏV**, **Trump’s** envoy met **negotiators**.",
    );
  });
});

describe("GIVEN a body with Discord markdown characters", () => {
  it("WHEN a snippet is made THEN they are escaped, inside and outside bold words", () => {
    const article = makeArticle({
      id: "marks",
      paragraphs: ["# Shares *jumped* 5% on snake_case news|today `x`"],
    });
    expect(makeSnippet(article, ["snake", "jumped"])).toBe(
      "\\# Shares \\***jumped**\\* 5% on **snake**\\_case news\\|today \\`x\\`",
    );
  });
});

describe("GIVEN a body with emoji and other astral characters", () => {
  it("WHEN the cut falls near them THEN no surrogate pair is split", () => {
    const article = makeArticle({ id: "emoji", paragraphs: [`${"😀 ".repeat(40)}talks ${"𝒳 ".repeat(40)}`] });
    const snippet = makeSnippet(article, ["talks"], 30);
    expect(snippet).toContain("**talks**");
    expect(snippet).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(visible(snippet).length).toBeLessThanOrEqual(30);
  });
});

describe("GIVEN a single word longer than the limit", () => {
  it("WHEN a snippet is made THEN the word is kept whole", () => {
    const word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    const article = makeArticle({ id: "word", paragraphs: [`${word} again`] });
    expect(visible(makeSnippet(article, [word.toLowerCase()], 20))).toContain(word);
  });
});

describe("GIVEN a body whose last word is longer than the limit and matches", () => {
  it("WHEN a snippet is made THEN it ends with that word whole (it used to loop for ever)", () => {
    const word = "Q".repeat(219);
    const article = makeArticle({ id: "last-word", paragraphs: ["A short opening line.", `Then ${word}`] });
    const snippet = makeSnippet(article, [word.toLowerCase()]);
    expect(visible(snippet)).toContain(word);
    expect(snippet).toContain(`**${word}**`);
  });
});

describe("GIVEN a very long body with the only match far from its start", () => {
  const filler = "The minister spoke at length about roads and budgets. ".repeat(2_000);
  const article = makeArticle({ id: "huge", paragraphs: [filler, "Then the Kremlin answered.", filler] });

  it("WHEN a snippet is made THEN it shows the match, cut before and after", () => {
    const snippet = makeSnippet(article, ["kremlin"], 120);
    expect(snippet).toContain("**Kremlin**");
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(visible(snippet).length).toBeLessThanOrEqual(120);
  });

  it("WHEN nothing matches THEN the snippet is the start of the body with an ellipsis", () => {
    const snippet = makeSnippet(article, ["absent"], 120);
    expect(snippet.startsWith("The minister")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
  });
});
