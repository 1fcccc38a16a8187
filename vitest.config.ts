import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Files that replace a module with `vi.mock`: they get a fresh module graph of their own. Every other file
 * shares its worker's loaded modules with the files before it (`isolate: false`), which halves the suite's
 * CPU time: discord.js, zod, the quote lexicon and the rest are loaded once per worker, not once per file.
 * That is safe because tests keep no state in modules: each builds its own AppContext, store and clock, and
 * the setup file restores spies and timers after every test.
 */
const OWN_MODULE_GRAPH = ["tests/store/snapshot.test.ts"];

/**
 * At least two workers, even on two cores (vitest's default leaves one core free): about half of the suite's
 * wall time is spent waiting on child processes, sockets and discord.js's own delays, which the second
 * worker fills with other files.
 */
const WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    setupFiles: ["tests/setup/no-console.ts"],
    testTimeout: 20_000,
    maxWorkers: WORKERS,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["tests/**/*.test.ts"],
          exclude: OWN_MODULE_GRAPH,
          isolate: false,
          // Here rather than above, where every project would inherit it and say its one line again.
          globalSetup: ["tests/setup/postgres.ts"],
        },
      },
      { extends: true, test: { name: "isolated", include: OWN_MODULE_GRAPH } },
    ],
  },
});
