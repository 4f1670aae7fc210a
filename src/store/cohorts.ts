// Crawl cohorts: a name, a frozen selection rule and its members.

import { sql } from "drizzle-orm";
import type { CohortInput, Database, RepositoryFacts, RepositoryRef } from "./types.js";
import { CohortDefinitionConflictError, CohortNotFoundError, InvalidStoreInputError } from "./errors.js";
import { withCounters } from "./counters.js";
import { repositoryIdFor, upsertGithubRepositories } from "./repositories.js";
import { arrayParam, firstRow, inTransaction, type Executor } from "./sql.js";

/**
 * Creates a frozen cohort, or adds members to an existing one with the same definition
 * (idempotent). A different definition under the same name throws CohortDefinitionConflictError.
 */
export async function createCohort(database: Database, cohort: CohortInput): Promise<{ cohortId: number; members: number }> {
  return inTransaction(database, async (tx) => {
    const definition = JSON.stringify(cohort.definition ?? null);
    await tx.execute(sql`
      INSERT INTO cohorts (name, definition, frozen_at) VALUES (${cohort.name}, ${definition}::jsonb, ${cohort.frozenAt.toISOString()}::timestamptz)
      ON CONFLICT (name) DO NOTHING`);
    // jsonb equality ignores key order and whitespace: the same rule written differently is the same rule.
    const row = await firstRow<{ id: number; same: boolean }>(
      tx,
      sql`SELECT id, definition = ${definition}::jsonb AS same FROM cohorts WHERE name = ${cohort.name}`,
    );
    if (!row) throw new CohortNotFoundError(cohort.name);
    if (!row.same) throw new CohortDefinitionConflictError(cohort.name);
    const members = await addMembers(tx, row.id, cohort.members);
    return { cohortId: row.id, members };
  });
}

/** Adds members to an existing cohort (set semantics; the crawler discovers them page by page). */
export async function addCohortMembers(
  database: Database,
  name: string,
  members: Array<RepositoryFacts | RepositoryRef>,
): Promise<{ members: number }> {
  return inTransaction(database, async (tx) => {
    const row = await firstRow<{ id: number }>(tx, sql`SELECT id FROM cohorts WHERE name = ${name}`);
    if (!row) throw new CohortNotFoundError(name);
    return { members: await addMembers(tx, row.id, members) };
  });
}

/** Adds members (set semantics) and returns the cohort's member count. */
async function addMembers(tx: Executor, cohortId: number, members: Array<RepositoryFacts | RepositoryRef>): Promise<number> {
  const repoIds: number[] = [];
  for (const member of members) repoIds.push(await repositoryIdFor(tx, member));
  if (repoIds.length > 0) {
    await withCounters(tx, repoIds, () =>
      tx.execute(sql`
        INSERT INTO cohort_members (cohort_id, repo_id) SELECT ${cohortId}, unnest(${arrayParam(repoIds)}::int[])
        ON CONFLICT DO NOTHING`),
    );
  }
  const count = await firstRow<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cohort_members WHERE cohort_id = ${cohortId}`);
  return count?.n ?? 0;
}

// ─── Streaming freeze (issue 20) ────────────────────────────────────────────────────────────────
// A cohort of a million members is frozen in bounded batches, one transaction each: a set-based
// upsert of the batch's repositories and one multi-row insert of its memberships. A batch whose
// members are all stored already is skipped, so a freeze cut off half-way is resumed by running it
// again with the same definition; the memory held is one batch, whatever the cohort's size.

export interface FreezeProgress {
  /** Members stored so far (skipped batches included). */
  stored: number;
  /** Members handed to the freeze so far. */
  seen: number;
  batches: number;
  /** Batches found stored by an earlier, interrupted freeze. */
  skippedBatches: number;
}

export interface StreamingFreezeOptions {
  /** Members per transaction. Default 10,000. */
  batchSize?: number;
  onBatch?: (progress: FreezeProgress) => void | Promise<void>;
}

/** The cohort row: created, or found with the same definition (a resume); another definition is an error. */
async function ensureCohort(database: Database, cohort: Omit<CohortInput, "members">): Promise<number> {
  return inTransaction(database, async (tx) => {
    const definition = JSON.stringify(cohort.definition ?? null);
    await tx.execute(sql`
      INSERT INTO cohorts (name, definition, frozen_at) VALUES (${cohort.name}, ${definition}::jsonb, ${cohort.frozenAt.toISOString()}::timestamptz)
      ON CONFLICT (name) DO NOTHING`);
    const row = await firstRow<{ id: number; same: boolean }>(tx, sql`SELECT id, definition = ${definition}::jsonb AS same FROM cohorts WHERE name = ${cohort.name}`);
    if (!row) throw new CohortNotFoundError(cohort.name);
    if (!row.same) throw new CohortDefinitionConflictError(cohort.name);
    return row.id;
  });
}

/** How many of these GitHub ids are already members of the cohort. */
async function storedOf(database: Database, cohortId: number, host: string, githubIds: number[]): Promise<number> {
  const row = await firstRow<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM repositories r JOIN cohort_members m ON m.repo_id = r.id AND m.cohort_id = ${cohortId}
        WHERE r.host = ${host} AND r.github_id = ANY(${arrayParam(githubIds)}::bigint[])`,
  );
  return row?.n ?? 0;
}

