// `npm run test:reliability`: faults, load and hostile input at full size. Its checks live in
// test/reliability/ — `*.reliability.ts` run only here; the `*.test.ts` ones (detection fuzz,
// secrets in logs) also run, small, in the normal suite.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/reliability/**/*.{test,reliability}.ts"],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Timing and fault checks measure CPU cost and kill processes: running them one file at a
    // time keeps one check's load out of another's figures.
    fileParallelism: false,
    env: { RELIABILITY_FULL: "1" },
  },
});
