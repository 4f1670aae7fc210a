// The crawler end to end against the mock GitHub: a search cohort of 200+ repositories scanned
// by queue workers through 5xx answers, timeouts, secondary and primary rate limits, with one
// worker killed mid-crawl (a real `agent-census worker` child process and SIGKILL on Postgres;
// on PGlite, which one process owns, a worker whose GitHub calls hang forever and which stops
// polling). The stored counts must equal a clean run's, each member scanned exactly once.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES, type JobQueue } from "../../src/jobs/queue.js";
import { startCrawlWorker, type CrawlWorker } from "../../src/jobs/worker.js";
import { TokenPool, databaseBoard } from "../../src/jobs/token-pool.js";
import type { CrawlStatus } from "../../src/jobs/crawl-status.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { MockWorld, addSyntheticRepositories, startMockGitHub, type MockGitHub } from "../support/mock-github/index.js";
import { TOKENS, createCrawl, mockClient, mockPool, okScansPerRepository, openTestQueue, storedCounts, waitForRun } from "./crawl-harness.js";

const QUERY = "stars:>=50 fork:false";
const KILL_AFTER_SCANS = 15;
// Two servers over one world: the clean run's never sees the faults injected into the other's,
// and the two crawls run at the same time (one's waits overlap the other's work).
let cleanMock: MockGitHub;
let mock: MockGitHub;
let members: number;

beforeAll(async () => {
  const world = new MockWorld();
  // Synthetic histories of one page each: a repository whose later page fails is recorded as
  // complete by src/scan/scan-github.ts today (reported), which no crawl-level retry can see.
  addSyntheticRepositories(world, { repositories: 225, commitsPerRepository: 8, pullRequestsPerRepository: 1 });
  cleanMock = await startMockGitHub({ world, tokens: TOKENS });
  mock = await startMockGitHub({ world, tokens: TOKENS });
  members = [...world.repositories.values()].filter((repository) => !repository.fork && repository.stars >= 50).length;
});

afterAll(async () => {
  await cleanMock?.close();
  await mock?.close();
});

interface CrawlOutcome {
  status: CrawlStatus;
  counts: Record<number, string>;
  okScans: number[];
  batchAttempts: number[];
  database: TestDatabase;
}

async function crawl(server: MockGitHub, work: (database: TestDatabase, queue: JobQueue) => Promise<CrawlWorker[]>): Promise<CrawlOutcome> {
  const database = await openTestDatabase();
  const queue = await openTestQueue(database);
  const started = new Date();
  const workers: CrawlWorker[] = [];
  try {
    const run = await createCrawl(database, queue, server, "cohort", { kind: "search", query: QUERY });
    workers.push(...(await work(database, queue)));
    const status = await waitForRun(database, run.runId, 150_000);
    const attempts = await database.executeSql<{ attempts: number }>("SELECT attempts FROM crawl_batches ORDER BY batch");
    return {
      status,
      counts: await storedCounts(database),
      okScans: await okScansPerRepository(database, started),
      batchAttempts: attempts.rows.map((row) => row.attempts),
      database,
    };
  } finally {
    for (const worker of workers) await worker.stop();
    await queue.stop();
  }
}

