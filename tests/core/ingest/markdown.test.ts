import { describe, expect, it, vi } from "vitest";
import { parseFile } from "../../../src/core/ingest/index.ts";
import { fixtureFile, matching, OPTIONS, sourceFile } from "./source-file.ts";

describe("GIVEN Markdown with YAML front matter", () => {
  const { articles, warnings } = parseFile(fixtureFile("front-matter.md", "city/budget.md"), OPTIONS);
  const [article] = articles;

  it("WHEN parsed THEN the front matter fields become the article's fields", () => {
    expect(warnings).toEqual([]);
    expect(article).toMatchObject({
      title: "City council approves budget",
      publishedAt: "2025-12-03T00:00:00.000Z",
      source: "citydesk",
      url: "https://example.com/budget",
      author: "Jane Doe",
      dek: "A long debate ends in a late-night vote",
      highlights: ["Schools get more money", "Road repairs are delayed"],
      topics: ["politics", "local"],
      origin: { file: "city/budget.md", offset: 0, line: 1 },
    });
  });

  it("THEN the body is plain paragraphs, the title heading dropped and `##` headings kept as headings", () => {
    expect(article?.paragraphs).toEqual([
      "The council approved the budget after a long debate, said the mayor.",
      "Schools get 5% more.",
      "Road repairs wait a year.",
      '"It is a fair budget," the mayor said.',
      "Closing paragraph.",
    ]);
    expect(article?.headings).toEqual([{ beforeParagraph: 1, text: "What changes" }]);
  });
});

describe("GIVEN Markdown without front matter", () => {
  it("WHEN it opens with a `# ` heading THEN that heading is the title", () => {
    const { articles } = parseFile(sourceFile("notes.md", "# Plain title\n\nSome text.\n"), OPTIONS);
    expect(articles.map(({ title, paragraphs, source }) => ({ title, paragraphs, source }))).toEqual([
      { title: "Plain title", paragraphs: ["Some text."], source: "local" },
    ]);
  });

  it("WHEN it has no title anywhere THEN there is one warning and no article", () => {
    const { articles, warnings } = parseFile(
      sourceFile("untitled.md", "Some text.\n\n## Not a title\n\nMore."),
      OPTIONS,
    );
    expect(articles).toEqual([]);
    expect(warnings).toEqual([{ file: "untitled.md", reason: matching(/no title/) }]);
  });
});

describe("GIVEN Markdown whose front matter is wrong", () => {
  it.each([
    ["broken YAML", "---\ntitle: [unclosed\n---\nText.", /invalid YAML front matter/],
    ["a list instead of fields", "---\n- a\n- b\n---\n# T\n\nText.", /not a mapping/],
    ["a title but no body", "---\ntitle: T\n---\n\n", /body: no text/],
  ])("WHEN it has %s THEN there is one warning naming the file and no article", (_case, text, reason) => {
    const { articles, warnings } = parseFile(sourceFile("bad.md", text), OPTIONS);
    expect(articles).toEqual([]);
    expect(warnings).toEqual([{ file: "bad.md", reason: matching(reason) }]);
  });
});

describe("GIVEN front matter dates as people write them", () => {
  it.each([
    ["December 5, 2025", "2025-12-05T00:00:00.000Z"],
    ["5 Dec 2025 10:12 a.m. ET", "2025-12-05T15:12:00.000Z"],
    ["2025-12-05", "2025-12-05T00:00:00.000Z"],
  ])("WHEN the date is %j THEN it is read (%s)", (date, instant) => {
    const { articles, warnings } = parseFile(
      sourceFile("dated.md", `---\ntitle: T\ndate: ${date}\n---\nText.`),
      OPTIONS,
    );
    expect(warnings).toEqual([]);
    expect(articles[0]?.publishedAt).toBe(instant);
  });

  it.each(["2025-02-30", "sometime soon"])(
    "WHEN the date is %j THEN the article is kept undated with one warning",
    (date) => {
      const { articles, warnings } = parseFile(
        sourceFile("odd.md", `---\ntitle: T\ndate: ${date}\n---\nText.`),
        OPTIONS,
      );
      expect(articles.map((article) => [article.title, article.publishedAt])).toEqual([["T", undefined]]);
      expect(warnings).toEqual([
        { file: "odd.md", reason: `date "${date}" cannot be read as a date; the article is kept undated` },
      ]);
    },
  );
});

describe("GIVEN front matter with tags and aliases meant to attack a YAML loader", () => {
  it("WHEN a !!js tag is used THEN the file is one warning and nothing is printed on stderr", () => {
    const emitted = vi.spyOn(process, "emitWarning");
    const text = "---\ntitle: !!js/function 'function () { return 1 }'\n---\n\nBody text.\n";
    const { articles, warnings } = parseFile(sourceFile("tagged.md", text), OPTIONS);
    expect(articles).toEqual([]);
    expect(warnings).toEqual([{ file: "tagged.md", reason: matching(/^invalid YAML front matter: .*tag/i) }]);
    expect(emitted).not.toHaveBeenCalled();
    emitted.mockRestore();
  });

  it("WHEN aliases expand without bound THEN the file is refused", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      bomb.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(", ")}]`);
    }
    const text = `---\ntitle: Bomb\n${bomb.join("\n")}\n---\n\nBody text.\n`;
    const { articles, warnings } = parseFile(sourceFile("bomb.md", text), OPTIONS);
    expect(articles).toEqual([]);
    expect(warnings).toEqual([{ file: "bomb.md", reason: matching(/invalid YAML front matter/) }]);
  });
});
