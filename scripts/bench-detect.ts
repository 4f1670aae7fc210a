// Classifies ≥ 1,000,000 real commits (the labelled fixtures, repeated) and compares the whole
// catalog's cost with one plain RegExp.test pass for a single trailer over the same messages.
//
//   npx tsx scripts/bench-detect.ts [commits]          (or from the build: node dist/scripts/bench-detect.js)
//
// How it measures, and why: the work is split into passes over the fixtures (13,482 commits
// each), and the regex pass and the catalog pass alternate. On a shared machine the
// neighbours' load comes and goes; alternating gives both loops the same neighbours, and the
// fastest pass of each is the figure least disturbed by them. Totals over every pass (what a
// run costs, noise included) are printed beside it.
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { classifyCommit, commitClassifier } from "../src/detect/index.js";
import type { CommitInput } from "../src/detect/types.js";
import { fixtureSlugs, loadFixture } from "../test/support/fixtures.js";

export interface DetectBenchResult {
  /** Commits classified by the catalog (and tested by the single regex) in all passes. */
  commits: number;
  passes: number;
  /** From the fastest pass of each. */
  catalogCommitsPerSecond: number;
  singleRegexCommitsPerSecond: number;
  /** Single regex time ÷ catalog time, fastest passes: the target is ≥ 0.5. */
  ratio: number;
  /** The same ratio from the summed time of all passes. */
  totalRatio: number;
  /**
   * The ratio when every pass starts with empty recent-people and remembered-line slots (a fresh
   * classifier per pass), as a crawl starts on repositories it has not seen: within the pass the
   * slots fill from the fixtures' own histories. Repeated passes instead find the fixtures' 1,147
   * people and their trailers remembered from the pass before. Fastest passes.
   */
  coldRatio: number;
  coldCatalogCommitsPerSecond: number;
  agentCommits: number;
}

/**
 * Seconds run() took. Wall time, not CPU time: a pass lasts a few milliseconds, finer than the
 * kernel's CPU accounting; a pass the scheduler interrupted is slow, and the fastest one wins.
 */
function secondsOf(run: () => number): { seconds: number; result: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

export function benchDetect(target = 1_000_000): DetectBenchResult {
  const real: CommitInput[] = fixtureSlugs().flatMap((slug) => loadFixture(slug).commits);
  if (real.length === 0) throw new Error("no fixtures found under ../shared/fixtures/real-repos");
  const passes = Math.ceil(target / real.length);
  const singleTrailer = /Co-Authored-By: Claude/i;

  const regexPass = () => {
    let hits = 0;
    for (const commit of real) if (singleTrailer.test(commit.message)) hits++;
    return hits;
  };
  let agentCommits = 0;
  const catalogPass = () => {
    let found = 0;
    for (const commit of real) if (classifyCommit(commit).agents.length > 0) found++;
    return found;
  };
  const coldPass = (classify: (commit: CommitInput) => { agents: readonly string[] }) => {
    let found = 0;
    for (const commit of real) if (classify(commit).agents.length > 0) found++;
    return found;
  };
  // Warm every path so the JIT has compiled them before the measured passes.
  for (let i = 0; i < 3; i++) { regexPass(); catalogPass(); coldPass(commitClassifier()); }

  let bestRegex = Number.POSITIVE_INFINITY;
  let bestCatalog = Number.POSITIVE_INFINITY;
  let totalRegex = 0;
  let totalCatalog = 0;
  let bestCold = Number.POSITIVE_INFINITY;
  let bestColdRegex = Number.POSITIVE_INFINITY;
  const wallStart = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    const regex = secondsOf(regexPass);
    const catalog = secondsOf(catalogPass);
    bestRegex = Math.min(bestRegex, regex.seconds);
    bestCatalog = Math.min(bestCatalog, catalog.seconds);
    totalRegex += regex.seconds;
    totalCatalog += catalog.seconds;
    agentCommits = catalog.result;
  }
  const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
  // Then the cold passes, each beside a regex pass of its own. After the repeated passes, so
  // both figures are taken with the code fully compiled, and the garbage of compiling a fresh
  // catalog per cold pass (outside the timing) falls in no repeated pass.
  for (let pass = 0; pass < Math.min(passes, 40); pass++) {
    const classify = commitClassifier();
    const cold = secondsOf(() => coldPass(classify));
    // A fresh classifier must find what the shared one finds, or its speed means nothing.
    if (cold.result !== agentCommits) throw new Error(`a cold pass found ${cold.result} agent commits, the repeated passes ${agentCommits}`);
    bestCold = Math.min(bestCold, cold.seconds);
    bestColdRegex = Math.min(bestColdRegex, secondsOf(regexPass).seconds);
  }
  const result: DetectBenchResult = {
    commits: passes * real.length,
    passes,
    catalogCommitsPerSecond: real.length / bestCatalog,
    singleRegexCommitsPerSecond: real.length / bestRegex,
    ratio: bestRegex / bestCatalog,
    totalRatio: totalRegex / totalCatalog,
    coldRatio: bestColdRegex / bestCold,
    coldCatalogCommitsPerSecond: real.length / bestCold,
    agentCommits,
  };
  const perSecond = (value: number) => Math.round(value).toLocaleString().padStart(11);
  console.log(
    `detect: ${result.commits.toLocaleString()} real commits classified (${real.length.toLocaleString()} distinct × ${passes} passes, ` +
      `alternating with the regex; ${wallSeconds.toFixed(1)} s wall; load ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(`  whole catalog    ${perSecond(result.catalogCommitsPerSecond)} commits/s in the fastest pass  (${(real.length / (totalCatalog / passes)).toFixed(0)}/s over all; ${agentCommits.toLocaleString()} agent commits per pass)`);
  console.log(`  one RegExp.test  ${perSecond(result.singleRegexCommitsPerSecond)} commits/s in the fastest pass  (${(real.length / (totalRegex / passes)).toFixed(0)}/s over all)`);
  console.log(`  ratio (single regex time / catalog time) = ${result.ratio.toFixed(2)} fastest passes, ${result.totalRatio.toFixed(2)} all passes  (target ≥ 0.5)`);
  console.log(
    `  cold: every pass starts with empty people and line slots (they fill within the pass): ${perSecond(result.coldCatalogCommitsPerSecond).trim()} commits/s, ratio ${result.coldRatio.toFixed(2)} (fastest passes)`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const commits = Number(process.argv[2] ?? 1_000_000);
  if (!Number.isSafeInteger(commits) || commits <= 0) {
    console.error("usage: bench-detect [commits]   (a positive whole number; default 1000000)");
    process.exit(2);
  }
  benchDetect(commits);
}
