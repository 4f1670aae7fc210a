// Repository rows: upsert from a source's facts, resolve references, tracking links, and the
// lifecycle writes GitHub's repository webhooks map to (rename, visibility, deletion).

import { sql } from "drizzle-orm";
import { withCounters } from "./counters.js";
import { CohortNotFoundError, InvalidStoreInputError, RepositoryNotFoundError } from "./errors.js";
import { arrayParam, executePrepared, firstRow, inTransaction, isoOrNull, rowsOf, type Executor } from "./sql.js";
import type { Database, RepositoryFacts, RepositoryRef, Tracking, Visibility } from "./types.js";

export function isRepositoryFacts(value: RepositoryFacts | RepositoryRef): value is RepositoryFacts {
  return "visibility" in value && "host" in value && "githubId" in value;
}

const repositoryColumns = sql`(github_id, host, owner, name, url, visibility, fork, archived, stars, language, created_at, pushed_at, default_branch)`;
const repositoryUpdate = sql`owner = excluded.owner, name = excluded.name, url = coalesce(excluded.url, repositories.url),
    visibility = excluded.visibility, fork = excluded.fork, archived = excluded.archived, stars = excluded.stars,
    language = excluded.language, created_at = coalesce(excluded.created_at, repositories.created_at),
    pushed_at = coalesce(excluded.pushed_at, repositories.pushed_at),
    default_branch = coalesce(excluded.default_branch, repositories.default_branch), updated_at = now()`;

/**
 * Inserts or updates a repository from a source's facts and returns its id. The upsert also
 * locks the row until the transaction ends, which serialises concurrent writes to one repository.
 */
export async function upsertRepository(tx: Executor, facts: RepositoryFacts): Promise<number> {
  const values = sql`${facts.githubId}, ${facts.host}, ${facts.owner}, ${facts.name}, ${facts.url ?? null}, ${facts.visibility},
    ${facts.fork}, ${facts.archived}, ${facts.stars}, ${facts.language}, ${isoOrNull(facts.createdAt)}::timestamptz,
    ${isoOrNull(facts.pushedAt)}::timestamptz, ${facts.defaultBranch}`;
  if (facts.githubId !== null) {
    const row = await firstRow<{ id: number }>(
      tx,
      sql`INSERT INTO repositories ${repositoryColumns} VALUES (${values})
          ON CONFLICT (host, github_id) WHERE github_id IS NOT NULL DO UPDATE SET ${repositoryUpdate} RETURNING id`,
    );
    return row!.id;
  }
  if (!facts.url) throw new InvalidStoreInputError(`repository ${facts.owner}/${facts.name} has no GitHub id and no url to key it by`);
  const row = await firstRow<{ id: number }>(
    tx,
    sql`INSERT INTO repositories ${repositoryColumns} VALUES (${values})
        ON CONFLICT (url) WHERE github_id IS NULL DO UPDATE SET ${repositoryUpdate} RETURNING id`,
  );
  return row!.id;
}

/** A repository row as a push finds it (its row locked for the rest of the transaction). */
export interface LockedRepository {
  id: number;
  head: string | null;
  needsRescan: boolean;
  /** The facts changed its visibility: every derived row's is_public (and the counters) follow. */
  visibilityChanged: boolean;
}

const githubKey = (host: string, githubId: number | string) => `${host}\u001f${githubId}`;

/**
 * Upserts many repositories known by GitHub id in one statement and returns each one's row,
 * keyed by host and id. Rows are locked in key order, so concurrent groups cannot deadlock on them.
 */
