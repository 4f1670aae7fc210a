// The ecosystem view: public data only (a cohort's public members, or every public repository).

import { agentName } from "../../agents/index.js";
import { monthlyShare, type Database, type MonthlyShareRow } from "../../store/index.js";
import { UnknownCohortError } from "../errors.js";
import { buildHeadline, type Headline } from "../figures/headline.js";
import { countPublicRepositories, findCohort, type PublicCohort } from "../read/cohorts.js";
import { publicAgentRepositories, type AgentRepository } from "../read/public-repositories.js";
import type { ViewQuery } from "./range.js";

export interface EcosystemView {
  query: ViewQuery;
  /** The cohort asked for; null for all public repositories. */
  cohort: PublicCohort | null;
  /** Public repositories in the scope. */
  repositories: number;
  headline: Headline | null;
  months: MonthlyShareRow[];
  /** Public repositories with strong agent signals in the range, most recent first. */
  recentRepositories: Array<AgentRepository & { agentNames: string[] }>;
}

export async function ecosystemView(database: Database, query: ViewQuery, recentLimit = 20): Promise<EcosystemView> {
  const cohort = query.cohort === undefined ? null : await findCohort(database, query.cohort);
  if (query.cohort !== undefined && !cohort) throw new UnknownCohortError(query.cohort);
  const scope = query.cohort === undefined ? ({ kind: "public" } as const) : ({ kind: "cohort", name: query.cohort } as const);
  const months = await monthlyShare(database, { scope, from: query.from, to: query.to });
  const recent = await publicAgentRepositories(database, { cohort: query.cohort, from: query.from, to: query.to, limit: recentLimit });
  return {
    query,
    cohort,
    repositories: cohort ? cohort.publicMembers : await countPublicRepositories(database),
    headline: buildHeadline(months),
    months,
    recentRepositories: recent.map((repo) => ({ ...repo, agentNames: repo.agents.map(agentName) })),
  };
}
