// The git backend's speed target: on a local repository, a scan of the window (read and
// classify every commit, list and date the config files: `agent-census scan --no-store`) takes
// at most 1.5× the wall time of plain `git log` printing the same fields over the same range.
// Both run here, same repository, same run, with and without a commit-graph. The repository is
// built with fast-import from the real fixtures' messages; it has history before the window, and
// a config file added there, so the walk that dates it is part of what is measured.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { scanGitTarget } from "../src/scan/scan-git.js";
import { commitLogArgs } from "../src/sources/git/index.js";
import { fastImport, type ReplayCommit } from "../test/sources/git/fast-import.js";
import { FIXTURES_DIR, fixtureSlugs, loadFixture, sharedCorpus } from "../test/support/fixtures.js";

export interface GitBenchResult {
  fresh: GitBenchFigures;
  maintained: GitBenchFigures;
  merged: GitBenchFigures;
}

export interface GitBenchFigures {
  /** Commits in the window (the scan reads and classifies each). */
  commits: number;
  /** Commits before the window: git log walks them too, printing none. */
  commitsBeforeWindow: number;
  gitLogSeconds: number;
  scanSeconds: number;
  /** Wall time of the scan ÷ wall time of git log: the target. */
  ratio: number;
  gitLogCpuSeconds: number;
  scanCpuSeconds: number;
  /** CPU time (this process and its git children) of the scan ÷ that of git log. */
  cpuRatio: number;
  agentCommits: number;
  configFiles: number;
  /** One-minute load average when the figures were taken. */
  load: number;
}

const WINDOW_START = new Date("2025-10-01T00:00:00Z");

/**
 * `count` commits in the window and `before` commits ahead of it, cycling through the real
 * fixture messages and identities, two minutes apart.
 */
export function syntheticHistory(count: number, before: number): ReplayCommit[] {
  // The shared corpus when it is beside the clone, else the histories the tests keep.
  const corpus = sharedCorpus() ?? FIXTURES_DIR;
  const real = fixtureSlugs(corpus).flatMap((slug) => loadFixture(slug, corpus).commits);
  if (real.length === 0) throw new Error(`no fixtures found under ${corpus}`);
  const total = before + count;
  const start = WINDOW_START.getTime() + 60_000 - before * 120_000;
  // Config files come and go, so dating them has history to walk: AGENTS.md is added before the
  // window, near its start, so dating it walks all history before the window; .cursorrules is
  // added before the window and removed inside it.
  const configEvents = new Map<number, Array<{ path: string; content: string | null }>>([
    [5, [{ path: "AGENTS.md", content: "agents" }]],
    [Math.floor(before / 2), [{ path: ".cursorrules", content: "rules" }]],
    [before + 10, [{ path: "CLAUDE.md", content: "rules" }]],
    [before + Math.floor(count * 0.2), [{ path: ".cursor/rules/style.mdc", content: "style" }]],
    [before + Math.floor(count * 0.5), [{ path: ".cursorrules", content: null }]],
    [before + Math.floor(count * 0.6), [{ path: ".cursor/rules/style.mdc", content: null }]],
    [before + Math.floor(count * 0.9), [{ path: "packages/app/AGENTS.md", content: "agents" }]],
  ]);
  return Array.from({ length: total }, (_, i) => {
    const source = real[i % real.length]!;
    const date = new Date(start + i * 120_000).toISOString().replace(".000Z", "+00:00");
    const files = [...(configEvents.get(i) ?? [])];
    if (i % 20 === 0) files.push({ path: `src/module${i % 400}/file${i % 7}.ts`, content: `export const v = ${i};\n` });
    return {
      author: { ...source.author, date },
      committer: { ...source.committer, date },
      message: source.message,
      parents: i === 0 ? [] : [i - 1],
      files,
    };
  });
}

/**
 * A history shaped like a project that merges pull requests (the case the issue measured on
 * git/git): a tree of 3,000 files in 300 folders, every commit changing two of them, and every
 * fifth commit a merge of a three-commit branch. Config files are added on the main line, as in
 * syntheticHistory, with one written on a branch (dated by its merge).
 */