export async function upsertGithubRepositories(tx: Executor, all: readonly RepositoryFacts[]): Promise<Map<string, LockedRepository>> {
  const byKey = new Map<string, RepositoryFacts>();
  for (const facts of all) if (facts.githubId !== null) byKey.set(githubKey(facts.host, facts.githubId), facts);
  const found = new Map<string, LockedRepository>();
  if (byKey.size === 0) return found;
  const facts = [...byKey.values()];
  const column = <T>(pick: (f: RepositoryFacts) => T) => arrayParam(facts.map(pick));
  const rows = await executePrepared<{ id: number; host: string; github_id: string | number; head: string | null; needs_rescan: boolean; visibility_changed: boolean }>(
    tx,
    "store_upsert_github_repositories",
    sql`
    WITH input AS (
      SELECT * FROM unnest(${column((f) => f.githubId)}::bigint[], ${column((f) => f.host)}::text[], ${column((f) => f.owner)}::text[],
        ${column((f) => f.name)}::text[], ${column((f) => f.url ?? null)}::text[], ${column((f) => f.visibility)}::text[],
        ${column((f) => f.fork)}::boolean[], ${column((f) => f.archived)}::boolean[], ${column((f) => f.stars)}::int[],
        ${column((f) => f.language)}::text[], ${column((f) => isoOrNull(f.createdAt))}::timestamptz[],
        ${column((f) => isoOrNull(f.pushedAt))}::timestamptz[], ${column((f) => f.defaultBranch)}::text[])
        AS i(github_id, host, owner, name, url, visibility, fork, archived, stars, language, created_at, pushed_at, default_branch)
    ), before AS (
      SELECT r.host, r.github_id, r.visibility FROM repositories r JOIN input i ON r.host = i.host AND r.github_id = i.github_id
    ), put AS (
      INSERT INTO repositories ${repositoryColumns} SELECT * FROM input ORDER BY host, github_id
      ON CONFLICT (host, github_id) WHERE github_id IS NOT NULL DO UPDATE SET ${repositoryUpdate}
      RETURNING id, host, github_id, head, needs_rescan, visibility
    )
    SELECT p.id, p.host, p.github_id, p.head, p.needs_rescan, coalesce(b.visibility <> p.visibility, false) AS visibility_changed
    FROM put p LEFT JOIN before b ON b.host = p.host AND b.github_id = p.github_id`,
  );
  for (const row of rows) {
    found.set(githubKey(row.host, row.github_id), { id: row.id, head: row.head, needsRescan: row.needs_rescan, visibilityChanged: row.visibility_changed });
  }
  return found;
}

/** Resolves a push's repository: facts with a GitHub id from `upserted`, anything else one by one. */
export async function lockRepositoryFor(
  tx: Executor,
  repo: RepositoryFacts | RepositoryRef,
  upserted: ReadonlyMap<string, LockedRepository>,
): Promise<LockedRepository> {
  if (isRepositoryFacts(repo) && repo.githubId !== null) {
    const found = upserted.get(githubKey(repo.host, repo.githubId));
    if (found) return found;
  }
  const id = await repositoryIdFor(tx, repo);
  const row = await firstRow<{ head: string | null; needs_rescan: boolean }>(tx, sql`SELECT head, needs_rescan FROM repositories WHERE id = ${id}`);
  // A repository known by URL may have changed visibility: recompute all of it to be sure.
  return { id, head: row?.head ?? null, needsRescan: row?.needs_rescan ?? false, visibilityChanged: isRepositoryFacts(repo) };
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

/** A rename or transfer: same row, same history (GitHub's id survives it), new owner/name. */
export async function renameRepository(database: Database, repo: RepositoryRef, to: { owner: string; name: string; url?: string | null }): Promise<void> {
  await inTransaction(database, async (tx) => renameRepositoryRow(tx, await requireRepositoryId(tx, repo), to));
}

/** Visibility changed (e.g. the `repository.publicized` / `privatized` webhooks). */
export async function setVisibility(database: Database, repo: RepositoryRef, visibility: Visibility): Promise<void> {
  await inTransaction(database, async (tx) => setVisibilityRow(tx, await requireRepositoryId(tx, repo), visibility));
}

/** Deleted upstream: status "gone". Its past activity was real, so the history stays; it is just never scanned again. */
export async function markRepositoryDeleted(database: Database, repo: RepositoryRef): Promise<void> {
  await inTransaction(database, async (tx) => setStatus(tx, await requireRepositoryId(tx, repo), "gone"));
}
