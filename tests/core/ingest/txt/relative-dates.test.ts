import { describe, expect, it } from "vitest";
import { parseFile } from "../../../../src/core/ingest/index.ts";
import { OPTIONS, seedFile, sourceFile } from "../source-file.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Two stories in the seed's layout: the first with a written date, the second with `secondDate`. */
function twoStories(secondDate: string): string {
  return [
    "First story title",
    "",
    "Short Url",
    "Updated 03 December 2025",
    "Follow",
    "",
    "First story title",
    "",
    "First story body line.",
    "",
    "",
    "Second story title",
    "",
    secondDate,
    "Follow",
    "",
    "Second story title",
    "",
    "Second story body line.",
  ].join("\n");
}

function publishedDates(text: string, modifiedAt: Date): (string | undefined)[] {
  return parseFile(sourceFile("x.txt", text, modifiedAt), OPTIONS).articles.map(
    (article) => article.publishedAt,
  );
}

describe("GIVEN a file whose stories carry written and relative dates", () => {
  it("WHEN the file was modified the day its newest written date says THEN '7 sec ago' counts back from the file time", () => {
    const modifiedAt = new Date("2025-12-03T18:00:00.000Z");
    expect(publishedDates(twoStories("Updated 7 sec ago"), modifiedAt)).toEqual([
      "2025-12-03T00:00:00.000Z",
      new Date(modifiedAt.getTime() - 7_000).toISOString(),
    ]);
  });

  it("WHEN the file was modified a year later (a checkout or a copy) THEN '7 sec ago' is the newest written date", () => {
    const checkedOut = new Date("2026-12-01T09:30:00.000Z");
    expect(publishedDates(twoStories("Updated 7 sec ago"), checkedOut)).toEqual([
      "2025-12-03T00:00:00.000Z",
      "2025-12-03T00:00:00.000Z",
    ]);
  });

  it("WHEN the copy's relative date is days old THEN whole days count back from the newest written date", () => {
    const checkedOut = new Date("2026-12-01T09:30:00.000Z");
    expect(publishedDates(twoStories("Updated 3 days ago"), checkedOut)[1]).toBe(
      new Date(Date.parse("2025-12-03T00:00:00.000Z") - 3 * DAY_MS).toISOString(),
    );
  });

  it("WHEN the newest written date is two days or less before the file time THEN the file time is trusted", () => {
    const modifiedAt = new Date(Date.parse("2025-12-03T00:00:00.000Z") + 2 * DAY_MS);
    expect(publishedDates(twoStories("Updated 5 hours ago"), modifiedAt)[1]).toBe(
      new Date(modifiedAt.getTime() - 5 * HOUR_MS).toISOString(),
    );
  });
});

describe("GIVEN a file whose only date is relative", () => {
  it("WHEN it was modified long after the story THEN the file time is all there is to count from", () => {
    const text = "A lone story\n\nShort Url\nUpdated 2 hours ago\nFollow\n\nA lone story\n\nIts body line.\n";
    const modifiedAt = new Date("2026-12-01T09:30:00.000Z");
    expect(publishedDates(text, modifiedAt)).toEqual([
      new Date(modifiedAt.getTime() - 2 * HOUR_MS).toISOString(),
    ]);
  });
});

describe("GIVEN the bundled seed file in a fresh clone, modified at checkout time", () => {
  it("WHEN it is read THEN neither story is dated at the checkout: both are 3 December 2025", () => {
    const checkout = { ...seedFile(), modifiedAt: new Date("2026-12-01T12:58:00.000Z") };
    expect(parseFile(checkout, OPTIONS).articles.map((article) => article.publishedAt)).toEqual([
      "2025-12-03T00:00:00.000Z",
      "2025-12-03T00:00:00.000Z",
    ]);
  });
});
