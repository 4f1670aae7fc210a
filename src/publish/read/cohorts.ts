// Cohorts as publishing shows them: name, frozen definition and PUBLIC member count (a member
// that went private leaves every public figure, its count included).

import type { Database } from "../../store/index.js";
import { queryRows, toIso } from "./sql.js";

export interface PublicCohort {
  name: string;
  definition: unknown;
  frozenAt: string;
  /** Members that are public repositories now. */
  publicMembers: number;
}

interface CohortRecord {
  name: string;
  definition: unknown;
  frozen_at: Date | string;
  public_members: number;
}

// Members minus the non-public ones: a cohort is crawled from public repositories, so the few
// that went private are cheaper to find than joining every member (1.5× faster at 333k members).
const cohortSelect = `
  SELECT c.name, c.definition, c.frozen_at,
    (SELECT count(*)::int FROM cohort_members m WHERE m.cohort_id = c.id)
    - (SELECT count(*)::int FROM repositories r WHERE r.visibility <> 'public'
       AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = c.id AND m.repo_id = r.id)) AS public_members
  FROM cohorts c`;

function toCohort(row: CohortRecord): PublicCohort {
  const definition = typeof row.definition === "string" ? (JSON.parse(row.definition) as unknown) : row.definition;
  return { name: row.name, definition, frozenAt: toIso(row.frozen_at) ?? "", publicMembers: row.public_members };
}

export async function listCohorts(database: Database): Promise<PublicCohort[]> {
  return (await queryRows<CohortRecord>(database, `${cohortSelect} ORDER BY c.name`)).map(toCohort);
}

/** Names only, for the dashboard's chooser (no member counting on every page view). */
export async function listCohortNames(database: Database): Promise<string[]> {
  return (await queryRows<{ name: string }>(database, `SELECT name FROM cohorts ORDER BY name`)).map((row) => row.name);
}

export async function findCohort(database: Database, name: string): Promise<PublicCohort | null> {
  const row = (await queryRows<CohortRecord>(database, `${cohortSelect} WHERE c.name = $1`, [name]))[0];
  return row ? toCohort(row) : null;
}

/** Public repositories stored (the population of the public scope). */
export async function countPublicRepositories(database: Database): Promise<number> {
  const rows = await queryRows<{ n: number }>(database, `SELECT count(*)::int AS n FROM repositories WHERE visibility = 'public'`);
  return rows[0]?.n ?? 0;
}

/** All repositories an installation gave access to (its own org report only; never public). */
export async function countInstallationRepositories(database: Database, installationId: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    database,
    `SELECT count(*)::int AS n FROM installation_repositories WHERE installation_id = $1`,
    [installationId],
  );
  return rows[0]?.n ?? 0;
}
