// Crawl bookkeeping: runs, their batches (one queue job each), and the GitHub token budgets every
// worker shares. Progress is read from here and from the scans table, so `agent-census status`
// on any machine sees what the workers on every machine did.
import { sql } from "drizzle-orm";
import type { CohortRecord, CrawlBatchState, CrawlKind, CrawlProgress, CrawlRun, CrawlRunInput, Database, StoredScanOutcome, TokenBudget } from "./types.js";
import { InvalidStoreInputError } from "./errors.js";
import { firstRow, inTransaction, rowsOf } from "./sql.js";

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

interface RunRecord {
  id: number;
  cohort: string;
  kind: CrawlKind;
  since: Date | string;
  started_at: Date | string;
  repositories: number;
  batches: number;
}

function toRun(row: RunRecord): CrawlRun {
  return {
    runId: row.id,
    cohort: row.cohort,
    kind: row.kind,
    since: new Date(row.since),
    startedAt: new Date(row.started_at),
    repositories: row.repositories,
    batches: row.batches,
  };
}

/** Records a run and its batches (state "queued") in one transaction. */
export async function startCrawlRun(database: Database, input: CrawlRunInput): Promise<CrawlRun> {
  const total = input.batches.reduce((sum, size) => sum + size, 0);
  return inTransaction(database, async (tx) => {
    const row = await firstRow<RunRecord>(
      tx,
      sql`INSERT INTO crawl_runs (cohort, kind, since, started_at, repositories, batches)
          VALUES (${input.cohort}, ${input.kind}, ${input.since.toISOString()}::timestamptz, ${input.startedAt.toISOString()}::timestamptz,
            ${total}, ${input.batches.length})
          RETURNING *`,
    );
    if (!row) throw new InvalidStoreInputError("crawl run was not recorded");
    if (input.batches.length > 0) {
      await tx.execute(sql`
        INSERT INTO crawl_batches (run_id, batch, repositories)
        SELECT ${row.id}, ordinality - 1, size FROM unnest(${sql.param(input.batches)}::int[]) WITH ORDINALITY AS b(size, ordinality)`);
    }
    return toRun(row);
  });
}

/** A batch's end (idempotent: a redelivered job marks it again, a later "done" wins over "failed"). */
export async function markCrawlBatch(
  database: Database,
  mark: { runId: number; batch: number; state: Exclude<CrawlBatchState, "queued">; attempts: number; error?: string | null },
): Promise<void> {
  await database.db.execute(sql`
    UPDATE crawl_batches SET state = ${mark.state}, attempts = greatest(attempts, ${mark.attempts}),
      error = ${mark.state === "done" ? null : (mark.error ?? null)?.slice(0, 2000) ?? null}, updated_at = now()
    WHERE run_id = ${mark.runId} AND batch = ${mark.batch} AND NOT (state = 'done' AND ${mark.state} = 'failed')`);
}

/**
 * The latest outcome of each repository (by GitHub id) among its scans started since `since`. A
 * redelivered crawl job uses it to skip what it already recorded before a crash. (Scans are
 * selected by start time: the (repo_id, started_at) index serves it.)
 */
export async function scanOutcomesSince(
  database: Database,
  query: { host: string; githubIds: number[]; since: Date },
): Promise<Map<number, StoredScanOutcome>> {
  if (query.githubIds.length === 0) return new Map();
  const rows = await rowsOf<{ github_id: number | string; outcome: StoredScanOutcome }>(
    database.db,
    sql`SELECT DISTINCT ON (r.github_id) r.github_id, s.outcome
        FROM repositories r JOIN scans s ON s.repo_id = r.id
        WHERE r.host = ${query.host} AND r.github_id = ANY(${sql.param(query.githubIds)}::bigint[])
          AND s.started_at >= ${query.since.toISOString()}::timestamptz
        ORDER BY r.github_id, s.finished_at DESC, s.id DESC`,
  );
  return new Map(rows.map((row) => [Number(row.github_id), row.outcome]));
}

export async function findCrawlRun(database: Database, runId: number): Promise<CrawlRun | null> {
  const row = await firstRow<RunRecord>(database.db, sql`SELECT * FROM crawl_runs WHERE id = ${runId}`);
  return row ? toRun(row) : null;
}

/** The most recent run, of one cohort or of any. */
export async function latestCrawlRun(database: Database, cohort?: string): Promise<CrawlRun | null> {
  const where = cohort === undefined ? sql`true` : sql`cohort = ${cohort}`;
  const row = await firstRow<RunRecord>(database.db, sql`SELECT * FROM crawl_runs WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT 1`);
  return row ? toRun(row) : null;
}

