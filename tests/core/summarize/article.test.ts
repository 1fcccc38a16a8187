import { describe, expect, it } from "vitest";
import { summarizeArticle, summaryFromPositions } from "../../../src/core/summarize/article.ts";
import { SUMMARY_MAX_CHARS } from "../../../src/core/summarize/length.ts";
import { bridgeStory, makeArticle } from "../../fixtures/summarize/articles.ts";

function texts(summary: { sentences: { text: string }[] }): string[] {
  return summary.sentences.map((sentence) => sentence.text);
}

/** A long invented story of twelve distinct sentences, so that every length has enough to choose from. */
const longStory = makeArticle("long", "Port strike spreads to every terminal", [
  "Dock workers at every terminal of the port walked out on Monday in a strike over pay and night shifts.",
  "The union says wages have fallen behind prices for four years while the port company reported record profits.",
  "Container ships queued outside the harbour as cranes stood idle for a second day.",
  "Supermarkets warned that fresh fruit could run short within a week if the dispute continues.",
  "The port company offered a rise of three percent, which union leaders rejected as an insult.",
  "Talks brokered by the labour ministry are due to resume on Thursday morning in the capital.",
  "Farmers said exports of apples and cheese were stuck in refrigerated containers on the quay.",
  "Police reported no trouble at the picket lines, where several hundred strikers gathered around braziers.",
  "Economists estimate the stoppage costs the national economy about forty million euros a day.",
  "Truck drivers waiting to collect cargo slept in their cabs along the motorway leading to the docks.",
  "The last strike at the port, in 2011, lasted eleven days and ended with a pay deal.",
  "Shipping lines have begun diverting vessels to neighbouring harbours across the border.",
]);

