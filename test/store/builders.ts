// Small builders for store tests: repository facts, commits, evidence and scans.

import type { Evidence, ObservedCommit, RepositoryFacts, ScanRecord } from "../../src/store/index.js";
import type { AgentClass } from "../../src/detect/types.js";

/** Test agents, so the store's tests do not depend on the real catalog. */
export const classOf = (agent: string): AgentClass => (agent.startsWith("reviewer") ? "review-assistant" : "coding-agent");

export function repoFacts(overrides: Partial<RepositoryFacts> & { githubId: number }): RepositoryFacts {
  return {
    host: "github.com",
    owner: "acme",
    name: `repo-${overrides.githubId}`,
    visibility: "public",
    fork: false,
    archived: false,
    stars: 10,
    language: "TypeScript",
    createdAt: new Date("2024-01-01T00:00:00Z"),
    pushedAt: new Date("2026-01-01T00:00:00Z"),
    defaultBranch: "main",
    ...overrides,
  };
}

export function strong(agent: string, kind: Evidence["kind"] = "trailer"): Evidence {
  return { agent, kind, strength: "strong", matched: `Co-authored-by: ${agent} <noreply@example.com>` };
}

export function weak(agent: string): Evidence {
  return { agent, kind: "marker", strength: "weak", matched: `mentions ${agent}` };
}

export function commit(sha: string, date: string, evidence: Evidence[] = [], isMerge = false): ObservedCommit {
  return { sha, committedAt: new Date(date), isMerge, evidence };
}

export function scan(repo: RepositoryFacts, commits: ObservedCommit[], overrides: Partial<ScanRecord> = {}): ScanRecord {
  return {
    repo,
    tracking: {},
    window: { since: new Date("2000-01-01T00:00:00Z") },
    mode: "window",
    head: commits.at(-1)?.sha ?? null,
    commits,
    configFiles: null,
    pullRequests: [],
    cost: { graphqlPoints: 1, httpRequests: 1 },
    startedAt: new Date("2026-06-01T00:00:00Z"),
    finishedAt: new Date("2026-06-01T00:01:00Z"),
    ...overrides,
  };
}
