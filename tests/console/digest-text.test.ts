import { describe, expect, it } from "vitest";
import { TextDigestPoster } from "../../src/console/digest-text.ts";

describe("GIVEN a digest posted in the console", () => {
  it("WHEN it is written THEN no Discord markup is left in the text", async () => {
    const written: string[] = [];
    const poster = new TextDigestPoster((text) => written.push(text));
    const messages = poster.planMessages([
      {
        title: "News digest",
        description: "**2 stories** for <#console>\n> “We will talk.” — **Vladimir Putin**",
        fields: [{ name: "Read", value: "[Talks resume](https://example.com/a)" }],
        footer: "Newsdesk",
      },
    ]);
    const { messageIds } = await poster.post("console", "console", messages);
    expect(messageIds).toEqual(["console-1"]);
    expect(written).toEqual([
      [
        "News digest",
        "2 stories for this console",
        "“We will talk.” — Vladimir Putin",
        "",
        "Read",
        "Talks resume <https://example.com/a>",
        "",
        "Newsdesk",
      ].join("\n"),
    ]);
  });
});
