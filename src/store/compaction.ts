// Compaction: keeps storage bounded by deleting commit-level facts (commit rows and their evidence)
// of months older than a retention, once the month aggregates the reports read hold everything.
//
// The derived rows (repo_months, repo_month_agents) and the scope counters are not touched: every
// share, measure, timeline, listing and report reads only them, so every figure stays as it was.
// What changes is that those months become final: a repository's `compacted_before` watermark
// stops later writes from recomputing them out of the facts that are now missing (aggregates.ts)
// and from storing commits dated in them again (commits.ts). See docs/storage.md for what that
// gives up (later corrections to old months; audit samples and badges over deleted commits).
//
// The repository's head commit is kept whatever its date: an incremental scan asks GitHub for
// history from its committer date (getScanCursor). A later run deletes it once it is no longer
// the head; the watermark only ever moves forward.

import { sql } from "drizzle-orm";
import { InvalidStoreInputError } from "./errors.js";
import { arrayParam, firstRow, inTransaction, rowsOf, withRetries, type Executor } from "./sql.js";
import type { CompactionOptions, CompactionResult, Database } from "./types.js";

/** The badge's 90-day window reads commit rows; 4 whole months before the current one always cover it. */
export const minimumCompactionMonths = 4;
const defaultBatchSize = 200;

/** The first day ("YYYY-MM-01") of the month `months` before the month of `now` (UTC). */
export function compactionCutoff(now: Date, months: number): string {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return cutoff.toISOString().slice(0, 10);
}

/**
 * Deletes the commit rows and evidence of months before the cutoff, repository batch by batch,
 * each batch in its own transaction. Running it again deletes nothing more; a later run with the
 * reference date a month on moves the cutoff a month on.
 */
export async function compactCommitFacts(database: Database, options: CompactionOptions): Promise<CompactionResult> {
  const { olderThanMonths } = options;
  if (!Number.isSafeInteger(olderThanMonths) || olderThanMonths < minimumCompactionMonths) {
    throw new InvalidStoreInputError(`olderThanMonths must be a whole number of months, at least ${minimumCompactionMonths}; got ${olderThanMonths}`);
  }
  const batchSize = options.batchSize ?? defaultBatchSize;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new InvalidStoreInputError(`batchSize must be a positive integer, got ${batchSize}`);
  const cutoff = compactionCutoff(options.now ?? new Date(), olderThanMonths);
  const total: CompactionResult = { before: cutoff.slice(0, 7), repositories: 0, commits: 0, evidence: 0 };
  for (let after = 0; ; ) {
    const batch = await withRetries(() => inTransaction(database, (tx) => compactBatch(tx, after, batchSize, cutoff)));
    if (batch.lastId === null) return total;
    after = batch.lastId;
    total.repositories += batch.repositories;
    total.commits += batch.commits;
    total.evidence += batch.evidence;
    options.onProgress?.({ ...total });
  }
}

interface BatchResult {
  /** The last repository id looked at; null when there were none left. */
  lastId: number | null;
  repositories: number;
  commits: number;
  evidence: number;
}

/** One batch: the next `size` repositories by id, those with old commits locked, marked, then emptied of them. */
async function compactBatch(tx: Executor, after: number, size: number, cutoff: string): Promise<BatchResult> {
  const last = await firstRow<{ id: number | null }>(
    tx,
    sql`SELECT max(id) AS id FROM (SELECT id FROM repositories WHERE id > ${after} ORDER BY id LIMIT ${size}) AS batch`,
  );
  const lastId = last?.id ?? null;
  if (lastId === null) return { lastId, repositories: 0, commits: 0, evidence: 0 };
  const before = sql`(${cutoff}::date::timestamp AT TIME ZONE 'UTC')`;
  // Locked in id order, as a write to one of them would lock it: a scan or push in flight finishes
  // first, and the next one sees the watermark.
  const due = await rowsOf<{ id: number }>(
    tx,
    sql`SELECT r.id FROM repositories r
        WHERE r.id > ${after} AND r.id <= ${lastId}
          AND EXISTS (SELECT 1 FROM commits c WHERE c.repo_id = r.id AND c.committed_at < ${before} AND c.sha IS DISTINCT FROM r.head)
        ORDER BY r.id FOR UPDATE OF r`,
  );
  if (due.length === 0) return { lastId, repositories: 0, commits: 0, evidence: 0 };
  const ids = sql`${arrayParam(due.map((row) => row.id))}::int[]`;
  await tx.execute(sql`UPDATE repositories SET compacted_before = greatest(compacted_before, ${cutoff}::date) WHERE id = ANY(${ids})`);
  const old = sql`c.repo_id = r.id AND r.id = ANY(${ids}) AND c.committed_at < ${before} AND c.sha IS DISTINCT FROM r.head`;
  const evidence = await firstRow<{ n: number }>(
    tx,
    sql`WITH gone AS (DELETE FROM commit_evidence e USING commits c, repositories r WHERE ${old} AND e.repo_id = c.repo_id AND e.sha = c.sha RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const commits = await firstRow<{ n: number }>(
    tx,
    sql`WITH gone AS (DELETE FROM commits c USING repositories r WHERE ${old} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  return { lastId, repositories: due.length, commits: Number(commits?.n ?? 0), evidence: Number(evidence?.n ?? 0) };
}
