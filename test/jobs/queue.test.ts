import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJobQueue, QUEUES, type JobQueue } from "../../src/jobs/queue.js";
import { openTestDatabase } from "../helpers/database.js";

describe("the job queue", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await openTestDatabase();
    queue = await openJobQueue(database, {
      connectionString: process.env.TEST_DATABASE_URL,
      pollingIntervalSeconds: 0.5,
    });
  });

  afterAll(async () => {
    await queue?.stop();
    await database?.cleanup();
  });

  it("runs a job sent to a queue, on PGlite or Postgres", async () => {
    const seen: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      void queue.boss.work<{ repo: string }>(QUEUES.orgReport, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) seen.push(job.data);
        resolve();
      });
    });
    await queue.boss.send(QUEUES.orgReport, { repo: "acme/widgets" });
    await done;
    expect(seen).toEqual([{ repo: "acme/widgets" }]);
  });

  it("drops a duplicate job with the same singleton key while the first is queued", async () => {
    const first = await queue.boss.send(QUEUES.rescan, { repo: 1 }, { singletonKey: "repo-1" });
    const second = await queue.boss.send(QUEUES.rescan, { repo: 1 }, { singletonKey: "repo-1" });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
  });
});
