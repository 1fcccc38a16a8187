import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import { quoteWith, speakerOf } from "../../helpers/quotes.ts";

describe("GIVEN a quote in a paragraph of its own, signed in the next paragraph", () => {
  const text = [
    "We checked the claims made on stage.",
    "\u201cTaxes are going up for everyone.\u201d",
    "- Anna Kowalski.",
    "The claim is wrong: taxes fell last year.",
    "\u201cWages fell in every county.\u201d",
    "\u2014 Kowalski",
  ].join("\n");

  it("WHEN the signature is a dash and a name THEN the signed name is the speaker", () => {
    expect(speakerOf(text, "Taxes are going up")).toBe("Anna Kowalski");
    expect(speakerOf(text, "Wages fell")).toBe("Anna Kowalski");
  });

  it("WHEN the next paragraph is a dash and more prose THEN it signs nothing", () => {
    const prose = ["\u201cTaxes are going up.\u201d", "- Anna Kowalski said so twice.", "She was wrong."];
    expect(quoteWith(extractQuotes(prose.join("\n")), "Taxes").speaker).toBeNull();
  });

  it("WHEN the quote shares its paragraph with prose THEN the next paragraph's dash signs nothing", () => {
    const prose = ["The claim, \u201cTaxes are going up,\u201d was made twice.", "- Anna Kowalski."];
    expect(extractQuotes(prose.join("\n")).every((quote) => quote.speaker === null)).toBe(true);
  });
});

describe("GIVEN a heading that names the writer a quote is taken from", () => {
  it("WHEN a dash and a name stand before the colon THEN the name is the speaker", () => {
    const text =
      "POLLS NOT WRONG, JUST TOO EARLY - Carl Moss: \u201cKeep calling voters until the end.\u201d [Site.]";
    expect(speakerOf(text, "Keep calling")).toBe("Carl Moss");
  });

  it("WHEN two names share the label THEN the last of them speaks", () => {
    const text = "Not wrong, just early - Ann Lee and Bo Ray: \u201cThe polls closed too soon.\u201d";
    expect(speakerOf(text, "closed too soon")).toBe("Bo Ray");
  });

  it("WHEN the label is 'More from' a name THEN that name speaks", () => {
    const text = [
      "TURNOUT - Jeffrey Nolan: \u201cTurnout was high.\u201d",
      "Lisa Ward said turnout was low in the cities.",
      "Why it matters - more from Nolan: \u201cThe map is shifting.\u201d",
    ].join("\n");
    expect(speakerOf(text, "map is shifting")).toBe("Jeffrey Nolan");
  });
});

describe("GIVEN a description after a quote that the sentence's own subject brought in", () => {
  const earlier = [
    "Sen. Ray Holt of Ohio spoke first.",
    "He said the bill was weak.",
    "The vote is next week.",
    "More talks are planned.",
  ];

  it("WHEN the subject has no known role and the role was someone's sentences before THEN the subject speaks", () => {
    const text = [
      ...earlier,
      "Lena Ortiz defends her record in an ad running on local TV: \u201cWe kept every promise,\u201d the senator says.",
    ].join("\n");
    expect(speakerOf(text, "kept every promise")).toBe("Lena Ortiz");
  });

  it("WHEN the quote sits inside a reported clause about the subject THEN the role's holder still speaks", () => {
    const text = [
      ...earlier,
      "Ortiz liked to promise \u201cbalanced books\u201d in every speech, the senator said on Friday.",
    ].join("\n");
    expect(speakerOf(text, "balanced books")).toBe("Ray Holt");
  });

  it("WHEN the subject holds another role THEN the role's holder speaks", () => {
    const text = [
      ...earlier,
      "Mayor Lena Ortiz defends her record in an ad: \u201cWe kept every promise,\u201d the senator says.",
    ].join("\n");
    expect(speakerOf(text, "kept every promise")).toBe("Ray Holt");
  });
});

describe("GIVEN texts that speak for whoever they are from", () => {
  it("WHEN 'the note' follows 'a note from' a named person THEN the note's author speaks", () => {
    const text =
      "The writer Ann Lee keeps a framed, handwritten note from Tom Baxter on her wall. \u201cYou are a total loser!\u201d the note says.";
    expect(speakerOf(text, "total loser")).toBe("Tom Baxter");
  });

  it("WHEN the letter's senders are not named THEN the letter itself speaks", () => {
    const text =
      "A group of parents sent a letter to the board. \u201cWe want our schools back,\u201d the letter reads.";
    expect(speakerOf(text, "schools back")).toBe("the letter");
  });

  it("WHEN a statement is called the agency's THEN the agency named before speaks", () => {
    const text = [
      "The Harbour Safety Agency has asked for more money.",
      "It needs $40m.",
      "So far it has $11m.",
      "The rest is missing.",
      "\u201cFailure to replace the radar will carry large risks,\u201d said an agency statement.",
    ].join("\n");
    expect(speakerOf(text, "large risks")).toBe("Harbour Safety Agency");
  });

  it("WHEN 'the journalist' comes back to 'a journalist' THEN it is that journalist", () => {
    const text = [
      "One Dutch journalist said the talks were slow.",
      "\u201cThere is a review going on,\u201d the journalist said.",
    ].join("\n");
    expect(speakerOf(text, "review going on")).toBe("One Dutch journalist");
  });
});

