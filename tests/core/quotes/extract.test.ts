import { describe, expect, it } from "vitest";
import { extractArticleQuotes, extractQuotes } from "../../../src/core/quotes/extract.ts";
import { quoteWith, speakerOf } from "../../helpers/quotes.ts";

describe("GIVEN a quote with its speech verb after it", () => {
  it("WHEN the speaker comes before the verb with a title THEN the fullest name, mention and role are kept", () => {
    const text = "“We are ready to talk,” Kremlin spokesman Dmitry Peskov said.";
    const quote = quoteWith(extractQuotes(text), "ready to talk");
    expect(quote.text).toBe("We are ready to talk,");
    expect(text.slice(quote.start, quote.end)).toBe(quote.text);
    expect(quote.kind).toBe("direct");
    expect(quote.speaker).toEqual({
      name: "Dmitry Peskov",
      mention: "Kremlin spokesman Dmitry Peskov",
      role: "Kremlin spokesman",
      type: "person",
    });
  });

  it("WHEN the verb comes first (said X) THEN the name after it is the speaker", () => {
    expect(
      speakerOf("“There's a lot of new complexity,” said Leonard Burman, an economist.", "complexity"),
    ).toBe("Leonard Burman");
  });

  it("WHEN an appositive stands between the speaker and the verb THEN the name before it is the speaker", () => {
    const text =
      "“The talks were useful,” Kremlin aide Yuri Ushakov — who took part in the talks — told reporters.\n" +
      "“It was fine,” Jean-Marc Ayrault, the foreign minister of France, said.";
    expect(speakerOf(text, "talks were useful")).toBe("Yuri Ushakov");
    expect(speakerOf(text, "It was fine")).toBe("Jean-Marc Ayrault");
  });

  it("WHEN a 'who' clause between commas follows the name THEN the name is the speaker", () => {
    const text = "“It was key,” Yuri Ushakov, who took part in the talks, said.";
    expect(speakerOf(text, "It was key")).toBe("Yuri Ushakov");
  });

  it("WHEN the speaker wrote on Telegram THEN the writer is the speaker", () => {
    const text =
      "“Six people were wounded,” regional military administration chief Oleksandr Prokudin wrote on Telegram.";
    const quote = quoteWith(extractQuotes(text), "wounded");
    expect(quote.speaker?.name).toBe("Oleksandr Prokudin");
    expect(quote.speaker?.role).toBe("regional military administration chief");
  });

  it("WHEN the quote is followed by 'according to X' THEN X is the speaker", () => {
    expect(speakerOf("“Most of the city is occupied,” according to analyst Anna Petrova.", "occupied")).toBe(
      "Anna Petrova",
    );
  });
});

describe("GIVEN a quote introduced before it", () => {
  it("WHEN 'X said:' opens it THEN X is the speaker and the quote is direct", () => {
    const quote = quoteWith(extractQuotes("In a statement Friday, Trump said: “I am honored.”"), "honored");
    expect(quote.speaker?.name).toBe("Trump");
    expect(quote.kind).toBe("direct");
  });

  it("WHEN a clause with 'who' separates the speaker from 'said that' THEN the sentence subject speaks", () => {
    const text =
      "Xi Jinping, whose country supports Russia, did not respond, but said that “China supports peace.”";
    const quote = quoteWith(extractQuotes(text), "China supports peace");
    expect(quote.speaker?.name).toBe("Xi Jinping");
    expect(quote.kind).toBe("direct");
  });

  it("WHEN a sentence ends with a colon THEN the standalone quote paragraph after it belongs to its subject", () => {
    const text =
      "On July 6, 2015, Bernie Sanders made the following comment:\n“Young people are out of work.”";
    expect(speakerOf(text, "Young people")).toBe("Bernie Sanders");
  });
});

describe("GIVEN fragments inside the writer's own sentence", () => {
  const text =
    "Ushakov said the issue was “key” at the talks. Putin said the talks were “necessary” and “useful,” " +
    "but also “difficult work.” Britain has downplayed the message, calling it “yet more Kremlin claptrap.”";
  const quotes = extractQuotes(text);

  it("WHEN a word is quoted inside indirect speech THEN it is a partial quote of the speaker", () => {
    const key = quoteWith(quotes, "key");
    expect(key.kind).toBe("partial");
    expect(key.speaker?.name).toBe("Ushakov");
    expect(key.context).toBe("Ushakov said the issue was “key” at the talks.");
  });

  it("WHEN several fragments share one speech verb THEN each is attributed to it", () => {
    for (const words of ["necessary", "useful", "difficult work"]) {
      const quote = quoteWith(quotes, words);
      expect(quote.kind).toBe("partial");
      expect(quote.speaker?.name).toBe("Putin");
    }
  });

  it("WHEN a place speaks through a participle ('calling it') THEN the place is an organisation speaker", () => {
    const quote = quoteWith(quotes, "claptrap");
    expect(quote.speaker).toMatchObject({ name: "Britain", type: "organisation" });
    expect(quote.kind).toBe("partial");
  });

  it("WHEN a fragment has no speech verb or is a title THEN it is not a quote", () => {
    const found = extractQuotes(
      "The so-called “deal” was never signed. On this weekend's broadcast of “Fox News Sunday,” Mike Pence said he was ready.",
    );
    expect(found).toEqual([]);
  });
});

