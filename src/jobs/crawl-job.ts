// One crawl job: one batched GraphQL query's worth of cohort members, scanned through the usual
// orchestrator (GitHub → detector → store). A job may run more than once (a worker killed
// mid-batch, an expired job, a retry): members already scanned in this run are skipped, and
// every store write is idempotent, so the stored counts are those of one clean scan.
import { scanGitHubRepositories } from "../scan/scan-github.js";
import type { ScanSummary } from "../scan/summary.js";
import { AccessDeniedError, RateLimitedError, isUnanswerable } from "../sources/github/index.js";
import { markCrawlBatch, scanOutcomesSince, type Database } from "../store/index.js";
import type { TokenPool } from "./token-pool.js";

export interface CrawlRepository {
  githubId: number;
  owner: string;
  name: string;
}

/** The payload of a job on QUEUES.crawl. */
export interface CrawlJobData {
  runId: number;
  batch: number;
  cohort: string;
  /** API host the members were found on (github.com or a GHES host). */
  host: string;
  /** Start of the scan window (ISO). */
  since: string;
  /** When the run started (ISO): a member scanned since then is done. */
  runStartedAt: string;
  repositories: CrawlRepository[];
}

export interface CrawlJobContext {
  database: Database;
  pool: TokenPool;
  /** Repositories per GraphQL query (default: the whole job in one). */
  batchSize?: number;
  onRepository?: (summary: ScanSummary) => void;
}

export interface CrawlAttempt {
  /** 1 for the first delivery. */
  number: number;
  /** No retry follows if this one fails. */
  final: boolean;
}

export interface CrawlJobResult {
  scanned: number;
  /** Already scanned in this run by an earlier delivery of the job. */
  skipped: number;
  /** Members recorded as failed, with GitHub's reason. */
  failed: { repository: string; message: string }[];
}

/** Some members of a batch failed with errors worth retrying (5xx after retries, timeouts). */
export class CrawlBatchIncompleteError extends Error {
  override name = "CrawlBatchIncompleteError";
  constructor(
    readonly batch: number,
    readonly failures: { repository: string; message: string }[],
  ) {
    const first = failures[0];
    super(`${failures.length} repositories of batch ${batch} failed (e.g. ${first?.repository}: ${first?.message}); the batch is retried with backoff`);
  }
}

const nameKey = (fullName: string) => fullName.toLowerCase();

/** Outcomes that end a member's scan in this run; "error" (a transient failure) is tried again. */
const FINAL_OUTCOMES = new Set(["ok", "empty", "gone", "blocked"]);

export async function runCrawlJob(data: CrawlJobData, context: CrawlJobContext, attempt: CrawlAttempt): Promise<CrawlJobResult> {
  const { database, pool } = context;
  const runStartedAt = new Date(data.runStartedAt);
  const seen = new Map<string, ScanSummary>();
  const ids = data.repositories.map((repository) => repository.githubId);
  const notFinal = (outcomes: Map<number, string>) => (repository: CrawlRepository) => !FINAL_OUTCOMES.has(outcomes.get(repository.githubId) ?? "");
  let pending: CrawlRepository[] = [];
  let skipped = 0;
  try {
    pending = data.repositories.filter(notFinal(await scanOutcomesSince(database, { host: data.host, githubIds: ids, since: runStartedAt })));
    skipped = data.repositories.length - pending.length;
    while (pending.length > 0) {
      const lease = await pool.acquire();
      try {
        const summaries = scanGitHubRepositories(pending, {
          client: lease.client,
          database,
          since: new Date(data.since),
          tracking: { cohort: data.cohort },
          batchSize: context.batchSize ?? Math.max(1, pending.length),
          host: data.host,
        });
        for await (const summary of summaries) {
          seen.set(nameKey(summary.repository), summary);
          context.onRepository?.(summary);
        }
        pending = [];
      } catch (error) {
        // The token ran dry mid-batch: share that, take another token (or wait for a reset with
        // every other worker), and go on with the members not recorded yet. A refused token
        // (401) is dropped while others are left.
        if (error instanceof RateLimitedError) await pool.markSpent(lease, error);
        else if (!(error instanceof AccessDeniedError && error.status === 401 && pool.refuse(lease))) throw error;
        const outcomes = await scanOutcomesSince(database, { host: data.host, githubIds: ids, since: runStartedAt });
        pending = pending.filter((repository) => notFinal(outcomes)(repository) && !seen.has(nameKey(`${repository.owner}/${repository.name}`)));
      } finally {
        await pool.report(lease).catch(() => {});
      }
    }
  } catch (error) {
    if (attempt.final) await markCrawlBatch(database, { runId: data.runId, batch: data.batch, state: "failed", attempts: attempt.number, error: (error as Error).message });
    throw error;
  }
  const failed = [...seen.values()].filter((summary) => summary.outcome === "error").map((summary) => ({ repository: summary.repository, message: summary.message ?? "error" }));
  const result = { scanned: seen.size - failed.length, skipped, failed };
  // A repository GitHub could not answer even in a query of its own (after the client's retries and
  // the halving) stays recorded as failed with its reason; it does not hold its batch back, and a
  // later `crawl --refresh` tries it again. Other failures (a 5xx wave, a network fault) retry the batch.
  const retryable = failed.filter((failure) => !isUnanswerable(failure.message));
  if (retryable.length > 0) {
    const error = new CrawlBatchIncompleteError(data.batch, retryable);
    if (attempt.final) await markCrawlBatch(database, { runId: data.runId, batch: data.batch, state: "failed", attempts: attempt.number, error: error.message });
    throw error;
  }
  await markCrawlBatch(database, { runId: data.runId, batch: data.batch, state: "done", attempts: attempt.number });
  return result;
}
