// Detection, measured as a user feels it:
//   1. commits per second over the labelled corpus (classifyCommit on every commit, several passes);
//   2. detection's share of the CPU time of `agent-census scan --no-store` on a real local
//      repository, from a CPU profile of the whole command (start-up, git and all).
// Targets: ≥ 250,000 commits/s, and ≤ 5% of the scan's CPU.
//
//   npm run bench -- detect        (or: npx tsx scripts/bench-detect.ts [corpus-folder])
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { classifyCommit } from "../src/detect/index.js";
import type { CommitInput } from "../src/detect/types.js";
import { fastImport, replayOrder } from "../test/sources/git/fast-import.js";
import { loadRepository, repositorySlugs } from "./lib/labelled-corpus.js";

const root = resolve(import.meta.dirname, "..").replace(/\/dist$/, "");

export interface DetectBenchResult {
  commits: number;
  /** Fastest and median pass. */
  bestCommitsPerSecond: number;
  medianCommitsPerSecond: number;
  /** Detection's CPU (from the profile) ÷ the whole command's CPU, git's included (from /usr/bin/time). */
  scan: { repository: string; commits: number; detectionShare: number; detectionMilliseconds: number; cpuMilliseconds: number } | null;
}

function corpusFolder(): string {
  const given = process.argv.slice(2).find((arg) => !arg.startsWith("-") && existsSync(arg));
  return resolve(given ?? join(root, "../shared/fixtures/real-repos"));
}

function throughput(commits: readonly CommitInput[], passes: number): { best: number; median: number } {
  const rates: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const start = process.hrtime.bigint();
    for (const commit of commits) classifyCommit(commit);
    rates.push(commits.length / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  rates.sort((a, b) => a - b);
  return { best: rates.at(-1)!, median: rates[Math.floor(rates.length / 2)]! };
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  hitCount?: number;
}

/** Detection's time in a CPU profile (code in src/detect/ and src/agents/), and the profile's busy time. */
function detectionTime(profileFile: string): { detectionMs: number; busyMs: number } {
  const profile = JSON.parse(readFileSync(profileFile, "utf8")) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  let busy = 0;
  let detection = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (node.callFrame.functionName === "(idle)" || node.callFrame.functionName === "(program)") continue;
    busy += hits;
    if (/\/src\/(detect|agents)\//.test(node.callFrame.url)) detection += hits;
  }
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(profile.samples.length, 1);
  return { detectionMs: detection * msPerSample, busyMs: busy * msPerSample };
}

/** A real history (the corpus's largest) replayed into a git repository, then scanned under a profiler. */
function profileScan(corpus: string, slugs: string[]): DetectBenchResult["scan"] {
  const largest = slugs.map((slug) => loadRepository(corpus, slug)).sort((a, b) => b.commits.length - a.commits.length)[0];
  if (!largest) return null;
  const work = mkdtempSync(join(tmpdir(), "bench-detect-"));
  try {
    const repo = join(work, "repo");
    execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", repo]);
    fastImport(repo, replayOrder(largest.commits).replay);
    const built = join(root, "dist/src/cli/main.js");
    const cli = existsSync(built) ? [built] : ["--import", "tsx", join(root, "src/cli/main.ts")];
    // The command's whole CPU, git's processes included: GNU time reports the children it waited for.
    const timing = join(work, "time.txt");
    const scan = [process.execPath, "--cpu-prof", "--cpu-prof-dir", work, ...cli, "scan", repo, "--no-store", "--since", "2025-01-01"];
    const timed = existsSync("/usr/bin/time");
    execFileSync(timed ? "/usr/bin/time" : scan[0]!, timed ? ["-o", timing, "-f", "%U %S", ...scan] : scan.slice(1), {
      stdio: "ignore",
      env: { ...process.env, LOG_LEVEL: "error" },
    });
    const profile = readdirSync(work).find((name) => name.endsWith(".cpuprofile"));
    if (!profile) return null;
    const { detectionMs, busyMs } = detectionTime(join(work, profile));
    const [user = 0, system = 0] = timed ? readFileSync(timing, "utf8").trim().split(/\s+/).map(Number) : [];
    const cpuMs = timed ? (user + system) * 1000 : busyMs;
    return { repository: largest.slug, commits: largest.commits.length, detectionShare: detectionMs / cpuMs, detectionMilliseconds: detectionMs, cpuMilliseconds: cpuMs };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function benchDetect(): DetectBenchResult {
  const corpus = corpusFolder();
  if (!existsSync(corpus)) throw new Error(`no labelled corpus at ${corpus}: the detection benchmark needs ../shared/fixtures/real-repos`);
  const slugs = repositorySlugs(corpus);
  const commits = slugs.flatMap((slug) => loadRepository(corpus, slug).commits);
  throughput(commits, 2); // warm up the JIT
  const { best, median } = throughput(commits, 15);
  console.log(`  classifyCommit over ${commits.length.toLocaleString("en")} real commits, 15 passes:`);
  console.log(`    ${Math.round(best).toLocaleString("en")} commits/s (fastest pass), ${Math.round(median).toLocaleString("en")} (median)   target ≥ 250,000`);
  const scan = profileScan(corpus, slugs);
  if (scan) {
    console.log(`  \`agent-census scan --no-store\` of ${scan.repository} (${scan.commits.toLocaleString("en")} commits replayed into git), CPU profile:`);
    console.log(`    detection ${Math.round(scan.detectionMilliseconds)} ms = ${(scan.detectionShare * 100).toFixed(1)}% of the command's ${Math.round(scan.cpuMilliseconds)} ms CPU (git's included)   target ≤ 5%`);
  }
  return { commits: commits.length, bestCommitsPerSecond: best, medianCommitsPerSecond: median, scan };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) benchDetect();