export function mergedHistory(count: number, before: number): ReplayCommit[] {
  const corpus = sharedCorpus() ?? FIXTURES_DIR;
  const real = fixtureSlugs(corpus).flatMap((slug) => loadFixture(slug, corpus).commits);
  const total = before + count;
  const start = WINDOW_START.getTime() + 60_000 - before * 120_000;
  const file = (k: number): string => `src/dir${k % 300}/file${Math.floor(k / 300) % 10}.ts`;
  const commits: ReplayCommit[] = [];
  const add = (parents: number[], files: Array<{ path: string; content: string | null }>): number => {
    const i = commits.length;
    const source = real[i % real.length]!;
    const date = new Date(start + i * 120_000).toISOString().replace(".000Z", "+00:00");
    commits.push({ author: { ...source.author, date }, committer: { ...source.committer, date }, message: source.message, parents, files });
    return i;
  };
  let main = add([], Array.from({ length: 3000 }, (_, k) => ({ path: file(k), content: `export const v = ${k};\n` })));
  const config = new Map<number, Array<{ path: string; content: string | null }>>([
    [1, [{ path: "AGENTS.md", content: "agents" }]],
    [Math.floor(before / 2), [{ path: ".cursorrules", content: "rules" }]],
    [before + 10, [{ path: "CLAUDE.md", content: "rules" }]],
    [before + Math.floor(count * 0.5), [{ path: ".cursorrules", content: null }]],
  ]);
  const change = (i: number) => [0, 1].map((j) => ({ path: file((i * 7 + j * 1501) % 3000), content: `export const v = ${i}_${j};\n` }));
  while (commits.length < total) {
    // A branch of three commits from the main line, one commit on the main line, then the merge.
    let side = main;
    const sideFiles: Array<{ path: string; content: string | null }> = [];
    for (let j = 0; j < 3; j++) {
      const files = change(commits.length);
      if (commits.length >= before + Math.floor(count * 0.9) && !sideFiles.some((f) => f.path.endsWith("AGENTS.md")) && commits.length < before + Math.floor(count * 0.9) + 5) {
        files.push({ path: "packages/app/AGENTS.md", content: "agents" });
      }
      side = add([side], files);
      sideFiles.push(...files);
    }
    const at = commits.length;
    main = add([main], [...change(at), ...[...config].filter(([k]) => k <= at && k > at - 5).flatMap(([, events]) => events)]);
    main = add([main, side], sideFiles);
  }
  return commits;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * CPU seconds used so far by this process and its finished children (Linux /proc). On a busy
 * machine wall time measures the neighbours too; CPU time is the figure that does not.
 */
function cpuSeconds(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14-17 of proc(5): utime, stime, cutime, cstime; index 0 here is field 3.
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0) / CLOCK_TICKS;
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed<T>(run: () => Promise<T>): Promise<Timing & { value: T }> {
  const cpu = cpuSeconds();
  const start = process.hrtime.bigint();
  const value = await run();
  return { wall: seconds(start), cpu: cpuSeconds() - cpu, value };
}

/** Plain git log, same arguments as readCommits, output discarded. */
function gitLog(dir: string): Promise<void> {
  const args = commitLogArgs({ since: WINDOW_START });
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", dir, ...args], { stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`git log exited ${code}`))));
  });
}

interface ScanCounts {
  commits: number;
  agentCommits: number;
  configFiles: number;
}

/** The scan as `agent-census scan <path> --no-store` runs it: open, read, classify, date, summarise. */
async function scan(dir: string, cacheDir: string): Promise<ScanCounts> {
  const summary = await scanGitTarget(dir, { since: WINDOW_START, cacheDir, database: null });
  const dated = summary.configFiles.filter((file) => file.addedAt !== null);
  if (dated.length < 3) throw new Error(`the benchmark repository's config files should all be dated: ${JSON.stringify(summary.configFiles)}`);
  return { commits: summary.commits, agentCommits: summary.agentCommits, configFiles: summary.configFiles.length };
}

