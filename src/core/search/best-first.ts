/**
 * Yields the positions 0 to `count - 1` best first, sorting only as far as the caller reads: building the heap
 * is linear and each position taken costs a logarithm, so a page of 10 hits out of 20,000 matches costs far
 * less than sorting them all, while a caller that skips some (phrase checks) can still read on. `before(a, b)`
 * says whether position `a` ranks above position `b`; it must be a strict total order for a deterministic
 * result.
 */
export function* bestFirst(
  count: number,
  before: (a: number, b: number) => boolean,
  scratch?: Uint32Array,
): Generator<number, void, undefined> {
  // A typed array lives outside the garbage-collected heap, which matters at tens of thousands of matches; a
  // caller that ranks often passes one of its own (at least `count` long) to spare the allocation.
  const heap = scratch !== undefined && scratch.length >= count ? scratch : new Uint32Array(count);
  for (let i = 0; i < count; i++) heap[i] = i;
  let size = count;
  const siftDown = (start: number): void => {
    let parent = start;
    const item = heap[parent] ?? 0;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && before(heap[right] ?? 0, heap[child] ?? 0)) child = right;
      const best = heap[child] ?? 0;
      if (!before(best, item)) break;
      heap[parent] = best;
      parent = child;
    }
    heap[parent] = item;
  };
  for (let i = Math.floor(size / 2) - 1; i >= 0; i--) siftDown(i);
  while (size > 0) {
    const top = heap[0] ?? 0;
    size--;
    if (size > 0) {
      heap[0] = heap[size] ?? 0;
      siftDown(0);
    }
    yield top;
  }
}