async function freezeBatch(database: Database, cohortId: number, batch: RepositoryFacts[]): Promise<void> {
  await inTransaction(database, async (tx) => {
    const rows = await upsertGithubRepositories(tx, batch);
    const repoIds = [...rows.values()].map((row) => row.id).sort((a, b) => a - b);
    await withCounters(tx, repoIds, () =>
      tx.execute(sql`
        INSERT INTO cohort_members (cohort_id, repo_id) SELECT ${cohortId}, unnest(${arrayParam(repoIds)}::int[])
        ON CONFLICT DO NOTHING`),
    );
  });
}

/**
 * Stores a cohort's definition and streams its members in, batch by batch. Members must have
 * GitHub ids (every crawl source gives them). Returns the cohort's member count.
 */
export async function freezeCohortStreaming(
  database: Database,
  cohort: Omit<CohortInput, "members">,
  members: Iterable<RepositoryFacts> | AsyncIterable<RepositoryFacts>,
  options: StreamingFreezeOptions = {},
): Promise<{ members: number; skippedBatches: number }> {
  const batchSize = Math.max(1, options.batchSize ?? 10_000);
  const cohortId = await ensureCohort(database, cohort);
  const progress: FreezeProgress = { stored: 0, seen: 0, batches: 0, skippedBatches: 0 };
  let batch: RepositoryFacts[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const byHost = new Map<string, number[]>();
    for (const member of batch) {
      if (member.githubId === null) throw new InvalidStoreInputError(`cohort member ${member.owner}/${member.name} has no GitHub id`);
      const ids = byHost.get(member.host);
      if (ids) ids.push(member.githubId);
      else byHost.set(member.host, [member.githubId]);
    }
    let present = 0;
    for (const [host, ids] of byHost) present += await storedOf(database, cohortId, host, ids);
    // A batch shares its members' ids with itself only: a count equal to its size is the whole batch.
    if (present >= new Set(batch.map((member) => `${member.host}\u001f${member.githubId}`)).size) progress.skippedBatches += 1;
    else await freezeBatch(database, cohortId, batch);
    progress.stored += batch.length;
    progress.batches += 1;
    batch = [];
    await options.onBatch?.({ ...progress });
  };
  for await (const member of members) {
    progress.seen += 1;
    batch.push(member);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const count = await firstRow<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM cohort_members WHERE cohort_id = ${cohortId}`);
  return { members: count?.n ?? 0, skippedBatches: progress.skippedBatches };
}

/** Whether a cohort's freeze finished: its definition's member count is stored (false for an interrupted freeze). */
export function cohortComplete(record: { definition: unknown; members: number }): boolean {
  const expected = (record.definition as { members?: unknown } | null)?.members;
  return typeof expected !== "number" || record.members >= expected;
}
