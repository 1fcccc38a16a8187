import type Database from "better-sqlite3";
import type { Clock } from "../core/clock.ts";

/**
 * Discord's identify buckets (`identify_buckets`): a gateway session may open in a bucket once per window,
 * whichever process or host opens it.
 */
export interface IdentifyBucketRepository {
  /**
   * Takes the bucket for one identify when it is free, keeping it for `windowMs`. Resolves to 0 when taken,
   * or else to the milliseconds until it is free.
   */
  claim(bucket: number, windowMs: number): Promise<number>;
}

/** {@link IdentifyBucketRepository} in SQLite: the check and the take are one IMMEDIATE transaction. */
export class SqliteIdentifyBucketRepository implements IdentifyBucketRepository {
  readonly #claim: (bucket: number, windowMs: number) => number;

  constructor(db: Database.Database, clock: Clock) {
    const read = db.prepare<[number], { next_at_ms: number }>(
      "SELECT next_at_ms FROM identify_buckets WHERE bucket = ?",
    );
    const take = db.prepare(
      `INSERT INTO identify_buckets (bucket, next_at_ms) VALUES (?, ?)
       ON CONFLICT (bucket) DO UPDATE SET next_at_ms = excluded.next_at_ms`,
    );
    const claim = db.transaction((bucket: number, windowMs: number): number => {
      const now = clock.now().getTime();
      const nextAt = read.get(bucket)?.next_at_ms ?? 0;
      if (nextAt > now) return nextAt - now;
      take.run(bucket, now + windowMs);
      return 0;
    });
    this.#claim = (bucket, windowMs) => claim.immediate(bucket, windowMs);
  }

  claim(bucket: number, windowMs: number): Promise<number> {
    return Promise.resolve(this.#claim(bucket, windowMs));
  }
}
