// One agent across public repositories: its monthly share and the repositories using it.

import { catalog, findAgent } from "../../agents/index.js";
import { monthlyShare, type Database, type Proportion } from "../../store/index.js";
import { proportion } from "../../store/index.js";
import { UnknownCohortError } from "../errors.js";
import { findCohort } from "../read/cohorts.js";
import { publicAgentRepositories, type AgentRepository } from "../read/public-repositories.js";
import type { ViewQuery } from "./range.js";

export interface AgentInfo {
  id: string;
  name: string;
  vendor: string;
  class: string;
  homepage: string | null;
}

export interface AgentMonth extends Proportion {
  month: string;
  activeRepos: number;
}

export interface AgentView {
  query: ViewQuery;
  agent: AgentInfo;
  months: AgentMonth[];
  repositories: AgentRepository[];
}

export function agentInfo(id: string): AgentInfo | null {
  const entry = findAgent(id);
  if (!entry) return null;
  return { id: entry.id, name: entry.name, vendor: entry.vendor, class: entry.class, homepage: entry.homepage ?? null };
}

export function listAgentInfo(): AgentInfo[] {
  return catalog.map((entry) => agentInfo(entry.id)).filter((info): info is AgentInfo => info !== null);
}

/** null when the catalog does not know the agent. */
export async function agentView(database: Database, id: string, query: ViewQuery): Promise<AgentView | null> {
  const agent = agentInfo(id);
  if (!agent) return null;
  if (query.cohort !== undefined && !(await findCohort(database, query.cohort))) throw new UnknownCohortError(query.cohort);
  const scope = query.cohort === undefined ? ({ kind: "public" } as const) : ({ kind: "cohort", name: query.cohort } as const);
  const rows = await monthlyShare(database, { scope, from: query.from, to: query.to });
  const months = rows.map((row) => {
    const value = row.perAgent[id] ?? row.assistants.perAgent[id] ?? proportion(0, row.activeRepos);
    return { month: row.month, activeRepos: row.activeRepos, ...value };
  });
  const repositories = await publicAgentRepositories(database, { agent: id, cohort: query.cohort, from: query.from, to: query.to });
  return { query, agent, months, repositories };
}
