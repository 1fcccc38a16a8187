import { describe, expect, it } from "vitest";
import { mapConcurrently } from "../../src/app/concurrency.ts";

describe("mapConcurrently", () => {
  it("GIVEN more items than the limit WHEN mapped THEN at most the limit run at once and results keep input order", async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3, 0, 6], 3, async (item) => {
      running++;
      most = Math.max(most, running);
      // Later items finish first, so order comes from the index, not from completion.
      for (let turn = 0; turn < 7 - item; turn++) await Promise.resolve();
      running--;
      return item * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it("GIVEN no items WHEN mapped THEN the result is empty", async () => {
    expect(await mapConcurrently([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
