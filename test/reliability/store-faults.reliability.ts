// The database going away for a few seconds while scans and pushes are written: through a TCP
// proxy that cuts every connection and refuses new ones, the store's writes either land whole or
// fail whole (a caller retries, as a job would), and the stored counts equal the ground truth —
// nothing lost, nothing double-counted, no partial scan ever visible. Real Postgres only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openDatabase,
  recordPush,
  recordScan,
  repoTimeline,
  type Database,
  type Evidence,
  type ObservedCommit,
  type RepositoryFacts,
  type ScanRecord,
} from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { recordFigures, recordSkip } from "./support/figures.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

const AREA = "faults: database goes away";
const url = process.env.TEST_DATABASE_URL;
const REPOS = 24;
const COMMITS = 48;
const PUSH_REPOS = 8;
const PUSHES = 6;
const PUSH_COMMITS = 5;

const claude: Evidence = { agent: "claude-code", kind: "trailer", strength: "strong", matched: "Co-Authored-By: Claude <noreply@anthropic.com>" };
const months = ["2025-10", "2025-11", "2025-12", "2026-01"];

function facts(index: number): RepositoryFacts {
  return { githubId: 900_000 + index, host: "github.com", owner: "faults", name: `repo-${index}`, visibility: "public", fork: false, archived: false, stars: 1, language: null, createdAt: null, pushedAt: null, defaultBranch: "main" };
}
const sha = (repo: number, n: number) => `${repo.toString(16).padStart(8, "0")}${n.toString(16).padStart(32, "0")}`;
function commit(repo: number, n: number): ObservedCommit {
  const month = months[n % months.length]!;
  return { sha: sha(repo, n), committedAt: new Date(`${month}-${String(1 + (n % 27)).padStart(2, "0")}T12:00:00Z`), isMerge: false, evidence: n % 3 === 0 ? [claude] : [] };
}
function scanOf(repo: number): ScanRecord {
  const commits = Array.from({ length: COMMITS }, (_, n) => commit(repo, n));
  const now = new Date("2026-02-01T00:00:00Z");
  return { repo: facts(repo), tracking: {}, window: { since: new Date("2025-10-01T00:00:00Z") }, mode: "window", head: commits.at(-1)!.sha, commits, configFiles: null, pullRequests: [], cost: { graphqlPoints: 1, httpRequests: 1 }, startedAt: now, finishedAt: now };
}

/** Commits and agent commits a repository must end up with, per month. */
function truthFor(repo: number, commitCount: number): Map<string, { commits: number; agentCommits: number }> {
  const truth = new Map<string, { commits: number; agentCommits: number }>();
  for (let n = 0; n < commitCount; n++) {
    const c = commit(repo, n);
    const month = c.committedAt.toISOString().slice(0, 7);
    const row = truth.get(month) ?? { commits: 0, agentCommits: 0 };
    row.commits += 1;
    if (c.evidence.length > 0) row.agentCommits += 1;
    truth.set(month, row);
  }
  return truth;
}

async function storedMonths(database: Database, repo: number): Promise<Map<string, { commits: number; agentCommits: number }>> {
  const timeline = await repoTimeline(database, { githubId: 900_000 + repo });
  return new Map((timeline?.months ?? []).map((m) => [m.month, { commits: m.commits, agentCommits: m.agentCommits }]));
}

function difference(truth: Map<string, { commits: number; agentCommits: number }>, stored: Map<string, { commits: number; agentCommits: number }>): { lost: number; doubled: number } {
  let lost = 0;
  let doubled = 0;
  for (const month of new Set([...truth.keys(), ...stored.keys()])) {
    const want = truth.get(month) ?? { commits: 0, agentCommits: 0 };
    const got = stored.get(month) ?? { commits: 0, agentCommits: 0 };
    lost += Math.max(0, want.commits - got.commits) + Math.max(0, want.agentCommits - got.agentCommits);
    doubled += Math.max(0, got.commits - want.commits) + Math.max(0, got.agentCommits - want.agentCommits);
  }
  return { lost, doubled };
}

