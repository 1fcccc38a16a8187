/**
 * Hands out turns in arrival order, each in a later event-loop iteration than the one before, and none
 * while an acknowledgement is on its way. Commands such as a search run synchronously: a burst started all
 * at once would run every one before any answer left the process, and all could miss Discord's 3 seconds
 * together. Taking turns lets earlier answers and later interactions' deferral timers through in between;
 * holding turns for deferrals lets those, which have a hard deadline, out before more work starts.
 */
export class EventLoopTurns {
  #last: Promise<void> = Promise.resolve();
  readonly #holds = new Set<Promise<unknown>>();

  /** Resolves when it is this caller's turn: after every earlier turn, in a fresh loop iteration. */
  next(): Promise<void> {
    const turn = this.#last.then(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.#holds.size > 0) await Promise.allSettled([...this.#holds]);
    });
    this.#last = turn;
    return turn;
  }

  /** No turn starts until `work` settles (whether it succeeds or fails). */
  hold(work: Promise<unknown>): void {
    this.#holds.add(work);
    const release = () => this.#holds.delete(work);
    work.then(release, release);
  }
}
