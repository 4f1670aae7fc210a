// The crawl's throughput target (issue 6): 100,000 repositories a day on one GitHub token for
// repositories with under 100 commits in the window (GitHub: 5,000 GraphQL points an hour).
//
// Measured against the local mock GitHub (GitHub's documented point formula) through the real
// crawl job (GraphQL batch → detector → store, PGlite in memory or BENCH_DATABASE_URL):
//   - GraphQL points per repository, and
//   - wall time per batch (one job of 50 repositories), and the GraphQL share of it.
// Projected per token and hour: min(points bound, time bound), where
//   points bound = 5,000 / points per repository,
//   time bound   = 3,600 s / max(GraphQL seconds per batch + GitHub's latency, 1 s spacing) × 50,
// since one token's GraphQL queries are serial while store writes overlap them (concurrency ≥ 2).
// The mock answers in milliseconds; GitHub takes longer, so the time bound is also printed with an
// assumed latency per batched query (--latency-ms=3000 by default).
//
//   npx tsx scripts/bench-crawl.ts [repositories=500] [commits per repository=60] [--latency-ms=3000]
//   (BENCH_DATABASE_URL=postgres://… to measure against Postgres instead of PGlite)
import { pathToFileURL } from "node:url";
import { runCrawlJob, type CrawlRepository } from "../src/jobs/crawl-job.js";
import { memoryBoard, TokenPool } from "../src/jobs/token-pool.js";
import { createGitHubClient, type GitHubClient } from "../src/sources/github/index.js";
import { createCohort, migrate, openDatabase, startCrawlRun, type Database } from "../src/store/index.js";
import { MockWorld, addSyntheticRepositories, fakeSha, startMockGitHub } from "../test/support/mock-github/index.js";

export interface BenchCrawlOptions {
  repositories?: number;
  /** Commits per repository in the window (the target is about repositories under 100). */
  commitsPerRepository?: number;
  batchSize?: number;
  /** Assumed GitHub answer time of one batched query, for the second projection. */
  latencyMs?: number;
}

export interface BenchCrawlResult {
  repositories: number;
  commitsPerRepository: number;
  batchSize: number;
  pointsPerRepository: number;
  /** Incremental re-scan (crawl --refresh) of the same repositories after one new commit each. */
  refreshPointsPerRepository: number;
  wallSecondsPerBatch: number;
  graphqlSecondsPerBatch: number;
  perHourByPoints: number;
  perHourByTimeMeasured: number;
  perHourByTimeAssumedLatency: number;
  perTokenPerDay: number;
  meetsTarget: boolean;
}

const SINCE = new Date("2025-10-01T00:00:00Z");
const POINTS_PER_HOUR = 5000;
const GRAPHQL_SPACING_S = 1;
const TARGET_PER_DAY = 100_000;

/** Times every GraphQL round trip of the client. */
function timed(client: GitHubClient): { seconds: () => number; reset: () => void } {
  let total = 0;
  const graphql = client.octokit.graphql;
  client.octokit = {
    ...client.octokit,
    graphql: async (query, variables) => {
      const started = performance.now();
      try {
        return await graphql(query, variables);
      } finally {
        total += (performance.now() - started) / 1000;
      }
    },
  };
  return { seconds: () => total, reset: () => (total = 0) };
}

