import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IDENTIFY_WINDOW_MS, StoreIdentifyThrottler, type Sleep } from "../../src/app/identify-throttle.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { Store } from "../../src/store/db.ts";
import { availableEngines, type TestDatabase } from "../helpers/store-engines.ts";

describe.each(availableEngines())("StoreIdentifyThrottler on $name", (engine) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let hostA: Store;
  let hostB: Store;
  let slept: number[];

  /** Sleeping moves the shared clock, as the other host's window passes. */
  const sleep: Sleep = (ms) => {
    slept.push(ms);
    clock.advance(ms);
    return Promise.resolve();
  };

  beforeEach(async () => {
    database = engine.create();
    clock = new ManualClock("2026-03-01T12:00:00Z");
    // Two processes on one database, as two hosts on one PostgreSQL are.
    hostA = await database.open(clock);
    hostB = await database.open(clock);
    slept = [];
  });
  afterEach(async () => {
    await database.cleanup();
  });

  it("GIVEN max_concurrency 1 and two hosts WHEN both identify at once THEN the second waits out the first's window", async () => {
    const a = new StoreIdentifyThrottler(hostA.identifyBuckets, 1, sleep);
    const b = new StoreIdentifyThrottler(hostB.identifyBuckets, 1, sleep);
    const signal = new AbortController().signal;
    await a.waitForIdentify(0, signal);
    expect(slept).toEqual([]);
    clock.advance(1_000);
    await b.waitForIdentify(1, signal);
    expect(slept).toEqual([IDENTIFY_WINDOW_MS - 1_000]);
  });

  it("GIVEN max_concurrency 2 WHEN shards 0 and 1 identify on two hosts THEN they use two buckets and neither waits", async () => {
    const signal = new AbortController().signal;
    await new StoreIdentifyThrottler(hostA.identifyBuckets, 2, sleep).waitForIdentify(0, signal);
    await new StoreIdentifyThrottler(hostB.identifyBuckets, 2, sleep).waitForIdentify(1, signal);
    expect(slept).toEqual([]);
    // Shard 2 shares shard 0's bucket.
    await new StoreIdentifyThrottler(hostB.identifyBuckets, 2, sleep).waitForIdentify(2, signal);
    expect(slept).toEqual([IDENTIFY_WINDOW_MS]);
  });

  it("GIVEN ten hosts asking for one free bucket at once THEN exactly one gets it", async () => {
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 === 0 ? hostA : hostB).identifyBuckets.claim(0, IDENTIFY_WINDOW_MS),
      ),
    );
    expect(claims.filter((wait) => wait === 0)).toHaveLength(1);
    expect(claims.filter((wait) => wait > 0)).toHaveLength(9);
  });

  it("GIVEN an aborted wait THEN it rejects with the abort and takes no bucket", async () => {
    const controller = new AbortController();
    controller.abort(new Error("client destroyed"));
    await expect(
      new StoreIdentifyThrottler(hostA.identifyBuckets, 1, sleep).waitForIdentify(0, controller.signal),
    ).rejects.toThrow("client destroyed");
    expect(await hostB.identifyBuckets.claim(0, IDENTIFY_WINDOW_MS)).toBe(0);
  });
});
