import { afterAll, afterEach, beforeEach, vi } from "vitest";

/** Tests fail on any console output: a stray log is either a bug or noise. */
const methods = ["log", "info", "warn", "error", "debug"] as const;
const written: string[] = [];

beforeEach(() => {
  written.length = 0;
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(`console.${method}: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (written.length > 0) {
    throw new Error(`Test wrote to the console:\n${written.join("\n")}`);
  }
});

afterAll(() => {
  // Files share a worker (isolate: false in vitest.config.ts): fake timers left on must not reach the next file.
  vi.useRealTimers();
});
