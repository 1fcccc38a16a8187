import { describe, expect, it } from "vitest";
import { ArticleSchema, type Article } from "../../../../src/core/articles.ts";
import { parseFile } from "../../../../src/core/ingest/index.ts";
import { MODIFIED_AT, OPTIONS, seedFile } from "../source-file.ts";

const FIRST_TITLE = "Russia says battlefield success strengthening its hand in Ukraine talks";
const SECOND_TITLE =
  "Putin says there are points he can’t agree to in the US proposal to end Russia’s war in Ukraine";
const BOILERPLATE = [
  "Short Url",
  "Updated",
  "Follow",
  "(Sputnik, Kremlin Pool Photo via AP)",
  "Keep fight ongoing",
];

function nth(articles: readonly Article[], index: number): Article {
  const article = articles[index];
  if (article === undefined) throw new Error(`no article ${index}`);
  return article;
}

describe("GIVEN the seed wire file with two scraped stories", () => {
  const { articles, warnings } = parseFile(seedFile(), OPTIONS);
  const first = nth(articles, 0);
  const second = nth(articles, 1);

  it("WHEN parsed THEN it yields exactly the two articles, with their exact titles and no warnings", () => {
    expect(warnings).toEqual([]);
    expect(articles.map((article) => article.title)).toEqual([FIRST_TITLE, SECOND_TITLE]);
    for (const article of articles) expect(ArticleSchema.safeParse(article).success).toBe(true);
  });

  it("THEN the first article's body runs from the dateline paragraph to the last line of the story", () => {
    expect(first.paragraphs).toHaveLength(29);
    expect(first.dateline).toBe("MOSCOW");
    expect(first.paragraphs[0]).toBe(
      "The Kremlin said Wednesday that its army’s recent battlefield successes in Ukraine had bolstered its " +
        "position in talks to end the fighting, as both Moscow and Kyiv prepared for more negotiations with the " +
        "United States.",
    );
    expect(first.paragraphs.at(-1)).toBe(
      "Moscow’s offensive in Ukraine, which has killed thousands, has also been accompanied by a crackdown on " +
        "dissent at home unseen since the Soviet era.",
    );
  });

  it("THEN the first article's subheads are headings before the paragraphs they introduce", () => {
    expect(first.headings).toEqual([
      { beforeParagraph: 11, text: "‘Keep fight ongoing’" },
      { beforeParagraph: 20, text: "Ukraine role in NATO ‘key’ in talks" },
    ]);
    expect(first.paragraphs[11]).toMatch(/^The fresh talks come as NATO pledges/);
    expect(first.paragraphs[20]).toMatch(/^Moscow went to war in Ukraine in February 2022/);
  });

  it("THEN the first article's bullets are its highlights, without the bullet marks", () => {
    expect(first.highlights).toEqual([
      "The Kremlin said the two sides had failed to find a “compromise” on the crucial issue of territories",
      "“The progress and nature of the negotiations were influenced by the successes of the Russian army on the " +
        "battlefield in recent weeks,” Ushakov said",
    ]);
  });

  it("THEN the second article's body is its 22 lines, with no dateline, highlights or headings", () => {
    expect(second.paragraphs).toHaveLength(22);
    expect(second.paragraphs[0]).toMatch(
      /^Russian President Vladimir Putin says some proposals in a US plan/,
    );
    expect(second.paragraphs.at(-1)).toMatch(
      /A 68-year-old woman was also wounded in the attack, he said\.$/,
    );
    expect(second.dateline).toBeUndefined();
    expect(second.highlights).toEqual([]);
    expect(second.headings).toEqual([]);
  });

  it("THEN no body holds page furniture, the photo caption, a bullet or a repeated title", () => {
    for (const article of articles) {
      for (const paragraph of article.paragraphs) {
        expect(paragraph).not.toBe(article.title);
        expect(paragraph).not.toMatch(/^\s*[•-]/);
        for (const boilerplate of BOILERPLATE) expect(paragraph).not.toContain(boilerplate);
      }
    }
  });

  it("THEN 'Updated 03 December 2025' is midnight UTC and 'Updated 7 sec ago' is 7 s before the file time", () => {
    expect(first.publishedAt).toBe("2025-12-03T00:00:00.000Z");
    expect(second.publishedAt).toBe(new Date(MODIFIED_AT.getTime() - 7_000).toISOString());
  });

  it("THEN each article points at its title line and has a stable id from source and title", () => {
    expect(first.origin).toEqual({ file: "000_bb1ba0608eabcd20.txt", offset: 0, line: 1 });
    expect(second.origin.line).toBe(50);
    const text = new TextDecoder().decode(seedFile().bytes);
    expect(text.slice(second.origin.offset).startsWith(SECOND_TITLE)).toBe(true);
    expect(first.source).toBe("local");
    expect(first.id).toMatch(/^a_[0-9a-f]{16}$/);
    expect(parseFile(seedFile(), OPTIONS).articles.map((article) => article.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect(first.id).not.toBe(second.id);
  });
});