describe("GIVEN quote marks in awkward shapes", () => {
  it("WHEN straight double quotes are used THEN they pair like curly ones", () => {
    const quote = quoteWith(extractQuotes('"No, this is not politics," Cruz said.'), "not politics");
    expect(quote.text).toBe("No, this is not politics,");
    expect(quote.speaker?.name).toBe("Cruz");
  });

  it("WHEN single quotes are nested and the closing mark is a malformed “ THEN the quote still closes", () => {
    const text =
      "“Sometimes we said, ‘Yes, we can discuss this, but with that one we cannot agree.’“\nTrump said nothing.";
    const quote = quoteWith(extractQuotes(text), "Sometimes");
    expect(quote.text).toBe(
      "Sometimes we said, ‘Yes, we can discuss this, but with that one we cannot agree.’",
    );
  });

  it("WHEN a paragraph leaves a quote open and the next one opens again THEN it is one multi-paragraph quote", () => {
    const text =
      "Caddell continued:\n\n“The first part is long.\n\n“The second part ends here,” he said.\n\nThen he left.";
    const quotes = extractQuotes(text);
    expect(quotes).toHaveLength(1);
    const [quote] = quotes;
    expect(quote?.segments.map((segment) => segment.text)).toEqual([
      "The first part is long.",
      "The second part ends here,",
    ]);
    expect(quote?.segments.map((segment) => segment.paragraphIndex)).toEqual([1, 2]);
    expect(quote?.speaker?.name).toBe("Caddell");
  });

  it("WHEN transcript paragraphs open with speaker labels THEN each paragraph is its labelled speaker's", () => {
    const text =
      'Republican nominee Mike Pence spoke to Chris Wallace.\n\n"WALLACE: Will she be there?\n\n"PENCE: She will not be attending.';
    const quotes = extractQuotes(text);
    expect(quotes.map((quote) => quote.speaker?.name)).toEqual(["Chris Wallace", "Mike Pence"]);
  });
});

describe("GIVEN quotes attributed only by a pronoun", () => {
  it("WHEN 'he added' follows a named speaker THEN it resolves to that person", () => {
    const text =
      "“The progress was real,” Kremlin aide Yuri Ushakov told reporters, including AFP.\n" +
      "“Our soldiers helped,” he added.";
    const quote = quoteWith(extractQuotes(text), "Our soldiers");
    expect(quote.speaker).toMatchObject({ name: "Yuri Ushakov", mention: "he", type: "person" });
  });

  it("WHEN the last person mentioned is in the previous sentence THEN 'he said' is that person", () => {
    const text =
      "Russian President Vladimir Putin spoke at length.\nIn Moscow, tensions were palpable, with Putin delivering a hawkish statement.\n" +
      "“We are ready right now,” he said.";
    expect(speakerOf(text, "ready right now")).toBe("Vladimir Putin");
  });

  it("WHEN the subject of the previous sentence spoke about someone else THEN 'he added' is the subject", () => {
    const text =
      "US President Donald Trump said Wednesday that his envoys were confident that Putin wants a deal. " +
      "“Their impression was very strong,” he added.";
    expect(speakerOf(text, "Their impression")).toBe("Donald Trump");
  });

  it("WHEN the text tells the genders THEN 'she' skips a nearer man", () => {
    const text =
      "Senator Elizabeth Warren questioned John Stumpf, the bank's chief executive, on Tuesday.\n" +
      "“You should resign,” she said.";
    expect(speakerOf(text, "resign")).toBe("Elizabeth Warren");
  });
});

