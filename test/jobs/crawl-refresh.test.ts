// A refresh adds no members and re-scans only members pushed since their last scan; a batch that
// keeps failing is dead-lettered with its reason kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES, type JobQueue } from "../../src/jobs/queue.js";
import { startCrawlWorker } from "../../src/jobs/worker.js";
import { TokenPool, databaseBoard } from "../../src/jobs/token-pool.js";
import { enqueueCrawl } from "../../src/jobs/crawl.js";
import { findCohortRecord } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { MockWorld, addSyntheticRepositories, fakeSha, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";
import { SINCE, TOKENS, createCrawl, mockClient, mockPool, openTestQueue, waitForRun } from "./crawl-harness.js";

let mock: MockGitHub;
let repositories: MockRepository[];
let database: TestDatabase;
let queue: JobQueue;

beforeAll(async () => {
  const world = new MockWorld();
  repositories = addSyntheticRepositories(world, { repositories: 8, commitsPerRepository: 5, owner: "acme", pullRequestsPerRepository: 0 });
  mock = await startMockGitHub({ world, tokens: TOKENS });
  database = await openTestDatabase();
  queue = await openTestQueue(database);
});

afterAll(async () => {
  await queue?.stop();
  await database?.cleanup();
  await mock?.close();
});

async function commitsOf(repository: MockRepository): Promise<number> {
  const result = await database.executeSql<{ n: number }>(
    "SELECT count(*)::int AS n FROM commits c JOIN repositories r ON r.id = c.repo_id WHERE r.github_id = $1",
    [repository.id],
  );
  return result.rows[0]?.n ?? 0;
}

async function scansOf(repository: MockRepository): Promise<string[]> {
  const result = await database.executeSql<{ mode: string }>(
    "SELECT s.mode FROM scans s JOIN repositories r ON r.id = s.repo_id WHERE r.github_id = $1 AND s.outcome = 'ok' ORDER BY s.id",
    [repository.id],
  );
  return result.rows.map((row) => row.mode);
}

describe("refreshing a cohort", () => {
  it("re-scans only the members pushed since their last scan, incrementally", async () => {
    const names = repositories.map((repository) => `${repository.owner}/${repository.name}`);
    const first = await createCrawl(database, queue, mock, "acme", { kind: "list", file: "acme.txt", names });
    const worker = await startCrawlWorker({ database, queue, pool: mockPool(mock, database), concurrency: 1 });
    try {
      expect((await waitForRun(database, first.runId)).done).toBe(8);
      const [pushed, other] = repositories as [MockRepository, MockRepository];
      const before = await commitsOf(pushed);
      const date = new Date(Date.now() + 60_000).toISOString();
      const person = { name: "Dev", email: "dev@example.com", date };
      mock.world.push(pushed, [
        { sha: fakeSha("new-2"), parents: [pushed.commits[0]?.sha ?? ""], author: person, committer: person, message: "Add feature\n\nCo-Authored-By: Claude <noreply@anthropic.com>" },
      ]);

      const refresh = await createCrawl(database, queue, mock, "acme", { kind: "list", file: "acme.txt", names }, { kind: "refresh" });
      expect(refresh.repositories).toBe(1);
      const status = await waitForRun(database, refresh.runId);
      expect(status).toMatchObject({ kind: "refresh", total: 1, done: 1, cohortMembers: 8 });
      expect(await commitsOf(pushed)).toBe(before + 1);
      expect(await scansOf(pushed)).toEqual(["window", "incremental"]);
      expect(await scansOf(other)).toEqual(["window"]);
      expect((await findCohortRecord(database, "acme"))?.members).toBe(8);
    } finally {
      await worker.stop();
    }
  }, 120_000);
});

describe("a batch that keeps failing", () => {
  it("is dead-lettered after its retries, with the reason kept", async () => {
    const run = await enqueueCrawl({
      database,
      queue,
      cohort: "acme",
      kind: "crawl",
      since: SINCE,
      host: mockClient(mock, "token-one").host,
      batchSize: 50,
      policy: { expireInSeconds: 30, retryLimit: 1, retryDelay: 0 },
    });
    // A revoked token: GitHub answers 401 to every query.
    const pool = new TokenPool([{ token: "revoked", client: mockClient(mock, "revoked") }], { board: databaseBoard(database) });
    const worker = await startCrawlWorker({ database, queue, pool, concurrency: 1 });
    try {
      const status = await waitForRun(database, run.runId);
      expect(status.batches).toMatchObject({ total: 1, failed: 1, done: 0 });
      const batch = await database.executeSql<{ state: string; attempts: number; error: string }>("SELECT state, attempts, error FROM crawl_batches WHERE run_id = $1", [run.runId]);
      expect(batch.rows[0]).toMatchObject({ state: "failed", attempts: 2 });
      expect(batch.rows[0]?.error).toMatch(/GitHub refused the token/);
      const dead = await queue.boss.fetch<{ runId: number }>(QUEUES.crawlDead);
      expect(dead.map((job) => job.data.runId)).toContain(run.runId);
    } finally {
      await worker.stop();
    }
  }, 120_000);
});

describe("a revoked token among several", () => {
  it("is dropped and the batch goes on with the others", async () => {
    const run = await enqueueCrawl({
      database,
      queue,
      cohort: "acme",
      kind: "crawl",
      since: SINCE,
      host: mockClient(mock, "token-one").host,
      batchSize: 50,
      policy: { expireInSeconds: 30, retryLimit: 0, retryDelay: 0 },
    });
    const pool = new TokenPool(
      ["revoked", "token-one"].map((token) => ({ token, client: mockClient(mock, token) })),
      { board: databaseBoard(database) },
    );
    const worker = await startCrawlWorker({ database, queue, pool, concurrency: 1 });
    try {
      const status = await waitForRun(database, run.runId);
      expect(status).toMatchObject({ total: 8, done: 8, batches: { done: 1, failed: 0 } });
    } finally {
      await worker.stop();
    }
  }, 120_000);
});
