import { describe, expect, it } from "vitest";
import { speakerOf } from "../../helpers/quotes.ts";

describe("GIVEN a pronoun whose antecedent the sentence itself puts first", () => {
  it("WHEN 'As for X, he said' follows another man's quote THEN X speaks, not the earlier speaker", () => {
    const text = [
      "Tom Brack and Senator Tim Cole spoke at the rally in Denver.",
      "Cole warned against a split convention. \u201cThat would be a disaster,\u201d the Ohio senator said.",
      "As for Brack, he said he is not worried. \u201cI will have the votes,\u201d he said.",
    ].join("\n");
    expect(speakerOf(text, "have the votes")).toBe("Tom Brack");
  });
});

describe("GIVEN a person known by a given name alone", () => {
  it("WHEN 'Melanie thought …' comes before 'she said' THEN she is Melanie, not a woman named earlier", () => {
    const text = [
      "The story, by reporter Stephanie Marsh, follows a woman in Ohio through the campaign.",
      "Melanie thought the whole thing was a joke. She was angry, sure. But she was not ill.",
      "\u201cIt never crossed my mind,\u201d she said months later.",
    ].join("\n");
    expect(speakerOf(text, "never crossed")).toBe("Melanie");
  });

  it("WHEN the given name is a man's THEN a later 'she' skips him", () => {
    const text = [
      "Reporter Dana Reyes was in the hall when the vote came.",
      "Kevin, a driver, slept through it all.",
      "\u201cWe won,\u201d she said.",
    ].join("\n");
    expect(speakerOf(text, "We won")).toBe("Dana Reyes");
  });

  it("WHEN the given name modifies a noun after 'the' THEN it names no one: 'the Oscar ceremony'", () => {
    const text = [
      "Critic Dave Moss said there were few upsets.",
      "By the time the Oscar ceremony comes, \u201cthe winners are known,\u201d he said.",
    ].join("\n");
    expect(speakerOf(text, "winners are known")).toBe("Dave Moss");
  });
});

describe("GIVEN a relative named by a given name in apposition to a family tie", () => {
  it("WHEN 'Varga's husband, Bill, …' is followed by 'he said' THEN Bill Varga speaks, not another man", () => {
    const text = [
      "Senator Ann Varga and Senator Tom Brack campaigned on Sunday.",
      "Varga's husband, Bill, hurled insults at Brack in a speech. But the former governor showed restraint on Monday.",
      "\u201cI have to be careful what I say,\u201d he said.",
    ].join("\n");
    expect(speakerOf(text, "careful what I say")).toBe("Bill Varga");
  });
});

describe("GIVEN a surname that only ever opens a clause", () => {
  it("WHEN it opens a sentence and later opens '“...,” X stated' THEN it names X, and 'he added' is X", () => {
    const text = [
      "\u201cIt is a mess,\u201d said Donald Trump on Monday.",
      "Obama also addressed Trump's concerns last Thursday, stating that the states run the vote.",
      "\u201cWe do take seriously our duties,\u201d he added.",
      "\u201cWe will tell them,\u201d Obama stated.",
    ].join("\n");
    expect(speakerOf(text, "take seriously")).toBe("Obama");
  });
});

describe("GIVEN 'they' or 'it' in a speech frame after a body and a place", () => {
  it("WHEN the place is named after the council THEN the council speaks, not the place", () => {
    const text = [
      "The Harbour Council met on Friday after the flood in Westland.",
      "Members said the town would be rebuilt with aid from Denmark.",
      "\u201cWe will work on this at once,\u201d they said.",
    ].join("\n");
    expect(speakerOf(text, "work on this")).toBe("Harbour Council");
  });
});

describe("GIVEN a colon frame after a sentence of several clauses", () => {
  it("WHEN '…, that I had to change my answer: “...”' THEN the subject of the clause before the colon speaks", () => {
    const text = [
      "My aunt raised the subject in the car, and I laughed.",
      "She became so upset, and started driving so badly, that I had to change my answer: \u201cOf course I do. I was joking.\u201d",
    ].join("\n");
    expect(speakerOf(text, "I was joking")).toBe("the author");
  });

  it("WHEN the clause before the colon has no subject of its own THEN the sentence's subject still speaks", () => {
    const text = "Senator Tom Brack, the chairman, had a blunt message: \u201cWe are not moving.\u201d";
    expect(speakerOf(text, "not moving")).toBe("Tom Brack");
  });
});

