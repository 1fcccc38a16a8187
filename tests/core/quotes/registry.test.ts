import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/quotes/extract.ts";
import { SpeakerRegistry } from "../../../src/core/quotes/registry.ts";
import type { Quote, Speaker } from "../../../src/core/quotes/types.ts";

function quote(text: string, speaker: Speaker | null): Quote {
  return {
    text,
    start: 0,
    end: text.length,
    paragraphIndex: 0,
    kind: "direct",
    speaker,
    context: text,
    segments: [{ start: 0, end: text.length, paragraphIndex: 0, text }],
  };
}

const person = (name: string, mention = name, role?: string): Speaker =>
  role === undefined ? { name, mention, type: "person" } : { name, mention, role, type: "person" };

describe("GIVEN articles that name the same person differently", () => {
  const registry = new SpeakerRegistry();
  registry.addArticle("a1", [
    quote("We are ready.", person("Vladimir Putin", "Russian President Vladimir Putin", "Russian President")),
  ]);
  registry.addArticle("a2", [quote("No deal yet.", person("Putin"))]);
  registry.addArticle("a3", [
    quote("Talks went well.", person("Vladimir V. Putin", "President Vladimir V. Putin")),
  ]);

  it("WHEN looked up by surname, full name, titled form or possessive THEN it is one speaker", () => {
    const ids = ["Putin", "Vladimir Putin", "Russian President Vladimir Putin", "Putin’s", "putin"].map(
      (alias) => registry.lookup(alias)?.id,
    );
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBeDefined();
  });

  it("WHEN its entry is read THEN it has the fullest name, the roles as written and all quotes", () => {
    const entry = registry.lookup("Putin");
    expect(entry?.name).toBe("Vladimir V. Putin");
    expect(entry?.roles).toEqual(["Russian President"]);
    expect(entry?.quoteCount).toBe(3);
    expect(registry.quotesOf("Putin").map((q) => q.articleId)).toEqual(["a1", "a3", "a2"]);
  });
});

describe("GIVEN two people who share a surname", () => {
  const registry = new SpeakerRegistry();
  registry.addArticle("b1", [quote("I will win.", person("Hillary Clinton"))]);
  registry.addArticle("b2", [quote("She will win.", person("Bill Clinton"))]);
  registry.addArticle("b3", [quote("Who knows?", person("Clinton"))]);
  registry.addArticle("b4", [quote("Vote.", person("Bill Clinton")), quote("Again.", person("Clinton"))]);

  it("WHEN both are known THEN they stay two speakers", () => {
    expect(registry.lookup("Hillary Clinton")?.id).not.toBe(registry.lookup("Bill Clinton")?.id);
  });

  it("WHEN a bare surname is ambiguous library-wide THEN it joins neither full name", () => {
    expect(registry.lookup("Hillary Clinton")?.quoteCount).toBe(1);
    expect(registry.lookupAll("Clinton").map((entry) => entry.name)).toContain("Clinton");
  });

  it("WHEN the bare surname's own article names one of them THEN it joins that one", () => {
    expect(registry.lookup("Bill Clinton")?.quoteCount).toBe(3);
  });

  it("WHEN one namesake's article is removed THEN the bare surname joins the only full name left", () => {
    const changed = new SpeakerRegistry();
    changed.addArticle("b1", [quote("I will win.", person("Hillary Clinton"))]);
    changed.addArticle("b2", [quote("She will win.", person("Bill Clinton"))]);
    changed.addArticle("b3", [quote("Who knows?", person("Clinton"))]);
    expect(changed.lookup("Hillary Clinton")?.quoteCount).toBe(1);
    changed.removeArticle("b2");
    expect(changed.lookup("Hillary Clinton")?.quoteCount).toBe(2);
    expect(changed.lookup("Bill Clinton")).toBeUndefined();
  });
});

