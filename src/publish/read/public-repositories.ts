// Public repositories for the dashboard and API: listings, agent users, and the badge figure.

import type { Database, Month } from "../../store/index.js";
import { addMonths } from "../format.js";
import { queryRows } from "./sql.js";

export interface PublicRepositorySummary {
  host: string;
  owner: string;
  name: string;
  url: string | null;
  stars: number;
  language: string | null;
  /** Agents (any class) with a strong signal in any stored month. */
  agents: string[];
  /** Last month with a non-merge default-branch commit. */
  lastActiveMonth: Month | null;
}

interface SummaryRecord {
  id: number;
  host: string;
  owner: string;
  name: string;
  url: string | null;
  stars: number;
  language: string | null;
  agents: string[] | null;
  last_active: string | null;
}

const summaryColumns = `r.id, r.host, r.owner, r.name, r.url, r.stars, r.language,
  ARRAY(SELECT DISTINCT g.agent FROM repo_month_agents g
        WHERE g.repo_id = r.id AND (g.via_commit OR g.via_pr OR g.via_config) ORDER BY 1) AS agents,
  (SELECT to_char(max(m.month), 'YYYY-MM') FROM repo_months m WHERE m.repo_id = r.id) AS last_active`;

const toSummary = (r: SummaryRecord): PublicRepositorySummary => ({
  host: r.host,
  owner: r.owner,
  name: r.name,
  url: r.url,
  stars: r.stars,
  language: r.language,
  agents: r.agents ?? [],
  lastActiveMonth: r.last_active,
});

export interface RepositoryPage {
  repositories: PublicRepositorySummary[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

/** Public repositories by store id, keyset-paginated. */
export async function listPublicRepositories(database: Database, after = 0, limit = 100): Promise<RepositoryPage> {
  const rows = await queryRows<SummaryRecord>(
    database,
    `SELECT ${summaryColumns} FROM repositories r WHERE r.visibility = 'public' AND r.id > $1 ORDER BY r.id LIMIT $2`,
    [after, limit + 1],
  );
  const page = rows.slice(0, limit);
  return { repositories: page.map(toSummary), next: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export interface AgentRepositoryFilter {
  /** Only this agent (else any agent of any class). */
  agent?: string;
  cohort?: string;
  from: Month;
  to: Month;
  limit?: number;
}

export interface AgentRepository extends PublicRepositorySummary {
  /** The latest month in the range with a strong signal. */
  lastAgentMonth: Month;
  /** Strong agent commits in that month. */
  agentCommits: number;
}

/**
 * Public repositories with strong agent signals, latest month first and, within a month, most
 * agent commits first. Walks back one month at a time from the range's end: each step reads one
 * month's rows through the (month, is_public) index, so a page stays fast over a million
 * repositories, where grouping the whole range would not.
 */
export async function publicAgentRepositories(database: Database, filter: AgentRepositoryFilter): Promise<AgentRepository[]> {
  const limit = filter.limit ?? 50;
  const found: AgentRepository[] = [];
  const seen: number[] = [];
  for (let month = filter.to; month >= filter.from && found.length < limit; month = addMonths(month, -1)) {
    const values: unknown[] = [`${month}-01`, limit - found.length, seen];
    const conditions = [`g.month = $1::date`, `g.is_public`, `(g.via_commit OR g.via_pr OR g.via_config)`, `NOT (g.repo_id = ANY($3::int[]))`];
    if (filter.agent !== undefined) {
      values.push(filter.agent);
      conditions.push(`g.agent = $${values.length}`);
    }
    if (filter.cohort !== undefined) {
      values.push(filter.cohort);
      conditions.push(`g.repo_id IN (SELECT m.repo_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE c.name = $${values.length})`);
    }
    const rows = await queryRows<SummaryRecord & { agent_commits: number }>(
      database,
      `WITH top AS (
         SELECT g.repo_id, sum(g.commits)::int AS agent_commits FROM repo_month_agents g
         WHERE ${conditions.join(" AND ")} GROUP BY g.repo_id ORDER BY 2 DESC, 1 LIMIT $2)
       SELECT ${summaryColumns}, top.agent_commits FROM top JOIN repositories r ON r.id = top.repo_id
       WHERE r.visibility = 'public' ORDER BY top.agent_commits DESC, r.owner, r.name`,
      values,
    );
    for (const row of rows) {
      seen.push(row.id);
      found.push({ ...toSummary(row), lastAgentMonth: month, agentCommits: row.agent_commits });
    }
  }
  return found;
}

/** The store id of a PUBLIC repository by full name; null for a private or unknown one alike. */
export async function findPublicRepositoryId(database: Database, owner: string, name: string, host = "github.com"): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    database,
    `SELECT id FROM repositories WHERE lower(owner) = lower($1) AND lower(name) = lower($2) AND host = $3 AND visibility = 'public'
     ORDER BY id LIMIT 1`,
    [owner, name, host],
  );
  return rows[0]?.id ?? null;
}

export interface AgentCommitShare {
  since: string;
  until: string;
  /** Non-merge default-branch commits in the window. */
  commits: number;
  /** Of those, commits with strong evidence of a coding agent. */
  agentCommits: number;
  share: number;
}

/** A repository's agent-commit share over [since, until): the badge's figure. */
export async function agentCommitShare(database: Database, repoId: number, since: Date, until: Date): Promise<AgentCommitShare> {
  const rows = await queryRows<{ commits: number; agent_commits: number }>(
    database,
    `SELECT count(*)::int AS commits,
       count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM commit_evidence e
         WHERE e.repo_id = c.repo_id AND e.sha = c.sha AND e.strength = 'strong' AND e.agent_class = 'coding-agent'))::int AS agent_commits
     FROM commits c
     WHERE c.repo_id = $1 AND NOT c.is_merge AND c.committed_at >= $2::timestamptz AND c.committed_at < $3::timestamptz`,
    [repoId, since.toISOString(), until.toISOString()],
  );
  const commits = rows[0]?.commits ?? 0;
  const agentCommits = rows[0]?.agent_commits ?? 0;
  return { since: since.toISOString(), until: until.toISOString(), commits, agentCommits, share: commits === 0 ? 0 : agentCommits / commits };
}