describe("the store while the database goes away", () => {
  let direct: TestDatabase | undefined;
  let proxied: Database | undefined;
  let proxy: TcpProxy | undefined;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => void crashes.push(error);

  beforeAll(async () => {
    if (!url) return;
    direct = await openTestDatabase();
    const target = new URL(url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const through = new URL(url);
    through.hostname = "127.0.0.1";
    through.port = String(proxy.port);
    proxied = await openDatabase({ url: through.toString(), schema: direct.schema, poolSize: 4 });
    process.on("uncaughtException", onCrash);
  });
  afterAll(async () => {
    const bounded = (work: Promise<unknown> | undefined, what: string) =>
      Promise.race([work?.catch(() => {}), new Promise((resolve) => setTimeout(() => resolve(console.error(`${what} did not finish in 10 s`)), 10_000))]);
    await bounded(proxied?.close(), "closing the proxied pool");
    await bounded(proxy?.close(), "closing the proxy");
    await bounded(direct?.cleanup(), "dropping the test schema");
    process.off("uncaughtException", onCrash);
  });

  it("scans and pushes written through outages land whole, exactly once", async (context) => {
    if (!url || !direct || !proxied || !proxy) {
      const reason = "needs real Postgres (TEST_DATABASE_URL): PGlite runs in-process and has no connection to lose";
      recordSkip(AREA, "scans and pushes through outages", reason);
      context.skip(reason);
      return;
    }
    const store = proxied;
    const check = direct;
    let failedAttempts = 0;
    const partials: string[] = [];

    /** A job's retry loop: try, and after a failure check nothing partial is visible, then try again. */
    async function withRetry(what: string, write: () => Promise<unknown>, wholeOrNothing: () => Promise<boolean>): Promise<void> {
      for (let attempt = 0; attempt < 60; attempt++) {
        try {
          await write();
          return;
        } catch {
          failedAttempts += 1;
          if (!(await wholeOrNothing())) partials.push(`${what} (attempt ${attempt})`);
          await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
        }
      }
      throw new Error(`${what} never succeeded`);
    }

    let stop = false;
    let outages = 0;
    const faults = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      while (!stop && outages < 12) {
        await proxy.outage(outages % 3 === 2 ? 2_500 : 600);
        outages += 1;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    // Scans, four at a time.
    const repos = Array.from({ length: REPOS }, (_, i) => i);
    const scanWorkers = Array.from({ length: 4 }, async (_, worker) => {
      for (const repo of repos.filter((r) => r % 4 === worker)) {
        const full = truthFor(repo, COMMITS);
        await withRetry(
          `scan of repo ${repo}`,
          () => recordScan(store, scanOf(repo)),
          async () => {
            const stored = await storedMonths(check, repo);
            const { lost, doubled } = difference(full, stored);
            return doubled === 0 && (stored.size === 0 || lost === 0);
          },
        );
      }
    });
    // Pushes: chains on their own repositories, each delivered twice (GitHub redelivers).
    const pushWorkers = Array.from({ length: PUSH_REPOS }, async (_, p) => {
      const repo = REPOS + p;
      for (let push = 0; push < PUSHES; push++) {
        const commits = Array.from({ length: PUSH_COMMITS }, (_, k) => commit(repo, push * PUSH_COMMITS + k));
        const record = { repo: facts(repo), before: push === 0 ? "0".repeat(40) : sha(repo, push * PUSH_COMMITS - 1), after: commits.at(-1)!.sha, forced: false, commits };
        for (let delivery = 0; delivery < 2; delivery++) {
          await withRetry(
            `push ${push} to repo ${repo}`,
            () => recordPush(store, record),
            async () => {
              const stored = await storedMonths(check, repo);
              const before = difference(truthFor(repo, push * PUSH_COMMITS), stored);
              const after = difference(truthFor(repo, (push + 1) * PUSH_COMMITS), stored);
              return (before.lost === 0 && before.doubled === 0) || (after.lost === 0 && after.doubled === 0);
            },
          );
        }
      }
    });
    await Promise.all([...scanWorkers, ...pushWorkers]);
    stop = true;
    await faults;

    let lost = 0;
    let doubled = 0;
    for (const repo of repos) {
      const d = difference(truthFor(repo, COMMITS), await storedMonths(check, repo));
      lost += d.lost;
      doubled += d.doubled;
    }
    for (let p = 0; p < PUSH_REPOS; p++) {
      const d = difference(truthFor(REPOS + p, PUSHES * PUSH_COMMITS), await storedMonths(check, REPOS + p));
      lost += d.lost;
      doubled += d.doubled;
    }
    recordFigures(AREA, "scans and pushes through outages", { faultsSurvived: outages, badInputsTried: 0, recordsLost: lost, recordsDoubleCounted: doubled });
    expect(outages, "the outages overlapped the writes").toBeGreaterThanOrEqual(3);
    expect(failedAttempts, "some writes met an outage").toBeGreaterThan(0);
    expect(partials, "a failed write left part of itself stored").toEqual([]);
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
    // Every pooled connection is back in the pool once the writes are done: a client that met an
    // outage during BEGIN or ROLLBACK must be released (destroyed), or the pool drains for good.
    const pool = (store as Database & { pool?: { totalCount: number; idleCount: number } }).pool;
    const checkedOut = pool ? pool.totalCount - pool.idleCount : 0;
    expect(checkedOut, "pool clients never released after an outage").toBe(0);
    // A connection cut while idle in the pool must not take the process down.
    expect(crashes.map(String), "uncaught errors (pg.Pool 'error' without a listener?)").toEqual([]);
    // And the pool recovers: a write after the last outage goes straight through.
    await recordScan(store, scanOf(0));
  });
});
