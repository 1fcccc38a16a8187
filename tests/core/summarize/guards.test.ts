import { describe, expect, it } from "vitest";
import { isCaptionParagraph, readsAsTeaser, rejectionReason } from "../../../src/core/summarize/guards.ts";
import { words } from "../../../src/core/text/tokens.ts";

function reason(sentence: string): string | undefined {
  return rejectionReason(sentence, words(sentence).length);
}

describe("rejectionReason", () => {
  it("GIVEN an ordinary news sentence WHEN checked THEN it may stand in a summary", () => {
    expect(
      reason("The Kremlin said Wednesday that its army had bolstered its position in the talks."),
    ).toBeUndefined();
    expect(
      reason(
        "“We are still ready to meet as many times as is needed,” Kremlin spokesman Dmitry Peskov said.",
      ),
    ).toBeUndefined();
  });

  it("GIVEN a very short fragment WHEN checked THEN it is a fragment", () => {
    expect(reason("It was dire.")).toBe("fragment");
  });

  it("GIVEN a Title Case subhead without a final stop WHEN checked THEN it is rejected", () => {
    expect(reason("Putin Says There Are Points He Cannot Agree To")).toBeDefined();
    expect(reason("Ukraine role in NATO key in talks")).toBe("unfinished");
  });

  it("GIVEN a photo caption WHEN checked THEN it is a caption", () => {
    expect(
      reason("Police officers guard the entrance to the building in central Paris. (AP Photo/Jane Doe)"),
    ).toBe("caption");
    expect(
      reason("Mayor Anna Berg, left, and engineer Tom Hale, right, inspect the old crossing on Tuesday."),
    ).toBe("caption");
    expect(reason("Crowds gather outside the stadium before the final on Saturday. Getty Images")).toBe(
      "caption",
    );
  });

  it("GIVEN a caption that opens with a short label WHEN checked THEN it is a caption", () => {
    expect(
      reason("Royal visit: The mayor and her husband greet the ambassador at the town hall on Friday."),
    ).toBe("caption");
    expect(reason("Fight: Anna Berg, 25, above, and her brother were both held overnight by police.")).toBe(
      "caption",
    );
  });

  it("GIVEN a speaker's colon or a quote after a label WHEN checked THEN it is not a caption", () => {
    expect(reason("The mayor added: The bridge will open in May, whatever the weather.")).toBeUndefined();
    expect(reason("The statement read: We will rebuild the harbour within two years.")).toBeUndefined();
    expect(reason("Mayor Berg: \u201cWe will rebuild the harbour within two years.\u201d")).toBeUndefined();
  });

  it("GIVEN a leaked highlight bullet WHEN checked THEN it is a bullet", () => {
    expect(reason("\u2022 The council approved the harbour bridge by nine votes to four.")).toBe("bullet");
  });

  it("GIVEN site boilerplate WHEN checked THEN it is boilerplate", () => {
    expect(reason("Sign up for our newsletter to get the latest news every morning.")).toBe("boilerplate");
    expect(reason("Read more about the talks in our live coverage of the war.")).toBe("boilerplate");
    expect(reason("Last updated at 1:25 AM on 3rd August 2011 .")).toBe("boilerplate");
    expect(reason("Published: 14:11 EST, 25 October 2013 and read by many.")).toBe("boilerplate");
  });

  it("GIVEN a sentence that mentions a picture in passing WHEN checked THEN it is not a caption", () => {
    expect(
      reason("Despite the slowdown, the overall picture for the economy remains strong, economists said."),
    ).toBeUndefined();
  });
});

describe("isCaptionParagraph", () => {
  it("GIVEN a paragraph ending with a photo credit WHEN checked THEN all of it is caption", () => {
    expect(
      isCaptionParagraph(
        "Putin attends talks in Moscow on Dec. 2, 2025. (Sputnik, Kremlin Pool Photo via AP)",
      ),
    ).toBe(true);
    expect(isCaptionParagraph("Putin attended talks in Moscow on Tuesday.")).toBe(false);
  });
});

describe("readsAsTeaser", () => {
  it("GIVEN a feature's hook (a question, an opening pronoun) WHEN read THEN it is a teaser", () => {
    expect(readsAsTeaser("Has there ever been a wetter spring in the valley?")).toBe(true);
    expect(readsAsTeaser("It looks as harmless as a pebble on the beach.")).toBe(true);
    expect(readsAsTeaser("They were meant to stay secret for fifty years.")).toBe(true);
  });

  it("GIVEN a news lede, or a question only inside quoted speech WHEN read THEN it is not a teaser", () => {
    expect(readsAsTeaser("The city council approved the new harbour bridge on Monday.")).toBe(false);
    expect(readsAsTeaser("\u201cYou will pay for this,\u201d the minister told the rebels on Monday.")).toBe(
      false,
    );
    expect(readsAsTeaser("The mayor asked the council: \u201cWho will pay for the bridge?\u201d")).toBe(
      false,
    );
    expect(readsAsTeaser("Scams that trick you into paying a fake parking fine are on the rise.")).toBe(
      false,
    );
    expect(readsAsTeaser("Italy's prime minister resigned on Monday after losing a vote.")).toBe(false);
    expect(readsAsTeaser("IT firms in the city hired more staff than ever last year.")).toBe(false);
    expect(readsAsTeaser("They Came Back, the town's own band, topped the charts this week.")).toBe(false);
  });
});
