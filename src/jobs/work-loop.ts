// Working a pg-boss queue so that a database outage pauses the work instead of losing it.
//
// pg-boss's own work() settles a finished job (complete or fail) without awaiting it: when the
// database is gone at that moment — a restart, a failover — the rejected promise is unhandled,
// which ends the Node process, and the job stays active until it expires (15 minutes by default
// for a crawl batch). Here each slot fetches its jobs, runs them, and settles every one of them,
// trying again until the database answers; only then does it fetch more.
import type PgBoss from "pg-boss";

/** How one job ended: its output, or the error it failed with (retried by its queue's policy). */
export type JobOutcome = { ok: true; output?: object } | { ok: false; error: unknown };

export interface WorkLoopOptions {
  /** Jobs fetched at once by one slot. */
  batchSize: number;
  /** Slots working at once (each its own fetch, run, settle loop). Default 1. */
  concurrency?: number;
  /** Idle polling interval in seconds. */
  pollingIntervalSeconds: number;
  /** Called when settling a job failed and is tried again (the database is away). */
  onSettleError?: (error: Error, jobId: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface WorkLoop {
  /** Stops fetching and waits for the jobs in hand to run and be settled. */
  stop(): Promise<void>;
}

/** Runs jobs and says how each one ended; a throw fails every job of the batch. */
export type BatchHandler<Data> = (jobs: PgBoss.JobWithMetadata<Data>[]) => Promise<Map<string, JobOutcome>>;

/** Waits between settlement attempts: 0.25 s doubling up to 5 s. */
const SETTLE_BACKOFF_MS = [250, 500, 1000, 2000, 5000];
/** While stopping, settlement is tried this long at most (a job not settled expires and is retried). */
const STOPPING_SETTLE_MS = 10_000;

function errorOutput(error: unknown): object {
  if (error instanceof Error) return { message: error.message, name: error.name };
  return { message: String(error) };
}

export function startWorkLoop<Data>(boss: PgBoss, queue: string, options: WorkLoopOptions, handler: BatchHandler<Data>): WorkLoop {
  let stopping = false;
  const wakeUps = new Set<() => void>();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** An idle wait that stop() cuts short. */
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeUps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeUps.add(done);
    });

  /** Whether the job is still this delivery of it: active, started when we fetched it. */
  async function stillOurs(job: PgBoss.JobWithMetadata<Data>): Promise<boolean> {
    const now = await boss.getJobById<Data>(queue, job.id);
    if (!now) return false;
    return now.state === "active" && new Date(now.startedOn).getTime() === new Date(job.startedOn).getTime();
  }

  async function settle(job: PgBoss.JobWithMetadata<Data>, outcome: JobOutcome): Promise<void> {
    // Past the job's expiry the queue's maintenance has given it to another worker anyway.
    const expiry = new Date(job.startedOn).getTime() + Number(job.expireInSeconds) * 1000;
    const deadline = Math.max(expiry, Date.now() + 60_000);
    for (let attempt = 0; ; attempt++) {
      try {
        // An earlier attempt may have landed with its answer lost: settle only our own delivery,
        // never a retry another worker has taken since.
        if (attempt > 0 && !(await stillOurs(job))) return;
        if (outcome.ok) await boss.complete(queue, job.id, outcome.output ?? {});
        else await boss.fail(queue, job.id, errorOutput(outcome.error));
        return;
      } catch (error) {
        options.onSettleError?.(error instanceof Error ? error : new Error(String(error)), job.id);
        const limit = stopping ? Math.min(deadline, Date.now() + STOPPING_SETTLE_MS) : deadline;
        if (Date.now() >= limit) return;
        await sleep(SETTLE_BACKOFF_MS[Math.min(attempt, SETTLE_BACKOFF_MS.length - 1)] as number);
      }
    }
  }

  async function runBatch(jobs: PgBoss.JobWithMetadata<Data>[]): Promise<void> {
    let outcomes: Map<string, JobOutcome>;
    // As pg-boss's work(): a handler that outlives the jobs' expiry fails them (it may go on running).
    const expiresInMs = Math.max(1, ...jobs.map((job) => Number(job.expireInSeconds))) * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`handler execution exceeded ${expiresInMs}ms`)), expiresInMs);
      });
      const running = handler(jobs);
      // If the timeout wins, the handler's own failure later must not go unhandled.
      running.catch(() => undefined);
      outcomes = await Promise.race([running, timeout]);
    } catch (error) {
      outcomes = new Map(jobs.map((job) => [job.id, { ok: false, error }]));
    } finally {
      clearTimeout(timer);
    }
    for (const job of jobs) await settle(job, outcomes.get(job.id) ?? { ok: true });
  }

  async function slot(): Promise<void> {
    while (!stopping) {
      // pg-boss's fetch answers [] when the database cannot be reached: an outage is an idle queue.
      const jobs = await boss.fetch<Data>(queue, { batchSize: options.batchSize, includeMetadata: true }).catch(() => []);
      if (jobs.length === 0) {
        await idle(options.pollingIntervalSeconds * 1000);
        continue;
      }
      await runBatch(jobs);
    }
  }

  const slots = Array.from({ length: Math.max(1, options.concurrency ?? 1) }, () => slot());
  return {
    async stop() {
      stopping = true;
      for (const wake of [...wakeUps]) wake();
      await Promise.all(slots);
    },
  };
}
