import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import type { Quote } from "../../../src/core/quotes/types.ts";

function quoteWith(quotes: readonly Quote[], words: string): Quote {
  const found = quotes.find((quote) => quote.text.includes(words));
  if (found === undefined)
    throw new Error(`no quote with "${words}" among ${JSON.stringify(quotes.map((q) => q.text))}`);
  return found;
}

const speakerOf = (text: string, words: string): string | undefined =>
  quoteWith(extractQuotes(text), words).speaker?.name;

describe("GIVEN a story whose highlight bullets repeat its quotes", () => {
  it("WHEN a bullet quotes the body word for word THEN the quote is reported once, where the body gives it", () => {
    const text = [
      "Harbour talks stall",
      "  \u2022 \u201cWe need more time,\u201d Mayor Ilse Brandt said",
      "Talks on the harbour stalled on Monday.",
      "\u201cWe need more time,\u201d Mayor Ilse Brandt said after the meeting.",
    ].join("\n");
    const quotes = extractQuotes(text).filter((quote) => quote.text.includes("more time"));
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.paragraphIndex).toBe(3);
    expect(quotes[0]?.speaker?.name).toBe("Ilse Brandt");
  });

  it("WHEN the body itself says the same words twice THEN both stay", () => {
    const text = [
      "\u201cNo deal,\u201d Mayor Ilse Brandt said on Monday.",
      "Asked again on Tuesday, Brandt said: \u201cNo deal.\u201d",
    ].join("\n");
    expect(extractQuotes(text).filter((quote) => quote.text.startsWith("No deal"))).toHaveLength(2);
  });
});

describe("GIVEN speakers the story never names", () => {
  it("WHEN a description goes on with 'at'/'for' THEN the whole description is the unnamed speaker", () => {
    const text = "\u201cThe slide will not last,\u201d said a broker at Tanaka Securities Co.";
    const speaker = quoteWith(extractQuotes(text), "slide").speaker;
    expect(speaker?.name).toBe("a broker at Tanaka Securities Co");
    expect(speaker?.type).toBe("unknown");
  });

  it("WHEN the description comes before the verb THEN its tail ends at the verb", () => {
    const text = "\u201cThe timing is odd,\u201d one official at the Ministry of Fisheries said on Friday.";
    expect(speakerOf(text, "timing")).toBe("one official at the Ministry of Fisheries");
  });

  it("WHEN 'he' follows an unnamed spokesman THEN the quote is the spokesman's", () => {
    const text = [
      "Harbour fees will rise next year.",
      "A spokesman for the Widget Makers Association said the rise was expected.",
      "\u201cOur members are ready,\u201d he said.",
    ].join("\n");
    expect(speakerOf(text, "members are ready")).toBe("A spokesman for the Widget Makers Association");
  });

  it("WHEN 'the lawyer' comes back after 'a lawyer with ...' THEN it is that lawyer", () => {
    const text = [
      "\u201cThe rules are unclear,\u201d said a Boston-based lawyer with Hale & Orr.",
      "\u201cClients are worried,\u201d said the lawyer.",
    ].join("\n");
    expect(speakerOf(text, "Clients are worried")).toBe("a Boston-based lawyer with Hale & Orr");
  });

  it("WHEN a second unnamed person is introduced with 'another' THEN it is not the first one", () => {
    const text = [
      "\u201cPrices will fall,\u201d said one trader at Kobe Metals.",
      "\u201cPrices will rise,\u201d said another trader.",
    ].join("\n");
    expect(speakerOf(text, "will rise")).toBe("another trader");
  });
});

describe("GIVEN names with roles the word lists did not know", () => {
  it("WHEN a lower-case role stands between a modifier and the name THEN the name speaks", () => {
    expect(speakerOf("\u201cThe court was slow,\u201d said Swiss teenager Kessler.", "court")).toBe(
      "Kessler",
    );
    expect(speakerOf("\u201cWhat a night,\u201d Radio co-host Mia Lund said.", "night")).toBe("Mia Lund");
  });

  it("WHEN a description after the verb is closed off by a name THEN the name speaks with it as role", () => {
    const text = "\u201cThe market will stay low,\u201d said head of research at Mori Capital, Ken Watanabe.";
    const speaker = quoteWith(extractQuotes(text), "stay low").speaker;
    expect(speaker?.name).toBe("Ken Watanabe");
    expect(speaker?.role).toBe("head of research at Mori Capital");
  });

  it("WHEN a wire dateline opens the sentence THEN the place is not the speaker", () => {
    const text =
      "LISBON, May 3 - President Costa, facing questions over the deal, admitted tonight that, \u201cIt was an error.\u201d";
    expect(speakerOf(text, "an error")).toBe("Costa");
  });

  it("WHEN a participle clause opens the sentence THEN the subject after it speaks", () => {
    const text =
      "Explaining why Sorin's robot rolls, Aiko Tanabe, from Sorin's design lab, said: \u201cWheels are safer.\u201d";
    expect(speakerOf(text, "Wheels")).toBe("Aiko Tanabe");
  });
});

describe("GIVEN texts that speak for a body", () => {
  it("WHEN 'the editorial board' writes THEN the paper named just before speaks", () => {
    const text = [
      "The Mountain League Courier endorsed the mayor on Sunday.",
      "\u201cShe has earned a second term,\u201d the editorial board wrote.",
    ].join("\n");
    expect(speakerOf(text, "second term")).toBe("Mountain League Courier");
  });

  it("WHEN 'the report' follows a named body THEN the body speaks, but a place does not", () => {
    const text = [
      "The Coastal Policy Fund studied ferry fares across Norway.",
      "\u201cFares doubled in a decade,\u201d the report said.",
    ].join("\n");
    expect(speakerOf(text, "Fares doubled")).toBe("Coastal Policy Fund");
    const placeOnly = ["Ferry fares rose across Norway.", "\u201cFares doubled,\u201d the report said."].join(
      "\n",
    );
    expect(speakerOf(placeOnly, "Fares doubled")).toBe("the report");
  });
});

describe("GIVEN a pronoun after things that cannot speak", () => {
  it("WHEN a place or a club name stands nearer than the person THEN 'he' is the person", () => {
    const text = [
      "Coach Luis Ortega watched his side lose again.",
      "The defeat left them behind San Marcos and Dominican Republic in the table.",
      "\u201cWe must improve,\u201d he said.",
    ].join("\n");
    expect(speakerOf(text, "must improve")).toBe("Luis Ortega");
  });
});
