import { describe, expect, it } from "vitest";
import { fullNameKey, genderOfWord, nameWords, surnameKey } from "../../../src/core/text/names.ts";

describe("GIVEN names as news prose writes them", () => {
  it("WHEN titles, suffixes and possessives surround a name THEN only the name's words remain", () => {
    expect(nameWords("Sen. Ted Cruz Jr.'s")).toEqual(["Ted", "Cruz"]);
    expect(nameWords("President Vladimir Putin")).toEqual(["Vladimir", "Putin"]);
  });

  it("WHEN keys are made THEN spellings of one person share them", () => {
    expect(surnameKey("Mr. Trump’s")).toBe("trump");
    expect(surnameKey("Ban Ki-moon")).toBe("ki-moon");
    expect(fullNameKey("Gov. Mike Pence")).toBe(fullNameKey("Mike Pence"));
  });

  it("WHEN a given name or honorific tells a gender THEN it is reported, and not otherwise", () => {
    expect(genderOfWord("Hillary")).toBe("female");
    expect(genderOfWord("Mr.")).toBe("male");
    expect(genderOfWord("Peskov")).toBeUndefined();
  });
});
