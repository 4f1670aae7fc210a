// What `agent-census scan` prints: the scan's own view of the repository, month by month.
// Computed from the observed data, so it is the same with or without --no-store.
import { agentClassOf } from "../agents/index.js";
import type { ObservedCommit, ObservedConfigFile, ObservedPullRequest, RepoTimeline } from "../store/index.js";

export interface MonthSummary {
  month: string;
  /** Non-merge default-branch commits. */
  commits: number;
  /** Non-merge commits with strong evidence of a coding agent. */
  agentCommits: number;
  perAgent: Record<string, number>;
}

export interface ScanSummary {
  repository: string;
  backend: "git" | "github";
  outcome: "ok" | "empty" | "gone" | "blocked" | "no-access" | "error";
  message?: string;
  mode: "window" | "incremental";
  since: string;
  head: string | null;
  commits: number;
  agentCommits: number;
  agents: string[];
  months: MonthSummary[];
  configFiles: { path: string; agent: string; strength: string; addedAt: string | null }[];
  pullRequests: { number: number; createdAt: string; state: string; agents: string[] }[];
  cost: { graphqlPoints: number; httpRequests: number };
  stored: boolean;
}

/** "YYYY-MM" in UTC, as toISOString().slice(0, 7) but without building the whole string per commit. */
function monthOf(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return date.toISOString().slice(0, 7);
  const month = date.getUTCMonth() + 1;
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}`;
}

export function summarizeCommits(commits: readonly ObservedCommit[]): { months: MonthSummary[]; agentCommits: number; agents: string[] } {
  // Keyed by the month's number: a key string per commit costs more than the rest of the loop.
  const months = new Map<number, MonthSummary>();
  const agents = new Set<string>();
  let agentCommits = 0;
  for (const commit of commits) {
    if (commit.isMerge) continue;
    const date = commit.committedAt;
    const key = date.getUTCFullYear() * 12 + date.getUTCMonth();
    let row = months.get(key);
    if (!row) months.set(key, (row = { month: monthOf(date), commits: 0, agentCommits: 0, perAgent: {} }));
    row.commits++;
    // Most commits carry no evidence.
    if (commit.evidence.length === 0) continue;
    const strong = [...new Set(commit.evidence.filter((e) => e.strength === "strong").map((e) => e.agent))];
    if (strong.some((agent) => agentClassOf(agent) === "coding-agent")) {
      row.agentCommits++;
      agentCommits++;
    }
    for (const agent of strong) {
      row.perAgent[agent] = (row.perAgent[agent] ?? 0) + 1;
      agents.add(agent);
    }
  }
  return { months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)), agentCommits, agents: [...agents].sort() };
}

export function summarizeConfigFiles(files: readonly ObservedConfigFile[]): ScanSummary["configFiles"] {
  return files
    .map((file) => ({ path: file.path, agent: file.agent, strength: file.strength, addedAt: file.addedAt?.toISOString() ?? null }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.agent.localeCompare(b.agent));
}

export function summarizePullRequests(pullRequests: readonly ObservedPullRequest[]): ScanSummary["pullRequests"] {
  return pullRequests.map((pr) => ({
    number: pr.number,
    createdAt: pr.createdAt.toISOString(),
    state: pr.state,
    agents: [...new Set(pr.evidence.filter((e) => e.strength === "strong").map((e) => e.agent))].sort(),
  }));
}

/**
 * The stored view of the window: after an incremental scan the scan itself saw only the new
 * commits, but the user asked about the whole window.
 */
export function summarizeTimeline(timeline: RepoTimeline, since: Date): { months: MonthSummary[]; agentCommits: number; agents: string[]; commits: number } {
  const first = monthOf(since);
  const months = timeline.months
    .filter((month) => month.month >= first && month.commits > 0)
    .map((month) => ({
      month: month.month,
      commits: month.commits,
      agentCommits: month.agentCommits,
      perAgent: Object.fromEntries(
        Object.entries(month.agents)
          .filter(([, agent]) => agent.commits > 0 && !agent.weakOnly)
          .map(([id, agent]) => [id, agent.commits]),
      ),
    }));
  const agents = new Set<string>();
  for (const month of months) for (const agent of Object.keys(month.perAgent)) agents.add(agent);
  return {
    months,
    agentCommits: months.reduce((total, month) => total + month.agentCommits, 0),
    commits: months.reduce((total, month) => total + month.commits, 0),
    agents: [...agents].sort(),
  };
}
