// `agent-census worker --concurrency N`: work crawl jobs from the shared queue until stopped.
// Run any number of these, on any machines, against one DATABASE_URL; GITHUB_TOKENS=a,b,c
// spreads the rate budget, and all of them back off together when a token is spent.
import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { scheduleCompaction } from "../jobs/compaction-job.js";
import { createTokenPool } from "../jobs/crawl-runtime.js";
import { startCrawlWorker } from "../jobs/worker.js";
import { openCrawlStore, poolApp, positiveInteger, requireCrawlCredentials } from "./crawl.js";
import { CliError } from "./errors.js";

interface WorkerOptions {
  concurrency: number;
  graphqlInterval?: number;
  schema?: string;
}

function logLine(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

export async function runWorker(options: WorkerOptions, stopSignal: Promise<void>): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new CliError("a worker needs DATABASE_URL (the Postgres its crawl is queued in); an embedded crawl runs its own worker: agent-census crawl");
  }
  requireCrawlCredentials(config, "a worker");
  const { database, queue } = await openCrawlStore(config, options);
  queue.boss.on("error", (error) => logLine({ event: "queue-error", message: error.message }));
  try {
    const pool = await createTokenPool(database, {
      tokens: config.githubTokens,
      app: await poolApp(config),
      baseUrl: config.githubApiUrl,
      graphqlIntervalMs: options.graphqlInterval,
      onRateLimitWait: (wait) => logLine({ event: "rate-limit-wait", kind: wait.kind, seconds: wait.seconds }),
      onPoolWait: (wait) => logLine({ event: "all-tokens-spent", until: wait.until.toISOString(), tokens: wait.tokens }),
      onTokenRefused: (refused) => logLine({ event: "token-refused", token: refused.label, left: refused.left }),
    });
    const worker = await startCrawlWorker({
      database,
      queue,
      pool,
      concurrency: options.concurrency,
      // The database is away (a restart): the finished job's outcome is kept and written when it is back.
      onSettleError: (error, jobId) => logLine({ event: "job-settle-retry", job: jobId, message: error.message }),
      onBatch: (event) =>
        logLine({
          event: event.kind,
          run: event.runId,
          batch: event.batch,
          attempt: event.attempt,
          ...(event.result ? { scanned: event.result.scanned, skipped: event.result.skipped } : {}),
          ...(event.error ? { error: event.error } : {}),
        }),
    });
    await scheduleCompaction(queue, {
      database,
      olderThanMonths: config.compactOlderThanMonths,
      onCompacted: (result, seconds) => logLine({ event: "compacted", ...result, seconds }),
    });
    logLine({ event: "worker-started", concurrency: options.concurrency, tokens: pool.size });
    await stopSignal;
    logLine({ event: "worker-stopping" });
    await worker.stop();
  } finally {
    await queue.stop();
    await database.close();
  }
}

export function registerWorkerCommand(command: Command): void {
  command
    .option("--concurrency <n>", "jobs worked at once in this process", positiveInteger("--concurrency"), 2)
    .option("--graphql-interval <ms>", "minimum gap between GraphQL queries per token (GitHub advises 1000)", positiveInteger("--graphql-interval"))
    .option("--schema <name>", "Postgres schema of the store (default public)")
    .action(async (options: WorkerOptions) => {
      if (options.concurrency < 1) throw new CliError("--concurrency must be at least 1", { exitCode: 2 });
      // SIGINT / SIGTERM: finish the jobs in hand, then exit. A second signal (or kill -9) drops
      // them; pg-boss hands them to another worker once they expire.
      const stop = new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      await runWorker(options, stop);
    });
}
