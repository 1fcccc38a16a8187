import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import { quoteWith, speakerOf } from "../../helpers/quotes.ts";

describe("GIVEN a speaker introduced with two roles joined by 'and'", () => {
  it("WHEN the roles come before the name and the verb THEN the person is the speaker", () => {
    const text = "\u201cResults were solid,\u201d Kestrel chairman and chief executive Ana Ruiz said.";
    expect(speakerOf(text, "Results were solid")).toBe("Ana Ruiz");
  });

  it("WHEN the roles follow the verb THEN the person is the speaker", () => {
    const text = "\u201cThe audit is over,\u201d said Dunmore president and chief executive Piet Kors.";
    expect(speakerOf(text, "audit is over")).toBe("Piet Kors");
  });

  it("WHEN 'and' joins two people by honorific THEN the first is not given the second's name", () => {
    const text = [
      "\u201cTurnout matters,\u201d said Ed King, a city councillor.",
      "Mr. King and Mr. Holt will both speak on Monday.",
      "\u201cWe want enthusiasm,\u201d Mr. King added.",
    ].join("\n");
    expect(speakerOf(text, "We want enthusiasm")).toBe("Ed King");
  });
});

describe("GIVEN a description made of capitals and a role", () => {
  it("WHEN 'the Wisconsin Democrat' speaks after a senator is named THEN it is that senator", () => {
    const text = [
      "Committee Chairman Hal Brenner promised work on a long-term plan.",
      "\u201cThis bill is the first step,\u201d the Wisconsin Democrat said.",
    ].join("\n");
    expect(speakerOf(text, "first step")).toBe("Hal Brenner");
  });

  it("WHEN a director is described by his films THEN the films are no part of the speaker", () => {
    const text =
      "\u201cEurope sees me differently,\u201d said the director behind Harbour Lights, Stone Bay and Dusk.";
    expect(speakerOf(text, "Europe sees")).not.toContain("Harbour");
  });
});

describe("GIVEN names with letters after them or a wire ticker", () => {
  it("WHEN a member's seat follows the name THEN the speaker is the name alone", () => {
    const text = "The finance minister, Tam Brodie MSP, said: \u201cWe announced more money.\u201d";
    expect(speakerOf(text, "announced more money")).toBe("Tam Brodie");
  });

  it("WHEN a company's ticker follows its name THEN the ticker is neither the name nor a later 'it'", () => {
    const text = [
      "SYDNEY, March 13 - The Harbour Shipping Co Ltd <HSCO.S> said it was looking abroad.",
      "\u201cThe U.K. offers better value,\u201d it said in a statement.",
    ].join("\n\n");
    const speaker = quoteWith(extractQuotes(text), "better value").speaker;
    expect(speaker?.name).toBe("Harbour Shipping Co Ltd");
  });

  it("WHEN a Portuguese name has 'do' in it THEN the whole name speaks", () => {
    const text = "The Jornal do Recife newspaper said: \u201cThe strike carries an alarming cost.\u201d";
    expect(speakerOf(text, "alarming cost")).toBe("Jornal do Recife");
  });
});

describe("GIVEN someone known only by what they do", () => {
  it("WHEN 'a striking seaman' speaks and then 'he' THEN both quotes are the seaman's", () => {
    const text = [
      "Shipowners offered a raise, which the seamen rejected.",
      "\u201cThe port is not working,\u201d a striking seaman told reporters.",
      "\u201cThe marines are doing their best,\u201d he said.",
    ].join("\n\n");
    expect(speakerOf(text, "port is not working")).toBe("a striking seaman");
    expect(speakerOf(text, "marines are doing")).toBe("a striking seaman");
  });

  it("WHEN 'a spokesman for a smaller refiner' speaks THEN the whole description is the speaker", () => {
    const text = [
      "They said deregulation was vital.",
      "A spokesman for a smaller refiner said, \u201cWe will have a hard time surviving.\u201d",
    ].join("\n\n");
    expect(speakerOf(text, "hard time")).toBe("A spokesman for a smaller refiner");
  });

  it("WHEN the words are 'a newspaper' THEN the paper is not taken for a person", () => {
    const text = "\u201cIt was a bad week,\u201d a newspaper said.";
    expect(quoteWith(extractQuotes(text), "bad week").speaker?.type).not.toBe("person");
  });
});

describe("GIVEN a 'he' whose quote names someone", () => {
  it("WHEN the quote speaks of a player by his given name THEN the player is not its speaker", () => {
    const text = [
      "Meanwhile, coach Dan Morrow rapped skipper Olle Berg for his comments.",
      "\u201cI've had more than a quiet word with Olle,\u201d he told the club's website.",
    ].join("\n");
    expect(speakerOf(text, "quiet word")).toBe("Dan Morrow");
  });

  it("WHEN the speaker's own name only qualifies a noun THEN he still speaks", () => {
    const text = [
      "Candidate Rex Tolland took to the internet again.",
      "\u201cThe thugs attacked peaceful Tolland supporters,\u201d he wrote.",
    ].join("\n");
    expect(speakerOf(text, "thugs attacked")).toBe("Rex Tolland");
  });

  it("WHEN the quote agrees with the one who spoke just before THEN it is the other party's", () => {
    const text = [
      "Candidate Rex Tolland met military leaders on Monday.",
      "One questioner claimed that \u201cpolitical correctness\u201d was hurting the forces.",
      "\u201cYou're right, we have a politically correct military,\u201d he said.",
    ].join("\n");
    expect(speakerOf(text, "You're right")).toBe("Rex Tolland");
  });
});

