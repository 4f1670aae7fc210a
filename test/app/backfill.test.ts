// The backfill and rescan workers against the mock GitHub (real GraphQL schema and cost formula).
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppJobs, type AppJobs, type ScanJobData } from "../../src/jobs/app-jobs.js";
import { runScanJobs, startScanWorkers, type InstallationOctokit, type ScanWorkerDependencies } from "../../src/jobs/backfill.js";
import { openJobQueue, QUEUES, type JobQueue } from "../../src/jobs/queue.js";
import type { WorkLoop } from "../../src/jobs/work-loop.js";
import { listRepositories, repoTimeline } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { addSyntheticRepositories, MockWorld, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";
import { deliveryId } from "./harness.js";

const INSTALLATION = 61;
const failures: string[] = [];

describe("backfill workers", () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let jobs: AppJobs;
  let mock: MockGitHub;
  let created: MockRepository[];
  let dependencies: ScanWorkerDependencies;

  beforeAll(async () => {
    database = await openTestDatabase();
    queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false, pollingIntervalSeconds: 0.5 });
    jobs = createAppJobs(queue.boss);
    const world = new MockWorld();
    created = addSyntheticRepositories(world, { repositories: 60, commitsPerRepository: 30, owner: "acme", agentEvery: 4 });
    mock = await startMockGitHub({ world });
    const octokit = new Octokit({ baseUrl: mock.url, auth: "installation-token", log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
    dependencies = {
      database,
      jobs,
      octokitFor: async () => octokit as unknown as InstallationOctokit,
      since: new Date("2026-01-01T00:00:00Z"),
      log: { info: () => {}, warn: () => {}, error: (...args: unknown[]) => void failures.push(JSON.stringify(args)), debug: () => {} },
    };
  });
  let workers: WorkLoop | undefined;

  afterAll(async () => {
    await workers?.stop();
    await queue?.stop();
    await mock?.close();
    await database?.cleanup();
  });

  it("backfills every queued repository of an install in batched GraphQL queries, tracked by the installation", async () => {
    const repositories = created.map((repository) => ({ installationId: INSTALLATION, owner: repository.owner, name: repository.name, githubId: repository.id }));
    await jobs.enqueueBackfill(deliveryId(), repositories);
    workers = await startScanWorkers(queue, dependencies);
    const deadline = Date.now() + 120_000;
    let stored = 0;
    while (Date.now() < deadline) {
      stored = (await listRepositories(database, { installationId: INSTALLATION })).length;
      if (stored === repositories.length && (await queue.boss.getQueueSize(QUEUES.scan)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(failures).toEqual([]);
    expect(stored).toBe(60);
    // 60 repositories, 50 per query: a handful of queries, not one per repository.
    expect(mock.stats.graphqlRequests).toBeLessThan(20);
    const withAgent = await repoTimeline(database, { owner: "acme", name: "project-0" });
    expect(withAgent?.months.some((month) => month.agentCommits > 0)).toBe(true);
    expect(withAgent?.configFiles.map((file) => file.path)).toContain("CLAUDE.md");
  });

  it("a rescan job scans the whole window again (mode window), not from the cursor", async () => {
    const repository = created[1];
    if (!repository) throw new Error("no repository");
    const data: ScanJobData = { kind: "rescan", installationId: INSTALLATION, owner: repository.owner, name: repository.name, githubId: repository.id };
    await runScanJobs(queue.boss, QUEUES.rescan, [{ id: "00000000-0000-4000-8000-00000000aaaa", name: QUEUES.rescan, data, expireInSeconds: 60 }], dependencies);
    const timeline = await repoTimeline(database, { githubId: repository.id });
    expect(timeline?.scans[0]?.mode).toBe("window");
  });
});
