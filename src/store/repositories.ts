// Repository rows: upsert from a source's facts, resolve references, and the lifecycle writes.

import { sql } from "drizzle-orm";
import type { RepositoryFacts, RepositoryRef, Tracking, Visibility } from "./api.js";
import { CohortNotFoundError, InvalidStoreInputError, RepositoryNotFoundError } from "./errors.js";
import { withCounters } from "./counters.js";
import { firstRow, isoOrNull, rowsOf, type Executor } from "./sql.js";

export function isRepositoryFacts(value: RepositoryFacts | RepositoryRef): value is RepositoryFacts {
  return "visibility" in value && "host" in value && "githubId" in value;
}

/**
 * Inserts or updates a repository from a source's facts and returns its id. The upsert also
 * locks the row until the transaction ends, which serialises concurrent writes to one repository.
 */
export async function upsertRepository(tx: Executor, facts: RepositoryFacts): Promise<number> {
  const values = sql`${facts.githubId}, ${facts.host}, ${facts.owner}, ${facts.name}, ${facts.url ?? null}, ${facts.visibility},
    ${facts.fork}, ${facts.archived}, ${facts.stars}, ${facts.language}, ${isoOrNull(facts.createdAt)}::timestamptz,
    ${isoOrNull(facts.pushedAt)}::timestamptz, ${facts.defaultBranch}`;
  const update = sql`owner = excluded.owner, name = excluded.name, url = coalesce(excluded.url, repositories.url),
    visibility = excluded.visibility, fork = excluded.fork, archived = excluded.archived, stars = excluded.stars,
    language = excluded.language, created_at = coalesce(excluded.created_at, repositories.created_at),
    pushed_at = coalesce(excluded.pushed_at, repositories.pushed_at),
    default_branch = coalesce(excluded.default_branch, repositories.default_branch), updated_at = now()`;
  const columns = sql`(github_id, host, owner, name, url, visibility, fork, archived, stars, language, created_at, pushed_at, default_branch)`;
  if (facts.githubId !== null) {
    const row = await firstRow<{ id: number }>(
      tx,
      sql`INSERT INTO repositories ${columns} VALUES (${values})
          ON CONFLICT (host, github_id) WHERE github_id IS NOT NULL DO UPDATE SET ${update} RETURNING id`,
    );
    return row!.id;
  }
  if (!facts.url) throw new InvalidStoreInputError(`repository ${facts.owner}/${facts.name} has no GitHub id and no url to key it by`);
  const row = await firstRow<{ id: number }>(
    tx,
    sql`INSERT INTO repositories ${columns} VALUES (${values})
        ON CONFLICT (url) WHERE github_id IS NULL DO UPDATE SET ${update} RETURNING id`,
  );
  return row!.id;
}

/** Finds a stored repository and locks its row for the rest of the transaction; null when unknown. */
export async function findRepositoryId(tx: Executor, ref: RepositoryRef): Promise<number | null> {
  let where;
  if ("repoId" in ref) where = sql`id = ${ref.repoId}`;
  else if ("githubId" in ref) where = sql`github_id = ${ref.githubId} AND host = ${ref.host ?? "github.com"}`;
  else if ("url" in ref) where = sql`url = ${ref.url}`;
  else where = sql`lower(owner) = lower(${ref.owner}) AND lower(name) = lower(${ref.name}) AND host = ${ref.host ?? "github.com"}`;
  const row = await firstRow<{ id: number }>(tx, sql`SELECT id FROM repositories WHERE ${where} ORDER BY id LIMIT 1 FOR UPDATE`);
  return row?.id ?? null;
}

export async function requireRepositoryId(tx: Executor, ref: RepositoryRef): Promise<number> {
  const id = await findRepositoryId(tx, ref);
  if (id === null) throw new RepositoryNotFoundError(ref);
  return id;
}

/** Facts are upserted; a reference must name a stored repository. */
export async function repositoryIdFor(tx: Executor, repo: RepositoryFacts | RepositoryRef): Promise<number> {
  return isRepositoryFacts(repo) ? upsertRepository(tx, repo) : requireRepositoryId(tx, repo);
}

export async function linkTracking(tx: Executor, repoId: number, tracking: Tracking | undefined): Promise<void> {
  if (tracking?.installationId !== undefined) {
    await tx.execute(
      sql`INSERT INTO installation_repositories (installation_id, repo_id) VALUES (${tracking.installationId}, ${repoId}) ON CONFLICT DO NOTHING`,
    );
  }
  if (tracking?.cohort !== undefined) {
    const cohort = await firstRow<{ id: number }>(tx, sql`SELECT id FROM cohorts WHERE name = ${tracking.cohort}`);
    if (!cohort) throw new CohortNotFoundError(tracking.cohort);
    await tx.execute(sql`INSERT INTO cohort_members (cohort_id, repo_id) VALUES (${cohort.id}, ${repoId}) ON CONFLICT DO NOTHING`);
  }
}

export async function setStatus(tx: Executor, repoId: number, status: string): Promise<void> {
  await tx.execute(sql`UPDATE repositories SET status = ${status}, updated_at = now() WHERE id = ${repoId}`);
}

export async function renameRepositoryRow(
  tx: Executor,
  repoId: number,
  to: { owner: string; name: string; url?: string | null },
): Promise<void> {
  await tx.execute(
    sql`UPDATE repositories SET owner = ${to.owner}, name = ${to.name}, url = coalesce(${to.url ?? null}, url), updated_at = now() WHERE id = ${repoId}`,
  );
}

/** The derived tables carry is_public so the public share needs no join: keep them in step. */
export async function setVisibilityRow(tx: Executor, repoId: number, visibility: Visibility): Promise<void> {
  const isPublic = visibility === "public";
  await withCounters(tx, [repoId], async () => {
    await tx.execute(sql`UPDATE repositories SET visibility = ${visibility}, updated_at = now() WHERE id = ${repoId}`);
    await tx.execute(sql`UPDATE repo_months SET is_public = ${isPublic} WHERE repo_id = ${repoId} AND is_public <> ${isPublic}`);
    await tx.execute(sql`UPDATE repo_month_agents SET is_public = ${isPublic} WHERE repo_id = ${repoId} AND is_public <> ${isPublic}`);
  });
}

const perRepositoryTables = [
  "repo_month_agents",
  "repo_months",
  "commit_evidence",
  "commits",
  "pull_request_evidence",
  "pull_requests",
  "config_files",
  "scans",
  "installation_repositories",
  "cohort_members",
] as const;

/** Deletes every row the store holds about these repositories (privacy: uninstall of a private repo). */
export async function deleteRepositoryData(tx: Executor, repoIds: number[]): Promise<void> {
  if (repoIds.length === 0) return;
  const ids = sql`${sql.param(repoIds)}::int[]`;
  await withCounters(tx, repoIds, async () => {
    for (const table of perRepositoryTables) {
      await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE repo_id = ANY(${ids})`);
    }
    await tx.execute(sql`DELETE FROM repositories WHERE id = ANY(${ids})`);
  });
}

export async function repositoryIdsByGithubIds(tx: Executor, githubIds: number[]): Promise<number[]> {
  const rows = await rowsOf<{ id: number }>(tx, sql`SELECT id FROM repositories WHERE github_id = ANY(${sql.param(githubIds)}::bigint[])`);
  return rows.map((row) => row.id);
}
