import { loadConfig } from "../../src/app/config.ts";
import type { AppContext } from "../../src/app/context.ts";
import type { Library } from "../../src/app/library.ts";
import { createLogger, silentLogger, type Logger } from "../../src/app/logger.ts";
import { ManualClock } from "../../src/core/clock.ts";

export const TEST_NOW = "2025-12-05T12:00:00Z";

/** An AppContext for tests: default config, a clock standing at TEST_NOW, silent logs. */
export function testAppContext(overrides: Partial<AppContext> & { library: Library }): AppContext {
  const loaded = loadConfig({});
  if (!loaded.ok) throw new Error(loaded.reason.join("\n"));
  return { config: loaded.value, clock: new ManualClock(TEST_NOW), logger: silentLogger(), ...overrides };
}

/** A logger that keeps each line it writes as an object, for tests that check logs. */
export function recordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write(chunk: string) {
      lines.push(JSON.parse(chunk) as Record<string, unknown>);
    },
  };
  return { logger: createLogger({ level: "debug", pretty: false, destination }), lines };
}
