import { printTable } from "./table.ts";

/** One measured figure, with the goal it is held against if there is one. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** A goal such as "<= 50 ms"; `met` says whether the value reaches it. */
  target?: string;
  met?: boolean;
  note?: string;
}

/** A group of rows; each bench group file returns one or more. */
export interface BenchSection {
  title: string;
  rows: BenchRow[];
}

export function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(2);
}

export function printSection(section: BenchSection): void {
  printTable(
    section.title,
    ["metric", "value", "target", "note"],
    section.rows.map((row) => [
      row.metric,
      `${formatValue(row.value)} ${row.unit}`,
      row.target === undefined ? "" : `${row.target} ${row.met === true ? "ok" : "MISSED"}`,
      row.note ?? "",
    ]),
  );
}

/** Milliseconds taken by `work`, with its result. */
export function timed<T>(work: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}

/** Heap in use after a full collection, in MB; needs node --expose-gc (bench/run.ts re-executes with it). */
export function settledHeapMb(): number {
  return settledMemory().heapMb;
}

/**
 * Heap in use and memory of array buffers (outside the heap: the index's posting lists are typed arrays)
 * after a full collection, in MB. Needs node --expose-gc.
 */
export function settledMemory(): { heapMb: number; arrayBuffersMb: number } {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  const usage = process.memoryUsage();
  return { heapMb: usage.heapUsed / 1e6, arrayBuffersMb: usage.arrayBuffers / 1e6 };
}