describe("GIVEN speakers with different numbers of quotes", () => {
  const registry = new SpeakerRegistry();
  registry.addArticle("c1", [
    quote("One.", person("Peter Parker")),
    quote("Two.", person("Pete Buttigieg")),
    quote("Three.", person("Pete Buttigieg")),
    quote("Four.", person("Mike Pence")),
    quote("Five.", { name: "Pentagon", mention: "the Pentagon", type: "organisation" }),
    quote("Six.", { name: "Pentagon", mention: "the Pentagon", type: "organisation" }),
    quote("Seven.", { name: "Pentagon", mention: "the Pentagon", type: "organisation" }),
    quote("Eight.", { name: "the official", mention: "the official", type: "unknown" }),
  ]);

  it("WHEN a prefix is typed THEN speakers with a matching alias or word come most quoted first", () => {
    expect(registry.suggest("pe").map((entry) => entry.name)).toEqual([
      "Pentagon",
      "Pete Buttigieg",
      "Mike Pence",
      "Peter Parker",
    ]);
  });

  it("WHEN the limit is lower than the matches THEN only the best ones come", () => {
    expect(registry.suggest("pe", 2).map((entry) => entry.name)).toEqual(["Pentagon", "Pete Buttigieg"]);
  });

  it("WHEN the prefix has a typo THEN fuzzy matches follow the prefix matches", () => {
    expect(registry.suggest("buttigeg").map((entry) => entry.name)).toEqual(["Pete Buttigieg"]);
  });

  it("WHEN nothing is typed THEN the most quoted speakers come", () => {
    expect(registry.suggest("", 1).map((entry) => entry.name)).toEqual(["Pentagon"]);
  });

  it("WHEN a name is unknown THEN the closest known speakers are offered", () => {
    expect(registry.lookup("Mike Pense")).toBeUndefined();
    expect(registry.closest("Mike Pense")[0]?.name).toBe("Mike Pence");
  });

  it("WHEN a name shares only a few letters with a known one THEN it is not offered as close", () => {
    expect(registry.closest("Mike Pense").map((entry) => entry.name)).not.toContain("Pentagon");
    expect(registry.closest("Pensioners").map((entry) => entry.name)).toEqual([]);
  });

  it("WHEN speakers without a name ('the official') are quoted THEN they are not registry speakers", () => {
    expect(registry.lookup("the official")).toBeUndefined();
    expect(registry.size).toBe(4);
  });
});

describe("GIVEN a registry built from extracted quotes", () => {
  const registry = new SpeakerRegistry();
  registry.addArticle(
    "d1",
    extractQuotes(
      "“We are ready,” Kremlin spokesman Dmitry Peskov said.\n“The Kremlin will wait,” he added.",
    ),
  );
  registry.addArticle("d2", extractQuotes("“No comment,” Peskov told reporters."));

  it("WHEN it goes through JSON and back THEN every answer is the same", () => {
    const restored = SpeakerRegistry.fromJSON(JSON.parse(JSON.stringify(registry)));
    expect(restored.speakers()).toEqual(registry.speakers());
    expect(restored.quotesOf("Peskov")).toEqual(registry.quotesOf("Peskov"));
    expect(restored.lookup("Peskov")?.quoteCount).toBe(3);
  });

  it("WHEN the JSON is not a registry snapshot THEN loading it fails", () => {
    expect(() => SpeakerRegistry.fromJSON({ version: 2, articles: [] })).toThrow();
  });
});

describe("GIVEN speakers as members type them", () => {
  const registry = new SpeakerRegistry();
  registry.addArticle("a1", [
    quote("We are ready.", person("Vladimir Putin", "Russian President Vladimir Putin", "Russian President")),
    quote("China supports all efforts toward peace.", person("Xi Jinping", "Chinese leader Xi Jinping")),
    quote("The talks were useful.", { name: "Kremlin", mention: "The Kremlin", type: "organisation" }),
  ]);
  registry.addArticle("a2", [quote("We want peace.", person("Xi Mingze"))]);

  it("WHEN a name is typed with a title, an article or an initial THEN the speaker is found", () => {
    expect(registry.lookup("President Vladimir Putin")?.name).toBe("Vladimir Putin");
    expect(registry.lookup("Vladimir V. Putin")?.name).toBe("Vladimir Putin");
    expect(registry.lookup("the Kremlin")?.name).toBe("Kremlin");
  });

  it("WHEN one word of a name is typed, as the article uses it THEN every person bearing it comes back", () => {
    expect(registry.lookup("Jinping")?.name).toBe("Xi Jinping");
    expect(
      registry
        .lookupAll("Xi")
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(["Xi Jinping", "Xi Mingze"]);
  });

  it("WHEN a word of no name is typed THEN nobody is found", () => {
    expect(registry.lookupAll("Zelenskyy")).toEqual([]);
  });

  it("WHEN an unknown name is far from every known one THEN none is offered as close; a typo still is", () => {
    expect(registry.closest("Prokudin")).toEqual([]);
    expect(registry.closest("Jinpong").map((entry) => entry.name)).toEqual(["Xi Jinping"]);
  });
});