async function okScanCount(database: TestDatabase): Promise<number> {
  const result = await database.executeSql<{ n: number }>("SELECT count(*)::int AS n FROM scans WHERE outcome = 'ok'");
  return result.rows[0]?.n ?? 0;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A real worker process (Postgres only: PGlite belongs to one process), killed with SIGKILL. */
async function killChildWorker(database: TestDatabase): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "worker", "--concurrency", "2", "--graphql-interval", "0", "--schema", database.schema], {
    env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, GITHUB_TOKENS: TOKENS.join(","), GITHUB_TOKEN: "", GITHUB_API_URL: mock.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  try {
    await until(async () => (await okScanCount(database)) >= KILL_AFTER_SCANS || child.exitCode !== null, "the child worker to scan");
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}; worker output: ${output.slice(-2000)}`);
  }
  expect(child.exitCode, output.slice(-2000)).toBeNull();
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
}

/** PGlite: a worker that dies mid-batch. Its GitHub calls never answer again and it stops polling. */
async function killInProcessWorker(database: TestDatabase): Promise<void> {
  const queue = await openTestQueue(database);
  let scanned = 0;
  const dead = { value: false };
  const pool = new TokenPool(
    TOKENS.map((token) => {
      const client = mockClient(mock, token);
      const graphql = client.octokit.graphql;
      client.octokit = { ...client.octokit, graphql: (query, variables) => (dead.value ? new Promise(() => {}) : graphql(query, variables)) };
      return { token, client };
    }),
    { board: databaseBoard(database) },
  );
  await startCrawlWorker({ database, queue, pool, concurrency: 2, onRepository: () => void (++scanned >= KILL_AFTER_SCANS && (dead.value = true)) });
  await until(async () => dead.value, "the doomed worker to scan");
  await queue.boss.offWork(QUEUES.crawl);
  // Its jobs stay "active" until they expire, like a killed process's; its store writes were
  // transactions, so a write cut off mid-way left nothing.
}

function injectFaults(): void {
  mock.injectFault({ match: "graphql", fault: { kind: "status", status: 502 }, times: 2, after: 1 });
  mock.injectFault({ match: "graphql", fault: { kind: "timeout", ms: 1000 }, times: 1, after: 3 });
  mock.injectFault({ match: "graphql", fault: { kind: "secondary", retryAfter: 1 }, times: 2, after: 5 });
  mock.injectFault({ match: "graphql", fault: { kind: "primary", resetInSeconds: 1 }, times: 1, after: 7 });
  // Long enough to outlast the client's retries and the batch halving: some members fail, their
  // job is retried by the queue with backoff.
  mock.injectFault({ match: "graphql", fault: { kind: "status", status: 503 }, times: 30, after: 9 });
}

describe("a crawl of a search cohort", () => {
  let clean: CrawlOutcome;
  let disturbed: CrawlOutcome;
  let faultsInjected = 0;

  beforeAll(async () => {
    // Search answers a 502 and a secondary limit while the disturbed run's cohort is enumerated.
    mock.injectFault({ match: /GET \/search\//, fault: { kind: "status", status: 502 }, times: 1 });
    mock.injectFault({ match: /GET \/search\//, fault: { kind: "secondary", retryAfter: 1 }, times: 1 });
    [clean, disturbed] = await Promise.all([
      crawl(cleanMock, async (database, queue) => [await startCrawlWorker({ database, queue, pool: mockPool(cleanMock, database), concurrency: 2 })]),
      crawl(mock, async (database, queue) => {
        if (process.env.TEST_DATABASE_URL) await killChildWorker(database);
        else await killInProcessWorker(database);
        injectFaults();
        return [await startCrawlWorker({ database, queue, pool: mockPool(mock, database), concurrency: 2 })];
      }),
    ]);
    faultsInjected = mock.stats.faultsInjected;
  }, 300_000);

  afterAll(async () => {
    await clean?.database.cleanup();
    await disturbed?.database.cleanup();
  });

  it("scans every member of the frozen cohort, each exactly once", () => {
    expect(members).toBeGreaterThanOrEqual(200);
    for (const outcome of [clean, disturbed]) {
      expect(outcome.status.total).toBe(members);
      expect(outcome.status.done).toBe(members);
      expect(outcome.status.batches.failed).toBe(0);
      expect(outcome.okScans).toHaveLength(members);
      expect(outcome.okScans.every((count) => count === 1)).toBe(true);
    }
  });

  it("stores the same counts after faults and a killed worker as a clean run", () => {
    expect(Object.keys(disturbed.counts)).toHaveLength(members);
    const differing = Object.keys(clean.counts).filter((id) => disturbed.counts[Number(id)] !== clean.counts[Number(id)]);
    expect(differing.map((id) => `${id}: ${clean.counts[Number(id)]} vs ${disturbed.counts[Number(id)]}`)).toEqual([]);
    // The cohort has agent activity to count: equal counts are not trivially equal.
    expect(Object.values(clean.counts).filter((row) => !row.startsWith("0/")).length).toBe(members);
    expect(Object.values(clean.counts).filter((row) => !/^\d+\/0\//.test(row)).length).toBeGreaterThan(30);
  });

  it("went through the injected faults, retrying jobs with the queue", () => {
    expect(faultsInjected).toBeGreaterThanOrEqual(30);
    expect(disturbed.batchAttempts.some((attempts) => attempts > 1)).toBe(true);
    expect(clean.batchAttempts.every((attempts) => attempts === 1)).toBe(true);
  });
});
