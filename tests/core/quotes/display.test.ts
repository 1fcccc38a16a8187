import { describe, expect, it } from "vitest";
import { spokenWords } from "../../../src/core/quotes/display.ts";

describe("spokenWords", () => {
  it("GIVEN a quote that led into its attribution with a comma THEN the comma is not shown", () => {
    expect(spokenWords({ text: "Their impression was very strongly that he’d like to make a deal," })).toBe(
      "Their impression was very strongly that he’d like to make a deal",
    );
  });

  it("GIVEN a quote over several lines THEN it is one line; its own end marks stay", () => {
    expect(spokenWords({ text: "  We are ready.\nAre you?  " })).toBe("We are ready. Are you?");
  });
});
