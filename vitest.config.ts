import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each test file isolates its own database schema, so files can run in parallel.
    pool: "forks",
  },
});
