import { describe, expect, it } from "vitest";
import { plural } from "../../../src/core/text/plural.ts";

describe("plural", () => {
  it("GIVEN counts of one and more WHEN written THEN the noun agrees, irregular plurals included", () => {
    expect(plural(1, "article")).toBe("1 article");
    expect(plural(0, "article")).toBe("0 articles");
    expect(plural(2, "story", "stories")).toBe("2 stories");
  });
});
