// Adaptive batches through the crawl job (issue 20): a repository GitHub cannot answer even alone
// (every query naming it answers 502) is recorded as failed with its reason; the rest of its batch
// is scanned and stored, and the batch is done on its first delivery, not retried or dead-lettered.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startCrawlWorker } from "../../src/jobs/worker.js";
import { isUnanswerable } from "../../src/sources/github/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { MockWorld, addSyntheticRepositories, fullName, startMockGitHub, type MockGitHub } from "../support/mock-github/index.js";
import { TOKENS, createCrawl, mockPool, openTestQueue, waitForRun } from "./crawl-harness.js";

let mock: MockGitHub;
let database: TestDatabase;
let monster: string;

beforeAll(async () => {
  const world = new MockWorld();
  addSyntheticRepositories(world, { repositories: 40, commitsPerRepository: 3 });
  const candidates = [...world.repositories.values()].filter((repository) => !repository.fork && repository.stars >= 50);
  monster = fullName(candidates[3] as (typeof candidates)[number]);
  let heavyQueries = 0;
  mock = await startMockGitHub({
    world,
    tokens: TOKENS,
    graphqlBehaviour: (query) => {
      if (!query.repositories.includes(monster)) return null;
      heavyQueries += 1;
      return { kind: "status", status: 502, body: { message: `Server Error (${heavyQueries})` } };
    },
  });
  database = await openTestDatabase();
});

afterAll(async () => {
  await mock?.close();
  await database?.cleanup();
});

it("a repository GitHub cannot answer fails alone, with its reason; its batch is done on the first delivery", async () => {
  const queue = await openTestQueue(database);
  const pool = mockPool(mock, database);
  const worker = await startCrawlWorker({ database, queue, pool, concurrency: 1 });
  try {
    const run = await createCrawl(database, queue, mock, "adaptive", { kind: "search", query: "stars:>=50 fork:false" }, { batchSize: 10 });
    const status = await waitForRun(database, run.runId, 60_000);
    expect(status.batches.failed).toBe(0);
    expect(status.batches.done).toBe(status.batches.total);
    expect(status.done).toBe(status.total - 1);
    expect(status.failing).toBe(1);
    const scans = await database.executeSql<{ name: string; outcome: string; error: string | null }>(
      "SELECT r.owner || '/' || r.name AS name, s.outcome, s.error FROM scans s JOIN repositories r ON r.id = s.repo_id WHERE s.outcome <> 'ok'",
    );
    expect(scans.rows.map((row) => row.name)).toEqual([monster]);
    expect(isUnanswerable(scans.rows[0]?.error ?? "")).toBe(true);
    expect(scans.rows[0]?.error).toMatch(/Server Error/);
    const attempts = await database.executeSql<{ attempts: number }>("SELECT attempts FROM crawl_batches");
    expect(attempts.rows.every((row) => row.attempts === 1)).toBe(true);
  } finally {
    await worker.stop();
    await queue.stop();
  }
});
