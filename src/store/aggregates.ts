// Derived per-(repo, month) rows, recomputed from the facts for one repository inside each
// write's transaction. Recomputing from set-semantic facts (rather than adding deltas) is what
// makes every write idempotent: the same facts always give the same rows.
//
// Definitions (PRODUCT.md), all months UTC:
// - active month: ≥ 1 non-merge default-branch commit with committer date in it. Only active
//   months get rows: an agent PR in an inactive month does not count.
// - agent commit: a non-merge commit with strong evidence (so the numerator is within the denominator).
// - agent PR: opened (created) in the month.
// - config: a file present on the default branch at the END of the month — added (the adding
//   commit's date, else first seen) before the month ends and not removed by then.
// - weak evidence in any channel only widens the upper bound.

import { sql } from "drizzle-orm";
import type { Executor } from "./sql.js";

const monthOf = (column: string) => sql.raw(`date_trunc('month', ${column} AT TIME ZONE 'UTC')::date`);
const monthEnd = sql.raw(`((a.month + interval '1 month') AT TIME ZONE 'UTC')`);

export async function recomputeRepositoryMonths(tx: Executor, repoId: number): Promise<void> {
  await tx.execute(sql`DELETE FROM repo_month_agents WHERE repo_id = ${repoId}`);
  await tx.execute(sql`DELETE FROM repo_months WHERE repo_id = ${repoId}`);
  const isPublic = sql`(SELECT visibility = 'public' FROM repositories WHERE id = ${repoId})`;
  await tx.execute(sql`
    INSERT INTO repo_month_agents (repo_id, month, agent, agent_class, is_public, commits, via_commit, via_pr, via_config, weak)
    WITH active AS (
      SELECT DISTINCT ${monthOf("committed_at")} AS month FROM commits WHERE repo_id = ${repoId} AND NOT is_merge
    ), signals AS (
      SELECT ${monthOf("c.committed_at")} AS month, e.agent, e.agent_class, 'commit' AS channel, e.strength,
             CASE WHEN e.strength = 'strong' THEN c.sha END AS strong_sha
      FROM commits c JOIN commit_evidence e ON e.repo_id = c.repo_id AND e.sha = c.sha
      WHERE c.repo_id = ${repoId} AND NOT c.is_merge
      UNION ALL
      SELECT ${monthOf("p.created_at")}, e.agent, e.agent_class, 'pr', e.strength, NULL
      FROM pull_requests p JOIN pull_request_evidence e ON e.repo_id = p.repo_id AND e.number = p.number
      WHERE p.repo_id = ${repoId}
      UNION ALL
      SELECT a.month, f.agent, f.agent_class, 'config', f.strength, NULL
      FROM config_files f JOIN active a
        ON coalesce(f.added_at, f.first_seen_at) < ${monthEnd} AND (f.removed_at IS NULL OR f.removed_at >= ${monthEnd})
      WHERE f.repo_id = ${repoId}
    )
    SELECT ${repoId}, s.month, s.agent, min(s.agent_class), ${isPublic},
      count(DISTINCT s.strong_sha)::int,
      bool_or(s.channel = 'commit' AND s.strength = 'strong'),
      bool_or(s.channel = 'pr' AND s.strength = 'strong'),
      bool_or(s.channel = 'config' AND s.strength = 'strong'),
      bool_or(s.strength = 'weak')
    FROM signals s JOIN active a ON a.month = s.month
    GROUP BY s.month, s.agent`);
  await tx.execute(sql`
    INSERT INTO repo_months (repo_id, month, is_public, commits, agent_commits,
      coding_commit, coding_pr, coding_config, coding_upper, assistant_commit, assistant_pr, assistant_config, assistant_upper)
    WITH active AS (
      SELECT ${monthOf("committed_at")} AS month, count(*)::int AS commits
      FROM commits WHERE repo_id = ${repoId} AND NOT is_merge GROUP BY 1
    ), agent_commits AS (
      SELECT ${monthOf("c.committed_at")} AS month, count(DISTINCT c.sha)::int AS n
      FROM commits c JOIN commit_evidence e ON e.repo_id = c.repo_id AND e.sha = c.sha
      WHERE c.repo_id = ${repoId} AND NOT c.is_merge AND e.strength = 'strong' AND e.agent_class = 'coding-agent'
      GROUP BY 1
    )
    SELECT ${repoId}, a.month, ${isPublic}, a.commits, coalesce(max(ac.n), 0),
      coalesce(bool_or(g.agent_class = 'coding-agent' AND g.via_commit), false),
      coalesce(bool_or(g.agent_class = 'coding-agent' AND g.via_pr), false),
      coalesce(bool_or(g.agent_class = 'coding-agent' AND g.via_config), false),
      coalesce(bool_or(g.agent_class = 'coding-agent'), false),
      coalesce(bool_or(g.agent_class = 'review-assistant' AND g.via_commit), false),
      coalesce(bool_or(g.agent_class = 'review-assistant' AND g.via_pr), false),
      coalesce(bool_or(g.agent_class = 'review-assistant' AND g.via_config), false),
      coalesce(bool_or(g.agent_class = 'review-assistant'), false)
    FROM active a
    LEFT JOIN agent_commits ac ON ac.month = a.month
    LEFT JOIN repo_month_agents g ON g.repo_id = ${repoId} AND g.month = a.month
    GROUP BY a.month, a.commits`);
}