describe("GIVEN bodies whose names go on with 'of', 'on' or 'for'", () => {
  it("WHEN the body brings in a quote with a colon THEN its whole name speaks", () => {
    const text =
      "As if to end it, the Ohio Board of Elections was firm in its findings: \u201cFurther discussion is unnecessary.\u201d";
    expect(speakerOf(text, "Further discussion")).toBe("Ohio Board of Elections");
  });

  it("WHEN the body speaks after the quote THEN its whole name speaks", () => {
    expect(speakerOf("\u201cWe will appeal,\u201d the Commission on Fair Debates said.", "appeal")).toBe(
      "Commission on Fair Debates",
    );
  });

  it("WHEN 'on' is followed by a day THEN the day is not part of the name", () => {
    expect(speakerOf("\u201cWe will appeal,\u201d the Electoral Commission on Monday said.", "appeal")).toBe(
      "Electoral Commission",
    );
  });
});

describe("GIVEN a name that a description before it introduces, with no comma", () => {
  it("WHEN the name stands right before the verb THEN the name speaks", () => {
    const text =
      "\u201cJobs vanished,\u201d the Ohio-based independent think-tank The Carver Institution says.";
    expect(speakerOf(text, "Jobs vanished")).toBe("Carver Institution");
  });

  it("WHEN the name is the body the description works for THEN the description speaks", () => {
    expect(speakerOf("\u201cWe are ready,\u201d a spokesman for Acme Corp said.", "ready")).toBe(
      "a spokesman for Acme Corp",
    );
  });
});

describe("GIVEN a headline in capitals", () => {
  it("WHEN it ends in a speech verb THEN the verb is no one's name", () => {
    const text = [
      "PORT STILL OPEN, HARBOUR OFFICIAL SAYS",
      "The port stays open, a senior harbour official said.",
      "\u201cShips are moving,\u201d the harbour official told reporters.",
    ].join("\n");
    expect(speakerOf(text, "Ships are moving")).not.toBe("Says");
  });
});

describe("GIVEN an unnamed speaker described by a 'who' clause", () => {
  it("WHEN the clause tells who they are THEN it is part of the speaker's description", () => {
    const text = "\u201cThe rules are unclear,\u201d said a Boston lawyer who specializes in shipping cases.";
    expect(speakerOf(text, "rules are unclear")).toBe("a Boston lawyer who specializes in shipping cases");
  });

  it("WHEN the clause only tells why they go unnamed THEN it is left out", () => {
    const text = "\u201cTalks are stuck,\u201d said a harbour official who spoke on condition of anonymity.";
    expect(speakerOf(text, "Talks are stuck")).toBe("a harbour official");
  });
});

describe("GIVEN a sentence of reported speech that a frame closes after a comma", () => {
  it("WHEN the reported words hold a noun that looks like a speech verb THEN 'he' next goes on with the frame's speaker", () => {
    const text = [
      "Mayor Ilse Brandt won the hall with speeches and promises to fix the port, Tomas Richter said.",
      "\u201cShe was very sharp,\u201d he said.",
    ].join("\n\n");
    expect(speakerOf(text, "very sharp")).toBe("Tomas Richter");
  });
});

describe("GIVEN a text that a speaker sends out 'saying' a quote", () => {
  it("WHEN the text is sent to someone THEN the sender speaks, not those it was sent to", () => {
    const text =
      "Late on Tuesday, the Baker campaign sent out a text message to donors saying: \u201cWe won the state tonight.\u201d";
    expect(speakerOf(text, "won the state")).toBe("Baker campaign");
  });

  it("WHEN a body puts out a statement THEN the body speaks for it", () => {
    const text = [
      "Senator Tom Baker opposed the plan.",
      "His office put out a statement saying the state \u201ccannot check every file in time.\u201d",
    ].join(" ");
    expect(speakerOf(text, "check every file")).toBe("His office");
  });
});

describe("GIVEN a story about what a newspaper wrote, calling it 'the newspaper' after naming it", () => {
  it("WHEN a body is named between THEN 'the newspaper' is still the paper", () => {
    const text = [
      "The Harbour Advocate urged the mayor to visit the docks.",
      "The paper said the Port Commission had let the docks decay.",
      "\u201cThe docks need help now,\u201d the newspaper admitted.",
    ].join("\n\n");
    expect(speakerOf(text, "docks need help")).toBe("Harbour Advocate");
  });

  it("WHEN the paper was named many sentences before THEN 'the newspaper' still finds it", () => {
    const text = [
      "The Valley Courier ran an editorial on Friday.",
      "It was about the docks.",
      "The docks flooded in May.",
      "Boats sank there.",
      "Nobody came to help.",
      "The mayor stayed away.",
      "\u201cThe mayor should come,\u201d the newspaper wrote.",
    ].join("\n\n");
    expect(speakerOf(text, "mayor should come")).toBe("Valley Courier");
  });
});

describe("GIVEN a definite description whose role only someone named long before holds", () => {
  it("WHEN the sentence before opens with a person of no known role THEN the description is that person", () => {
    const text = [
      "Sen. Paul Ellis spoke in the morning.",
      "Voters were cold.",
      "The roads were icy.",
      "Tom Varga stopped by his office in the afternoon.",
      "The senator said his campaign was \u201cclosing fast.\u201d",
      "\u201cIt is big,\u201d he said.",
    ].join(" ");
    expect(speakerOf(text, "closing fast")).toBe("Tom Varga");
    expect(speakerOf(text, "It is big")).toBe("Tom Varga");
  });

  it("WHEN the role is tied to a named body THEN the one who opens the sentence before is not taken", () => {
    const text = [
      "A Kestrel Systems spokesman spoke in the morning.",
      "Prices fell.",
      "Markets were calm.",
      "Ann Doyle bought shares in the afternoon.",
      "\u201cWe are fine,\u201d the Kestrel Systems spokesman said.",
    ].join(" ");
    expect(speakerOf(text, "We are fine")).not.toBe("Ann Doyle");
  });
});
