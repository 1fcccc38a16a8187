/** The only way core and app code learn the time, so that tests can set it. */
export interface Clock {
  now(): Date;
}

/** A clock that reads the system time. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: it stands still until moved. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }
}
