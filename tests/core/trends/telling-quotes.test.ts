import { describe, expect, it } from "vitest";
import type { Quote } from "../../../src/core/quotes/types.ts";
import { tellingQuotes } from "../../../src/core/trends/telling-quotes.ts";

function quote(text: string, kind: Quote["kind"] = "direct"): Quote {
  return {
    text,
    start: 0,
    end: text.length,
    paragraphIndex: 0,
    kind,
    speaker: { name: "Vladimir Putin", mention: "Putin", type: "person" },
    context: text,
    segments: [{ start: 0, end: text.length, paragraphIndex: 0, text }],
  };
}

const said = (text: string, title: string, kind: Quote["kind"] = "direct") => ({
  quote: quote(text, kind),
  title,
});

describe("tellingQuotes", () => {
  it("GIVEN a day's quotes THEN whole sentences about the day's story come before asides and fragments", () => {
    const day = [
      said("Thank you", "Putin meets Witkoff on peace plan"),
      said("useful", "Putin meets Witkoff on peace plan", "partial"),
      said(
        "The peace plan has points we cannot accept, and others we can discuss",
        "Putin meets Witkoff on peace plan",
      ),
      said(
        "The weather in Moscow has been very cold for the time of year",
        "Putin meets Witkoff on peace plan",
      ),
      said(
        "We discussed every point of the peace plan with the American envoys",
        "Kremlin on peace plan talks",
      ),
    ];
    const best = tellingQuotes(day).map(({ quote: { text } }) => text);
    expect(best).toEqual([
      "The peace plan has points we cannot accept, and others we can discuss",
      "We discussed every point of the peace plan with the American envoys",
      "The weather in Moscow has been very cold for the time of year",
    ]);
  });

  it("GIVEN the same words quoted by several articles THEN they are shown once", () => {
    const words = "We will continue the talks on the peace plan next week";
    const day = [
      said(words, "Talks go on"),
      said(`${words}.`, "Talks to continue"),
      said("The plan is a basis", "Talks go on"),
    ];
    expect(tellingQuotes(day).map(({ title }) => title)).toEqual(["Talks go on", "Talks go on"]);
  });
});
