import { describe, expect, it } from "vitest";
import { markdownToText, renderPage } from "../../src/console/render.ts";
import { escapeMarkdown, type Reply } from "../../src/core/reply.ts";

const PLAIN = { color: false };

describe("renderPage", () => {
  const reply: Reply = {
    pages: [
      {
        title: "Search: pokrovsk",
        description: "2 articles match.",
        fields: [{ name: "1. Russia says", value: "2025-12-03 · local\n…stronghold of **Pokrovsk** but…" }],
        footer: "Newsdesk",
      },
      { title: "Search: pokrovsk", description: "page two" },
    ],
  };

  it("GIVEN a multi-page reply THEN the page shows title, fields indented and a page hint", () => {
    expect(renderPage(reply, 0, PLAIN)).toBe(
      [
        "Search: pokrovsk",
        "2 articles match.",
        "",
        "1. Russia says",
        "  2025-12-03 · local",
        "  …stronghold of Pokrovsk but…",
        "",
        "Newsdesk · page 1/2 (type next)",
      ].join("\n"),
    );
    expect(renderPage(reply, 1, PLAIN)).toContain("page 2/2 (type prev)");
  });

  it("GIVEN colour THEN bold becomes ANSI bold", () => {
    expect(renderPage(reply, 0, { color: true })).toContain("\x1b[1mPokrovsk\x1b[22m");
  });
});

describe("markdownToText", () => {
  it("GIVEN escaped article text THEN the console shows it literally", () => {
    const text = "- a *star* and_under `tick` [x](y) # not heading";
    expect(markdownToText(escapeMarkdown(text), PLAIN)).toBe(text);
  });

  it("GIVEN a masked link THEN text and address both show", () => {
    expect(markdownToText("[link](https://example.com/a)", PLAIN)).toBe("link <https://example.com/a>");
  });
});

describe("GIVEN Discord markup in a reply or a posted digest", () => {
  it.each([
    ["**Vladimir Putin** said", "Vladimir Putin said"],
    ["Posted in <#console>.", "Posted in this console."],
    ["Set for 09:00 in <#123456789>.", "Set for 09:00 in #123456789."],
    ["> “We will talk.” — Someone", "“We will talk.” — Someone"],
    ["-# Newsdesk digest", "Newsdesk digest"],
    ["<@&42> and <@7>", "@role 42 and @user 7"],
    ["Set one with `/digest schedule`.", "Set one with /digest schedule."],
  ])("WHEN %j is shown in the console THEN it reads %j", (markup, text) => {
    expect(markdownToText(markup, PLAIN)).toBe(text);
  });
});
