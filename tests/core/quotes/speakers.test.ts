import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import { quoteWith, speakerOf } from "../../helpers/quotes.ts";

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

describe("GIVEN bodies that belong to someone", () => {
  it("WHEN a country's ministry speaks THEN the speaker is the ministry, not the country", () => {
    const text = [
      "Talks with Freedonia stalled on Monday.",
      "\u201cWe will not accept this,\u201d Freedonia\u2019s foreign ministry said.",
    ].join("\n");
    expect(speakerOf(text, "not accept")).toBe("Freedonia\u2019s foreign ministry");
  });

  it("WHEN 'the X campaign' is quoted THEN the campaign speaks, not X", () => {
    const text = [
      "Senator Ada Harlan will speak on Monday.",
      "According to the Harlan campaign, \u201cThe speech will be delivered at noon.\u201d",
    ].join("\n");
    expect(speakerOf(text, "delivered at noon")).toBe("Harlan campaign");
  });

  it("WHEN 'the email' follows a person's campaign sending one THEN the email speaks for the campaign", () => {
    const text = [
      "Turnout was low on Tuesday, and Mayor Dana Okafor conceded the count was close.",
      "Later, Mayor Dana Okafor's campaign sent out an email appeal.",
      "\u201cWe need everyone to step up,\u201d the email said.",
    ].join("\n");
    expect(speakerOf(text, "step up")).toBe("Mayor Dana Okafor's campaign");
  });
});

describe("GIVEN a paper that passes on someone's words", () => {
  it("WHEN the paper 'reported, quoting' a source THEN the source speaks, and goes on speaking", () => {
    const text = [
      "The party chairman resigned on Monday.",
      "\u201cIt came to a head,\u201d the Ledger reported, quoting a senior party official. \u201cThey wanted one style.\u201d",
    ].join("\n");
    expect(speakerOf(text, "came to a head")).toBe("a senior party official");
    expect(speakerOf(text, "one style")).toBe("a senior party official");
  });

  it("WHEN 'the editorial', 'the newspaper' and 'it' follow a paper named with 'the' THEN they are the paper", () => {
    const text = [
      "That did not sit well with the editors of the Beacon, who wrote a Friday editorial.",
      "\u201cShe should come and see,\u201d the editorial read.",
      "\u201cThe county is small,\u201d the newspaper admitted. \u201cBut it is in crisis,\u201d it added.",
    ].join("\n");
    expect(speakerOf(text, "come and see")).toBe("Beacon");
    expect(speakerOf(text, "county is small")).toBe("Beacon");
    expect(speakerOf(text, "in crisis")).toBe("Beacon");
  });

  it("WHEN someone 'was quoted in the X newspaper saying' THEN that person speaks", () => {
    const text = [
      "Councillor Tom Varga stood down on Monday.",
      "Mr Varga was quoted in the Herald newspaper saying: \u201cWe plan a period of change.\u201d",
    ].join("\n");
    expect(speakerOf(text, "period of change")).toBe("Tom Varga");
  });
});

describe("GIVEN a new speaker in a sentence or a frame", () => {
  it("WHEN a second speaker answers in the same sentence THEN the second quote is theirs", () => {
    const text = [
      "On Monday, Ivo Marlow met Lena Kessing.",
      "\u201cThe talks were useful,\u201d Marlow added, before Kessing answered: \u201cNothing was agreed.\u201d",
    ].join("\n");
    expect(speakerOf(text, "talks were useful")).toBe("Ivo Marlow");
    expect(speakerOf(text, "Nothing was agreed")).toBe("Lena Kessing");
  });

  it("WHEN a person introduced with a role 'said X continued ...' THEN a following 'he said' is that person", () => {
    const text = [
      "Governor Paul Brandt spoke on Friday, and Brandt attacked the party.",
      "Mark Ostrow, the chairman of the county party, said Brandt continued to hurt the cause. \u201cI don\u2019t think it helped him,\u201d he said.",
    ].join("\n");
    expect(speakerOf(text, "helped him")).toBe("Mark Ostrow");
  });

  it("WHEN the verb comes first and the role has 'of' in it THEN the name after the role speaks", () => {
    const text = [
      "Governor Paul Brandt spoke on Friday.",
      "\u201cThanks for coming,\u201d said master of ceremonies Omar Haddad, an engineer. \u201cNo thanks to the council,\u201d he added.",
    ].join("\n");
    expect(speakerOf(text, "Thanks for coming")).toBe("Omar Haddad");
    expect(speakerOf(text, "No thanks")).toBe("Omar Haddad");
  });
});

