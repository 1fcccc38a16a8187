import { describe, expect, it } from "vitest";
import { joinLinesWithin } from "../../../src/core/digest/cut.ts";
import { cutAtWord } from "../../../src/core/text/cut.ts";
import {
  digestEmbeds,
  digestMessages,
  digestReply,
  embedCharacters,
  EMBED_LIMITS,
  emptyDigestEmbed,
} from "../../../src/core/digest/render.ts";
import type { Digest, DigestStory } from "../../../src/core/digest/types.ts";

const window = { since: new Date("2025-12-04T08:00:00Z"), until: new Date("2025-12-05T08:00:00Z") };

/** Words of varying length, so that cuts land on different boundaries. */
function prose(words: number, seed: number): string {
  const vocabulary = [
    "negotiators",
    "in",
    "Geneva",
    "said",
    "the",
    "draft",
    "peace",
    "plan",
    "was",
    "contested",
    "by",
    "Europe's",
    "leaders",
  ];
  return Array.from({ length: words }, (_, i) => vocabulary[(i * 7 + seed) % vocabulary.length]).join(" ");
}

function hugeStory(index: number): DigestStory {
  return {
    headline: `Story ${index}: ${prose(80, index)}`,
    url: `https://example.com/story/${index}`,
    summary: prose(1_200, index),
    quote: { text: prose(200, index + 1), speaker: `Speaker ${index}` },
    articleCount: 40,
    sources: Array.from({ length: 12 }, (_, i) => `Outlet number ${i}`),
    latestAt: "2025-12-05T07:00:00.000Z",
    links: Array.from({ length: 40 }, (_, i) => ({
      title: prose(60, i),
      source: `Outlet number ${i % 12}`,
      url: `https://example.com/story/${index}/article/${i}`,
    })),
    score: 100 - index,
  };
}

function hugeDigest(storyCount: number): Digest {
  return {
    window,
    articleCount: storyCount * 40,
    sourceCount: 12,
    stories: Array.from({ length: storyCount }, (_, i) => hugeStory(i + 1)),
    moreStories: 500,
    topSpeakers: Array.from({ length: 5 }, (_, i) => ({ name: `Speaker ${i + 1}`, quotes: 10 - i })),
  };
}

/** The text before a trailing ellipsis must end where a word of the original ends. */
function expectCutAtWord(cut: string, original: string): void {
  if (!cut.endsWith("…") || original.endsWith("…")) return;
  const kept = cut.slice(0, -1);
  expect(original.startsWith(kept)).toBe(true);
  expect(/\s/.test(original.charAt(kept.length))).toBe(true);
}

