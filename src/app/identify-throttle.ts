import { setTimeout as sleep } from "node:timers/promises";
import type { IdentifyBucketRepository } from "../store/identify-buckets.ts";

/** Discord opens `max_concurrency` gateway sessions per this window, one in each bucket. */
export const IDENTIFY_WINDOW_MS = 5_000;

/** Waits, abortably; tests pass one that moves a manual clock instead. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

const realSleep: Sleep = async (ms, signal) => {
  await sleep(ms, undefined, { signal });
};

/**
 * Paces gateway identifies through the store rather than in memory, so that the shards of every host on
 * one database respect Discord's `max_concurrency` together (discord.js's own throttler only sees the shards
 * of its process). Shard `id` identifies in bucket `id % maxConcurrency`. Shaped as @discordjs/ws's
 * IIdentifyThrottler, for `ws.buildIdentifyThrottler`.
 */
export class StoreIdentifyThrottler {
  readonly #buckets: IdentifyBucketRepository;
  readonly #maxConcurrency: number;
  readonly #sleep: Sleep;

  constructor(buckets: IdentifyBucketRepository, maxConcurrency: number, wait: Sleep = realSleep) {
    this.#buckets = buckets;
    this.#maxConcurrency = Math.max(1, Math.floor(maxConcurrency));
    this.#sleep = wait;
  }

  /** Resolves when shard `shardId` may identify; rejects with the signal's reason when aborted. */
  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const bucket = shardId % this.#maxConcurrency;
    for (;;) {
      signal.throwIfAborted();
      const waitMs = await this.#buckets.claim(bucket, IDENTIFY_WINDOW_MS);
      if (waitMs === 0) return;
      await this.#sleep(waitMs, signal);
    }
  }
}
