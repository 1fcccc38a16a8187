import { describe, expect, it } from "vitest";
import type { Article } from "../../../../src/core/articles.ts";
import { parseFile } from "../../../../src/core/ingest/index.ts";
import { fixtureFile, MODIFIED_AT, OPTIONS, sourceFile } from "../source-file.ts";

function only(articles: readonly Article[]): Article {
  expect(articles).toHaveLength(1);
  const [article] = articles;
  if (article === undefined) throw new Error("no article");
  return article;
}

describe("GIVEN a wire file whose headers carry a byline and other furniture, without a repeated title", () => {
  const { articles, warnings } = parseFile(fixtureFile("storm-wire.txt", "ap/storm-wire.txt"), OPTIONS);
  const [storm, schools] = articles;

  it("WHEN parsed THEN both articles are found, split where the second header starts", () => {
    expect(warnings).toEqual([]);
    expect(articles.map((article) => article.title)).toEqual([
      "Storm knocks out power to thousands across the Midwest",
      "Schools close as snow blankets the region",
    ]);
  });

  it("THEN the byline is the author, without the outlet, and the US time zone is applied", () => {
    expect(storm?.author).toBe("Jane Doe and John Roe");
    expect(storm?.publishedAt).toBe("2025-12-03T15:12:00.000Z");
    expect(schools?.author).toBe("Sam Lee");
    expect(schools?.publishedAt).toBe(new Date(MODIFIED_AT.getTime() - 2 * 3_600_000).toISOString());
  });

  it("THEN captions, advertisement slots, read-more links and copyright lines stay out of the body", () => {
    expect(storm?.dateline).toBe("DES MOINES, Iowa");
    expect(storm?.paragraphs).toEqual([
      "A powerful winter storm knocked out power to more than 200,000 homes across the Midwest on Tuesday, utilities said.",
      "Utility crews worked through the night to restore service, but officials warned that some homes could stay dark until the weekend.",
      "“We have never seen anything like it in this county,” said Mary Lee, the county’s emergency manager.",
      "Several districts sent students home at noon as the snow picked up.",
    ]);
    expect(storm?.headings).toEqual([{ beforeParagraph: 3, text: "Schools close early" }]);
  });

  it("THEN the source is the file's folder", () => {
    expect(articles.map((article) => article.source)).toEqual(["ap", "ap"]);
  });
});

describe("GIVEN a single article with a title line, a blank line and paragraphs", () => {
  const text =
    "Ad sales boost Time Warner profit\n\nQuarterly profits jumped 76%.\n\nThe firm benefited from sales.\n";

  it("WHEN parsed THEN the first line is the title and each paragraph is kept", () => {
    const article = only(parseFile(sourceFile("bbc/business.txt", text), OPTIONS).articles);
    expect(article.title).toBe("Ad sales boost Time Warner profit");
    expect(article.paragraphs).toEqual(["Quarterly profits jumped 76%.", "The firm benefited from sales."]);
    expect(article.publishedAt).toBeUndefined();
    expect(article.source).toBe("bbc");
  });

  it("WHEN it has a BOM and Windows line endings THEN it reads the same, offsets counted after the BOM", () => {
    const plain = parseFile(sourceFile("x.txt", text), OPTIONS).articles;
    const windows = parseFile(
      sourceFile("x.txt", `\uFEFF${text.replaceAll("\n", "\r\n")}`),
      OPTIONS,
    ).articles;
    expect(windows).toEqual(plain);
    expect(only(windows).origin).toEqual({ file: "x.txt", offset: 0, line: 1 });
  });
});

