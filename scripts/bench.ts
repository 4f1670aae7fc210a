// `npm run bench`: every benchmark in one run, each printing its own figures.
// A benchmark that needs something missing here (e.g. a Postgres server) says so and is skipped.
type Bench = { name: string; module: string; run: string };

const benches: Bench[] = [
  { name: "cli", module: "./bench-cli.js", run: "benchCli" },
  { name: "detection", module: "./bench-detect.js", run: "benchDetect" },
  { name: "git backend", module: "./bench-git.js", run: "benchGit" },
  { name: "GitHub API backend", module: "./bench-github.js", run: "benchGitHub" },
  { name: "store (monthly share)", module: "./bench-store.js", run: "benchStore" },
  { name: "report", module: "./bench-report.js", run: "benchReport" },
  { name: "webhooks", module: "./bench-webhooks.js", run: "benchWebhooks" },
  { name: "crawler", module: "./bench-crawl.js", run: "benchCrawl" },
  { name: "scale (crawler past one machine)", module: "./bench-scale.js", run: "benchScale" },
  { name: "storage (bytes per repository-month, compaction)", module: "./bench-storage.js", run: "benchStorage" },
];

const only = process.argv.slice(2);
let failed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.some((word) => bench.name.includes(word) || bench.module.includes(word))) continue;
  console.log(`\n━━ ${bench.name}`);
  try {
    const module = (await import(bench.module)) as Record<string, unknown>;
    const run = module[bench.run];
    if (typeof run !== "function") throw new Error(`${bench.module} does not export ${bench.run}()`);
    await (run as () => Promise<unknown>)();
  } catch (error) {
    failed++;
    console.log(`  ${bench.name} failed: ${(error as Error).message}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
