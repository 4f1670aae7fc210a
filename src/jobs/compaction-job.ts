// The scheduled compaction: with COMPACT_OLDER_THAN_MONTHS set, a daily pg-boss cron job deletes
// commit-level facts older than that many months (store's compactCommitFacts), in whichever app or
// crawl worker process takes it. The setting is the schedule's desired state: a process started
// with it (re)schedules the job, one started without it removes the schedule, so set it alike on
// every process that runs the queue.
import type PgBoss from "pg-boss";
import { compactCommitFacts, type CompactionResult, type Database } from "../store/index.js";
import { QUEUES, type JobQueue } from "./queue.js";

/** Daily (UTC), away from the org reports' tick; the cutoff only moves once a month, so later days find little. */
export const COMPACTION_CRON = "41 3 * * *";

export interface CompactionJobData {
  olderThanMonths: number;
}

export interface CompactionScheduleOptions {
  database: Database;
  /** Undefined removes the schedule. */
  olderThanMonths: number | undefined;
  onCompacted?: (result: CompactionResult, seconds: number) => void;
}

export async function scheduleCompaction(queue: JobQueue, options: CompactionScheduleOptions): Promise<void> {
  if (options.olderThanMonths === undefined) {
    await queue.boss.unschedule(QUEUES.compact);
    return;
  }
  await queue.boss.schedule(QUEUES.compact, COMPACTION_CRON, { olderThanMonths: options.olderThanMonths } satisfies CompactionJobData, { tz: "UTC" });
  await queue.boss.work<CompactionJobData>(QUEUES.compact, { pollingIntervalSeconds: queue.pollingIntervalSeconds }, async (jobs: PgBoss.Job<CompactionJobData>[]) => {
    for (const job of jobs) {
      const started = performance.now();
      const result = await compactCommitFacts(options.database, { olderThanMonths: job.data.olderThanMonths });
      options.onCompacted?.(result, (performance.now() - started) / 1000);
    }
  });
}