describe("digestMessages on a huge day", () => {
  const digest = hugeDigest(60);
  const messages = digestMessages(digest);

  it("GIVEN 60 oversized stories WHEN split into messages THEN every message is within Discord's limits", () => {
    expect(messages.length).toBeGreaterThan(6);
    for (const message of messages) {
      expect(message.embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embedsPerMessage);
      const characters = message.embeds.reduce((sum, embed) => sum + embedCharacters(embed), 0);
      expect(characters).toBeLessThanOrEqual(EMBED_LIMITS.charactersPerMessage);
      for (const embed of message.embeds) {
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
        for (const field of embed.fields ?? []) {
          expect(field.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
          expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
        }
      }
    }
  });

  it("GIVEN the split WHEN read in order THEN it is the overview, each story once in rank order, then speakers", () => {
    const titles = messages.flatMap((message) => message.embeds.map((embed) => embed.title ?? ""));
    expect(titles[0]).toBe("News digest");
    const storyTitles = titles.filter((title) => title.startsWith("Story ") || /^\d+\. Story/.test(title));
    expect(storyTitles.map((title) => Number(/^(\d+)\./.exec(title)?.[1]))).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    expect(titles.at(-1)).toBe("Most quoted");
  });

  it("GIVEN cut texts WHEN inspected THEN they end at a word boundary with an ellipsis", () => {
    const embeds = messages.flatMap((message) => message.embeds);
    const story = embeds[1];
    const original = digest.stories[0];
    expect(story?.title?.endsWith("…")).toBe(true);
    expectCutAtWord(story?.title ?? "", `1. ${original?.headline ?? ""}`);
    const summary = story?.description?.split("\n\n")[0] ?? "";
    expect(summary.endsWith("…")).toBe(true);
    expectCutAtWord(summary, original?.summary ?? "");
  });

  it("GIVEN a story with 40 links WHEN rendered THEN five are listed and the rest counted", () => {
    const read = messages[0]?.embeds[1]?.fields?.find((field) => field.name === "Read");
    expect(read?.value.split("\n")).toHaveLength(6);
    expect(read?.value).toContain("…and 35 more articles");
  });
});

describe("digestEmbeds", () => {
  it("GIVEN a digest without stories WHEN rendered THEN it is one short no-news embed", () => {
    const embeds = digestEmbeds(
      { window, articleCount: 0, sourceCount: 0, stories: [], moreStories: 0, topSpeakers: [] },
      { timeZone: "Europe/Berlin" },
    );
    expect(embeds).toEqual([emptyDigestEmbed(window, { timeZone: "Europe/Berlin" })]);
    expect(embeds[0]?.description).toBe(
      "No new articles from 4 Dec 2025, 09:00 to 5 Dec 2025, 09:00 (Europe/Berlin).",
    );
  });

  it("GIVEN article text with markdown WHEN rendered THEN it is escaped", () => {
    const story: DigestStory = {
      ...hugeStory(1),
      headline: "Shares *soar* on _news_",
      summary: "Up 5% [sic]",
    };
    delete story.quote;
    const [, embed] = digestEmbeds({ ...hugeDigest(0), stories: [story], moreStories: 0 });
    expect(embed?.title).toBe("1. Shares \\*soar\\* on \\_news\\_");
    expect(embed?.description).toBe("Up 5% \\[sic\\]");
  });

  it("GIVEN a quote that led into its attribution WHEN rendered THEN its trailing comma goes", () => {
    const story: DigestStory = {
      ...hugeStory(1),
      summary: "Talks went on.",
      quote: { text: "It took  so much\ntime,", speaker: "Vladimir Putin" },
    };
    const [, embed] = digestEmbeds({ ...hugeDigest(0), stories: [story], moreStories: 0 });
    expect(embed?.description).toBe("Talks went on.\n\n> “It took so much time” — Vladimir Putin");
  });

  it("GIVEN a digest WHEN previewed THEN the reply is ephemeral with a page per embed", () => {
    const digest = hugeDigest(3);
    const reply = digestReply(digest);
    expect(reply.ephemeral).toBe(true);
    expect(reply.pages).toHaveLength(digestEmbeds(digest).length);
  });
});

describe("cutting text", () => {
  it("GIVEN a long sentence WHEN cut THEN it stops at the last whole word and fits", () => {
    expect(cutAtWord("the quick brown fox jumps", 14)).toBe("the quick…");
    expect(cutAtWord("short", 10)).toBe("short");
  });

  it("GIVEN a cut right after a markdown escape WHEN cut THEN no lone backslash is left", () => {
    expect(cutAtWord("a\\*bcdefgh", 3)).toBe("a…");
  });

  it("GIVEN a list longer than its budget WHEN joined THEN whole lines are kept and the rest counted", () => {
    const lines = ["first line", "second line", "third line", "fourth line"];
    const joined = joinLinesWithin(lines, 40, (omitted) => `…${omitted} more`);
    expect(joined).toBe("first line\nsecond line\n…2 more");
    expect(joined.length).toBeLessThanOrEqual(40);
  });
});

describe("GIVEN a story whose article URL is not a safe web URL", () => {
  const bad = { ...hugeStory(1), url: "javascript:alert(1)" };
  const links = [
    { title: "Forged", source: "Wire", url: "https://ok.example/a) [Official](https://evil.example/p)" },
  ];
  const digest: Digest = { ...hugeDigest(1), stories: [{ ...bad, links }, hugeStory(2)] };

  it("WHEN rendered THEN that item loses its link and the rest of the digest keeps theirs", () => {
    const embeds = digestEmbeds(digest);
    const text = JSON.stringify(embeds);
    expect(text).not.toContain("javascript:");
    expect(text).not.toContain("evil.example");
    expect(embeds.some((embed) => embed.url === "https://example.com/story/2")).toBe(true);
    expect(embeds.find((embed) => embed.title?.startsWith("1. "))?.url).toBeUndefined();
  });
});
