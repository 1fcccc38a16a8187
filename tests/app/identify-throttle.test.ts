import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IDENTIFY_WINDOW_MS, StoreIdentifyThrottler, type Sleep } from "../../src/app/identify-throttle.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openDataStore, type Store } from "../../src/store/db.ts";

let dataDir: string;
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
  dataDir = await mkdtemp(`${tmpdir()}/newsdesk-identify-`);
  clock = new ManualClock("2026-03-01T12:00:00Z");
  // Two processes on one database, as two hosts on one PostgreSQL would be.
  hostA = openDataStore(dataDir, { clock });
  hostB = openDataStore(dataDir, { clock });
  slept = [];
});
afterEach(async () => {
  hostA.close();
  hostB.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("StoreIdentifyThrottler", () => {
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

  it("GIVEN an aborted wait THEN it rejects with the abort and takes no bucket", async () => {
    const controller = new AbortController();
    controller.abort(new Error("client destroyed"));
    await expect(
      new StoreIdentifyThrottler(hostA.identifyBuckets, 1, sleep).waitForIdentify(0, controller.signal),
    ).rejects.toThrow("client destroyed");
    expect(await hostB.identifyBuckets.claim(0, IDENTIFY_WINDOW_MS)).toBe(0);
  });
});