describe("GIVEN two people who share a surname", () => {
  it("WHEN 'Mr.' is used and only the wife is named in full THEN his words are not hers", () => {
    const text = [
      "The campaign will use Mr. Obari and his wife, Mary Obari, in Ohio.",
      "\u201cWe will go,\u201d Mr. Obari said.",
      "\u201cI agree with him,\u201d Mrs. Obari said.",
    ].join("\n");
    expect(speakerOf(text, "We will go")).toBe("Obari");
    expect(speakerOf(text, "agree with him")).toBe("Mary Obari");
  });
});

describe("GIVEN descriptions that bring someone in or point back", () => {
  it("WHEN 'one diplomat' speaks after a minister is named THEN it is an unnamed diplomat, not the minister", () => {
    const text = [
      "Prime Minister Ivo Markan announced the tax plan on Monday.",
      "\u201cIt may be anti-inflationary,\u201d one diplomat said.",
    ].join("\n\n");
    expect(speakerOf(text, "anti-inflationary")).toBe("one diplomat");
  });

  it("WHEN 'the company' speaks after a name ending in Co THEN it is that company", () => {
    const text = [
      "NEW YORK, April 9 - Kestrel Marine Co said March sales rose.",
      "\u201cAs anticipated, sales were lackluster,\u201d the company said in a statement.",
    ].join("\n\n");
    expect(speakerOf(text, "lackluster")).toBe("Kestrel Marine Co");
  });

  it("WHEN 'the Foreign Secretary' speaks and a shadow one is named too THEN it is the minister himself", () => {
    const text = [
      "Shadow foreign secretary Hal Brook attacked Foreign Secretary Tom Reed on Monday.",
      "The Foreign Secretary told the BBC: \u201cI was making an observation.\u201d",
    ].join("\n");
    expect(speakerOf(text, "making an observation")).toBe("Tom Reed");
  });

  it("WHEN a role has an 'and' of its own words or a person noun before the name THEN the name speaks", () => {
    const text = [
      "\u201cIt is the perfect way,\u201d Tunebox music and marketing manager Sam Gale said.",
      "\u201cIt is incredible,\u201d said Florida state archivist Jo Norland.",
    ].join("\n");
    expect(speakerOf(text, "perfect way")).toBe("Sam Gale");
    expect(speakerOf(text, "incredible")).toBe("Jo Norland");
  });

  it("WHEN 'a senior Senate source' speaks in prose and then 'he' in quotes THEN the quote is the source's", () => {
    const text = [
      "A senior Senate source told Reuters he believes the vote was planned.",
      "\u201cThey want the others to take the heat,\u201d he said.",
    ].join("\n\n");
    expect(speakerOf(text, "take the heat")).toBe("A senior Senate source");
  });

  it("WHEN 'one reviewer in a magazine' speaks THEN the reviewer is the speaker, not the magazine", () => {
    expect(speakerOf("\u201cIt drags,\u201d one reviewer in Rolling Stone magazine said.", "drags")).toBe(
      "one reviewer",
    );
  });

  it("WHEN 'a month later' opens a sentence THEN it is nobody", () => {
    const text = "A month later, he said \u201cthe Hispanics\u201d love him.";
    expect(extractQuotes(text).map((quote) => quote.speaker?.name)).not.toContain("A month later");
  });
});

describe("GIVEN a given name borne by men and women", () => {
  it("WHEN 'she said' follows a magistrate called Lee THEN it is the magistrate", () => {
    const text = [
      "\u201cShe respects that,\u201d said the actor's publicist Wendy Dale.",
      "Magistrate Lee Gorton, who issued the order, said she understood the photographers' job.",
      "\u201cIt has gone beyond that,\u201d she said.",
    ].join("\n");
    expect(speakerOf(text, "gone beyond")).toBe("Lee Gorton");
  });
});

describe("GIVEN wire stories about companies", () => {
  it("WHEN a company is named again by a shorter name THEN it is that company", () => {
    const text = [
      "DETROIT, March 9 - Lakeside Motors Corp said it is studying a merger.",
      "Lakeside Motors said: \u201cWe are studying the proposal.\u201d",
    ].join("\n\n");
    expect(speakerOf(text, "studying the proposal")).toBe("Lakeside Motors Corp");
  });

  it("WHEN a spokesman's company has its ticker after its name THEN the spokesman speaks, without the ticker", () => {
    expect(speakerOf("\u201cNo comment,\u201d a Hitachi Ltd <HIT.T> spokesman said.", "No comment")).toBe(
      "a Hitachi Ltd spokesman",
    );
  });

  it("WHEN a named person is described in apposition with 'a' THEN the person speaks, not an unnamed one", () => {
    const text =
      "But Robin Crane, a trade specialist at the Harbour Institute, said \u201ca shot across the bow can hurt us.\u201d";
    expect(speakerOf(text, "shot across")).toBe("Robin Crane");
  });
});
