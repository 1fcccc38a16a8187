import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup/no-console.ts"],
    globalSetup: ["tests/setup/postgres.ts"],
    testTimeout: 20_000,
  },
});
