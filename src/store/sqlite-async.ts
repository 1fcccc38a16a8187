/**
 * Runs synchronous SQLite work behind the repositories' async interfaces: the result, or its exception as a
 * rejection (never a synchronous throw, so that callers' `.catch` sees it).
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
