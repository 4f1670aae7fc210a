// `npm run bench -- scale` (issue 20): the crawler past one machine, measured.
//
// 1. Freeze: a synthetic cohort of FREEZE members (default 1,000,000) frozen in bounded batches
//    on Postgres: wall time, rate, rows and bytes (target: ≤ 2 minutes).
// 2. Crawl: a synthetic world of SCALE repositories (default 20,000; a realistic mix: most with a few
//    commits in the window, a 0.5 % tail with 300–3,000, 3 % empty, 1 % renamed and 1 % deleted after
//    the freeze, 5 % archived) served by the mock GitHub with GitHub-like behaviour: every batched
//    query answers after a log-normal time (median 3 s, p99 20 s on GitHub), 0.3 % hang past the
//    client's timeout, half the queries holding a heavy repository and more than 10 repositories
//    answer 502, 0.2 % get a secondary rate limit. GitHub's times (answers, the 1 s spacing, backoff
//    units, the 60 s timeout) are divided by TIME_SCALE (default 100) so a run takes minutes, not days;
//    the projection multiplies them back.
//    The cohort is crawled by 1, 2, 4 and 8 worker processes (each `agent-census worker`'s code
//    path: pg-boss → GitHub client → detector → store) on one Postgres, each in a fresh schema.
// 3. Prints repositories/hour, where the time goes (waiting on GitHub, store statements, the rest of
//    the job: detection and bookkeeping, and idle slots: the queue), Postgres rows and bytes per
//    repository, and the projection for 1,000,000 repositories with K tokens.
//
//   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/test npx tsx scripts/bench-scale.ts
//   env: SCALE=20000 FREEZE=1000000 WORKERS=1,2,4,8 CONCURRENCY=2 TOKENS_PER_WORKER=4 TIME_SCALE=100
import { spawn, type ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import { freezeCohort } from "../src/jobs/crawl-cohort.js";
import { DEFAULT_CRAWL_BATCH, enqueueCrawl } from "../src/jobs/crawl.js";
import { readCrawlStatus } from "../src/jobs/crawl-status.js";
import { openJobQueue } from "../src/jobs/queue.js";
import type { RepositoryFacts } from "../src/sources/github/index.js";
import { migrate, openDatabase } from "../src/store/index.js";
import { MockWorld, startMockGitHub, type MockRepository } from "../test/support/mock-github/index.js";
import { freshSchema, storage, type StorageFigures } from "./lib/store-size.js";
import { DEFAULT_BEHAVIOUR, buildScaleWorld, disturbWorld, gitHubBehaviour, type ScaleWorld } from "./lib/scale-world.js";

const SINCE = new Date("2025-10-01T00:00:00Z");
const POINTS_PER_HOUR = 5000;

interface Settings {
  url: string;
  scale: number;
  freeze: number;
  workers: number[];
  concurrency: number;
  tokensPerWorker: number;
  timeScale: number;
}

function settings(): Settings | null {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const env = process.env;
  return {
    url,
    scale: Number(env.SCALE ?? 20_000),
    freeze: Number(env.FREEZE ?? 1_000_000),
    workers: (env.WORKERS ?? "1,2,4,8").split(",").map(Number).filter((count) => count > 0),
    concurrency: Number(env.CONCURRENCY ?? 2),
    tokensPerWorker: Number(env.TOKENS_PER_WORKER ?? 4),
    timeScale: Number(env.TIME_SCALE ?? DEFAULT_BEHAVIOUR.timeScale),
  };
}

const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function syntheticFacts(size: number): Iterable<RepositoryFacts> {
  return {
    *[Symbol.iterator]() {
      for (let index = 0; index < size; index++) {
        yield {
          githubId: 10_000_000 + index,
          host: "github.com",
          owner: `owner-${index % 50_000}`,
          name: `repository-${index}`,
          visibility: "public",
          fork: index % 13 === 0,
          archived: index % 20 === 0,
          stars: index % 5000,
          language: index % 3 === 0 ? "TypeScript" : index % 3 === 1 ? "Go" : null,
          createdAt: new Date(Date.UTC(2012, 0, 1) + index * 300_000),
          pushedAt: new Date(Date.UTC(2025, 9, 1) + (index % 1_000_000) * 10_000),
          defaultBranch: "main",
        };
      }
    },
  };
}

export interface FreezeFigures {
  members: number;
  seconds: number;
  perSecond: number;
  bytesPerMember: number;
  resumeSeconds: number;
}

async function benchFreeze(config: Settings): Promise<FreezeFigures> {
  const schema = "bench_scale_freeze";
  await freshSchema(config.url, schema);
  const database = await openDatabase({ url: config.url, schema });
  try {
    await migrate(database);
    const cohort = {
      name: "scale-freeze",
      frozenAt: new Date(),
      definition: { source: "sample" as const, size: config.freeze, seed: "bench", host: "github.com", idRange: [1, 1e9] as [number, number], drawn: config.freeze, method: "synthetic", members: config.freeze },
      members: syntheticFacts(config.freeze),
    };
    let lastLog = 0;
    const started = performance.now();
    const { members } = await freezeCohort(database, cohort, {
      onProgress: (progress) => {
        if (performance.now() - lastLog < 15_000) return;
        lastLog = performance.now();
        console.log(`    … ${fmt(progress.stored)} members stored (${fmt((performance.now() - started) / 1000, 1)} s)`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    // A second run of the same freeze (a resume after an interruption at the very end): every batch is skipped.
    const resumeStarted = performance.now();
    await freezeCohort(database, { ...cohort, members: syntheticFacts(config.freeze) });
    const resumeSeconds = (performance.now() - resumeStarted) / 1000;
    const figures = await storage(database);
    const bytes = (figures.bytes.repositories ?? 0) + (figures.bytes.cohort_members ?? 0);
    return { members, seconds, perSecond: members / seconds, bytesPerMember: bytes / members, resumeSeconds };
  } finally {
    await database.close();
  }
}

interface WorkerReport {
  wallSeconds: number;
  cpuSeconds: number;
  jobs: number;
  failedJobs: number;
  repositories: number;
  graphqlCalls: number;
  githubSeconds: number;
  storeSeconds: number;
  storeStatements: number;
  jobSeconds: number;
}

export interface CrawlFigures {
  workers: number;
  repositories: number;
  seconds: number;
  perHour: number;
  done: number;
  failing: number;
  failedBatches: number;
  outcomes: Record<string, number>;
  graphqlQueries: number;
  points: number;
  faults: { timeouts: number; heavy502: number; secondary: number };
  /** Real seconds of one token's serial GraphQL lane these repositories need on GitHub. */
  realLaneSeconds: number;
  /** Rate between 10 % and 90 % done (process start-up and the run's tail left out). */
  steadyPerHour: number;
  time: { github: number; store: number; rest: number; idle: number };
  cpuSeconds: number;
  storage: StorageFigures;
}

/**
 * GitHub's 60 s timeout scaled down, but not below 5 s: the mock's own work (executing a 50-repository
 * query against GitHub's schema on a shared CPU) is not scaled, and a tighter timeout measured the
 * mock's saturation (timeouts → retries → halving → more queries) instead of the crawler.
 */
function clientTimeout(config: Settings): number {
  return Math.max(60_000 / config.timeScale, 5000);
}

function spawnWorker(config: Settings, schema: string, mockUrl: string, index: number): { child: ChildProcess; report: Promise<WorkerReport> } {
  const tokens = Array.from({ length: config.tokensPerWorker }, (_, token) => `scale-token-${index}-${token}`).join(",");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lib/scale-worker.ts"], {
    env: {
      ...process.env,
      SCALE_DATABASE_URL: config.url,
      SCALE_SCHEMA: schema,
      SCALE_MOCK_URL: mockUrl,
      SCALE_TOKENS: tokens,
      SCALE_CONCURRENCY: String(config.concurrency),
      SCALE_TIME_SCALE: String(config.timeScale),
      SCALE_TIMEOUT_MS: String(clientTimeout(config)),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
    if (process.env.SCALE_DEBUG) process.stderr.write(`[worker ${index}] ${chunk.toString()}`);
  });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    child.once("exit", () => {
      const line = output.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(line) as WorkerReport);
      } catch {
        reject(new Error(`worker ${index} printed no report: ${errors.slice(-1500)}`));
      }
    });
  });
  return { child, report };
}

