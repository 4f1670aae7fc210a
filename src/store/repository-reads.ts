// Reads about single repositories: listing, the scan cursor and a repository's timeline.

import { sql, type SQL } from "drizzle-orm";
import type {
  AgentClass,
  ApiCost,
  Database,
  Evidence,
  EvidenceKind,
  PullRequestState,
  RepoTimeline,
  RepositoryFilter,
  RepositoryRef,
  RepositoryRow,
  RepositoryStatus,
  ScanCursor,
  StoredScan,
  Strength,
  TimelineMonth,
  Visibility,
} from "./types.js";
import { arrayParam, rowsOf, type Executor } from "./sql.js";

interface RepositoryRecord {
  id: number;
  github_id: number | string | null;
  host: string;
  owner: string;
  name: string;
  url: string | null;
  visibility: Visibility;
  fork: boolean;
  archived: boolean;
  stars: number;
  language: string | null;
  created_at: Date | string | null;
  pushed_at: Date | string | null;
  default_branch: string | null;
  status: RepositoryStatus;
  head: string | null;
  scanned_at: Date | string | null;
  covered_since: Date | string | null;
  installation_ids: Array<number | string> | null;
  cohort_names: string[] | null;
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toRepositoryRow(r: RepositoryRecord): RepositoryRow {
  return {
    repoId: r.id,
    githubId: r.github_id === null ? null : Number(r.github_id),
    host: r.host,
    owner: r.owner,
    name: r.name,
    url: r.url,
    visibility: r.visibility,
    fork: r.fork,
    archived: r.archived,
    stars: r.stars,
    language: r.language,
    createdAt: toDate(r.created_at),
    pushedAt: toDate(r.pushed_at),
    defaultBranch: r.default_branch,
    status: r.status,
    installationIds: (r.installation_ids ?? []).map(Number),
    cohorts: r.cohort_names ?? [],
    cursor: r.scanned_at === null ? null : { head: r.head, scannedAt: new Date(r.scanned_at), since: toDate(r.covered_since) },
  };
}

async function selectRepositories(executor: Executor, where: SQL, limit: number): Promise<RepositoryRow[]> {
  const rows = await rowsOf<RepositoryRecord>(
    executor,
    sql`SELECT r.*,
          ARRAY(SELECT installation_id FROM installation_repositories WHERE repo_id = r.id ORDER BY 1) AS installation_ids,
          ARRAY(SELECT c.name FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE m.repo_id = r.id ORDER BY 1) AS cohort_names
        FROM repositories r WHERE ${where} ORDER BY r.id LIMIT ${limit}`,
  );
  return rows.map(toRepositoryRow);
}

function refFilter(ref: RepositoryRef): SQL {
  if ("repoId" in ref) return sql`r.id = ${ref.repoId}`;
  if ("githubId" in ref) return sql`r.github_id = ${ref.githubId} AND r.host = ${ref.host ?? "github.com"}`;
  if ("url" in ref) return sql`r.url = ${ref.url}`;
  return sql`lower(r.owner) = lower(${ref.owner}) AND lower(r.name) = lower(${ref.name}) AND r.host = ${ref.host ?? "github.com"}`;
}

export async function findRepository(database: Database, ref: RepositoryRef): Promise<RepositoryRow | null> {
  return (await selectRepositories(database.db, refFilter(ref), 1))[0] ?? null;
}

/** Stored repositories matching the filter, ordered by repoId. */
export async function listRepositories(database: Database, filter: RepositoryFilter = {}): Promise<RepositoryRow[]> {
  const conditions: SQL[] = [sql`true`];
  if (filter.installationId !== undefined) {
    conditions.push(sql`r.id IN (SELECT repo_id FROM installation_repositories WHERE installation_id = ${filter.installationId})`);
  }
  if (filter.cohort !== undefined) {
    conditions.push(sql`r.id IN (SELECT m.repo_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE c.name = ${filter.cohort})`);
  }
  if (filter.status !== undefined) conditions.push(sql`r.status = ${filter.status}`);
  if (filter.visibility !== undefined) conditions.push(sql`r.visibility = ${filter.visibility}`);
  if (filter.host !== undefined) conditions.push(sql`r.host = ${filter.host}`);
  if (filter.scannedBefore !== undefined) {
    conditions.push(sql`(r.scanned_at IS NULL OR r.scanned_at < ${filter.scannedBefore.toISOString()}::timestamptz)`);
  }
  if (filter.afterRepoId !== undefined) conditions.push(sql`r.id > ${filter.afterRepoId}`);
  return selectRepositories(database.db, sql.join(conditions, sql` AND `), filter.limit ?? 1000);
}

/** The cursor that makes the next scan incremental; null when never scanned (or unknown repo). */
export async function getScanCursor(database: Database, ref: RepositoryRef): Promise<ScanCursor | null> {
  const repository = await findRepository(database, ref);
  const cursor = repository?.cursor ?? null;
  if (!repository || !cursor?.head) return cursor;
  // The head's committer date lets an API source ask history from there (GitHub's `since`).
  const [head] = await rowsOf<{ committed_at: string | Date }>(
    database.db,
    sql`SELECT committed_at FROM commits WHERE repo_id = ${repository.repoId} AND sha = ${cursor.head}`,
  );
  return { ...cursor, headCommittedAt: head ? new Date(head.committed_at) : null };
}

/** One repository's months, config files, agent pull requests and recent scans. */
export async function repoTimeline(database: Database, ref: RepositoryRef): Promise<RepoTimeline | null> {
  const repository = await findRepository(database, ref);
  if (!repository) return null;
  const repoId = repository.repoId;
  const db = database.db;
  const months = await rowsOf<{ month: string; commits: number; agent_commits: number; coding_any: boolean }>(
    db,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, commits, agent_commits, (coding_commit OR coding_pr OR coding_config) AS coding_any
        FROM repo_months WHERE repo_id = ${repoId} ORDER BY month`,
  );
  const agents = await rowsOf<{
    month: string;
    agent: string;
    agent_class: AgentClass;
    commits: number;
    via_commit: boolean;
    via_pr: boolean;
    via_config: boolean;
    weak: boolean;
  }>(db, sql`SELECT to_char(month, 'YYYY-MM') AS month, agent, agent_class, commits, via_commit, via_pr, via_config, weak
             FROM repo_month_agents WHERE repo_id = ${repoId} ORDER BY month, agent`);
  // Agent PRs in months without commits are shown too: they exist, they just do not count.
  const prMonths = await rowsOf<{ month: string }>(
    db,
    sql`SELECT DISTINCT to_char(date_trunc('month', created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month
        FROM pull_requests WHERE repo_id = ${repoId}`,
  );
  const timeline = new Map<string, TimelineMonth>();
  for (const m of months) {
    timeline.set(m.month, { month: m.month, commits: m.commits, agentCommits: m.agent_commits, active: true, agentActivity: m.coding_any, agents: {} });
  }
  for (const { month } of prMonths) {
    if (!timeline.has(month)) timeline.set(month, { month, commits: 0, agentCommits: 0, active: false, agentActivity: false, agents: {} });
  }
  for (const a of agents) {
    const month = timeline.get(a.month);
    if (!month) continue;
    month.agents[a.agent] = {
      agentClass: a.agent_class,
      commits: a.commits,
      commit: a.via_commit,
      pr: a.via_pr,
      config: a.via_config,
      weakOnly: a.weak && !a.via_commit && !a.via_pr && !a.via_config,
    };
  }
  return {
    repository,
    months: [...timeline.values()].sort((a, b) => a.month.localeCompare(b.month)),
    configFiles: await storedConfigFiles(db, repoId),
    pullRequests: await storedPullRequests(db, repoId),
    scans: await storedScans(db, repoId),
  };
}

async function storedConfigFiles(db: Executor, repoId: number): Promise<RepoTimeline["configFiles"]> {
  const rows = await rowsOf<{
    path: string;
    agent: string;
    agent_class: AgentClass;
    strength: Strength;
    added_at: Date | string | null;
    first_seen_at: Date | string;
    last_seen_at: Date | string;
    removed_at: Date | string | null;
  }>(db, sql`SELECT * FROM config_files WHERE repo_id = ${repoId} ORDER BY path, agent`);
  return rows.map((f) => ({
    path: f.path,
    agent: f.agent,
    agentClass: f.agent_class,
    strength: f.strength,
    addedAt: toDate(f.added_at),
    firstSeenAt: new Date(f.first_seen_at),
    lastSeenAt: new Date(f.last_seen_at),
    removedAt: toDate(f.removed_at),
  }));
}

async function storedPullRequests(db: Executor, repoId: number): Promise<RepoTimeline["pullRequests"]> {
  const prs = await rowsOf<{
    number: number;
    created_at: Date | string;
    merged_at: Date | string | null;
    state: PullRequestState;
    head_ref: string;
    author_login: string | null;
  }>(db, sql`SELECT * FROM pull_requests WHERE repo_id = ${repoId} ORDER BY number`);
  const evidence = await rowsOf<{ number: number; agent: string; kind: EvidenceKind; strength: Strength; matched: string }>(
    db,
    sql`SELECT number, agent, kind, strength, matched FROM pull_request_evidence
        WHERE repo_id = ${repoId} AND number = ANY(${arrayParam(prs.map((p) => p.number))}::int[]) ORDER BY number, agent, kind`,
  );
  return prs.map((p) => {
    const own: Evidence[] = evidence
      .filter((e) => e.number === p.number)
      .map((e) => ({ agent: e.agent, kind: e.kind, strength: e.strength, matched: e.matched }));
    return {
      number: p.number,
      createdAt: new Date(p.created_at),
      mergedAt: toDate(p.merged_at),
      state: p.state,
      headRef: p.head_ref,
      authorLogin: p.author_login,
      agents: [...new Set(own.filter((e) => e.strength === "strong").map((e) => e.agent))],
      evidence: own,
    };
  });
}

async function storedScans(db: Executor, repoId: number): Promise<StoredScan[]> {
  const rows = await rowsOf<{
    started_at: Date | string;
    finished_at: Date | string;
    mode: StoredScan["mode"];
    since: Date | string | null;
    until: Date | string | null;
    head: string | null;
    commits: number;
    agent_commits: number;
    pull_requests: number;
    config_files: number | null;
    graphql_points: number;
    http_requests: number;
    outcome: StoredScan["outcome"];
    error: string | null;
  }>(db, sql`SELECT * FROM scans WHERE repo_id = ${repoId} ORDER BY started_at DESC, id DESC LIMIT 50`);
  return rows.map((s) => {
    const cost: ApiCost = { graphqlPoints: s.graphql_points, httpRequests: s.http_requests };
    return {
      startedAt: new Date(s.started_at),
      finishedAt: new Date(s.finished_at),
      mode: s.mode,
      since: toDate(s.since),
      until: toDate(s.until),
      head: s.head,
      commits: s.commits,
      agentCommits: s.agent_commits,
      pullRequests: s.pull_requests,
      configFiles: s.config_files,
      cost,
      outcome: s.outcome,
      error: s.error,
    };
  });
}
