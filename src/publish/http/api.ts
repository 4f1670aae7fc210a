// What the JSON API adds beyond the views: its index and the agents summary.

import type { MonthlyShareRow, Proportion } from "../../store/index.js";
import type { AgentInfo } from "../views/agent.js";

export const apiIndex = {
  description: "agent-census public API: public repositories only. Months are UTC, YYYY-MM. The OpenAPI description is at /api/v1/openapi.json (docs/openapi.yaml in the repository).",
  endpoints: {
    "/api/v1/openapi.json": "this API's OpenAPI 3.1 description",
    "/api/v1/cohorts": "crawl cohorts: name, frozen definition, public member count",
    "/api/v1/share?cohort=&from=&to=": "monthly share of active public repositories with agent activity, by channel, per agent, bounds, review assistants",
    "/api/v1/adoption?cohort=&from=&to=": "beyond the share: new adopters per month (first seen), retention of adopters within 1, 3 and 6 months, intensity (median, p75, p90 of agent commits' share of an adopter's commits)",
    "/api/v1/signals": "per-signal precision from people's reviews of sampled evidence (public repositories), with Wilson intervals, and the catalog signals never reviewed",
    "/api/v1/agents?cohort=&from=&to=": "the agent catalog with each agent's repositories in the range",
    "/api/v1/agents/{agent}?cohort=&from=&to=": "one agent: monthly share and the public repositories using it",
    "/api/v1/repos?after=&limit=": "public repositories, keyset-paginated",
    "/api/v1/repos/{owner}/{name}": "one public repository: months, agents, config files, agent pull requests, 90-day agent-commit share",
    "/badge/{owner}/{name}.svg": "shields-style badge: agent-commit share over the last 90 days",
  },
};

export interface AgentSummary extends AgentInfo {
  /** The agent's share in the last month of the range with active repositories, if any. */
  latest: (Proportion & { month: string; activeRepos: number }) | null;
  /** Sum over the range of monthly repository counts (repository-months with a strong signal). */
  repositoryMonths: number;
}

export function agentsSummary(agents: AgentInfo[], months: MonthlyShareRow[]): AgentSummary[] {
  const last = [...months].reverse().find((m) => m.activeRepos > 0);
  const pick = (row: MonthlyShareRow, id: string) => row.perAgent[id] ?? row.assistants.perAgent[id];
  return agents.map((agent) => {
    const latest = last ? pick(last, agent.id) : undefined;
    return {
      ...agent,
      latest: last && latest ? { month: last.month, activeRepos: last.activeRepos, ...latest } : null,
      repositoryMonths: months.reduce((sum, row) => sum + (pick(row, agent.id)?.count ?? 0), 0),
    };
  });
}
