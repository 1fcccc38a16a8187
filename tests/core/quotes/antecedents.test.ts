import { describe, expect, it } from "vitest";
import { speakerOf } from "../../helpers/quotes.ts";

describe("GIVEN a quote brought in by a relative clause", () => {
  it("WHEN 'Name, who joked, “...”' ends a list of names THEN the name before 'who' speaks", () => {
    const text =
      "The gala featured Ann Lee, Bo Ray and Carla Diaz, who joked of the hall, \u201cI have not seen it yet.\u201d";
    expect(speakerOf(text, "not seen it")).toBe("Carla Diaz");
  });

  it("WHEN the sentence's subject is someone else THEN the name before 'who' still speaks", () => {
    const text =
      "On Monday, Mayor Ed Stone won the backing of Tom Hale, who declared in the lobby, \u201cIt is time to unite.\u201d";
    expect(speakerOf(text, "time to unite")).toBe("Tom Hale");
  });
});
