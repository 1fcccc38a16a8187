import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { it } from "vitest";

/** A file of the research data beside the repository (../shared), never copied into it. */
export function sharedFile(relativePath: string): string {
  return fileURLToPath(new URL(`../../../shared/${relativePath}`, import.meta.url));
}

/**
 * Whether tests on `path` can run. A developer without ../shared skips them; under `CI=true` a missing file
 * is a failing test instead, so that CI never passes by silently skipping the tests on real data.
 */
export function sharedDataPresent(path: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI === "true") {
    it(`needs ${path} (CI=true: the research data must be there)`, () => {
      throw new Error(`${path} is missing`);
    });
  }
  return false;
}