describe("GIVEN a colon frame after a clause with a speech verb of someone else", () => {
  it("WHEN 'When X suggested …, Y fired back: “...”' THEN Y speaks, not X", () => {
    const text =
      "When Tom Brack suggested that the city would sue the state, Tim Cole fired back forcefully: \u201cIf they sue us, they will lose.\u201d";
    expect(speakerOf(text, "they will lose")).toBe("Tim Cole");
  });
});

describe("GIVEN a woman whose role is written 'chairman'", () => {
  it("WHEN 'party chairman X urged …' is followed by 'She said:' THEN she is X", () => {
    const text = [
      "Party chairman Morwenna Tregarthen urged the two members to resign in a letter.",
      "She said: \u201cWe could take legal action against you.\u201d",
    ].join("\n");
    expect(speakerOf(text, "legal action")).toBe("Morwenna Tregarthen");
  });
});

describe("GIVEN a quote closed by 'he asserted'", () => {
  it("WHEN the sentence before names him without a speech verb THEN 'asserted' frames the quote as his", () => {
    const text = [
      "Senator Tom Brack is staying in the race.",
      "\u201cLet me be clear: my rival is unfit for office,\u201d he asserted to reporters on Tuesday.",
    ].join("\n");
    expect(speakerOf(text, "unfit for office")).toBe("Tom Brack");
  });
});

describe("GIVEN a block quote whose straight marks never close, amid curly quotes", () => {
  it("WHEN the block names a woman and 'she said' follows THEN she is that woman, not the reporter", () => {
    const text = [
      "Reporter Jane Holt followed a voter for a month. Holt writes:",
      '"Ana Ruiz thought the ruling was unfair. She was angry, sure.',
      "\u201cI will appeal,\u201d she said.",
    ].join("\n");
    expect(speakerOf(text, "will appeal")).toBe("Ana Ruiz");
  });
});

describe("GIVEN 'they' after two people named together", () => {
  const pair = [
    "Critics of the harbour plan, like Senators Ann Lee, Republican of Ohio, and Bob Stone, Democrat of Utah, want it changed.",
    "They sent a letter on Thursday to the governor.",
  ];

  it("WHEN no body is in reach THEN the first of the pair speaks, not a place named beside them", () => {
    const text = [
      ...pair,
      "\u201cThe plan is plagued by waste and should be dropped,\u201d they wrote.",
    ].join("\n\n");
    expect(speakerOf(text, "plagued by waste")).toBe("Ann Lee");
  });

  it("WHEN a body is named after the pair THEN the body speaks", () => {
    const text = [
      ...pair,
      "The Harbour Council answered the letter on Friday.",
      "\u201cThe plan stays as it is,\u201d they said.",
    ].join("\n\n");
    expect(speakerOf(text, "stays as it is")).toBe("Harbour Council");
  });
});

describe("GIVEN an aside in brackets between a woman's story and 'she said'", () => {
  it("WHEN the aside names a man whose gender the given name does not tell THEN she is still the woman", () => {
    const text = [
      "Reporter Anna Kowal covered the docks for a decade before the paper sent her to the capital.",
      "(Listen to our harbour podcast with Corwin Ashby.)",
      "\u201cI learned the trade on the night shift,\u201d she said.",
    ].join("\n\n");
    expect(speakerOf(text, "night shift")).toBe("Anna Kowal");
  });
});

describe("GIVEN a sentence whose speaker quotes a fragment of someone else's words", () => {
  it("WHEN 'he said' follows THEN he is the sentence's speaker, not the one the fragment came from", () => {
    const text = [
      "\u201cThey are worried,\u201d Mayor Tom Brack said at the harbour.",
      "He added that the risk had grown \u201ca notch\u201d because of Mr. Dan Kowal's remarks, which have included the suggestion that the port was \u201ca ruin.\u201d",
      "\u201cHis talk has no limits,\u201d he said.",
    ].join("\n\n");
    expect(speakerOf(text, "no limits")).toBe("Tom Brack");
  });
});
