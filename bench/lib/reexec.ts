import { spawnSync } from "node:child_process";

/**
 * Heap figures need a callable gc, and large sets need more than the default heap: runs this script again
 * with `--expose-gc` and a heap of `heapMb`, unless this is that run. True when the re-run happened (its
 * exit code is this process's), so the caller returns at once.
 */
export function reexecWithGc(heapMb: number): boolean {
  if (typeof (globalThis as { gc?: unknown }).gc === "function") return false;
  const flags = ["--expose-gc", `--max-old-space-size=${String(heapMb)}`];
  const child = spawnSync(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.exitCode = child.status ?? 1;
  return true;
}
