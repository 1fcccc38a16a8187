import { describe, expect, it } from "vitest";
import { joinLinesWithin } from "../../../src/core/digest/cut.ts";
import { cutAtWord } from "../../../src/core/text/cut.ts";
import { digestPages, digestReply, emptyDigestPage } from "../../../src/core/digest/render.ts";
import type { Digest, DigestStory } from "../../../src/core/digest/types.ts";
import { hugeDigest, hugeStory, window } from "../../fixtures/digest/huge.ts";

describe("digestPages", () => {
  it("GIVEN a digest without stories WHEN rendered THEN it is one short no-news page", () => {
    const pages = digestPages(
      { window, articleCount: 0, sourceCount: 0, stories: [], moreStories: 0, topSpeakers: [] },
      { timeZone: "Europe/Berlin" },
    );
    expect(pages).toEqual([emptyDigestPage(window, { timeZone: "Europe/Berlin" })]);
    expect(pages[0].description).toBe(
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
    const [, embed] = digestPages({ ...hugeDigest(0), stories: [story], moreStories: 0 });
    expect(embed?.title).toBe("1. Shares \\*soar\\* on \\_news\\_");
    expect(embed?.description).toBe("Up 5% \\[sic\\]");
  });

  it("GIVEN a quote that led into its attribution WHEN rendered THEN its trailing comma goes", () => {
    const story: DigestStory = {
      ...hugeStory(1),
      summary: "Talks went on.",
      quote: { text: "It took  so much\ntime,", speaker: "Vladimir Putin" },
    };
    const [, embed] = digestPages({ ...hugeDigest(0), stories: [story], moreStories: 0 });
    expect(embed?.description).toBe("Talks went on.\n\n> “It took so much time” — Vladimir Putin");
  });

  it("GIVEN a digest WHEN previewed THEN the reply is ephemeral with the pages a post has", () => {
    const digest = hugeDigest(3);
    const reply = digestReply(digest);
    expect(reply.ephemeral).toBe(true);
    expect(reply.pages).toEqual(digestPages(digest));
    expect(reply.pages).toHaveLength(5);
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
    const embeds = digestPages(digest);
    const text = JSON.stringify(embeds);
    expect(text).not.toContain("javascript:");
    expect(text).not.toContain("evil.example");
    expect(embeds.some((embed) => embed.url === "https://example.com/story/2")).toBe(true);
    expect(embeds.find((embed) => embed.title?.startsWith("1. "))?.url).toBeUndefined();
  });
});
