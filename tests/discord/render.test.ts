import { describe, expect, it } from "vitest";
import type { Reply, ReplyField } from "../../src/core/reply.ts";
import { embedCharacters } from "../../src/discord/embeds.ts";
import {
  channelMessageBody,
  interactionEditOptions,
  interactionReplyOptions,
  renderAllPages,
  renderReplyPage,
} from "../../src/discord/render.ts";

const links = (page: number) => `pg:${page}:search:{}`;

function fields(count: number, valueLength: number): ReplyField[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${i + 1}. A headline of some length`,
    value: "word ".repeat(Math.ceil(valueLength / 5)).slice(0, valueLength),
  }));
}

describe("renderReplyPage limits", () => {
  it("GIVEN every text far over its limit WHEN rendered THEN each embed text fits its own limit", () => {
    const reply: Reply = {
      pages: [
        {
          title: "t ".repeat(400),
          description: "d ".repeat(3_000),
          fields: [{ name: "n ".repeat(200), value: "v ".repeat(800) }],
          footer: "f ".repeat(1_500),
        },
      ],
    };
    const [embed] = renderReplyPage(reply, 0).embeds;
    expect(embed?.title?.length).toBeLessThanOrEqual(256);
    expect(embed?.description?.length).toBeLessThanOrEqual(4_096);
    expect(embed?.footer?.text.length).toBeLessThanOrEqual(2_048);
    for (const field of embed?.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1_024);
    }
    expect(embed?.title?.endsWith("…")).toBe(true);
  });

  it("GIVEN 60 long fields WHEN rendered THEN the message stays within 6,000 characters and 10 embeds and says what was left out", () => {
    const reply: Reply = { pages: [{ title: "Many", fields: fields(60, 900) }] };
    const { embeds } = renderReplyPage(reply, 0);
    expect(embeds.length).toBeLessThanOrEqual(10);
    expect(embedCharacters(embeds)).toBeLessThanOrEqual(6_000);
    const shown = embeds.flatMap((embed) => embed.fields ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(embeds.at(-1)?.footer?.text).toContain(`${60 - shown} more not shown`);
  });

  it("GIVEN 30 short fields WHEN rendered THEN they continue in a second embed of at most 25 fields each", () => {
    const { embeds } = renderReplyPage({ pages: [{ title: "List", fields: fields(30, 10) }] }, 0);
    expect(embeds.map((embed) => embed.fields?.length)).toEqual([25, 5]);
    expect(embeds[0]?.title).toBe("List");
    expect(embeds[1]?.title).toBeUndefined();
  });

  it("GIVEN an empty field value or an empty page WHEN rendered THEN Discord gets a non-empty stand-in", () => {
    const { embeds } = renderReplyPage({ pages: [{ fields: [{ name: "", value: "" }] }] }, 0);
    expect(embeds[0]?.fields?.[0]?.name).not.toBe("");
    expect(embeds[0]?.fields?.[0]?.value).not.toBe("");
    expect(renderReplyPage({ pages: [{}] }, 0).embeds[0]?.description).not.toBe("");
  });

  it("GIVEN a notice longer than 2,000 characters WHEN rendered THEN the content is cut to 2,000", () => {
    const message = renderReplyPage({ pages: [{ title: "x" }] }, 0, { notice: "n ".repeat(1_500) });
    expect(message.content?.length).toBeLessThanOrEqual(2_000);
  });
});

describe("renderReplyPage pages and tone", () => {
  const reply: Reply = {
    pages: [{ title: "one" }, { title: "two" }, { title: "three", footer: "5 results" }],
  };

  it("GIVEN the first of three pages WHEN rendered THEN Previous is disabled, Next leads to page 2 and the footer counts pages", () => {
    const message = renderReplyPage(reply, 0, { links });
    const buttons = message.components[0]?.components ?? [];
    expect(buttons.map((b) => ("custom_id" in b ? [b.label, b.custom_id, b.disabled] : []))).toEqual([
      ["Previous", "pg:0:search:{}", true],
      ["Next", "pg:1:search:{}", false],
    ]);
    expect(message.embeds[0]?.footer?.text).toBe("Page 1/3");
  });

  it("GIVEN the last page WHEN rendered THEN Next is disabled and the page footer keeps its own text", () => {
    const message = renderReplyPage(reply, 2, { links });
    const buttons = message.components[0]?.components ?? [];
    expect(buttons.map((b) => b.disabled)).toEqual([false, true]);
    expect(message.embeds[0]?.footer?.text).toBe("5 results · Page 3/3");
  });

  it("GIVEN a page index past the end WHEN rendered THEN the last page is shown", () => {
    expect(renderReplyPage(reply, 9, { links }).embeds[0]?.title).toBe("three");
  });

  it("GIVEN a single-page reply WHEN rendered THEN there are no buttons", () => {
    expect(renderReplyPage({ pages: [{ title: "one" }] }, 0, { links }).components).toEqual([]);
  });

  it("GIVEN an error reply WHEN rendered THEN it is ephemeral and coloured differently from info", () => {
    const error = renderReplyPage({ pages: [{ description: "no" }], ephemeral: true, tone: "error" }, 0);
    const info = renderReplyPage({ pages: [{ description: "yes" }] }, 0);
    expect(error.ephemeral).toBe(true);
    expect(info.ephemeral).toBe(false);
    expect(error.embeds[0]?.color).not.toBe(info.embeds[0]?.color);
  });

  it("GIVEN a multi-page reply WHEN rendered for a channel THEN every page becomes a message without buttons", () => {
    const messages = renderAllPages(reply);
    expect(messages.map((m) => m.embeds[0]?.title)).toEqual(["one", "two", "three"]);
    expect(messages.every((m) => m.components.length === 0)).toBe(true);
  });
});

describe("payload shapes", () => {
  const ephemeral = renderReplyPage({ pages: [{ description: "@everyone" }], ephemeral: true }, 0);

  it("GIVEN any payload WHEN shaped for an endpoint THEN mentions are never parsed", () => {
    expect(interactionReplyOptions(ephemeral).allowedMentions).toEqual({ parse: [] });
    expect(interactionEditOptions(ephemeral).allowedMentions).toEqual({ parse: [] });
    expect(channelMessageBody(ephemeral).allowed_mentions).toEqual({ parse: [] });
  });

  it("GIVEN an ephemeral message WHEN shaped as a reply THEN it carries the ephemeral flag (64)", () => {
    expect(interactionReplyOptions(ephemeral).flags).toBe(64);
    expect("flags" in interactionReplyOptions(renderReplyPage({ pages: [{ title: "x" }] }, 0))).toBe(false);
  });

  it("GIVEN an edit without a notice WHEN shaped THEN the content is cleared", () => {
    expect(interactionEditOptions(ephemeral).content).toBe("");
  });
});

describe("pictures", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const reply: Reply = {
    pages: [
      {
        title: "Trends: oil",
        description: "**oil**: 3 articles.",
        image: { fileName: "trends.png", png, width: 2, height: 1, alt: "a ".repeat(700), text: "oil ▁█" },
      },
    ],
  };

  it("GIVEN a page with a picture WHEN rendered THEN the file goes with the message and the embed's image points at it", () => {
    const message = renderReplyPage(reply, 0);
    expect(message.embeds[0]?.image).toEqual({ url: "attachment://trends.png" });
    expect(message.files?.map((file) => [file.name, file.data])).toEqual([["trends.png", png]]);
    expect(message.files?.[0]?.description.length).toBeLessThanOrEqual(1_024);
  });

  it("GIVEN a picture WHEN shaped as a reply or an edit THEN discord.js gets it as a file with its alt text", () => {
    const message = renderReplyPage(reply, 0);
    for (const options of [interactionReplyOptions(message), interactionEditOptions(message)]) {
      const [file] = options.files ?? [];
      expect(file?.name).toBe("trends.png");
      expect(file?.attachment.equals(Buffer.from(png))).toBe(true);
      expect(file?.description).toBe(message.files?.[0]?.description);
    }
  });
});