describe("GIVEN descriptions, bodies and places as speakers", () => {
  it("WHEN 'the Russian leader' is used THEN it resolves by the role seen with the name earlier", () => {
    const text =
      "Russian President Vladimir Putin met US envoy Steve Witkoff.\n" +
      "The Russian leader praised the talks, noting that “consensus is no easy task.”";
    const quote = quoteWith(extractQuotes(text), "consensus");
    expect(quote.speaker).toMatchObject({
      name: "Vladimir Putin",
      mention: "The Russian leader",
      type: "person",
    });
    expect(quote.kind).toBe("direct");
  });

  it("WHEN a possessive description names a role THEN it is the person just named", () => {
    const text =
      "David Axelrod on Wednesday called on Howard Dean to apologize.\n" +
      "“That was outrageous,” Obama's former campaign strategist said in an interview.";
    expect(speakerOf(text, "outrageous")).toBe("David Axelrod");
  });

  it("WHEN 'the commission' speaks THEN it is the commission named before", () => {
    const text =
      "The Commission on Presidential Debates looked into the sound.\n" +
      "“There were issues with the audio,” the commission said.";
    expect(speakerOf(text, "audio")).toBe("Commission on Presidential Debates");
  });

  it("WHEN a surname is misspelt by one letter THEN it still resolves to the full name", () => {
    const text =
      "“We are in panic mode,” said Leslie Wimes, a caucus president.\nWines said the plan “was not enough.”";
    expect(speakerOf(text, "not enough")).toBe("Leslie Wimes");
  });

  it("WHEN a military unit or the Kremlin speaks THEN it is an organisation without its article", () => {
    const text =
      "“The enemy is bogged down,” the 7th Air Assault Corps said.\n" +
      "The Kremlin said the two sides failed to find a “compromise” on territory.";
    expect(quoteWith(extractQuotes(text), "bogged").speaker).toMatchObject({
      name: "7th Air Assault Corps",
      type: "organisation",
    });
    expect(quoteWith(extractQuotes(text), "compromise").speaker).toMatchObject({
      name: "Kremlin",
      type: "organisation",
    });
  });

  it("WHEN a capital speaks for its country THEN it is an organisation", () => {
    const quote = quoteWith(
      extractQuotes("Moscow said it found parts of the plan “unacceptable.”"),
      "unacceptable",
    );
    expect(quote.speaker).toMatchObject({ name: "Moscow", type: "organisation" });
  });
});

describe("GIVEN a speaker named once and quoted again", () => {
  it("WHEN the next paragraph is a bare quote THEN it keeps the previous speaker", () => {
    const text = "“I gave an update,” Umerov said.\n\n“Europe must stay involved.”";
    expect(speakerOf(text, "Europe must")).toBe("Umerov");
  });

  it("WHEN a quote continues after 'he said.' in the same paragraph THEN it keeps that speaker", () => {
    const text =
      "Putin spoke on Thursday.\n“We went through every point,” he said. “It was a meaningful conversation.”";
    expect(speakerOf(text, "meaningful")).toBe("Putin");
  });

  it("WHEN a signature follows a quote THEN the signed name is the speaker", () => {
    expect(speakerOf("“Donald Trump scares me.” ― Krystal Correa", "scares me")).toBe("Krystal Correa");
  });
});

describe("GIVEN an article", () => {
  it("WHEN quotes are extracted THEN offsets refer to the joined body and paragraph indices to the paragraphs", () => {
    const paragraphs = ["Putin spoke to reporters.", "“We are ready,” he said."];
    const [quote] = extractArticleQuotes({ paragraphs });
    expect(quote?.paragraphIndex).toBe(1);
    expect(paragraphs.join("\n\n").slice(quote?.start, quote?.end)).toBe("We are ready,");
    expect(quote?.speaker?.name).toBe("Putin");
  });

  it("WHEN unattributed quotes are not wanted THEN they are left out", () => {
    const text = "“Nobody knows who said this.”";
    expect(extractQuotes(text)).toHaveLength(1);
    expect(extractQuotes(text, { keepUnattributed: false })).toEqual([]);
  });
});

describe("GIVEN texts that speak for their authors", () => {
  it("WHEN a letter or a book is quoted THEN the text itself is the (unnamed) speaker, and 'it' goes on with it", () => {
    const text =
      "A group of parents sent a letter to the board.\n" +
      "“Our children are thriving,” the letter reads. “Please reconsider,” it adds.\n" +
      "“She recovered within days,” the book said.";
    const quotes = extractQuotes(text);
    expect(quoteWith(quotes, "thriving").speaker).toEqual({
      name: "the letter",
      mention: "the letter",
      type: "unknown",
    });
    expect(quoteWith(quotes, "reconsider").speaker?.name).toBe("the letter");
    expect(quoteWith(quotes, "recovered").speaker?.name).toBe("the book");
  });

  it("WHEN an article of a newly named outlet is quoted THEN the outlet is the speaker", () => {
    const text =
      "In 1995 The New York Times ran a profile of the developer.\n" +
      "“He has erased much of his debt,” the article read.\n" +
      "“He is moving ahead with major projects,” it added.";
    expect(speakerOf(text, "erased")).toBe("New York Times");
    expect(speakerOf(text, "major projects")).toBe("New York Times");
  });

  it("WHEN no outlet was named just before THEN an article is its own unnamed speaker", () => {
    expect(speakerOf("“Prices will rise,” the article said.", "Prices")).toBe("the article");
  });
});