describe("GIVEN an article hard-wrapped at a fixed width", () => {
  const text = [
    "Council approves new budget",
    "",
    "The city council approved a new budget on",
    "Tuesday after a long debate over school",
    "funding and road repairs.",
    "",
    "The mayor said the plan would balance the",
    "books within two years.",
  ].join("\n");

  it("WHEN parsed THEN each blank-line-separated block is one paragraph", () => {
    expect(only(parseFile(sourceFile("x.txt", text), OPTIONS).articles).paragraphs).toEqual([
      "The city council approved a new budget on Tuesday after a long debate over school funding and road repairs.",
      "The mayor said the plan would balance the books within two years.",
    ]);
  });
});

describe("GIVEN two stories in the seed's layout, the second repeated under an undated caption", () => {
  const text = [
    "First story title",
    "",
    "Short Url",
    "Updated 2 days ago",
    "Follow",
    "",
    "First story title",
    "",
    "First story body line.",
    "",
    "",
    "Second story title",
    "",
    "A caption that names nobody",
    "Share",
    "",
    "Second story title",
    "",
    "  • A highlight",
    "",
    "Second story body line.",
  ].join("\n");

  it("WHEN parsed THEN the caption is dropped and the repeated titles stay out of the bodies", () => {
    const { articles, warnings } = parseFile(sourceFile("x.txt", text), OPTIONS);
    expect(warnings).toEqual([]);
    expect(articles.map(({ title, paragraphs, highlights }) => ({ title, paragraphs, highlights }))).toEqual([
      { title: "First story title", paragraphs: ["First story body line."], highlights: [] },
      { title: "Second story title", paragraphs: ["Second story body line."], highlights: ["A highlight"] },
    ]);
    expect(articles[0]?.publishedAt).toBe(new Date(MODIFIED_AT.getTime() - 2 * 86_400_000).toISOString());
  });
});

describe("GIVEN body lines that only look like headers", () => {
  const text = [
    "Officials weigh new rules",
    "",
    "Officials met on Monday to weigh new rules.",
    "",
    "By Monday, the rules had been agreed by most members of the panel.",
    "Share",
    "The rest of the story follows here.",
  ].join("\n");

  it("WHEN parsed THEN the file stays one article and the sentence opening 'By Monday' is body", () => {
    const article = only(parseFile(sourceFile("x.txt", text), OPTIONS).articles);
    expect(article.author).toBeUndefined();
    expect(article.paragraphs).toEqual([
      "Officials met on Monday to weigh new rules.",
      "By Monday, the rules had been agreed by most members of the panel.",
      "The rest of the story follows here.",
    ]);
  });
});

describe("GIVEN text files without a recognisable article", () => {
  it.each([
    ["only a title line", "Just a title\n"],
    ["only page furniture", "Share\nFollow\nAdvertisement\n"],
    ["a title and furniture but no body", "A title\n\nShort Url\nUpdated 7 sec ago\nFollow\n\nA title\n"],
  ])("WHEN the file holds %s THEN there is one warning naming the file and no article", (_case, text) => {
    const { articles, warnings } = parseFile(sourceFile("odd/x.txt", text), OPTIONS);
    expect(articles).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.file).toBe("odd/x.txt");
    expect(warnings[0]?.reason).toMatch(/no recognisable article|no body text/);
  });
});

describe("GIVEN a body that opens with a subhead and holds a dashed list", () => {
  const text = [
    "Winners of the theatre awards",
    "",
    "Updated 3 December 2025",
    "",
    "- The winners -",
    "",
    "The awards were handed out on Sunday.",
    "- Best actor - Richard Griffiths",
    " - Best musical - The Producers",
  ].join("\n");

  it("WHEN parsed THEN the subhead is a heading before the first paragraph and list items lose their dash", () => {
    const article = only(parseFile(sourceFile("x.txt", text), OPTIONS).articles);
    expect(article.highlights).toEqual([]);
    expect(article.headings).toEqual([{ beforeParagraph: 0, text: "The winners" }]);
    expect(article.paragraphs).toEqual([
      "The awards were handed out on Sunday.",
      "Best actor - Richard Griffiths",
      "Best musical - The Producers",
    ]);
  });
});
