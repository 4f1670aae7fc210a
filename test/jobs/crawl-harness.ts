// Shared set-up for the crawl tests: a mock GitHub world of a few hundred repositories, pooled
// clients pointed at it, and helpers to run a crawl to its end and read what the store holds.
import { createGitHubClient, type GitHubClient } from "../../src/sources/github/index.js";
import { defineCohort, freezeCohort, type CohortSource } from "../../src/jobs/crawl-cohort.js";
import { enqueueCrawl, type CrawlJobPolicy } from "../../src/jobs/crawl.js";
import { readCrawlStatus, type CrawlStatus } from "../../src/jobs/crawl-status.js";
import { openJobQueue, type JobQueue } from "../../src/jobs/queue.js";
import { databaseBoard, TokenPool } from "../../src/jobs/token-pool.js";
import type { CrawlRun, Database } from "../../src/store/index.js";
import type { MockGitHub } from "../support/mock-github/index.js";

export const SINCE = new Date("2025-10-01T00:00:00Z");
export const TOKENS = ["token-one", "token-two"];

export function mockClient(mock: MockGitHub, token: string, extra: Parameters<typeof createGitHubClient>[0] = {}): GitHubClient {
  // Short HTTP timeout: an injected slow answer is a timeout, retried like GitHub's 502s.
  return createGitHubClient({ baseUrl: mock.url, token, graphqlIntervalMs: 0, waitUnitMs: 1, timeoutMs: 400, maxWaitMs: 60_000, ...extra });
}

export function mockPool(mock: MockGitHub, database: Database): TokenPool {
  return new TokenPool(
    TOKENS.map((token) => ({ token, client: mockClient(mock, token) })),
    { board: databaseBoard(database) },
  );
}

/**
 * Short expiry and quick retries, so a dead worker's job comes back within seconds. Not shorter
 * than a live job can take on a loaded machine: a job that outlives its expiry is delivered again
 * while it still runs, and its members are scanned twice (10 s did, at load 10 with the injected
 * faults' retries and batch halving).
 */
export const TEST_POLICY: CrawlJobPolicy = { expireInSeconds: 30, retryLimit: 6, retryDelay: 1 };

export async function openTestQueue(database: Database): Promise<JobQueue> {
  return openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 });
}

export async function createCrawl(
  database: Database,
  queue: JobQueue,
  mock: MockGitHub,
  cohort: string,
  source: CohortSource,
  options: { batchSize?: number; kind?: "crawl" | "refresh" } = {},
): Promise<CrawlRun> {
  const client = mockClient(mock, TOKENS[0] as string);
  if ((options.kind ?? "crawl") === "crawl") await freezeCohort(database, await defineCohort(client, cohort, source));
  return enqueueCrawl({
    database,
    queue,
    cohort,
    kind: options.kind ?? "crawl",
    since: SINCE,
    host: client.host,
    batchSize: options.batchSize ?? 10,
    policy: TEST_POLICY,
    client,
  });
}

export async function waitForRun(database: Database, runId: number, timeoutMs = 60_000): Promise<CrawlStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await readCrawlStatus(database, { runId });
    if (status?.finished) return status;
    if (Date.now() > deadline) throw new Error(`crawl run ${runId} did not finish: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function rows<Row>(database: Database, text: string, values: unknown[] = []): Promise<Row[]> {
  return (await database.executeSql<Row>(text, values)).rows;
}

/** Per repository (by GitHub id): stored commits, agent commits, active months and agent months. */
export async function storedCounts(database: Database): Promise<Record<number, string>> {
  const found = await rows<{ github_id: string | number; commits: number; agent_commits: number; months: string | null; prs: number; configs: number }>(
    database,
    `SELECT r.github_id,
       (SELECT count(*)::int FROM commits c WHERE c.repo_id = r.id) AS commits,
       (SELECT coalesce(sum(agent_commits), 0)::int FROM repo_months m WHERE m.repo_id = r.id) AS agent_commits,
       (SELECT string_agg(to_char(month, 'YYYY-MM') || ':' || commits || ':' || (coding_commit OR coding_pr OR coding_config), ',' ORDER BY month) FROM repo_months m WHERE m.repo_id = r.id) AS months,
       (SELECT count(*)::int FROM pull_requests p WHERE p.repo_id = r.id) AS prs,
       (SELECT count(*)::int FROM config_files f WHERE f.repo_id = r.id) AS configs
     FROM repositories r`,
  );
  return Object.fromEntries(found.map((row) => [Number(row.github_id), `${row.commits}/${row.agent_commits}/${row.prs}/${row.configs}/${row.months ?? ""}`]));
}

/** Successful scans per repository since a time: exactly one each after a crawl. */
export async function okScansPerRepository(database: Database, since: Date): Promise<number[]> {
  const found = await rows<{ n: number }>(
    database,
    `SELECT (SELECT count(*)::int FROM scans s WHERE s.repo_id = r.id AND s.outcome = 'ok' AND s.finished_at >= $1::timestamptz) AS n FROM repositories r`,
    [since.toISOString()],
  );
  return found.map((row) => row.n);
}
