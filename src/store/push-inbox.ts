// The push inbox's SQL. A delivery's push is appended (the pushes waiting at one moment in one
// multi-row INSERT, one transaction: group-commit.ts) and acknowledged once that committed; an
// applier then claims the oldest rows, writes them into the facts with the set-based push writes,
// and deletes them IN THE SAME TRANSACTION: a push takes effect exactly once, and an apply that
// dies half-way leaves its rows for the next one. Several appliers (processes on one Postgres)
// claim with FOR UPDATE SKIP LOCKED, and a repository's pushes are applied in arrival order.

import { sql } from "drizzle-orm";
import type { Database, PushRecord, PushResult } from "./api.js";
import { isRetryable } from "./group-commit.js";
import { decodePush, encodePush, repositoryKey, type EncodedPush } from "./push-inbox-records.js";
import type { SpooledPush } from "./push-spool.js";
import { recordPushesInTransaction } from "./push-writes.js";
import { arrayParam, firstRow, inTransaction, rowsOf, type Executor } from "./sql.js";

export interface AppliedPush {
  push: PushRecord;
  result: PushResult;
}

export interface InboxApplyOptions {
  batchSize: number;
  /** A row that failed this many times is dead-lettered. */
  maxAttempts: number;
  /** A failed row waits this long × its attempts so far (at most a minute) before the next one. */
  retryDelayMs: number;
}

/** What one batch did. */
export interface InboxBatchOutcome {
  /** Rows claimed (including those left for later because an earlier push of their repository waits). */
  claimed: number;
  applied: AppliedPush[];
  /** Rows that failed this time (and will be tried again). */
  failed: number;
  deadLettered: number;
}

interface InboxRow {
  id: string | number;
  repo_key: string;
  push: EncodedPush | string;
}

/**
 * Appends pushes in ONE statement, a multi-row INSERT that is its own transaction (one round trip,
 * no BEGIN and COMMIT around it). The rows travel as one JSON parameter: nothing to escape, and
 * one parse on the server.
 */
export async function appendToInbox(database: Database, pushes: readonly PushRecord[]): Promise<void[]> {
  const rows = pushes.map((push) => ({ k: repositoryKey(push.repo), p: encodePush(push) }));
  await database.executeSql(APPEND, [JSON.stringify(rows)]);
  return pushes.map(() => undefined);
}

const APPEND = "INSERT INTO push_inbox (repo_key, push) SELECT row->>'k', row->'p' FROM json_array_elements($1::json) AS row";

/** How far the named spool has been imported (0: nothing yet). */
export async function spoolMark(database: Database, spool: string): Promise<number> {
  const row = await firstRow<{ n: string | number }>(database.db, sql`SELECT imported_through AS n FROM push_spool_mark WHERE spool = ${spool}`);
  return Number(row?.n ?? 0);
}

/**
 * Moves spooled pushes (push-spool.ts) into the inbox and raises the spool's mark, in ONE
 * transaction: a crash before it commits leaves both as they were, so each push is imported once.
 * The lines' JSON goes to the server as it was spooled, in the spool's order (arrival order).
 */
export async function importSpooled(database: Database, spool: string, pushes: readonly SpooledPush[]): Promise<void> {
  const last = pushes.at(-1);
  if (!last) return;
  await inTransaction(database, async (tx) => {
    await tx.execute(sql`
      INSERT INTO push_inbox (repo_key, push, received_at)
      SELECT row->>'k', row->'p', to_timestamp((row->>'t')::double precision / 1000)
      FROM json_array_elements(${`[${pushes.map((push) => push.line).join(",")}]`}::json) WITH ORDINALITY AS spooled(row, n)
      ORDER BY n`);
    await tx.execute(sql`
      INSERT INTO push_spool_mark (spool, imported_through) VALUES (${spool}, ${last.seq})
      ON CONFLICT (spool) DO UPDATE SET imported_through = greatest(push_spool_mark.imported_through, excluded.imported_through)`);
  });
}

