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
