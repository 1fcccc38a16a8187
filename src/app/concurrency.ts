/**
 * Maps `items` through `work` with at most `limit` calls under way at once, results in input order. A
 * rejection rejects the whole map, as with Promise.all; callers that must not fail catch inside `work`.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Bounds for {@link mapWithLimits}: so many calls at once in all, and so many per key. */
export interface ConcurrencyLimits<T> {
  total: number;
  perKey: number;
  keyOf: (item: T) => string;
}

/**
 * Runs `work` on every item with at most `limits.total` calls under way, and at most `limits.perKey` for
 * items of one key (feeds of one host name), starting items in input order as far as the limits allow: an
 * item whose key is full waits without holding a slot another key could use. Results in input order; a
 * rejection rejects the whole run, as with Promise.all.
 */
export function mapWithLimits<T, R>(
  items: readonly T[],
  limits: ConcurrencyLimits<T>,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const waiting = items.map((item, index) => ({ item, index, key: limits.keyOf(item) }));
  const running = new Map<string, number>();
  let active = 0;
  let settled = 0;
  return new Promise<R[]>((resolve, reject) => {
    let failed = false;
    const startMore = (): void => {
      if (failed) return;
      if (settled === items.length) {
        resolve(results);
        return;
      }
      for (let position = 0; position < waiting.length && active < Math.max(1, limits.total);) {
        const next = waiting[position];
        if (next === undefined) break;
        if ((running.get(next.key) ?? 0) >= Math.max(1, limits.perKey)) {
          position++;
          continue;
        }
        waiting.splice(position, 1);
        active++;
        running.set(next.key, (running.get(next.key) ?? 0) + 1);
        work(next.item).then(
          (result) => {
            results[next.index] = result;
            active--;
            running.set(next.key, (running.get(next.key) ?? 1) - 1);
            settled++;
            startMore();
          },
          (error: unknown) => {
            failed = true;
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }
    };
    startMore();
  });
}