/** Pushes waiting to be applied (dead letters excluded). */
export async function countPendingPushes(database: Database): Promise<number> {
  const row = await firstRow<{ n: string | number }>(database.db, sql`SELECT count(*) AS n FROM push_inbox WHERE dead_at IS NULL`);
  return Number(row?.n ?? 0);
}

const decode = (row: InboxRow) => decodePush(typeof row.push === "string" ? (JSON.parse(row.push) as EncodedPush) : row.push);

/**
 * Claims the oldest due rows no other applier holds, keeps those whose repository has no earlier
 * push still waiting elsewhere (held by another applier, or failed and waiting for its retry).
 */
async function claim(tx: Executor, limit: number, onlyId?: number): Promise<{ rows: InboxRow[]; claimed: number }> {
  const rows = await rowsOf<InboxRow>(tx, sql`
    SELECT id, repo_key, push FROM push_inbox
    WHERE dead_at IS NULL AND (retry_at IS NULL OR retry_at <= now()) ${onlyId === undefined ? sql`` : sql`AND id = ${onlyId}`}
    ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
  if (rows.length === 0) return { rows, claimed: 0 };
  const ids = rows.map((row) => Number(row.id));
  const earliestElsewhere = new Map(
    (await rowsOf<{ repo_key: string; first: string | number }>(tx, sql`
      SELECT repo_key, min(id) AS first FROM push_inbox
      WHERE repo_key = ANY(${arrayParam([...new Set(rows.map((row) => row.repo_key))])}::text[]) AND dead_at IS NULL
        AND NOT (id = ANY(${arrayParam(ids)}::bigint[]))
      GROUP BY repo_key`)).map((row) => [row.repo_key, Number(row.first)]),
  );
  return { rows: rows.filter((row) => Number(row.id) < (earliestElsewhere.get(row.repo_key) ?? Number.POSITIVE_INFINITY)), claimed: rows.length };
}

async function applyClaimed(tx: Executor, database: Database, rows: readonly InboxRow[]): Promise<AppliedPush[]> {
  const pushes = rows.map(decode);
  const results = await recordPushesInTransaction(tx, database, pushes);
  await tx.execute(sql`DELETE FROM push_inbox WHERE id = ANY(${arrayParam(rows.map((row) => Number(row.id)))}::bigint[])`);
  return pushes.map((push, i) => ({ push, result: results[i]! }));
}

const RETRIES = 3;
const MAX_RETRY_DELAY_MS = 60_000;

/** Runs a transaction again when Postgres aborted it for a deadlock (nothing of it stayed). */
async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt > RETRIES || !isRetryable(error)) throw error;
    }
  }
}

/**
 * Applies one batch: all claimed rows in one transaction. When that fails it is rolled back and
 * the rows are applied one by one, so a push the store refuses fails alone (counted, and
 * dead-lettered at the last attempt) while the others apply; a repository whose push failed has
 * its later pushes left for after it.
 */
export async function applyInboxBatch(database: Database, options: InboxApplyOptions): Promise<InboxBatchOutcome> {
  let claimedRows: InboxRow[] = [];
  let claimed = 0;
  try {
    const applied = await withRetries(() =>
      inTransaction(database, async (tx) => {
        ({ rows: claimedRows, claimed } = await claim(tx, options.batchSize));
        return claimedRows.length === 0 ? [] : applyClaimed(tx, database, claimedRows);
      }),
    );
    return { claimed, applied, failed: 0, deadLettered: 0 };
  } catch (error) {
    if (claimedRows.length === 0) throw error;
  }
  const outcome: InboxBatchOutcome = { claimed, applied: [], failed: 0, deadLettered: 0 };
  const failedRepositories = new Set<string>();
  for (const row of claimedRows) {
    if (failedRepositories.has(row.repo_key)) continue;
    try {
      outcome.applied.push(
        ...(await withRetries(() =>
          inTransaction(database, async (tx) => {
            const { rows } = await claim(tx, 1, Number(row.id));
            return rows.length === 0 ? [] : applyClaimed(tx, database, rows);
          }),
        )),
      );
    } catch (error) {
      failedRepositories.add(row.repo_key);
      if (await recordFailure(database, Number(row.id), error, options)) outcome.deadLettered++;
      else outcome.failed++;
    }
  }
  return outcome;
}

/** Counts a failed attempt (one statement, whoever else fails it); at the last one the row becomes a dead letter. True when it did. */
async function recordFailure(database: Database, id: number, error: unknown, options: InboxApplyOptions): Promise<boolean> {
  const row = await firstRow<{ dead: boolean }>(database.db, sql`
    UPDATE push_inbox SET attempts = attempts + 1, last_error = ${describe(error).slice(0, 2000)},
      retry_at = now() + make_interval(secs => least((attempts + 1) * ${options.retryDelayMs}::double precision, ${MAX_RETRY_DELAY_MS}) / 1000),
      dead_at = CASE WHEN attempts + 1 >= ${options.maxAttempts} THEN now() END
    WHERE id = ${id}
    RETURNING dead_at IS NOT NULL AS dead`);
  return row?.dead ?? false;
}

/** The root cause first ("relation x does not exist"), then what it broke ("Failed query: ..."). */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e && parts.length < 3; e = (e as { cause?: unknown }).cause) parts.push(e instanceof Error ? e.message : String(e));
  const [root, ...context] = [...new Set(parts)].reverse();
  return context.length === 0 ? (root ?? "") : `${root} (${context.join(": ")})`;
}

export interface DeadLetteredPush {
  id: number;
  repoKey: string;
  receivedAt: Date;
  attempts: number;
  error: string | null;
  deadAt: Date;
}

export interface PushInboxStatus {
  /** Pushes acknowledged and not yet applied. */
  pending: number;
  /** When the oldest of them arrived: the figures lag by at least this much. */
  oldestPendingAt: Date | null;
  deadLettered: number;
}

export async function pushInboxStatusImpl(database: Database): Promise<PushInboxStatus> {
  const row = await firstRow<{ pending: string | number; dead: string | number; oldest: string | Date | null }>(database.db, sql`
    SELECT count(*) FILTER (WHERE dead_at IS NULL) AS pending, count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead,
      min(received_at) FILTER (WHERE dead_at IS NULL) AS oldest
    FROM push_inbox`);
  return { pending: Number(row?.pending ?? 0), deadLettered: Number(row?.dead ?? 0), oldestPendingAt: row?.oldest ? new Date(row.oldest) : null };
}

export async function deadLetteredPushesImpl(database: Database, limit = 100): Promise<DeadLetteredPush[]> {
  const rows = await rowsOf<{ id: string | number; repo_key: string; received_at: string | Date; attempts: number; last_error: string | null; dead_at: string | Date }>(database.db, sql`
    SELECT id, repo_key, received_at, attempts, last_error, dead_at FROM push_inbox WHERE dead_at IS NOT NULL ORDER BY id LIMIT ${limit}`);
  return rows.map((row) => ({ id: Number(row.id), repoKey: row.repo_key, receivedAt: new Date(row.received_at), attempts: row.attempts, error: row.last_error, deadAt: new Date(row.dead_at) }));
}

/**
 * Makes dead letters waiting pushes again (all of them, or those ids), with their attempts reset:
 * after the cause was fixed (a schema migrated, a database restored), the applier takes them in
 * arrival order like any other push. Returns how many were requeued.
 */
export async function requeueDeadLettersImpl(database: Database, ids?: readonly number[]): Promise<number> {
  const rows = await rowsOf<{ id: string | number }>(database.db, sql`
    UPDATE push_inbox SET dead_at = NULL, attempts = 0, retry_at = NULL
    WHERE dead_at IS NOT NULL ${ids === undefined ? sql`` : sql`AND id = ANY(${arrayParam([...ids])}::bigint[])`}
    RETURNING id`);
  return rows.length;
}
