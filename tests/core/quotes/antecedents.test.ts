import { describe, expect, it } from "vitest";
import { speakerOf } from "../../helpers/quotes.ts";

describe("GIVEN a quote brought in by a relative clause", () => {
  it("WHEN 'Name, who joked, “...”' ends a list of names THEN the name before 'who' speaks", () => {
    const text =
      "The gala featured Ann Lee, Bo Ray and Carla Diaz, who joked of the hall, \u201cI have not seen it yet.\u201d";
    expect(speakerOf(text, "not seen it")).toBe("Carla Diaz");
  });

  it("WHEN the sentence's subject is someone else THEN the name before 'who' still speaks", () => {
    const text =
      "On Monday, Mayor Ed Stone won the backing of Tom Hale, who declared in the lobby, \u201cIt is time to unite.\u201d";
    expect(speakerOf(text, "time to unite")).toBe("Tom Hale");
  });
});

describe("GIVEN an article whose writer speaks in its own prose", () => {
  it("WHEN the prose says 'I said' or 'I asked' THEN the article's author speaks", () => {
    const text = [
      "Once, when the subject came up over dinner, I laughed and said, \u201cI never liked that town.\u201d",
      "\u201cWho pays for it?\u201d I asked.",
    ].join("\n");
    expect(speakerOf(text, "never liked")).toBe("the author");
    expect(speakerOf(text, "Who pays")).toBe("the author");
  });

  it("WHEN 'my aunt' is mentioned and then 'she said' THEN the writer's aunt speaks, never the writer", () => {
    const text = [
      "My aunt raised the subject in the car, and I laughed.",
      "\u201cI was teasing,\u201d I said. To which she said, \u201cGood, at least you remember it.\u201d",
    ].join("\n");
    expect(speakerOf(text, "at least you remember")).toBe("the author's aunt");
  });
});

describe("GIVEN a text quoted with its author named in its own noun phrase", () => {
  it("WHEN 'a paper from the left-leaning X Institution' introduces a quote THEN the institution speaks", () => {
    const text = [
      "The Daily Courier ran a piece on the plan last week.",
      "A paper from the left-leaning Harlow Institution had this to say about it: \u201cRich families would gain most.\u201d",
    ].join("\n");
    expect(speakerOf(text, "Rich families")).toBe("Harlow Institution");
  });

  it("WHEN 'a report for A on B by the nonprofit C' is quoted THEN its author C speaks, not A", () => {
    const text =
      "\u201cUtilities will be paid to close their plants,\u201d noted a report for Greenpeace on the energy plan by the environmental nonprofit Klimaforum.";
    expect(speakerOf(text, "Utilities will be paid")).toBe("Klimaforum");
  });

  it("WHEN a later text of the same kind has no author named THEN 'the email' is not the earlier author's", () => {
    const text = [
      "A fundraising email from Nora Blake warned on Tuesday of a tough fight.",
      "The Marsh campaign sent out an email appeal of its own.",
      "\u201cWe need to win the states ahead,\u201d the email said.",
    ].join("\n");
    expect(speakerOf(text, "win the states")).not.toBe("Nora Blake");
  });
});
