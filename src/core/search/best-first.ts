/**
 * Yields `items` best first, sorting only as far as the caller reads: building the heap is linear and each item
 * taken costs a logarithm, so a page of 10 hits out of 20,000 matches costs far less than sorting them all,
 * while a caller that skips items (phrase checks) can still read on. `before(a, b)` says whether `a` ranks
 * above `b`; it must be a strict total order for the result to be deterministic. Reorders `items`.
 */
export function* bestFirst<T>(items: T[], before: (a: T, b: T) => boolean): Generator<T, void, undefined> {
  const heap = items;
  let size = heap.length;
  const siftDown = (start: number): void => {
    let parent = start;
    const item = heap[parent] as T;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && before(heap[right] as T, heap[child] as T)) child = right;
      const best = heap[child] as T;
      if (!before(best, item)) break;
      heap[parent] = best;
      parent = child;
    }
    heap[parent] = item;
  };
  for (let i = Math.floor(size / 2) - 1; i >= 0; i--) siftDown(i);
  while (size > 0) {
    const top = heap[0] as T;
    size--;
    if (size > 0) {
      heap[0] = heap[size] as T;
      siftDown(0);
    }
    yield top;
  }
}
