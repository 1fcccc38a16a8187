import { describe, expect, it } from "vitest";
import { typoDistance } from "../../../src/core/text/edit-distance.ts";

describe("GIVEN two spellings", () => {
  it("WHEN they differ by a swap of neighbours THEN the distance is one", () => {
    expect(typoDistance("pokrosvk", "pokrovsk")).toBe(1);
  });

  it("WHEN they differ by insertions, deletions and substitutions THEN each counts one", () => {
    expect(typoDistance("kremln", "kremlin")).toBe(1);
    expect(typoDistance("kitten", "sitting")).toBe(3);
    expect(typoDistance("same", "same")).toBe(0);
  });

  it("WHEN the distance exceeds the maximum THEN max + 1 is returned", () => {
    expect(typoDistance("kitten", "sitting", 1)).toBe(2);
    expect(typoDistance("a", "abcdef", 2)).toBe(3);
  });
});
