import { describe, expect, it } from "vitest";
import { EventLoopTurns } from "../../src/discord/turns.ts";

/** Resolves in the next check phase; queued before a turn, it shows the turn waited for the loop. */
function nextIteration(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("EventLoopTurns", () => {
  it("GIVEN three callers WHEN they take turns THEN each gets its turn in arrival order, one loop iteration apart", async () => {
    const turns = new EventLoopTurns();
    const order: string[] = [];
    let iteration = 0;
    const counting = (async () => {
      for (let i = 0; i < 6; i++) {
        await nextIteration();
        iteration++;
      }
    })();
    const seen: number[] = [];
    await Promise.all(
      ["a", "b", "c"].map(async (name) => {
        await turns.next();
        order.push(name);
        seen.push(iteration);
      }),
    );
    await counting;
    expect(order).toEqual(["a", "b", "c"]);
    expect(new Set(seen).size).toBe(3);
  });

  it("GIVEN a held acknowledgement WHEN a turn is due THEN it waits until the acknowledgement settles, even as a failure", async () => {
    const turns = new EventLoopTurns();
    let fail: (error: Error) => void = () => undefined;
    const acknowledgement = new Promise<void>((_resolve, reject) => {
      fail = reject;
    });
    turns.hold(acknowledgement);
    acknowledgement.catch(() => undefined);
    let started = false;
    const turn = turns.next().then(() => {
      started = true;
    });
    for (let i = 0; i < 5; i++) await nextIteration();
    expect(started).toBe(false);
    fail(new Error("Unknown interaction"));
    await turn;
    expect(started).toBe(true);
  });
});
