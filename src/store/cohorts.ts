// Crawl cohorts: a name, a frozen selection rule and its members.

import { sql } from "drizzle-orm";
import type { CohortInput, Database, RepositoryFacts, RepositoryRef } from "./types.js";
import { CohortDefinitionConflictError, CohortNotFoundError } from "./errors.js";
import { withCounters } from "./counters.js";
import { repositoryIdFor } from "./repositories.js";
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
