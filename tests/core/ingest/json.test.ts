import { describe, expect, it } from "vitest";
import { ArticleSchema } from "../../../src/core/articles.ts";
import { parseFile } from "../../../src/core/ingest/index.ts";
import { deriveArticleId } from "../../../src/core/ingest/identity.ts";
import { matching, OPTIONS, sourceFile } from "./source-file.ts";

const corpusStyleLine = JSON.stringify({
  id: "reuters_1",
  source: "reuters21578",
  title: "BAHIA COCOA REVIEW",
  date: "1987-02-26T15:01:01",
  topics: ["cocoa"],
  dup_of: null,
  body: "SALVADOR, Feb 26 - Showers continued.\n\nThe crop was late.",
});

describe("GIVEN a .jsonl file with good and bad lines", () => {
  const text = [
    corpusStyleLine,
    "",
    "{not json",
    JSON.stringify({ title: "No body here" }),
    JSON.stringify({ title: "Array body", body: ["First.", "  ", "Second."], date: "2025-12-03" }),
    JSON.stringify({ title: "Bad date", body: "Text.", date: "yesterday" }),
    JSON.stringify({ title: "Blank body", body: ["  "] }),
    "[1, 2]",
  ].join("\r\n");
  const { articles, warnings } = parseFile(sourceFile("feeds/news.jsonl", text), OPTIONS);

  it("WHEN parsed THEN every good line loads, in order, one with a date it cannot read kept undated", () => {
    expect(articles.map((article) => article.title)).toEqual([
      "BAHIA COCOA REVIEW",
      "Array body",
      "Bad date",
    ]);
    expect(articles[2]?.publishedAt).toBeUndefined();
  });

  it("THEN each bad line is one warning with its line number and reason", () => {
    expect(warnings.map(({ file, line }) => ({ file, line }))).toEqual(
      [3, 4, 6, 7, 8].map((line) => ({ file: "feeds/news.jsonl", line })),
    );
    expect(warnings.map((warning) => warning.reason)).toEqual([
      matching(/^invalid JSON/),
      matching(/body is required/),
      'date "yesterday" cannot be read as a date; the article is kept undated',
      matching(/body: no text/),
      matching(/not an article/),
    ]);
  });

  it("THEN a corpus line keeps its id, source and topics, its zone-less date is UTC and unknown fields are ignored", () => {
    const [reuters] = articles;
    expect(reuters).toEqual({
      id: "reuters_1",
      title: "BAHIA COCOA REVIEW",
      highlights: [],
      paragraphs: ["SALVADOR, Feb 26 - Showers continued.", "The crop was late."],
      headings: [],
      publishedAt: "1987-02-26T15:01:01.000Z",
      source: "reuters21578",
      topics: ["cocoa"],
      origin: { file: "feeds/news.jsonl", offset: 0, line: 1 },
    });
  });

  it("THEN an article without id or source gets the folder as source and an id derived from it", () => {
    const arrayBody = articles[1];
    expect(arrayBody?.paragraphs).toEqual(["First.", "Second."]);
    expect(arrayBody?.publishedAt).toBe("2025-12-03T00:00:00.000Z");
    expect(arrayBody?.source).toBe("feeds");
    expect(arrayBody?.id).toBe(deriveArticleId("feeds", "Array body"));
    expect(text.slice(arrayBody?.origin.offset).startsWith('{"title":"Array body"')).toBe(true);
    expect(arrayBody?.origin.line).toBe(5);
  });
});

