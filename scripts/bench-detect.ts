// Classifies ≥ 1,000,000 real commits (the labelled fixtures, repeated) and compares the whole
// catalog's cost with one plain RegExp.test pass for a single trailer over the same messages.
import { pathToFileURL } from "node:url";
import { classifyCommit } from "../src/detect/index.js";
import type { CommitInput } from "../src/detect/types.js";
import { fixtureSlugs, loadFixture } from "../test/support/fixtures.js";

export interface DetectBenchResult {
  commits: number;
  catalogCommitsPerSecond: number;
  singleRegexCommitsPerSecond: number;
  ratio: number;
  agentCommits: number;
}

function timeIt(run: () => number): { seconds: number; result: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

export function benchDetect(target = 1_000_000): DetectBenchResult {
  const real: CommitInput[] = fixtureSlugs().flatMap((slug) => loadFixture(slug).commits);
  if (real.length === 0) throw new Error("no fixtures found under ../shared/fixtures/real-repos");
  const rounds = Math.ceil(target / real.length);
  const total = rounds * real.length;
  const singleTrailer = /Co-Authored-By: Claude/i;

  const runRegex = () => {
    let hits = 0;
    for (let round = 0; round < rounds; round++) for (const commit of real) if (singleTrailer.test(commit.message)) hits++;
    return hits;
  };
  const runCatalog = () => {
    let agentCommits = 0;
    for (let round = 0; round < rounds; round++) for (const commit of real) if (classifyCommit(commit).agents.length > 0) agentCommits++;
    return agentCommits;
  };
  // Warm both paths so the JIT has compiled them before the measured runs.
  for (const commit of real) { singleTrailer.test(commit.message); classifyCommit(commit); }
  const regex = timeIt(runRegex);
  const catalog = timeIt(runCatalog);
  const result = {
    commits: total,
    catalogCommitsPerSecond: total / catalog.seconds,
    singleRegexCommitsPerSecond: total / regex.seconds,
    ratio: regex.seconds / catalog.seconds,
    agentCommits: catalog.result,
  };
  console.log(`detect: ${total.toLocaleString()} real commits (${real.length} distinct, ×${rounds})`);
  console.log(`  whole catalog    ${Math.round(result.catalogCommitsPerSecond).toLocaleString()} commits/s  (${catalog.seconds.toFixed(2)} s, ${catalog.result.toLocaleString()} agent commits)`);
  console.log(`  one RegExp.test  ${Math.round(result.singleRegexCommitsPerSecond).toLocaleString()} commits/s  (${regex.seconds.toFixed(2)} s)`);
  console.log(`  ratio (single regex time / catalog time) = ${result.ratio.toFixed(2)}  (target ≥ 0.5)`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) benchDetect();
