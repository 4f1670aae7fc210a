// The CLI as a person feels it: wall time of whole commands, beside `node -e 0` and `git log` on
// the same repository. Targets: `--help` and `agents` ≤ 0.25 s; `scan --no-store` of a local
// repository with ~100 commits in the window ≤ 0.6 s; the same scan into the embedded store ≤ 1.5 s.
// Measures the built CLI (dist/, what `agent-census` runs): run `npm run build` first.
//
//   npm run bench -- cli
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fastImport, replayOrder } from "../test/sources/git/fast-import.js";
import { FIXTURES_DIR, loadFixture } from "../test/support/fixtures.js";

const root = resolve(import.meta.dirname, "..").replace(/\/dist$/, "");
const RUNS = 7;

/** Median wall seconds of `RUNS` runs. */
function wallSeconds(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { env, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function benchCli(): Record<string, number> {
  const cli = join(root, "dist/src/cli/main.js");
  if (!existsSync(cli)) throw new Error("the CLI is not built: run npm run build first");
  const work = mkdtempSync(join(tmpdir(), "bench-cli-"));
  try {
    // A real history: the newest 100 commits of sindresorhus/ky, all inside the window.
    const repo = join(work, "ky");
    execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", repo]);
    const commits = loadFixture("sindresorhus__ky", FIXTURES_DIR).commits.slice(0, 100);
    fastImport(repo, replayOrder(commits).replay);
    const since = commits.at(-1)!.committer.date.slice(0, 10);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(work, "data"), LOG_LEVEL: "error" as const };
    // One scan first so the embedded store exists (a user's second scan is the common case).
    spawnSync(process.execPath, [cli, "scan", repo, "--since", since], { env, stdio: "ignore" });
    const figures: Record<string, number> = {
      "node -e 0": wallSeconds(process.execPath, ["-e", "0"]),
      "git log (same window)": wallSeconds("git", ["-C", repo, "log", "--no-merges", `--since=${since}`, "--format=%H%x00%an%x00%ae%x00%B"]),
      "agent-census --help": wallSeconds(process.execPath, [cli, "--help"], env),
      "agent-census agents": wallSeconds(process.execPath, [cli, "agents"], env),
      "agent-census scan --no-store (100 commits)": wallSeconds(process.execPath, [cli, "scan", repo, "--no-store", "--since", since], env),
      "agent-census scan into the embedded store": wallSeconds(process.execPath, [cli, "scan", repo, "--since", since], env),
    };
    const targets: Record<string, number> = {
      "agent-census --help": 0.25,
      "agent-census agents": 0.25,
      "agent-census scan --no-store (100 commits)": 0.6,
      "agent-census scan into the embedded store": 1.5,
    };
    console.log(`  median wall time of ${RUNS} runs each:`);
    for (const [name, seconds] of Object.entries(figures)) {
      const target = targets[name];
      console.log(`    ${name.padEnd(44)} ${seconds.toFixed(2)} s${target === undefined ? "" : `   target ≤ ${target} s ${seconds <= target ? "met" : "NOT met"}`}`);
    }
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) benchCli();