describe("GIVEN a .json file", () => {
  it("WHEN it holds one article object with every optional field THEN all of them are read", () => {
    const json = {
      id: 42,
      title: "  Spaced title ",
      body: "First paragraph\nwrapped here.\n\n\nSecond paragraph.",
      publishedAt: "2025-12-03T10:12:00-05:00",
      source: "wire",
      url: "https://example.com/story",
      author: ["Jane Doe", "John Roe"],
      highlights: "One highlight",
      dek: "A standfirst",
      topics: ["politics", ""],
      dateline: "MOSCOW",
      extra: { ignored: true },
    };
    const { articles, warnings } = parseFile(sourceFile("one.json", JSON.stringify(json, null, 2)), OPTIONS);
    expect(warnings).toEqual([]);
    expect(articles).toEqual([
      {
        id: "42",
        title: "Spaced title",
        highlights: ["One highlight"],
        dek: "A standfirst",
        paragraphs: ["First paragraph wrapped here.", "Second paragraph."],
        headings: [],
        publishedAt: "2025-12-03T15:12:00.000Z",
        source: "wire",
        url: "https://example.com/story",
        author: "Jane Doe, John Roe",
        dateline: "MOSCOW",
        topics: ["politics"],
        origin: { file: "one.json", offset: 0 },
      },
    ]);
  });

  it("WHEN it holds an array with a bad element THEN the others load and the bad one is one warning with its line", () => {
    const text = [
      "[",
      '  {"title": "First", "body": "One [bracket] and a \\"quote\\"."},',
      '  {"title": "", "body": "Blank title"},',
      '  {"title": "Third", "body": "Three.", "url": "not a url"},',
      '  {"title": "Fourth", "body": "Four."}',
      "]",
    ].join("\n");
    const { articles, warnings } = parseFile(sourceFile("many.json", text), OPTIONS);
    expect(articles.map((article) => [article.title, article.origin.line])).toEqual([
      ["First", 2],
      ["Fourth", 5],
    ]);
    expect(warnings).toEqual([
      { file: "many.json", line: 3, reason: matching(/^item 2: .*title cannot be blank/) },
      { file: "many.json", line: 4, reason: matching(/^item 3: .*url/) },
    ]);
    for (const article of articles) {
      expect(text.slice(article.origin.offset).startsWith(`{"title": "${article.title}"`)).toBe(true);
    }
  });

  it.each([
    ["a javascript: link", "javascript:alert(1)"],
    [
      "a link forging a second masked link",
      "https://ok.example/a) [Official statement](https://evil.example/p)",
    ],
  ])("WHEN an article's url is %s THEN it is refused with a warning naming the url", (_case, url) => {
    const text = JSON.stringify({ title: "Forged", body: "Text.", url });
    const { articles, warnings } = parseFile(sourceFile("forged.json", text), OPTIONS);
    expect(articles).toEqual([]);
    expect(warnings).toEqual([{ file: "forged.json", reason: matching(/url/) }]);
  });

  it.each([
    ["broken JSON", '{"title": "x", ', /^invalid JSON/],
    ["a JSON string", '"just text"', /expected an article object or an array/],
    ["an object that is not an article", '{"headline": "x"}', /not an article: title/],
  ])("WHEN it holds %s THEN there is one warning and no article", (_case, text, reason) => {
    const { articles, warnings } = parseFile(sourceFile("bad.json", text), OPTIONS);
    expect(articles).toEqual([]);
    expect(warnings).toEqual([{ file: "bad.json", reason: matching(reason) }]);
  });

  it("WHEN every article comes out THEN it satisfies ArticleSchema", () => {
    const text = JSON.stringify([{ title: "T", body: "B", date: null, url: null, source: "" }]);
    const { articles } = parseFile(sourceFile("ok.json", text), OPTIONS);
    expect(articles).toHaveLength(1);
    expect(ArticleSchema.parse(articles[0])).toEqual(articles[0]);
    expect(articles[0]?.source).toBe("local");
  });
});

describe("GIVEN a JSON Lines file of more articles than a file may hold", () => {
  it("WHEN parsed THEN the first ones are read and one warning says how many were left out", () => {
    const text = Array.from({ length: 12 }, (_, i) => JSON.stringify({ title: `T${i}`, body: "B." })).join(
      "\n",
    );
    const { articles, warnings } = parseFile(sourceFile("tiny.jsonl", text), { ...OPTIONS, maxArticles: 10 });
    expect(articles.map((article) => article.title)).toEqual(Array.from({ length: 10 }, (_, i) => `T${i}`));
    expect(warnings).toEqual([
      { file: "tiny.jsonl", reason: "holds 12 articles; only the first 10 are read" },
    ]);
  });
});
