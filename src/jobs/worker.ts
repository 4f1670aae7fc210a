// Crawl workers: N concurrent consumers of the crawl queue in this process. Any number of
// processes on any number of machines may run them against one DATABASE_URL; pg-boss hands each
// job to one of them and re-delivers it when its worker dies (the job expires).
import type { Job, JobWithMetadata } from "pg-boss";
import type { ScanSummary } from "../scan/summary.js";
import type { Database } from "../store/index.js";
import { runCrawlJob, type CrawlJobData, type CrawlJobResult } from "./crawl-job.js";
import { QUEUES, type JobQueue } from "./queue.js";
import type { TokenPool } from "./token-pool.js";

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
}

export interface CrawlWorker {
  /** Stops taking jobs and waits for the ones in hand. */
  stop(): Promise<void>;
}

export async function startCrawlWorker(options: CrawlWorkerOptions): Promise<CrawlWorker> {
  const { boss } = options.queue;
  const inFlight = new Set<Promise<unknown>>();
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
  const ids: string[] = [];
  const workOptions = { batchSize: 1, includeMetadata: true as const, pollingIntervalSeconds: options.pollingIntervalSeconds ?? options.queue.pollingIntervalSeconds };
  for (let index = 0; index < Math.max(1, options.concurrency ?? 1); index++) {
    ids.push(
      await boss.work<CrawlJobData>(QUEUES.crawl, workOptions, async (jobs: JobWithMetadata<CrawlJobData>[] | Job<CrawlJobData>[]) => {
        // batchSize 1: one job per call. Its return value is kept as the job's output.
        const job = jobs[0] as JobWithMetadata<CrawlJobData>;
        const running = handle(job);
        inFlight.add(running);
        try {
          return await running;
        } finally {
          inFlight.delete(running);
        }
      }),
    );
  }
  return {
    async stop() {
      for (const id of ids) await boss.offWork({ id });
      await Promise.allSettled([...inFlight]);
    },
  };
}