describe("summarizeArticle", () => {
  describe("GIVEN a scraped story with a caption, a subhead, a leaked highlight, boilerplate and a fragment", () => {
    const picked = [
      ...texts(summarizeArticle(bridgeStory, { length: "long" })),
      ...texts(summarizeArticle(bridgeStory, { sentences: 8 })),
    ];

    it("WHEN summarised at any length THEN none of the debris is picked", () => {
      for (const text of picked) {
        expect(text).not.toMatch(/AP Photo|inspect the old crossing/);
        expect(text).not.toMatch(/^Short Url$|^The plan$|^Wow\.$/);
        expect(text).not.toMatch(/^\u2022/);
        expect(text).not.toMatch(/newsletter/);
      }
      expect(picked.length).toBeGreaterThan(0);
    });

    it("WHEN the lede opens with a wire dateline THEN the summary shows it without the dateline", () => {
      const lede = texts(summarizeArticle(bridgeStory, { sentences: 8 })).find((text) =>
        text.includes("nine votes"),
      );
      expect(lede).toMatch(/^The city council approved/);
    });

    it("WHEN summarised THEN each sentence says which paragraph it came from and they keep the article's order", () => {
      const summary = summarizeArticle(bridgeStory, { length: "long" });
      for (const sentence of summary.sentences) {
        expect(bridgeStory.paragraphs[sentence.paragraphIndex]).toContain(sentence.text);
      }
      const positions = summary.sentences.map((sentence) => sentence.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    });
  });

  describe("GIVEN a scraped story in one paragraph with a credit dateline and picture placements", () => {
    const story = makeArticle("one-paragraph", "Harbour bridge approved", [
      [
        "Eastbrook (CNN) -- The city council approved the new harbour bridge on Monday by nine votes to four.",
        "Mayor Anna Berg (pictured) said the bridge would open in May after three years of work.",
        "Anna Berg (left) and engineer Tom Hale (right) at the old crossing.",
        "The vote ended a long dispute over the bridge at the council (pictured) Critics of the bridge said the harbour would lose its ferries.",
        "Work on the bridge starts in the spring, and the council will pay for it from the harbour fund.",
        "The ferries will keep running across the harbour until the bridge opens to traffic next year.",
      ].join(" "),
    ]);
    const picked = texts(summarizeArticle(story, { sentences: 6 }));

    it("WHEN summarised THEN it opens with the lede, without the dateline", () => {
      expect(picked[0]).toBe(
        "The city council approved the new harbour bridge on Monday by nine votes to four.",
      );
    });

    it("WHEN summarised THEN placements are left out of the text and picture sentences are not picked", () => {
      expect(picked).toContain(
        "Mayor Anna Berg said the bridge would open in May after three years of work.",
      );
      expect(picked.join(" ")).not.toMatch(/pictured|\(left\)|\(right\)|Tom Hale/);
    });

    it("WHEN a placement runs into the next sentence THEN the caption is dropped and the sentence kept", () => {
      expect(picked).toContain("Critics of the bridge said the harbour would lose its ferries.");
      expect(picked.join(" ")).not.toContain("long dispute");
    });
  });

  describe("GIVEN a story whose wire credit runs straight into the lede with no dash", () => {
    const story = makeArticle("credit-run-on", "Harbour bridge approved", [
      "(CNN)The city council approved the new harbour bridge on Monday by nine votes to four.",
      "Mayor Anna Berg said the bridge would open in May after three years of work on the harbour.",
    ]);

    it("WHEN summarised THEN the lede is shown without the credit", () => {
      expect(texts(summarizeArticle(story, { length: "short" }))[0]).toBe(
        "The city council approved the new harbour bridge on Monday by nine votes to four.",
      );
    });
  });

  describe("GIVEN summary sentences that open with a connective answering the sentence before them", () => {
    const story = makeArticle("connectives", "Harbour bridge approved", [
      "The city council approved the new harbour bridge on Monday by nine votes to four.",
      "Ferry workers had asked the council to keep the old ferry running for another ten years.",
      "But the council said the bridge would replace the ferry once it opens to traffic in 2029.",
      "However, the bridge will cost the council more than twice what the ferry costs to run.",
    ]);
    const [first, second, third, fourth] = story.paragraphs;

    it("WHEN the sentence before is not in the summary THEN the connective is dropped and the sentence reads alone", () => {
      const shown = summaryFromPositions(story, [0, 2]);
      expect(texts(shown)).toEqual([
        first,
        "The council said the bridge would replace the ferry once it opens to traffic in 2029.",
      ]);
    });

    it("WHEN the sentence is part of a quotation THEN the speaker's words are left as they are", () => {
      const quoted = makeArticle("quoted-connective", "Harbour bridge approved", [
        "The city council approved the new harbour bridge on Monday by nine votes to four.",
        "\u201cWe waited three years for this vote.",
        "But we never doubted the bridge would be built,\u201d said the mayor, Anna Berg.",
      ]);
      expect(texts(summaryFromPositions(quoted, [0, 2]))[1]).toMatch(/^But we never doubted/);
    });

    it("WHEN the sentence before is in the summary too THEN the connective stays", () => {
      expect(texts(summaryFromPositions(story, [0, 1, 2, 3]))).toEqual([first, second, third, fourth]);
    });
  });

  describe("GIVEN scraped text where line breaks became stray full stops inside sentences", () => {
    const story = makeArticle("stray-stops", "Lawyers sue", [
      "Two lawyers representing a woman who . claims she was wronged have filed a suit against the city council.",
      "The council said it would fight the suit in court and expected to win the case before the summer.",
    ]);

    it("WHEN summarised THEN the sentences read without them", () => {
      expect(texts(summarizeArticle(story, { length: "short" }))[0]).toBe(
        "Two lawyers representing a woman who claims she was wronged have filed a suit against the city council.",
      );
    });
  });

  describe("GIVEN a plain lede outscored by later sentences that repeat the story's words", () => {
    const story = makeArticle("plain-lede", "Port strike", [
      "Dock workers walked out at the port on Monday.",
      "The port strike by dock workers over port pay left port cranes idle as dock workers and port staff picketed.",
      "Port company managers said the strike by dock workers would cost the port and its dock workers dearly.",
      "Ships queued outside the port as the strike by the dock workers entered a second day at the port.",
    ]);

    it("WHEN summarised short THEN the lede still opens", () => {
      expect(texts(summarizeArticle(story, { length: "short" }))[0]).toBe(
        "Dock workers walked out at the port on Monday.",
      );
    });
  });

  describe("GIVEN the length options", () => {
    it("WHEN short, medium (the default) or long THEN 1-2, 3 and 5-6 sentences are returned", () => {
      const short = summarizeArticle(longStory, { length: "short" }).sentences.length;
      expect(short).toBeGreaterThanOrEqual(1);
      expect(short).toBeLessThanOrEqual(2);
      expect(summarizeArticle(longStory, { length: "medium" }).sentences).toHaveLength(3);
      expect(summarizeArticle(longStory).sentences).toHaveLength(3);
      const long = summarizeArticle(longStory, { length: "long" }).sentences.length;
      expect(long).toBeGreaterThanOrEqual(5);
      expect(long).toBeLessThanOrEqual(6);
    });

    it("WHEN an exact sentence count is given THEN it wins over the named length", () => {
      expect(summarizeArticle(longStory, { sentences: 4, length: "short" }).sentences).toHaveLength(4);
    });

    it("WHEN the article has fewer usable sentences than asked THEN all of them are returned and no more", () => {
      const summary = summarizeArticle(bridgeStory, { sentences: 20 });
      expect(summary.sentences.length).toBeLessThan(20);
      expect(new Set(texts(summary)).size).toBe(summary.sentences.length);
    });

    it("WHEN the sentences are very long THEN the summary still fits one embed description", () => {
      const clause = "the committee examined the proposal in detail and heard evidence from witnesses";
      const huge = makeArticle(
        "huge",
        "Long inquiry report",
        Array.from(
          { length: 10 },
          (_, index) => `Inquiry part ${index + 1} found that ${Array(12).fill(clause).join(", and ")}.`,
        ) as [string, ...string[]],
      );
      const summary = summarizeArticle(huge, { sentences: 10 });
      const length = summary.sentences.reduce((sum, sentence) => sum + sentence.text.length + 3, 0);
      expect(summary.sentences.length).toBeGreaterThan(0);
      expect(length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS + 3 * summary.sentences.length);
    });
  });

  describe("GIVEN an article whose body is a single fragment", () => {
    it("WHEN summarised THEN the fragment is returned rather than nothing", () => {
      const tiny = makeArticle("tiny", "Brief", ["Polls close at eight."]);
      expect(texts(summarizeArticle(tiny))).toEqual(["Polls close at eight."]);
    });
  });

  describe("GIVEN the same article twice", () => {
    it("WHEN summarised twice THEN the summaries are identical", () => {
      expect(summarizeArticle(bridgeStory, { length: "long" })).toEqual(
        summarizeArticle(structuredClone(bridgeStory), { length: "long" }),
      );
    });
  });
});
