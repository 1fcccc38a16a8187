import type pg from "pg";
import type { Clock } from "../../core/clock.ts";
import type { IdentifyBucketRepository } from "../identify-buckets.ts";

/**
 * {@link IdentifyBucketRepository} in PostgreSQL: the take is one conditional upsert, so two hosts that ask
 * at once cannot both get the bucket.
 */
export class PgIdentifyBucketRepository implements IdentifyBucketRepository {
  readonly #pool: pg.Pool;
  readonly #clock: Clock;
  constructor(pool: pg.Pool, clock: Clock) {
    this.#pool = pool;
    this.#clock = clock;
  }

  async claim(bucket: number, windowMs: number): Promise<number> {
    const now = this.#clock.now().getTime();
    const taken = await this.#pool.query(
      `INSERT INTO identify_buckets (bucket, next_at_ms) VALUES ($1, $2)
       ON CONFLICT (bucket) DO UPDATE SET next_at_ms = excluded.next_at_ms
       WHERE identify_buckets.next_at_ms <= $3
       RETURNING bucket`,
      [bucket, now + windowMs, now],
    );
    if (taken.rowCount === 1) return 0;
    const held = await this.#pool.query<{ next_at_ms: string }>(
      "SELECT next_at_ms FROM identify_buckets WHERE bucket = $1",
      [bucket],
    );
    // BIGINT arrives as a string; a bucket freed between the two statements is asked for again at once.
    return Math.max(1, Number(held.rows[0]?.next_at_ms ?? now) - now);
  }
}
