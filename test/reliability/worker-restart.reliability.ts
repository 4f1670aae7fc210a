// Postgres restarted in the middle of a crawl worked by several `agent-census worker` processes:
// they pause, reconnect and go on; the crawl completes with every repository scanned exactly once
// and its month aggregates equal to the mock GitHub's data; every queue job ends completed.
//
// How the database "restarts" without touching the machine's shared Postgres (other tests and
// sessions use it): the workers reach it through a TCP proxy started here, and
//   1. a restart as clients see one: the proxy cuts every open connection and refuses new ones
//      for a few seconds, then lets them through again (support/tcp-proxy.ts);
//   2. the sessions killed by a shutdown: for a few seconds, pg_terminate_backend on every backend
//      of the workers (found by the application_name their URL sets, never another session's).
// Real Postgres only: PGlite runs in-process and has no server to restart.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCrawlStatus } from "../../src/jobs/crawl-status.js";
import type { JobQueue } from "../../src/jobs/queue.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createCrawl, okScansPerRepository, openTestQueue, SINCE, TOKENS, waitForRun } from "../jobs/crawl-harness.js";
import { MockWorld, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";
import { spawnCli } from "./support/cli.js";
import { recordFigures, recordSkip } from "./support/figures.js";
import { addSpreadRepositories, compareMonths, storedMonths } from "./support/month-truth.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

const AREA = "faults: database restart under workers";
const url = process.env.TEST_DATABASE_URL;
const WORKERS = 3;
const REPOSITORIES = 300;
const COMMITS = 24;
/** Repositories per job: 75 jobs over 3 workers × 2 slots. */
const BATCH = 4;
/** GitHub's answer to a batch takes this long here, so the crawl lasts long enough to be cut. */
const BATCH_LATENCY_MS = 700;
const RESTART_MS = 5_000;
const TERMINATE_MS = 3_000;

interface LogLine {
  time: string;
  event: string;
  [key: string]: unknown;
}

interface WorkerProcess {
  index: number;
  child: ChildProcessWithoutNullStreams;
  lines: LogLine[];
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(index: number, env: Record<string, string>, schema: string): WorkerProcess {
  const child = spawnCli(["worker", "--concurrency", "2", "--schema", schema, "--graphql-interval", "0"], env);
  const worker: WorkerProcess = {
    index,
    child,
    lines: [],
    stderr: "",
    exited: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))),
  };
  createInterface({ input: child.stdout }).on("line", (line) => {
    try {
      worker.lines.push(JSON.parse(line) as LogLine);
    } catch {
      worker.lines.push({ time: new Date().toISOString(), event: "text", text: line });
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (worker.stderr += chunk.toString()));
  return worker;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe("a Postgres restart under several worker processes", () => {
  let mock: MockGitHub | undefined;
  let database: TestDatabase | undefined;
  let queue: JobQueue | undefined;
  let proxy: TcpProxy | undefined;
  let repositories: MockRepository[] = [];
  const workers: WorkerProcess[] = [];
  let slow = false;

  beforeAll(async () => {
    if (!url) return;
    const world = new MockWorld();
    repositories = addSpreadRepositories(world, { repositories: REPOSITORIES, commitsPerRepository: COMMITS, owner: "restart", agentEvery: 3 });
    mock = await startMockGitHub({
      world,
      tokens: TOKENS,
      graphqlBehaviour: (query) => (slow && query.operationName === "RepositoryBatch" ? { kind: "timeout", ms: BATCH_LATENCY_MS } : null),
    });
    database = await openTestDatabase();
    queue = await openTestQueue(database);
    const target = new URL(url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
    await Promise.all(workers.map((worker) => worker.exited));
    await queue?.stop();
    await proxy?.close();
    await mock?.close();
    if (database) {
      await database.executeSql(`DROP SCHEMA IF EXISTS "${database.schema}_jobs" CASCADE`).catch(() => undefined);
      await database.cleanup();
    }
  });

  it("workers pause, reconnect and go on; every repository is stored exactly once", async (context) => {
    if (!url || !database || !queue || !proxy || !mock) {
      const reason = "needs real Postgres (TEST_DATABASE_URL): PGlite runs in-process and has no server to restart";
      recordSkip(AREA, "restart mid-crawl under 3 workers", reason);
      context.skip(reason);
      return;
    }
    const started = Date.now();
    const db = database;
    const applicationName = `census_restart_${randomBytes(4).toString("hex")}`;
    const through = new URL(url);
    through.hostname = "127.0.0.1";
    through.port = String(proxy.port);
    through.searchParams.set("application_name", applicationName);
    const env = { DATABASE_URL: through.toString(), GITHUB_TOKENS: TOKENS.join(","), GITHUB_API_URL: mock.url };

    for (let index = 0; index < WORKERS; index++) workers.push(startWorker(index, env, db.schema));
    await until("every worker to start", () => workers.every((worker) => worker.lines.some((line) => line.event === "worker-started")), 60_000);
    const workersUp = Date.now();

    const names = repositories.map((repository) => `${repository.owner}/${repository.name}`);
    const run = await createCrawl(db, queue, mock, "restart", { kind: "list", file: "restart.txt", names }, { batchSize: BATCH });
    slow = true;
    const crawlStarted = Date.now();

    const done = async () => (await readCrawlStatus(db, { runId: run.runId }))?.done ?? 0;
    const faults: Array<{ kind: string; start: number; end: number; hits: number }> = [];
    const injecting = (async () => {
      await until("a quarter of the crawl", async () => (await done()) >= REPOSITORIES * 0.25, 120_000);
      // 1. The restart: every connection cut, new ones refused for RESTART_MS.
      const cutBefore = proxy.cut;
      const restartStart = Date.now();
      await proxy.outage(RESTART_MS);
      faults.push({ kind: "restart", start: restartStart, end: Date.now(), hits: proxy.cut - cutBefore });
      await until("more than half of the crawl", async () => (await done()) >= REPOSITORIES * 0.55, 120_000);
      // 2. A shutdown's session kills: the workers' backends terminated as fast as they reconnect.
      const terminateStart = Date.now();
      let terminated = 0;
      while (Date.now() - terminateStart < TERMINATE_MS) {
        const { rows } = await db.executeSql<{ n: number }>(
          "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
          [applicationName],
        );
        terminated += rows[0]?.n ?? 0;
        await sleep(250);
      }
      faults.push({ kind: "terminate", start: terminateStart, end: Date.now(), hits: terminated });
    })();

    // Why a stalled crawl stalled: which workers still run, and the last of what they printed.
    const workerStates = () =>
      workers.map((worker) => ({ worker: worker.index, exit: worker.child.exitCode ?? worker.child.signalCode, stderr: worker.stderr.split("\n").filter((line) => line && !line.startsWith("job queue:")).slice(-40) }));
    const injected = injecting.then(
      () => null,
      (error: unknown) => error,
    );
    let status;
    try {
      status = await waitForRun(db, run.runId, 150_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; workers: ${JSON.stringify(workerStates())}`, { cause: error });
    }
    const injectError = await injected;
    if (injectError) throw injectError;
    const crawlSeconds = (Date.now() - crawlStarted) / 1000;
    // A few seconds more: a worker caught in a reconnect loop would keep logging errors.
    await sleep(3_000);
    const alive = workers.map((worker) => worker.child.exitCode === null && worker.child.signalCode === null);
    const lastFaultEnd = Math.max(...faults.map((fault) => fault.end));

    // Each worker's pause: from a fault's start to its first finished batch after the fault ended.
    const batchTimes = (worker: WorkerProcess) => worker.lines.filter((line) => line.event === "batch-done").map((line) => Date.parse(line.time));
    const pauses = faults.map((fault) => ({
      kind: fault.kind,
      seconds: workers.map((worker) => {
        const resumed = batchTimes(worker).find((time) => time > fault.end);
        return resumed === undefined ? null : (resumed - fault.start) / 1000;
      }),
    }));
    const errorsLogged = workers.map((worker) => worker.lines.filter((line) => line.event === "queue-error" || line.event === "job-settle-retry").length);
    const errorsAfter = workers.map((worker) => worker.lines.filter((line) => (line.event === "queue-error" || line.event === "job-settle-retry") && Date.parse(line.time) > lastFaultEnd + 5_000).length);
    const failedBatches = workers.map((worker) => worker.lines.filter((line) => line.event === "batch-failed").length);

    // SIGTERM: each worker finishes what it holds and exits cleanly.
    for (const worker of workers) worker.child.kill("SIGTERM");
    const exits = await Promise.all(workers.map((worker) => Promise.race([worker.exited, sleep(30_000).then(() => ({ code: null, signal: "timeout" as const }))])));

    // The store: each repository scanned once in this run, its months equal to the mock's data.
    const scans = await okScansPerRepository(db, new Date(crawlStarted - 60_000));
    const scannedOnce = scans.filter((n) => n === 1).length;
    const { lost, doubled, differing } = compareMonths(repositories, SINCE, await storedMonths(db));
    const repositoriesStored = (await db.executeSql<{ n: number }>("SELECT count(*)::int AS n FROM repositories")).rows[0]?.n ?? 0;
    // The queue: every crawl job completed, none failed for good, none left active.
    const jobs = (
      await db.executeSql<{ name: string; state: string; n: number; retried: number; retries: number }>(
        `SELECT name, state, count(*)::int AS n, count(*) FILTER (WHERE retry_count > 0)::int AS retried, coalesce(sum(retry_count), 0)::int AS retries
           FROM "${db.schema}_jobs".job WHERE name IN ('crawl-batch', 'crawl-batch-dead') GROUP BY name, state`,
      )
    ).rows;
    const completed = jobs.filter((row) => row.name === "crawl-batch" && row.state === "completed").reduce((sum, row) => sum + row.n, 0);
    const notCompleted = jobs.filter((row) => row.name !== "crawl-batch" || row.state !== "completed");
    const retried = jobs.reduce((sum, row) => sum + row.retried, 0);
    const retries = jobs.reduce((sum, row) => sum + row.retries, 0);

    const summary = {
      workersStartSeconds: (workersUp - started) / 1000,
      crawlSeconds,
      testSeconds: (Date.now() - started) / 1000,
      faults: faults.map((fault) => ({ kind: fault.kind, seconds: (fault.end - fault.start) / 1000, hits: fault.hits })),
      pauses,
      errorsLogged,
      failedBatches,
      jobs: { total: status.batches.total, completed, retried, retries },
    };
    console.log(`worker restart figures: ${JSON.stringify(summary)}`);
    recordFigures(AREA, "restart mid-crawl under 3 workers", {
      faultsSurvived: faults.reduce((sum, fault) => sum + fault.hits, 0),
      recordsLost: lost + (REPOSITORIES - repositoriesStored > 0 ? REPOSITORIES - repositoriesStored : 0),
      recordsDoubleCounted: doubled,
    });

    const stderr = workers.map((worker) => worker.stderr.split("\n").filter((line) => line && !line.startsWith("job queue:")).slice(0, 60));
    expect(alive, `a worker exited during the crawl: ${JSON.stringify(stderr)}`).toEqual(workers.map(() => true));
    expect(faults.map((fault) => fault.hits > 0), "each fault cut live connections").toEqual([true, true]);
    expect(status.finished).toBe(true);
    expect(status.batches.failed).toBe(0);
    expect(pauses.flatMap((pause) => pause.seconds).every((seconds) => seconds !== null), "every worker finished batches after each fault").toBe(true);
    expect(errorsAfter, "errors logged well after the last fault (a reconnect loop?)").toEqual(workers.map(() => 0));
    expect(exits.map((exit) => exit.code), `exit codes after SIGTERM: ${JSON.stringify(exits)}`).toEqual(workers.map(() => 0));
    expect(repositoriesStored).toBe(REPOSITORIES);
    expect(scannedOnce, "repositories with exactly one scan in this run").toBe(REPOSITORIES);
    expect(differing.slice(0, 5)).toEqual([]);
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
    expect(notCompleted, "crawl jobs not completed").toEqual([]);
    expect(completed).toBe(status.batches.total);
  });
});
