// Installation lifecycle and the org summary.

import { sql } from "drizzle-orm";
import type { AgentClass, Database, InstallationSummary, RemoveInstallationResult, RepositoryStatus } from "./types.js";
import { deleteRepositoryData } from "./repositories.js";
import { arrayParam, firstRow, inTransaction, rowsOf } from "./sql.js";

/**
 * Privacy rule: what an installation gave access to leaves with it. Its private (and internal)
 * repositories are deleted outright; a public one stays only while a cohort or another
 * installation still tracks it, and otherwise goes too.
 */
/**
 * The app was uninstalled (no ids) or repositories were removed from it (GitHub ids): deletes
 * those repositories' data when private, and when public unless a cohort or another
 * installation still tracks them.
 */
export async function removeInstallation(
  database: Database,
  installationId: number,
  repoGithubIds?: number[],
): Promise<RemoveInstallationResult> {
  return inTransaction(database, async (tx) => {
    const onlyThese = repoGithubIds ? sql`AND r.github_id = ANY(${arrayParam(repoGithubIds)}::bigint[])` : sql``;
    const linked = await rowsOf<{ id: number; is_public: boolean; tracked_elsewhere: boolean }>(
      tx,
      sql`SELECT r.id, r.visibility = 'public' AS is_public,
            EXISTS (SELECT 1 FROM cohort_members m WHERE m.repo_id = r.id)
            OR EXISTS (SELECT 1 FROM installation_repositories o WHERE o.repo_id = r.id AND o.installation_id <> ${installationId})
            AS tracked_elsewhere
          FROM repositories r JOIN installation_repositories ir ON ir.repo_id = r.id
          WHERE ir.installation_id = ${installationId} ${onlyThese}
          ORDER BY r.id FOR UPDATE OF r`,
    );
    const doomed = linked.filter((repo) => !repo.is_public || !repo.tracked_elsewhere).map((repo) => repo.id);
    const kept = linked.filter((repo) => repo.is_public && repo.tracked_elsewhere).map((repo) => repo.id);
    await deleteRepositoryData(tx, doomed);
    if (kept.length > 0) {
      await tx.execute(
        sql`DELETE FROM installation_repositories WHERE installation_id = ${installationId} AND repo_id = ANY(${arrayParam(kept)}::int[])`,
      );
    }
    return { deletedRepos: doomed.length, unlinkedRepos: kept.length };
  });
}

/** Counts for one installation's org report. */
export async function installationSummary(database: Database, installationId: number): Promise<InstallationSummary> {
  const db = database.db;
  const counts = await rowsOf<{ status: RepositoryStatus; is_public: boolean; n: number }>(
    db,
    sql`SELECT r.status, r.visibility = 'public' AS is_public, count(*)::int AS n
        FROM repositories r JOIN installation_repositories ir ON ir.repo_id = r.id
        WHERE ir.installation_id = ${installationId} GROUP BY 1, 2`,
  );
  const byStatus: Record<RepositoryStatus, number> = { active: 0, empty: 0, gone: 0, blocked: 0 };
  let publicRepos = 0;
  let privateRepos = 0;
  for (const row of counts) {
    byStatus[row.status] += row.n;
    if (row.is_public) publicRepos += row.n;
    else privateRepos += row.n;
  }
  const agents = await rowsOf<{ agent: string; agent_class: AgentClass; repos: number; commits: number }>(
    db,
    sql`SELECT g.agent, min(g.agent_class) AS agent_class, count(DISTINCT g.repo_id)::int AS repos, sum(g.commits)::int AS commits
        FROM repo_month_agents g JOIN installation_repositories ir ON ir.repo_id = g.repo_id
        WHERE ir.installation_id = ${installationId} AND (g.via_commit OR g.via_pr OR g.via_config)
        GROUP BY g.agent ORDER BY g.agent`,
  );
  const withAgent = await firstRow<{ n: number; last_scan: Date | string | null }>(
    db,
    sql`SELECT
          (SELECT count(DISTINCT g.repo_id)::int FROM repo_month_agents g JOIN installation_repositories ir ON ir.repo_id = g.repo_id
           WHERE ir.installation_id = ${installationId} AND g.agent_class = 'coding-agent' AND (g.via_commit OR g.via_pr OR g.via_config)) AS n,
          (SELECT max(r.scanned_at) FROM repositories r JOIN installation_repositories ir ON ir.repo_id = r.id
           WHERE ir.installation_id = ${installationId}) AS last_scan`,
  );
  return {
    installationId,
    repositories: { total: publicRepos + privateRepos, public: publicRepos, private: privateRepos, byStatus },
    reposWithAgent: withAgent?.n ?? 0,
    perAgent: Object.fromEntries(agents.map((a) => [a.agent, { agentClass: a.agent_class, repos: a.repos, commits: a.commits }])),
    lastScanAt: withAgent?.last_scan ? new Date(withAgent.last_scan) : null,
  };
}