/** Warms the page cache and the JIT, then alternates both sides and keeps each one's best of three. */
async function measure(dir: string, cacheDir: string, commitsBeforeWindow: number): Promise<GitBenchFigures> {
  await gitLog(dir);
  await scan(dir, cacheDir);
  const logs: Timing[] = [];
  const scans: Timing[] = [];
  let counts: ScanCounts = { commits: 0, agentCommits: 0, configFiles: 0 };
  for (let run = 0; run < 3; run++) {
    logs.push(await timed(() => gitLog(dir)));
    const measured = await timed(() => scan(dir, cacheDir));
    counts = measured.value;
    scans.push(measured);
  }
  const best = (timings: Timing[], key: "wall" | "cpu"): number => Math.min(...timings.map((t) => t[key]));
  const load = loadavg()[0] ?? 0;
  const result: GitBenchFigures = {
    ...counts,
    commitsBeforeWindow,
    load,
    gitLogSeconds: best(logs, "wall"),
    scanSeconds: best(scans, "wall"),
    ratio: best(scans, "wall") / best(logs, "wall"),
    gitLogCpuSeconds: best(logs, "cpu"),
    scanCpuSeconds: best(scans, "cpu"),
    cpuRatio: best(scans, "cpu") / best(logs, "cpu"),
  };
  const runs = (timings: Timing[]): string => timings.map((t) => `${t.wall.toFixed(2)}/${t.cpu.toFixed(2)}`).join(", ");
  console.log(`    (wall/CPU seconds per run; load average ${load.toFixed(1)} on ${cpus().length} CPUs)`);
  console.log(`    git log, same fields and range  ${result.gitLogSeconds.toFixed(2)} s wall, ${result.gitLogCpuSeconds.toFixed(2)} s CPU   (runs: ${runs(logs)})`);
  console.log(
    `    our scan of the window          ${result.scanSeconds.toFixed(2)} s wall, ${result.scanCpuSeconds.toFixed(2)} s CPU   (runs: ${runs(scans)}; ` +
      `${counts.commits.toLocaleString()} commits read and classified, ${counts.agentCommits.toLocaleString()} agent commits, ` +
      `${counts.configFiles} config files at HEAD dated)`,
  );
  console.log(`    ratio (scan / git log) = ${result.ratio.toFixed(2)} wall, ${result.cpuRatio.toFixed(2)} CPU  (target ≤ 1.5 wall)`);
  return result;
}

export async function benchGit(count = 100_000): Promise<GitBenchResult> {
  const root = mkdtempSync(join(tmpdir(), "bench git "));
  try {
    const dir = join(root, "repo");
    const cacheDir = join(root, "cache");
    const before = Math.floor(count / 10);
    execFileSync("git", ["init", "-q", "-b", "main", dir]);
    const built = process.hrtime.bigint();
    fastImport(dir, syntheticHistory(count, before));
    console.log(
      `git: built ${count.toLocaleString()} commits in the window and ${before.toLocaleString()} before it with fast-import in ${seconds(built).toFixed(1)} s`,
    );
    console.log("  fresh from fast-import (no commit-graph, as in most clones people work in):");
    const fresh = await measure(dir, cacheDir, before);
    // What `git gc` / `git maintenance` leave in a clone people work in: the commit-graph lets
    // git walk history without inflating every commit, which both sides profit from.
    execFileSync("git", ["-C", dir, "commit-graph", "write", "--reachable"], { stdio: "ignore" });
    console.log("  with a commit-graph (as after git gc):");
    const maintained = await measure(dir, cacheDir, before);
    const prDir = join(root, "merged repo");
    execFileSync("git", ["init", "-q", "-b", "main", prDir]);
    fastImport(prDir, mergedHistory(count, before));
    console.log("  a history that merges pull requests (3,000 files, every fifth commit a merge; no commit-graph):");
    const merged = await measure(prDir, cacheDir, before);
    const line = (label: string, f: GitBenchFigures): string =>
      `${label}: scan ${f.scanSeconds.toFixed(2)} s vs git log ${f.gitLogSeconds.toFixed(2)} s = ${f.ratio.toFixed(2)}× wall (${f.cpuRatio.toFixed(2)}× CPU, load ${f.load.toFixed(1)})`;
    console.log(`  ${line("without a commit-graph", fresh)}; ${line("with one", maintained)}; ${line("merged pull requests", merged)}; target ≤ 1.5× wall`);
    return { fresh, maintained, merged };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchGit(Number(process.argv[2] ?? 100_000));
