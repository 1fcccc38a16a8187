import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import { quoteWith, speakerOf } from "../../helpers/quotes.ts";

describe("GIVEN a body named in full with its short form in brackets", () => {
  const text = [
    "The Harbour Safety Agency (HSA) has asked for new radar equipment.",
    "The HSA estimates the upgrade will cost $4m. \u201cWithout the radar we are working blind,\u201d said an agency statement.",
    "\u201cWe will keep the port open,\u201d the HSA said.",
    "\u201cThe money must come this year,\u201d the Harbour Safety Agency added.",
  ].join("\n\n");

  it("WHEN the article goes on with the short form THEN the body's quotes name it by that form", () => {
    expect(speakerOf(text, "working blind")).toBe("HSA");
    expect(speakerOf(text, "port open")).toBe("HSA");
  });

  it("WHEN a quote names the body in full THEN it is reported in full, as written", () => {
    expect(speakerOf(text, "this year")).toBe("Harbour Safety Agency");
  });

  it("WHEN the body speaks THEN its full name is kept as its role", () => {
    const speaker = quoteWith(extractQuotes(text), "port open").speaker;
    expect(speaker?.type).toBe("organisation");
    expect(speaker?.role).toBe("Harbour Safety Agency");
  });

  it("WHEN the full name has no word that marks a body THEN the initials still make it one, not a person", () => {
    const watch = [
      "Inspectors from Clean Rivers Watch (CRW) visited the estuary in May.",
      "\u201cWe were not consulted,\u201d Clean Rivers Watch said.",
    ].join("\n\n");
    const speaker = quoteWith(extractQuotes(watch), "not consulted").speaker;
    expect(speaker?.name).toBe("Clean Rivers Watch");
    expect(speaker?.type).toBe("organisation");
  });

  it("WHEN the brackets only gloss the name THEN the name is not shortened", () => {
    const glossed = "\u201cRents are too high,\u201d said the Vox Civium (Voice of the Citizens) column.";
    expect(speakerOf(glossed, "Rents")).not.toBe("Voice of the Citizens");
  });

  it("WHEN a person leads the body named with its short form THEN the person speaks, not the body", () => {
    const led = [
      "United Dockers Federation (UDF) president Ilse Brandt was cheered by delegates on Monday.",
      "\u201cWe are ready for a long dispute,\u201d she said.",
    ].join("\n\n");
    expect(speakerOf(led, "long dispute")).toBe("Ilse Brandt");
  });
});

describe("GIVEN a person whose role starts with a body's or a country's possessive", () => {
  it("WHEN 'said Harbourlink's principal analyst Ann Lee' closes the quote THEN Ann Lee speaks, not the body", () => {
    const text = "\u201cThe market will double,\u201d said Harbourlink's principal analyst Ann Lee.";
    const speaker = quoteWith(extractQuotes(text), "double").speaker;
    expect(speaker?.name).toBe("Ann Lee");
    expect(speaker?.role).toBe("Harbourlink's principal analyst");
  });

  it("WHEN a country's minister is named after the quote THEN the minister speaks, not the country", () => {
    const text = "\u201cTrade could double,\u201d Norway's federal trade Minister Ola Berg said.";
    expect(speakerOf(text, "Trade could double")).toBe("Ola Berg");
  });
});

describe("GIVEN a name glossed in brackets", () => {
  it("WHEN 'the column' speaks after 'the Vox Civium (Voice of the Citizens) column' THEN the named column speaks, not the gloss", () => {
    const text = [
      "A popular column in the national Kaiyo newspaper attacked the remark.",
      "\u201cThe remark was rough around the edges,\u201d said the Vox Civium (Voice of the Citizens) column.",
      "\u201cIt was unprecedented in its insensitivity,\u201d the column noted.",
    ].join("\n\n");
    expect(speakerOf(text, "unprecedented")).toBe("Vox Civium");
  });
});

describe("GIVEN a company named in full once and by its first word after", () => {
  it("WHEN 'Kestrel said' follows 'Kestrel Marine Corp' THEN the company speaks by its full name", () => {
    const text = [
      "Kestrel Marine Corp raised its offer for the harbour on Monday.",
      "\u201cThe price is fair,\u201d Kestrel said.",
    ].join("\n\n");
    expect(speakerOf(text, "price is fair")).toBe("Kestrel Marine Corp");
  });

  it("WHEN the first word is a place THEN the place is not taken for the company", () => {
    const text = [
      "Norway Shipping Corp raised its offer on Monday.",
      "\u201cWe will not sell the fleet,\u201d Norway said.",
    ].join("\n\n");
    expect(speakerOf(text, "not sell")).toBe("Norway");
  });
});
