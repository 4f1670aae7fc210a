// Crawl workers: N concurrent consumers of the crawl queue in this process. Any number of
// processes on any number of machines may run them against one DATABASE_URL; pg-boss hands each
// job to one of them and re-delivers it when its worker dies (the job expires).
import type { JobWithMetadata } from "pg-boss";
import type { ScanSummary } from "../scan/summary.js";
import type { Database } from "../store/index.js";
import { runCrawlJob, type CrawlJobData, type CrawlJobResult } from "./crawl-job.js";
import { QUEUES, type JobQueue } from "./queue.js";
import type { TokenPool } from "./token-pool.js";
import { startWorkLoop, type JobOutcome } from "./work-loop.js";

export interface CrawlWorkerEvent {
  kind: "batch-done" | "batch-failed";
  runId: number;
  batch: number;
  attempt: number;
  result?: CrawlJobResult;
  error?: string;
  /** Wall time of the job in this worker, in seconds. */
  seconds: number;
}

export interface CrawlWorkerOptions {
  database: Database;
  queue: JobQueue;
  pool: TokenPool;
  /** Jobs processed at once in this process (default 1). */
  concurrency?: number;
  /** Repositories per GraphQL query inside a job (default: the whole job). */
  batchSize?: number;
  /** Idle polling interval in seconds (default: the queue's). */
  pollingIntervalSeconds?: number;
  onRepository?: (summary: ScanSummary) => void;
  onBatch?: (event: CrawlWorkerEvent) => void;
  /** Settling a finished job failed (the database is away) and is tried again. */
  onSettleError?: (error: Error, jobId: string) => void;
}

export interface CrawlWorker {
  /** Stops taking jobs and waits for the ones in hand. */
  stop(): Promise<void>;
}

export async function startCrawlWorker(options: CrawlWorkerOptions): Promise<CrawlWorker> {
  const handle = async (job: JobWithMetadata<CrawlJobData>): Promise<CrawlJobResult> => {
    const attempt = { number: job.retryCount + 1, final: job.retryCount >= job.retryLimit };
    const started = performance.now();
    const event = { runId: job.data.runId, batch: job.data.batch, attempt: attempt.number };
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const result = await runCrawlJob(job.data, { database: options.database, pool: options.pool, batchSize: options.batchSize, onRepository: options.onRepository }, attempt);
      options.onBatch?.({ kind: "batch-done", ...event, result, seconds: seconds() });
      return result;
    } catch (error) {
      options.onBatch?.({ kind: "batch-failed", ...event, error: (error as Error).message, seconds: seconds() });
      throw error;
    }
  };
  // One job per fetch; its result is kept as the job's output. The loop settles every job even
  // through a database outage (src/jobs/work-loop.ts): a restart pauses the worker, nothing more.
  const loop = startWorkLoop<CrawlJobData>(
    options.queue.boss,
    QUEUES.crawl,
    {
      batchSize: 1,
      concurrency: options.concurrency,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? options.queue.pollingIntervalSeconds,
      onSettleError: options.onSettleError,
    },
    async (jobs) => {
      const outcomes = new Map<string, JobOutcome>();
      for (const job of jobs) {
        try {
          outcomes.set(job.id, { ok: true, output: await handle(job) });
        } catch (error) {
          outcomes.set(job.id, { ok: false, error });
        }
      }
      return outcomes;
    },
  );
  return { stop: () => loop.stop() };
}