describe("GIVEN a description that only a named person in view can hold", () => {
  it("WHEN 'the <Club> boss' speaks after two managers are named THEN it is the one just in view", () => {
    const text = [
      "Tomas Brenner has renewed his row with Karl Oduya, the Rovers manager.",
      "Later on Sunday, Brenner spoke to reporters at the ground.",
      "\u201cI have nothing more to say about him,\u201d the Castleford boss said.",
    ].join("\n");
    expect(speakerOf(text, "nothing more to say")).toBe("Tomas Brenner");
  });

  it("WHEN 'the governor' follows a former governor and the sitting one THEN the sitting one speaks", () => {
    const text = [
      "Mara Tellen, the former Ohio governor, criticised the plan last week.",
      "Gus Varro defended the plan on his radio show.",
      "\u201cIt is the best plan we have,\u201d the governor said.",
    ].join("\n");
    expect(speakerOf(text, "best plan we have")).toBe("Gus Varro");
  });
});

describe("GIVEN a quote that 'came' from its speaker", () => {
  it("WHEN '“...,” came the reply from X' follows the quote THEN X speaks", () => {
    const text = "Tom Reed asked the mayor to resign.\n\u201cNever,\u201d came the curt reply from Ann Lee.";
    expect(speakerOf(text, "Never")).toBe("Ann Lee");
  });

  it("WHEN '“...,” came shouts from the crowd' follows THEN the crowd speaks, not the man named before", () => {
    const text =
      "Chairman Tom Reed called a voice vote.\n\u201cCall the roll,\u201d came shouts from the crowd.";
    expect(speakerOf(text, "Call the roll")).toBe("the crowd");
  });

  it("WHEN the crowd chants a quote THEN the crowd is its speaker", () => {
    expect(speakerOf("\u201cLock her up,\u201d the crowd chanted.", "Lock her up")).toBe("the crowd");
  });
});

describe("GIVEN a description followed by ', who said'", () => {
  it("WHEN 'denied by a party spokesman, who said: “...”' THEN the spokesman speaks, not the man named before", () => {
    const text =
      "Tom Reed said he would stay. The claim was denied by a party spokesman, who said: \u201cHe is wrong.\u201d";
    expect(speakerOf(text, "He is wrong")).toBe("a party spokesman");
  });
});

describe("GIVEN a definite description after a quote, introduced indefinitely earlier in its sentence", () => {
  it("WHEN 'a second source familiar with the talks did so: “...,” the source said' THEN that second source speaks", () => {
    const text = [
      "\u201cThe deal is off,\u201d said one source at the bank.",
      "Asked to confirm it, a second source familiar with the talks did so, with a caveat: \u201cFor now,\u201d the source said.",
    ].join("\n");
    expect(speakerOf(text, "For now")).toBe("a second source familiar with the talks");
  });
});

describe("GIVEN a quote said by 'one' of a group the story quoted just before", () => {
  it("WHEN 'Western diplomats said' comes first THEN 'one said' is a Western diplomat", () => {
    const text = [
      "Western diplomats said today the cut in fish prices was a limited concession.",
      "\u201cThis is a small price to pay,\u201d one said.",
    ].join("\n\n");
    expect(speakerOf(text, "small price")).toBe("a Western diplomat");
  });

  it("WHEN the group's words go on with a prepositional phrase THEN its head noun names the member", () => {
    const text = [
      "Dealers in the harbour bonds noted that the market had been thin for weeks.",
      "\u201cIt was not a true market,\u201d one said.",
    ].join("\n\n");
    expect(speakerOf(text, "true market")).toBe("a dealer");
  });

  it("WHEN 'another said' follows an unnamed expert THEN it is another expert", () => {
    const text = [
      "\u201cThe figure is an illusion,\u201d said one expert.",
      "\u201cThere is a limit to how much you can lend,\u201d another said.",
    ].join("\n\n");
    expect(speakerOf(text, "a limit")).toBe("another expert");
  });

  it("WHEN no group or unnamed person is in view THEN 'one said' names no speaker at all", () => {
    const text = [
      "Talks on the harbour resumed on Monday.",
      "\u201cIt is far from over,\u201d one said.",
    ].join("\n\n");
    expect(quoteWith(extractQuotes(text), "far from over").speaker).toBeNull();
  });
});

describe("GIVEN an unnamed narrator of an ad", () => {
  it("WHEN the ad was named just before THEN the narrator is named by it", () => {
    const text = [
      "The mayor is expected to unveil his second ad of the campaign on Monday. It will focus on the harbour.",
      "\u201cThe docks built this town,\u201d says a narrator.",
      "\u201cThey can build it again,\u201d the narrator continues.",
    ].join("\n\n");
    expect(speakerOf(text, "docks built")).toBe("a narrator in the ad");
    expect(speakerOf(text, "build it again")).toBe("a narrator in the ad");
  });

  it("WHEN the attribution names the ad itself THEN that is kept as written", () => {
    const text = "\u201cWho pays for this?\u201d a narrator in the new Lee ad asks.";
    expect(speakerOf(text, "Who pays")).toBe("a narrator in the new Lee ad");
  });

  it("WHEN no ad or video is in view THEN the narrator stays as written", () => {
    const text = [
      "The book opens in a small harbour town.",
      "\u201cIt rained for a year,\u201d says a narrator.",
    ].join("\n\n");
    expect(speakerOf(text, "rained")).toBe("a narrator");
  });
});