async function crawlBatches(database: Database, pool: TokenPool, members: CrawlRepository[], batchSize: number, host: string, kind: "crawl" | "refresh"): Promise<number[]> {
  const batches: CrawlRepository[][] = [];
  for (let start = 0; start < members.length; start += batchSize) batches.push(members.slice(start, start + batchSize));
  const startedAt = new Date();
  const run = await startCrawlRun(database, { cohort: "bench", kind, since: SINCE, startedAt, batches: batches.map((batch) => batch.length) });
  const seconds: number[] = [];
  for (const [index, repositories] of batches.entries()) {
    const started = performance.now();
    const result = await runCrawlJob(
      { runId: run.runId, batch: index, cohort: "bench", host, since: SINCE.toISOString(), runStartedAt: startedAt.toISOString(), repositories },
      { database, pool },
      { number: 1, final: true },
    );
    if (result.failed.length > 0) throw new Error(`batch ${index}: ${result.failed[0]?.message}`);
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export async function benchCrawl(options: BenchCrawlOptions = {}): Promise<BenchCrawlResult> {
  const repositories = options.repositories ?? 500;
  const commitsPerRepository = options.commitsPerRepository ?? 60;
  const batchSize = options.batchSize ?? 50;
  const latencyMs = options.latencyMs ?? 3000;
  const world = new MockWorld();
  // One commit an hour back from 2026-03-31: 60 commits all fall inside the window.
  const created = addSyntheticRepositories(world, { repositories, commitsPerRepository, pullRequestsPerRepository: 3 });
  const mock = await startMockGitHub({ world, pointsPerWindow: 10_000_000 });
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(url ? { url, schema: `bench_crawl_${process.pid}` } : { dataDir: "memory://" });
  try {
    await migrate(database);
    const client = createGitHubClient({ baseUrl: mock.url, token: "bench", graphqlIntervalMs: 0, waitUnitMs: 1 });
    const clock = timed(client);
    const pool = new TokenPool([{ token: "bench", client }], { board: memoryBoard() });
    const facts = created.map((repository) => ({
      githubId: repository.id,
      host: client.host,
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
    }));
    await createCohort(database, { name: "bench", definition: { source: "bench" }, members: facts, frozenAt: new Date() });
    const members = created.map((repository) => ({ githubId: repository.id, owner: repository.owner, name: repository.name }));

    mock.resetStats();
    const batchSeconds = await crawlBatches(database, pool, members, batchSize, client.host, "crawl");
    const pointsPerRepository = mock.stats.points / repositories;
    const graphqlSecondsPerBatch = clock.seconds() / batchSeconds.length;

    // A refresh after one new commit in each repository: the cursor makes it incremental.
    for (const repository of created) {
      const person = { name: "Dev", email: "dev@example.com", date: new Date().toISOString() };
      world.push(repository, [{ sha: fakeSha(`${repository.id}:new`), parents: [repository.commits[0]?.sha ?? ""], author: person, committer: person, message: "One more" }]);
    }
    mock.resetStats();
    await crawlBatches(database, pool, members, batchSize, client.host, "refresh");
    const refreshPointsPerRepository = mock.stats.points / repositories;

    const wallSecondsPerBatch = mean(batchSeconds);
    const perHourByPoints = POINTS_PER_HOUR / pointsPerRepository;
    const perHourByTimeMeasured = (3600 / Math.max(graphqlSecondsPerBatch, GRAPHQL_SPACING_S)) * batchSize;
    const perHourByTimeAssumedLatency = (3600 / Math.max(graphqlSecondsPerBatch + latencyMs / 1000, GRAPHQL_SPACING_S)) * batchSize;
    const perTokenPerDay = Math.min(perHourByPoints, perHourByTimeAssumedLatency) * 24;
    const result: BenchCrawlResult = {
      repositories,
      commitsPerRepository,
      batchSize,
      pointsPerRepository,
      refreshPointsPerRepository,
      wallSecondsPerBatch,
      graphqlSecondsPerBatch,
      perHourByPoints,
      perHourByTimeMeasured,
      perHourByTimeAssumedLatency,
      perTokenPerDay,
      meetsTarget: perTokenPerDay >= TARGET_PER_DAY,
    };
    print(result, latencyMs, database.kind);
    return result;
  } finally {
    if (url) await database.executeSql(`DROP SCHEMA IF EXISTS "bench_crawl_${process.pid}" CASCADE`).catch(() => {});
    await database.close();
    await mock.close();
  }
}

function print(result: BenchCrawlResult, latencyMs: number, store: string): void {
  const round = (value: number) => Math.round(value).toLocaleString("en-US");
  console.log(`crawl benchmark: ${result.repositories} repositories × ${result.commitsPerRepository} commits in the window, batches of ${result.batchSize}, store ${store}`);
  console.log(`  measured: ${result.pointsPerRepository.toFixed(3)} GraphQL points per repository (refresh after one new commit: ${result.refreshPointsPerRepository.toFixed(3)})`);
  console.log(`  measured: ${result.wallSecondsPerBatch.toFixed(2)} s wall time per batch (GraphQL → detector → store), of which ${result.graphqlSecondsPerBatch.toFixed(2)} s GraphQL against the mock`);
  console.log(`  projection per token: ${round(result.perHourByPoints)} repositories/hour by points (5,000 points/hour)`);
  console.log(`  projection per token: ${round(result.perHourByTimeMeasured)} repositories/hour by time at the mock's speed (GraphQL serial per token, ≥ 1 s apart)`);
  console.log(`  projection per token: ${round(result.perHourByTimeAssumedLatency)} repositories/hour by time with GitHub answering a batch in ${latencyMs} ms (assumed)`);
  console.log(`  projection per token: ${round(result.perTokenPerDay)} repositories/day (the smaller bound × 24); target 100,000: ${result.meetsTarget ? "met" : "NOT met"}`);
  console.log(`  store: one worker writes a batch in ${result.wallSecondsPerBatch.toFixed(2)} s → ${round((3600 / result.wallSecondsPerBatch) * result.batchSize)} repositories/hour per worker process (run more workers if this is the bound)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const latency = process.argv.find((argument) => argument.startsWith("--latency-ms="));
  const [repositories = "500", commits = "60"] = process.argv.slice(2).filter((argument) => !argument.startsWith("--"));
  await benchCrawl({ repositories: Number(repositories), commitsPerRepository: Number(commits), latencyMs: latency ? Number(latency.split("=")[1]) : undefined });
}
