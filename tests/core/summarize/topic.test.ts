import { describe, expect, it } from "vitest";
import { isRedundant } from "../../../src/core/summarize/select.ts";
import { summarizeTopic } from "../../../src/core/summarize/topic.ts";
import { contentTerms } from "../../../src/core/text/tokens.ts";
import { bridgeFollowUp, bridgeStory, marathonStory } from "../../fixtures/summarize/articles.ts";

const articles = [bridgeStory, bridgeFollowUp, marathonStory];
const articleById = new Map(articles.map((article) => [article.id, article]));

describe("summarizeTopic", () => {
  describe("GIVEN two stories on one bridge vote that both report the vote, and an unrelated story", () => {
    const summary = summarizeTopic([bridgeStory, bridgeFollowUp], {
      query: "harbour bridge",
      length: "long",
    });

    it("WHEN summarised THEN every sentence cites the article it was taken from", () => {
      expect(summary.sentences.length).toBeGreaterThanOrEqual(3);
      for (const sentence of summary.sentences) {
        const article = articleById.get(sentence.articleId);
        expect(article?.paragraphs[sentence.paragraphIndex]).toContain(sentence.text);
      }
    });

    it("WHEN summarised THEN both stories are cited", () => {
      expect(new Set(summary.sentences.map((sentence) => sentence.articleId))).toEqual(
        new Set(["bridge", "bridge-2"]),
      );
    });

    it("WHEN both stories report the vote THEN the vote appears once", () => {
      const aboutTheVote = summary.sentences.filter((sentence) =>
        sentence.text.includes("nine votes to four"),
      );
      expect(aboutTheVote).toHaveLength(1);
      const termSets = summary.sentences.map((sentence) => new Set(contentTerms(sentence.text)));
      termSets.forEach((terms, index) => {
        for (const other of termSets.slice(index + 1)) expect(isRedundant(terms, other)).toBe(false);
      });
    });

    it("WHEN summarised THEN sentences are grouped by the articles' ranking and in article order within each", () => {
      const keys = summary.sentences.map((sentence) => [
        sentence.articleId === "bridge" ? 0 : 1,
        sentence.position,
      ]);
      expect(keys).toEqual([...keys].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
    });
  });

  describe("GIVEN a query that only one of the ranked stories is about", () => {
    it("WHEN summarised at medium length THEN no single story fills more than half the summary", () => {
      const summary = summarizeTopic(articles, { query: "marathon runners" });
      expect(summary.sentences).toHaveLength(3);
      const counts = new Map<string, number>();
      for (const sentence of summary.sentences)
        counts.set(sentence.articleId, (counts.get(sentence.articleId) ?? 0) + 1);
      for (const count of counts.values()) expect(count).toBeLessThanOrEqual(2);
    });

    it("WHEN the query names the marathon THEN a marathon sentence is chosen even though its story ranks last", () => {
      const summary = summarizeTopic(articles, { query: "marathon runners", length: "short" });
      expect(summary.sentences.some((sentence) => sentence.articleId === "marathon")).toBe(true);
    });
  });

  describe("GIVEN no articles, or more than the limit", () => {
    it("WHEN there are no articles THEN the summary is empty", () => {
      expect(summarizeTopic([]).sentences).toEqual([]);
    });

    it("WHEN maxArticles is 1 THEN only the best-ranked article is read", () => {
      const summary = summarizeTopic(articles, { maxArticles: 1, length: "long" });
      expect(new Set(summary.sentences.map((sentence) => sentence.articleId))).toEqual(new Set(["bridge"]));
    });
  });

  describe("GIVEN the same inputs twice", () => {
    it("WHEN summarised twice THEN the results are identical", () => {
      expect(summarizeTopic(articles, { query: "bridge" })).toEqual(
        summarizeTopic(structuredClone(articles), { query: "bridge" }),
      );
    });
  });
});