export async function crawlProgress(database: Database, runId: number, now: Date = new Date()): Promise<CrawlProgress | null> {
  const run = await findCrawlRun(database, runId);
  if (!run) return null;
  const start = run.startedAt.toISOString();
  const members = sql`SELECT m.repo_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE c.name = ${run.cohort}`;
  const repos = await firstRow<{
    members: number;
    done: number;
    failing: number;
    errors: number;
    done_last_minute: number;
    first_at: Date | string | null;
    last_at: Date | string | null;
    points: number | string | null;
  }>(
    database.db,
    sql`WITH run_scans AS (
          SELECT s.repo_id, s.outcome, s.finished_at, s.graphql_points FROM scans s
          WHERE s.started_at >= ${start}::timestamptz AND s.repo_id IN (${members})
        ), per_repo AS (
          SELECT repo_id, bool_or(outcome <> 'error') AS final, max(finished_at) FILTER (WHERE outcome <> 'error') AS final_at
          FROM run_scans GROUP BY repo_id
        )
        SELECT (SELECT count(*)::int FROM (${members}) AS m) AS members,
          (SELECT count(*)::int FROM per_repo WHERE final) AS done,
          (SELECT count(*)::int FROM per_repo WHERE NOT final) AS failing,
          (SELECT count(*)::int FROM run_scans WHERE outcome = 'error') AS errors,
          (SELECT count(*)::int FROM per_repo WHERE final_at >= ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz) AS done_last_minute,
          (SELECT min(finished_at) FROM run_scans) AS first_at,
          (SELECT max(finished_at) FROM run_scans) AS last_at,
          (SELECT coalesce(sum(graphql_points), 0) FROM run_scans) AS points`,
  );
  const batches = await firstRow<{ done: number; failed: number; queued: number }>(
    database.db,
    sql`SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*) FILTER (WHERE state = 'failed')::int AS failed,
          count(*) FILTER (WHERE state = 'queued')::int AS queued
        FROM crawl_batches WHERE run_id = ${runId}`,
  );
  const recent = await rowsOf<{ owner: string; name: string; error: string | null; finished_at: Date | string }>(
    database.db,
    sql`SELECT r.owner, r.name, s.error, s.finished_at FROM scans s JOIN repositories r ON r.id = s.repo_id
        WHERE s.started_at >= ${start}::timestamptz AND s.outcome = 'error' AND s.repo_id IN (${members})
        ORDER BY s.finished_at DESC, s.id DESC LIMIT 5`,
  );
  const batchCounts = { total: run.batches, done: batches?.done ?? 0, failed: batches?.failed ?? 0, queued: batches?.queued ?? 0 };
  return {
    run,
    cohortMembers: repos?.members ?? 0,
    repositories: { total: run.repositories, done: Math.min(run.repositories, repos?.done ?? 0), failing: repos?.failing ?? 0 },
    batches: batchCounts,
    errors: repos?.errors ?? 0,
    recentErrors: recent.map((row) => ({ repository: `${row.owner}/${row.name}`, message: row.error ?? "", at: new Date(row.finished_at) })),
    doneLastMinute: repos?.done_last_minute ?? 0,
    firstScanAt: toDate(repos?.first_at ?? null),
    lastScanAt: toDate(repos?.last_at ?? null),
    graphqlPoints: Number(repos?.points ?? 0),
    finished: batchCounts.done + batchCounts.failed >= batchCounts.total,
  };
}

/** The last reading of a token's GraphQL budget, shared by every worker (upsert; newer readings win). */
export async function recordTokenBudget(database: Database, budget: Omit<TokenBudget, "updatedAt"> & { updatedAt?: Date }): Promise<void> {
  const at = (budget.updatedAt ?? new Date()).toISOString();
  await database.db.execute(sql`
    INSERT INTO token_budgets (token_key, remaining, "limit", reset_at, updated_at)
    VALUES (${budget.tokenKey}, ${budget.remaining}, ${budget.limit}, ${budget.resetAt?.toISOString() ?? null}::timestamptz, ${at}::timestamptz)
    ON CONFLICT (token_key) DO UPDATE SET remaining = excluded.remaining, "limit" = coalesce(excluded."limit", token_budgets."limit"),
      reset_at = excluded.reset_at, updated_at = excluded.updated_at
    WHERE token_budgets.updated_at <= excluded.updated_at`);
}

export async function listTokenBudgets(database: Database, tokenKeys?: string[]): Promise<TokenBudget[]> {
  const where = tokenKeys === undefined ? sql`true` : sql`token_key = ANY(${sql.param(tokenKeys)}::text[])`;
  const rows = await rowsOf<{ token_key: string; remaining: number | null; limit: number | null; reset_at: Date | string | null; updated_at: Date | string }>(
    database.db,
    sql`SELECT token_key, remaining, "limit", reset_at, updated_at FROM token_budgets WHERE ${where} ORDER BY token_key`,
  );
  return rows.map((row) => ({ tokenKey: row.token_key, remaining: row.remaining, limit: row.limit, resetAt: toDate(row.reset_at), updatedAt: new Date(row.updated_at) }));
}

/** A cohort's frozen definition and member count; null when no cohort has that name. */
export async function findCohortRecord(database: Database, name: string): Promise<CohortRecord | null> {
  const row = await firstRow<{ name: string; definition: unknown; frozen_at: Date | string; members: number }>(
    database.db,
    sql`SELECT c.name, c.definition, c.frozen_at, (SELECT count(*)::int FROM cohort_members m WHERE m.cohort_id = c.id) AS members
        FROM cohorts c WHERE c.name = ${name}`,
  );
  if (!row) return null;
  const definition = typeof row.definition === "string" ? (JSON.parse(row.definition) as unknown) : row.definition;
  return { name: row.name, definition, frozenAt: new Date(row.frozen_at), members: row.members };
}

// Streaming cohort freezes live with the other cohort writes; exported here beside findCohortRecord.
export { cohortComplete, freezeCohortStreaming, type FreezeProgress, type StreamingFreezeOptions } from "./cohorts.js";
