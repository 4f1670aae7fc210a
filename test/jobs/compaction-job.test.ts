import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPACTION_CRON, scheduleCompaction } from "../../src/jobs/compaction-job.js";
import { openJobQueue, QUEUES, type JobQueue } from "../../src/jobs/queue.js";
import { recordScan, type CompactionResult } from "../../src/store/index.js";
import { openTestDatabase } from "../helpers/database.js";
import { commit, repoFacts, scan, strong } from "../store/builders.js";

describe("the scheduled compaction", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await openTestDatabase();
    queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, pollingIntervalSeconds: 0.5 });
  });

  afterAll(async () => {
    await queue?.stop();
    await database?.cleanup();
  });

  it("COMPACT_OLDER_THAN_MONTHS schedules a daily job that compacts; unset, it removes the schedule", async () => {
    await recordScan(database, scan(repoFacts({ githubId: 1 }), [commit("old", "2020-03-02T00:00:00Z", [strong("agent-a")]), commit("new", "2026-03-02T00:00:00Z")]));
    const compacted = new Promise<CompactionResult>((resolve) => {
      void scheduleCompaction(queue, { database, olderThanMonths: 24, onCompacted: (result) => resolve(result) });
    });
    await expect.poll(async () => (await queue.boss.getSchedules()).filter((s) => s.name === QUEUES.compact)).toEqual([
      expect.objectContaining({ cron: COMPACTION_CRON, data: { olderThanMonths: 24 } }),
    ]);
    // What the cron sends once a day, sent now.
    await queue.boss.send(QUEUES.compact, { olderThanMonths: 24 });
    expect(await compacted).toMatchObject({ repositories: 1, commits: 1, evidence: 1 });
    expect((await database.executeSql<{ sha: string }>("SELECT sha FROM commits")).rows).toEqual([{ sha: "new" }]);
    await scheduleCompaction(queue, { database, olderThanMonths: undefined });
    expect((await queue.boss.getSchedules()).filter((s) => s.name === QUEUES.compact)).toEqual([]);
  });
});
