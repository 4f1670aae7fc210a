// The crawler when two workers race: a crawl and a refresh of the same cohort run at once on two
// workers sharing one queue, so the same repositories are scanned concurrently by both, through
// GitHub faults — including repositories long enough to need several history pages, with a
// fault that outlasts the client's retries in the middle of their pagination. The stored counts
// must equal a clean single-worker run's: nothing lost, nothing double-counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCrawlWorker, type CrawlWorker } from "../../src/jobs/worker.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createCrawl, mockPool, openTestQueue, storedCounts, waitForRun } from "../jobs/crawl-harness.js";
import { MockWorld, addSyntheticRepositories, startMockGitHub, type MockGitHub } from "../support/mock-github/index.js";
import { recordFigures } from "./support/figures.js";

const AREA = "faults: crawler";
const TOKENS = ["token-one", "token-two"];

let cleanMock: MockGitHub;
let mock: MockGitHub;
let names: string[];

beforeAll(async () => {
  const world = new MockWorld();
  const small = addSyntheticRepositories(world, { repositories: 40, commitsPerRepository: 8, owner: "race", agentEvery: 3, pullRequestsPerRepository: 1 });
  // 250 commits: three pages of history each.
  const long = addSyntheticRepositories(world, { repositories: 6, commitsPerRepository: 250, owner: "longrace", agentEvery: 2, pullRequestsPerRepository: 1 });
  names = [...small, ...long].map((repository) => `${repository.owner}/${repository.name}`);
  cleanMock = await startMockGitHub({ world, tokens: TOKENS });
  mock = await startMockGitHub({ world, tokens: TOKENS });
});
afterAll(async () => {
  await cleanMock?.close();
  await mock?.close();
});

describe("two crawler workers racing over the same repositories", () => {
  let cleanDatabase: TestDatabase;
  let racedDatabase: TestDatabase;

  afterAll(async () => {
    await cleanDatabase?.cleanup();
    await racedDatabase?.cleanup();
  });

  it("store the same counts as one clean worker", async () => {
    const source = { kind: "list" as const, file: "race.txt", names };

    cleanDatabase = await openTestDatabase();
    const cleanQueue = await openTestQueue(cleanDatabase);
    const cleanWorker = await startCrawlWorker({ database: cleanDatabase, queue: cleanQueue, pool: mockPool(cleanMock, cleanDatabase), concurrency: 2 });
    try {
      const run = await createCrawl(cleanDatabase, cleanQueue, cleanMock, "race", source, { batchSize: 8 });
      await waitForRun(cleanDatabase, run.runId, 240_000);
    } finally {
      await cleanWorker.stop();
      await cleanQueue.stop();
    }
    const clean = await storedCounts(cleanDatabase);

    racedDatabase = await openTestDatabase();
    const queue = await openTestQueue(racedDatabase);
    const workers: CrawlWorker[] = [];
    let faults = 0;
    try {
      const first = await createCrawl(racedDatabase, queue, mock, "race", source, { batchSize: 8 });
      const second = await createCrawl(racedDatabase, queue, mock, "race", source, { batchSize: 8, kind: "refresh" });
      mock.injectFault({ match: "graphql", fault: { kind: "status", status: 502 }, times: 3, after: 2 });
      mock.injectFault({ match: "graphql", fault: { kind: "secondary", retryAfter: 1 }, times: 2, after: 6 });
      mock.injectFault({ match: "graphql", fault: { kind: "timeout", ms: 1000 }, times: 1, after: 9 });
      // Outlasts the client's own retries: a batch fails mid-way and the queue retries it.
      mock.injectFault({ match: "graphql", fault: { kind: "status", status: 503 }, times: 25, after: 12 });
      for (let index = 0; index < 2; index++) workers.push(await startCrawlWorker({ database: racedDatabase, queue, pool: mockPool(mock, racedDatabase), concurrency: 2 }));
      const statuses = [await waitForRun(racedDatabase, first.runId, 300_000), await waitForRun(racedDatabase, second.runId, 300_000)];
      for (const status of statuses) expect(status.batches.failed).toBe(0);
      faults = mock.stats.faultsInjected;
    } finally {
      for (const worker of workers) await worker.stop();
      await queue.stop();
    }
    const raced = await storedCounts(racedDatabase);

    // Each repository's "commits/agentCommits/prs/configs/months" string, compared field by field.
    let lost = 0;
    let doubled = 0;
    const differing: string[] = [];
    for (const [id, want] of Object.entries(clean)) {
      const got = raced[Number(id)] ?? "0/0/0/0/";
      if (got === want) continue;
      differing.push(`${id}: clean ${want} vs raced ${got}`);
      const [w, g] = [want.split("/").slice(0, 4).map(Number), got.split("/").slice(0, 4).map(Number)];
      w.forEach((value, index) => {
        lost += Math.max(0, value - (g[index] ?? 0));
        doubled += Math.max(0, (g[index] ?? 0) - value);
      });
    }
    recordFigures(AREA, "two workers racing, faults mid-pagination", { faultsSurvived: faults, recordsLost: lost, recordsDoubleCounted: doubled });
    expect(Object.keys(clean)).toHaveLength(names.length);
    expect(faults).toBeGreaterThanOrEqual(10);
    expect(differing).toEqual([]);
  });
});