async function benchCrawl(config: Settings, workers: number): Promise<CrawlFigures> {
  const schema = `bench_scale_w${workers}`;
  await freshSchema(config.url, schema);
  const world = new MockWorld();
  const scale: ScaleWorld = buildScaleWorld(world, config.scale);
  const clientTimeoutMs = clientTimeout(config);
  const behaviour = gitHubBehaviour({ ...DEFAULT_BEHAVIOUR, timeScale: config.timeScale, clientTimeoutMs }, scale.heavy);
  const mock = await startMockGitHub({ world, pointsPerWindow: 1e9, graphqlBehaviour: behaviour.decide });
  const database = await openDatabase({ url: config.url, schema });
  const host = new URL(mock.url).host;
  try {
    await migrate(database);
    await freezeCohort(database, {
      name: "scale",
      frozenAt: new Date(),
      definition: { source: "list", file: "synthetic", sha256: "-", host, entries: config.scale, notFound: [], members: config.scale },
      members: scale.repositories.map((repository: MockRepository) => ({
        githubId: repository.id,
        host,
        owner: repository.owner,
        name: repository.name,
        visibility: "public" as const,
        fork: repository.fork,
        archived: repository.archived,
        stars: repository.stars,
        language: repository.language,
        createdAt: new Date(repository.createdAt),
        pushedAt: repository.pushedAt ? new Date(repository.pushedAt) : null,
        defaultBranch: repository.defaultBranch,
      })),
    });
    disturbWorld(world, scale);
    const queue = await openJobQueue(database, { connectionString: config.url });
    const run = await enqueueCrawl({ database, queue, cohort: "scale", kind: "crawl", since: SINCE, host, batchSize: DEFAULT_CRAWL_BATCH, policy: { expireInSeconds: 120, retryLimit: 5, retryDelay: 1 } });
    await queue.stop();
    mock.resetStats();
    const started = performance.now();
    const children = Array.from({ length: workers }, (_, index) => spawnWorker(config, schema, mock.url, index));
    let status = await readCrawlStatus(database, { runId: run.runId });
    let lastLog = performance.now();
    const marks: { at: number; done: number }[] = [];
    while (!status?.finished) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      status = await readCrawlStatus(database, { runId: run.runId });
      marks.push({ at: performance.now(), done: status?.done ?? 0 });
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        console.log(`    … ${workers} workers: ${fmt(status?.done ?? 0)}/${fmt(run.repositories)} done (${fmt((performance.now() - started) / 1000)} s)`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    for (const { child } of children) child.kill("SIGTERM");
    const reports = await Promise.all(children.map(({ report }) => report));
    const sum = (pick: (report: WorkerReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
    const outcomes = await database.executeSql<{ outcome: string; n: number }>(
      "SELECT outcome, count(DISTINCT repo_id)::int AS n FROM scans GROUP BY outcome ORDER BY outcome",
    );
    const slots = seconds * workers * config.concurrency;
    const from = marks.find((mark) => mark.done >= run.repositories * 0.1);
    const to = marks.find((mark) => mark.done >= run.repositories * 0.9);
    const steadyPerHour = from && to && to.at > from.at ? ((to.done - from.done) / ((to.at - from.at) / 1000)) * 3600 : 0;
    const github = sum((report) => report.githubSeconds);
    const store = sum((report) => report.storeSeconds);
    const jobs = sum((report) => report.jobSeconds);
    return {
      workers,
      repositories: run.repositories,
      seconds,
      perHour: (status.done / seconds) * 3600,
      done: status.done,
      failing: status.failing,
      failedBatches: status.batches.failed,
      outcomes: Object.fromEntries(outcomes.rows.map((row) => [row.outcome, row.n])),
      graphqlQueries: mock.stats.graphqlRequests,
      points: mock.stats.points,
      faults: { timeouts: behaviour.stats.timeouts, heavy502: behaviour.stats.heavy502, secondary: behaviour.stats.secondary },
      realLaneSeconds: behaviour.stats.realLaneSeconds,
      steadyPerHour,
      // Per job slot (a worker's concurrency): GitHub's answers, store statements, the rest of the
      // job (detection, the scan's bookkeeping), and slots left idle (queue polling, the run's tail).
      time: { github, store: Math.min(store, jobs - github), rest: Math.max(0, jobs - github - store), idle: Math.max(0, slots - jobs) },
      cpuSeconds: sum((report) => report.cpuSeconds),
      storage: await storage(database),
    };
  } finally {
    await database.close();
    await mock.close();
  }
}

function percent(part: number, whole: number): string {
  return `${fmt((100 * part) / Math.max(whole, 1e-9), 0)} %`;
}

export async function benchScale(): Promise<void> {
  const config = settings();
  if (!config) {
    console.log("  skipped: set BENCH_DATABASE_URL (a Postgres: several worker processes share it)");
    return;
  }
  console.log(`  Postgres ${config.url.replace(/\/\/[^@]*@/, "//…@")}; GitHub's times ÷ ${config.timeScale}; ${config.tokensPerWorker} tokens and ${config.concurrency} job slots per worker process`);

  if (config.freeze > 0) {
    console.log(`\n  1. freezing a ${fmt(config.freeze)}-member cohort (batches of 10,000)`);
    const freeze = await benchFreeze(config);
    console.log(`     ${fmt(freeze.members)} members in ${fmt(freeze.seconds, 1)} s (${fmt(freeze.perSecond)}/s; target ≤ 120 s); ${fmt(freeze.bytesPerMember)} bytes per member (repositories + cohort_members with indexes)`);
    console.log(`     run again (resume after an interruption at the end): ${fmt(freeze.resumeSeconds, 1)} s, every batch skipped`);
  }

  const results: CrawlFigures[] = [];
  for (const workers of config.workers) {
    console.log(`\n  2. crawling ${fmt(config.scale)} repositories with ${workers} worker process${workers > 1 ? "es" : ""}`);
    const figures = await benchCrawl(config, workers);
    results.push(figures);
    const total = figures.time.github + figures.time.store + figures.time.rest + figures.time.idle;
    console.log(
      `     ${fmt(figures.done)}/${fmt(figures.repositories)} done in ${fmt(figures.seconds, 1)} s = ${fmt(figures.perHour)} repositories/hour (${fmt(figures.steadyPerHour)}/h between 10 % and 90 %); ` +
        `outcomes ${JSON.stringify(figures.outcomes)}; ${figures.failing} failing, ${figures.failedBatches} failed batches`,
    );
    console.log(
      `     GraphQL queries ${fmt(figures.graphqlQueries)} (${fmt(figures.graphqlQueries / figures.repositories, 3)}/repository), points ${fmt(figures.points)} (${fmt(figures.points / figures.repositories, 3)}/repository); ` +
        `faults: ${figures.faults.timeouts} timeouts, ${figures.faults.heavy502} 502s, ${figures.faults.secondary} secondary limits`,
    );
    console.log(
      `     slot time: GitHub ${percent(figures.time.github, total)}, store ${percent(figures.time.store, total)}, detection and the rest ${percent(figures.time.rest, total)}, idle/queue ${percent(figures.time.idle, total)}; worker CPU ${fmt(figures.cpuSeconds, 0)} s (${fmt(figures.cpuSeconds / figures.seconds, 2)} cores)`,
    );
    const rows = Object.values(figures.storage.rows).reduce((sum, value) => sum + value, 0);
    const top = Object.entries(figures.storage.bytes)
      .slice(0, 5)
      .map(([table, bytes]) => `${table} ${fmt(bytes / figures.repositories)}`)
      .join(", ");
    console.log(`     Postgres: ${fmt(rows / figures.repositories, 1)} rows and ${fmt(figures.storage.totalBytes / figures.repositories)} bytes per repository (${top})`);
  }

  // Projection: GitHub's side per token from the simulated queries in real time (each answer at
  // least GitHub's 1 s spacing, faults at their real cost), serial per token as GitHub advises.
  const last = results.at(-1);
  if (!last) return;
  const laneSecondsPerRepository = results.reduce((sum, figures) => sum + figures.realLaneSeconds, 0) / results.reduce((sum, figures) => sum + figures.repositories, 0);
  const pointsPerRepository = results.reduce((sum, figures) => sum + figures.points, 0) / results.reduce((sum, figures) => sum + figures.repositories, 0);
  const queriesPerRepository = results.reduce((sum, figures) => sum + figures.graphqlQueries, 0) / results.reduce((sum, figures) => sum + figures.repositories, 0);
  const byTime = 3600 / laneSecondsPerRepository;
  const byPoints = POINTS_PER_HOUR / pointsPerRepository;
  const perToken = Math.min(byTime, byPoints);
  const best = results.reduce((top, figures) => (figures.steadyPerHour > top.steadyPerHour ? figures : top), last);
  // The store side: this machine's measured rate with GitHub's times scaled away is what its
  // workers can write; GitHub-bound, the workers wait and the store keeps up.
  console.log(`\n  3. projection for 1,000,000 repositories (GitHub's answers: median 3 s for 50 repositories, p99 20 s)`);
  console.log(
    `     per token: ${fmt(byTime)}/h by answer time (${fmt(laneSecondsPerRepository, 3)} s of a token's serial lane per repository, ${fmt(queriesPerRepository, 3)} queries), ${fmt(byPoints)}/h by points (${fmt(pointsPerRepository, 3)}/repository) → ${fmt(perToken)}/h`,
  );
  console.log(`     this machine's workers (GitHub's times ÷ ${config.timeScale}): ${fmt(best.steadyPerHour)}/h steady with ${best.workers} processes`);
  for (const tokens of [1, 5, 10, 20, 50]) {
    const rate = Math.min(tokens * perToken, best.steadyPerHour);
    const bound = tokens * perToken <= best.steadyPerHour ? "GitHub" : "this machine's workers";
    console.log(`     K=${String(tokens).padStart(2)} tokens: ${fmt(rate)}/h → 1 M in ${fmt(1_000_000 / rate, 1)} h (bound: ${bound})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchScale();
}
