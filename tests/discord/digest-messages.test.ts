import { describe, expect, it } from "vitest";
import { digestPages } from "../../src/core/digest/render.ts";
import { digestMessages, packMessages } from "../../src/discord/digest-messages.ts";
import { embedCharacters } from "../../src/discord/embeds.ts";
import { DISCORD_LIMITS } from "../../src/discord/limits.ts";
import { hugeDigest } from "../fixtures/digest/huge.ts";

/** The text before a trailing ellipsis must end where a word of the original ends. */
function expectCutAtWord(cut: string, original: string): void {
  if (!cut.endsWith("…") || original.endsWith("…")) return;
  const kept = cut.slice(0, -1);
  expect(original.startsWith(kept)).toBe(true);
  expect(/\s/.test(original.charAt(kept.length))).toBe(true);
}

describe("digestMessages on a huge day", () => {
  const digest = hugeDigest(60);
  const messages = digestMessages(digestPages(digest));

  it("GIVEN 60 oversized stories WHEN split into messages THEN every message is within Discord's limits", () => {
    expect(messages.length).toBeGreaterThan(6);
    for (const message of messages) {
      expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(embedCharacters(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedCharactersPerMessage);
      for (const embed of message.embeds) {
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fieldsPerEmbed);
        for (const field of embed.fields ?? []) {
          expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
          expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
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

describe("packMessages", () => {
  it("GIVEN twelve small embeds WHEN packed THEN ten go in the first message and two in the second, in order", () => {
    const embeds = Array.from({ length: 12 }, (_, i) => ({ title: `Embed ${i + 1}` }));
    const messages = packMessages(embeds);
    expect(messages.map((message) => message.embeds.length)).toEqual([10, 2]);
    expect(messages.map((message) => message.position)).toEqual([0, 1]);
    expect(messages.flatMap((message) => message.embeds)).toEqual(embeds);
  });

  it("GIVEN embeds of 2,500 characters WHEN packed THEN two fit a message's 6,000, a third starts the next", () => {
    const embeds = Array.from({ length: 3 }, (_, i) => ({
      title: `Part ${i + 1}`,
      description: "x".repeat(2_494),
    }));
    expect(packMessages(embeds).map((message) => message.embeds.length)).toEqual([2, 1]);
  });

  it("GIVEN a page WHEN planned as a message THEN its embed has the colour every reply has", () => {
    const [message] = digestMessages([{ title: "News digest", description: "Nothing new." }]);
    expect(message?.embeds).toEqual([{ color: 0x5865f2, title: "News digest", description: "Nothing new." }]);
  });
});
