import type { FeedTimer } from "../../src/app/feeds.ts";

/** Runs nothing by itself: records the waits the feed service asks for, so that a test fires them itself. */
export class FakeTimer implements FeedTimer {
  readonly pending: { callback: () => void; delayMs: number }[] = [];

  set(callback: () => void, delayMs: number): unknown {
    const handle = { callback, delayMs };
    this.pending.push(handle);
    return handle;
  }

  clear(handle: unknown): void {
    const index = this.pending.indexOf(handle as (typeof this.pending)[number]);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** The wait asked for last. */
  get nextDelay(): number | undefined {
    return this.pending.at(-1)?.delayMs;
  }

  /** The pending waits of `delayMs`: the daily one among the polls, say. */
  pendingFor(delayMs: number): { callback: () => void; delayMs: number }[] {
    return this.pending.filter((handle) => handle.delayMs === delayMs);
  }

  /** Runs a wait's callback as if its time had come; like a real timer's, it is no longer pending. */
  fire(handle: { callback: () => void }): void {
    this.clear(handle);
    handle.callback();
  }
}