describe("GIVEN a person introduced with an appositive role just before a pronoun", () => {
  it("WHEN 'he said' follows THEN the introduced person is meant, not the subject named earlier", () => {
    const text =
      "While Obama had many artists writing songs about him, that worries Henry Crespo, president of the caucus.\n" +
      "“No one is writing songs for her,” he said.";
    expect(speakerOf(text, "No one is writing")).toBe("Henry Crespo");
  });

  it("WHEN the introduced person's gender does not fit the pronoun THEN the usual antecedent stays", () => {
    const text =
      "Obama spoke after meeting Nancy Pelosi, the House speaker.\n“We agreed on the budget,” he said.";
    expect(speakerOf(text, "We agreed")).toBe("Obama");
  });

  it("WHEN the verb is a present-tense shout THEN it attributes as well", () => {
    expect(speakerOf("Rakeyia Scott filmed the scene.\n“Don't shoot him,” she yells.", "Don't shoot")).toBe(
      "Rakeyia Scott",
    );
  });
});

describe("GIVEN a title whose last word is not a title word, before a given name and a surname", () => {
  it("WHEN attributed THEN the name starts at the given name and the rest is the role", () => {
    const text = "“There is no need for a statement,” Chancellor of the Exchequer Nigel Lawson said.";
    const quote = quoteWith(extractQuotes(text), "no need");
    expect(quote.speaker?.name).toBe("Nigel Lawson");
    expect(quote.speaker?.role).toBe("Chancellor of the Exchequer");
  });

  it("WHEN a run ends in a word that is also a given name THEN that word stays the surname", () => {
    expect(speakerOf("“We will appeal,” said Amara Grant.", "appeal")).toBe("Amara Grant");
  });
});

describe("GIVEN a speaker named at the end of the sentence", () => {
  it("WHEN attributed THEN the mention as written leaves out the full stop", () => {
    const quote = quoteWith(extractQuotes("“We are ready,” said Kremlin spokesman Dmitry Peskov."), "ready");
    expect(quote.speaker?.mention).toBe("Kremlin spokesman Dmitry Peskov");
  });
});

describe("GIVEN scraped text whose quote paragraphs ran together", () => {
  it("WHEN a quote reopens after a sentence end without closing THEN each part is quoted and keeps the speaker", () => {
    const text =
      'Mayor Ada Lind spoke at the harbour. "The ferry will run again," she said. "We found the money. "Crews start on Monday."';
    const quotes = extractQuotes(text);
    const continued = quoteWith(quotes, "We found the money.");
    expect(continued.segments.map((segment) => segment.text)).toEqual([
      "We found the money.",
      "Crews start on Monday.",
    ]);
    expect(continued.speaker?.name).toBe("Ada Lind");
  });

  it("WHEN doubled apostrophes mark the quotes THEN the quote and its speaker are found", () => {
    const text =
      "''The bridge is safe,'' said Tomas Verhoeven, the city engineer. ''We checked every bolt.''";
    expect(speakerOf(text, "The bridge is safe")).toBe("Tomas Verhoeven");
    expect(speakerOf(text, "every bolt")).toBe("Tomas Verhoeven");
  });
});

describe("GIVEN speakers written around other names", () => {
  it("WHEN a possessive body stands before the name THEN the person is the speaker and the body their role", () => {
    const quote = quoteWith(
      extractQuotes("Acme's Lena Marsh, head of the jury, said: “The entries were superb.”"),
      "superb",
    );
    expect(quote.speaker?.name).toBe("Lena Marsh");
    expect(quote.speaker?.role).toBe("Acme");
  });

  it("WHEN a description is followed by the name between commas THEN the name is the speaker", () => {
    const text = "“We build bridges, not walls,” the museum's director, Ilse Brandt, told reporters.";
    const quote = quoteWith(extractQuotes(text), "bridges");
    expect(quote.speaker?.name).toBe("Ilse Brandt");
    expect(quote.speaker?.role).toBe("museum's director");
  });

  it("WHEN a nationality noun speaks THEN it is the person just written about", () => {
    const text =
      "Coach Pieter Janssen watched his side win in the rain. “It was a hard night,” the Dutchman said.";
    expect(speakerOf(text, "hard night")).toBe("Pieter Janssen");
  });

  it("WHEN a capitalised place follows 'the' THEN a later 'he' is not that place", () => {
    const text =
      "Marco Bellini scored twice. The side lost heavily at the Rio Arena in 2019.\n\n“It will be different now,” he said.";
    expect(speakerOf(text, "different now")).toBe("Marco Bellini");
  });

  it("WHEN the sentence before ends with the speaker's verb THEN 'he said' goes on with that speaker", () => {
    const text =
      "Governor Mills won the county with a strong message on schools, Tom Alvarez said.\n\n“He was very convincing,” he said.";
    expect(speakerOf(text, "convincing")).toBe("Tom Alvarez");
  });
});
