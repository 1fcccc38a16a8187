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
