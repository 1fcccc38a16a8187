import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/core/articles.ts";
import { parseFile } from "../../../src/core/ingest/index.ts";
import {
  planSummaries,
  summarizeArticle,
  summaryFromPositions,
} from "../../../src/core/summarize/article.ts";
import type { SummaryLength } from "../../../src/core/summarize/length.ts";
import { bridgeStory, makeArticle, marathonStory } from "../../fixtures/summarize/articles.ts";

const LENGTHS: SummaryLength[] = ["short", "medium", "long"];

function seedArticles(): Article[] {
  const url = new URL("../../../articles/000_bb1ba0608eabcd20.txt", import.meta.url);
  const bytes = readFileSync(fileURLToPath(url));
  const parsed = parseFile(
    { path: "000_bb1ba0608eabcd20.txt", bytes, modifiedAt: new Date("2025-12-04T10:00:00Z") },
    { maxFileBytes: 1_000_000 },
  );
  return parsed.articles;
}

/** A story whose lede is short and plain while a later sentence repeats most of the story's words at length. */
const ledeStory = makeArticle("lede", "Flood closes the valley road", [
  "Floods closed the valley road on Monday after the river burst its banks near the old mill.",
  "Engineers said the road would stay shut for at least a week while they checked the bridge.",
  "The valley road floods, river banks, old mill, bridge checks and the week-long closure of the road have angered residents of the valley, who say the river and the road have flooded three times since the bridge was rebuilt.",
  "Buses to the valley villages now take a forty-minute detour over the pass.",
  "The county council has asked the government for emergency money to raise the road.",
  "Farmers on the far side of the river said they could not get milk to the dairy.",
  "Schools in two villages stayed closed because teachers could not reach them.",
  "Residents filled sandbags through the night outside the pub and the church.",
]);

describe("the lede rule", () => {
  describe("GIVEN a story whose plain lede is outscored by a long sentence stuffed with the story's words", () => {
    it("WHEN summarised at any length THEN the summary opens with the lede", () => {
      for (const length of LENGTHS) {
        const [first] = summarizeArticle(ledeStory, { length }).sentences;
        expect(first?.position).toBe(0);
      }
    });
  });

  describe("GIVEN a teaser lede that shares no words with the story", () => {
    const teaser = makeArticle("teaser", "Flood closes the valley road", [
      "Nobody in Eastbrook expected what happened next on that grey afternoon.",
      ...ledeStory.paragraphs,
    ]);

    it("WHEN summarised THEN the teaser is not forced in", () => {
      const positions = summarizeArticle(teaser).sentences.map((sentence) => sentence.position);
      expect(positions).not.toContain(0);
    });
  });

  describe("GIVEN feature stories that open with a hook on the story's own subject", () => {
    const hooks = [
      "Ever wondered why the valley road floods every time the river rises?",
      "It has flooded the valley road three times since the bridge was rebuilt.",
    ];

    it("WHEN summarised THEN the hook is not forced to open the summary", () => {
      for (const hook of hooks) {
        const story = makeArticle("hook", "Flood closes the valley road", [hook, ...ledeStory.paragraphs]);
        const [first] = summarizeArticle(story).sentences;
        expect(first?.text).not.toBe(hook);
      }
    });
  });

  describe("GIVEN a scraped story whose lede comes after a caption, boilerplate and a bullet", () => {
    it("WHEN summarised short THEN the lede (not the debris before it) opens the summary", () => {
      const [first] = summarizeArticle(bridgeStory, { length: "short" }).sentences;
      expect(first?.text).toMatch(/^The city council approved the new harbour bridge/);
    });
  });
});

describe("planSummaries", () => {
  const articles = [bridgeStory, marathonStory, ledeStory, ...seedArticles()];

  it("GIVEN any article WHEN planned THEN every length reads back as exactly what summarizeArticle returns", () => {
    expect(articles.length).toBeGreaterThanOrEqual(5);
    for (const article of articles) {
      const plan = planSummaries(article);
      for (const length of LENGTHS) {
        expect(summaryFromPositions(article, plan[length])).toEqual(summarizeArticle(article, { length }));
      }
    }
  });

  it("GIVEN a plan WHEN made THEN it is small plain data that survives JSON", () => {
    const plan = planSummaries(bridgeStory);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(plan.short.length).toBeLessThanOrEqual(2);
    expect(plan.medium).toHaveLength(3);
  });

  it("GIVEN positions the article no longer has WHEN read back THEN they are skipped", () => {
    expect(summaryFromPositions(marathonStory, [0, 99]).sentences.map((s) => s.position)).toEqual([0]);
  });
});

describe("GIVEN the seed file parsed by the ingest code", () => {
  const [first, second] = seedArticles();

  it("WHEN its stories are summarised at every length THEN no boilerplate, caption, subhead or highlight is picked", () => {
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    for (const article of [first, second]) {
      if (article === undefined) continue;
      for (const length of LENGTHS) {
        for (const { text } of summarizeArticle(article, { length }).sentences) {
          expect(text).not.toMatch(/Short Url|Updated \d|^Follow$|Kremlin Pool Photo|\(AP\)|^\u2022|^- /);
          expect(text).not.toBe(article.title);
          expect(text).toMatch(/[.!?\u201d"]$/);
        }
      }
    }
  });

  it("WHEN the first story is summarised THEN it opens with its lede, without the MOSCOW dateline", () => {
    const [lede] = summarizeArticle(first ?? bridgeStory).sentences;
    expect(lede?.text).toMatch(/^The Kremlin said Wednesday that its army/);
  });
});
