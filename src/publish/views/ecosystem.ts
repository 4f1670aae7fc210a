// The ecosystem view: public data only (a cohort's public members, or every public repository).

import { agentName } from "../../agents/index.js";
import { CohortNotFoundError, monthlyShare, type Database, type MonthlyShareRow } from "../../store/index.js";
import { UnknownCohortError } from "../errors.js";
import { compareMonths, defaultCompareMonths } from "../figures/compare.js";
import { buildHeadline, type Headline } from "../figures/headline.js";
import { adoptionMeasures, type AdoptionMeasures } from "../figures/measures.js";
import { precisionFigures, type PrecisionFigures } from "../figures/precision.js";
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
  /** First seen, retention and intensity over the same public scope and range. */
  measures: AdoptionMeasures;
  /** Per-signal precision from reviews of public repositories (the methodology shows it). */
  precision: PrecisionFigures;
  /** Public repositories with strong agent signals in the range, most recent first. */
  recentRepositories: Array<AgentRepository & { agentNames: string[] }>;
}

export async function ecosystemView(database: Database, query: ViewQuery, recentLimit = 20): Promise<EcosystemView> {
  const scope = query.cohort === undefined ? ({ kind: "public" } as const) : ({ kind: "cohort", name: query.cohort } as const);
  // Independent reads, run at once (separate pooled connections on node-postgres).
  const [cohort, months, recent, publicRepositories, precision] = await Promise.all([
    query.cohort === undefined ? null : findCohort(database, query.cohort),
    monthlyShare(database, { scope, from: query.from, to: query.to }).catch((error: unknown) => {
      throw error instanceof CohortNotFoundError ? new UnknownCohortError(error.cohort) : error;
    }),
    recentLimit > 0 ? publicAgentRepositories(database, { cohort: query.cohort, from: query.from, to: query.to, limit: recentLimit }) : [],
    query.cohort === undefined ? countPublicRepositories(database) : null,
    precisionFigures(database, { publicOnly: true }),
  ]);
  if (query.cohort !== undefined && !cohort) throw new UnknownCohortError(query.cohort);
  const compareWith = defaultCompareMonths(months);
  const [comparison, measures] = await Promise.all([
    compareWith ? compareMonths(database, scope, compareWith) : null,
    adoptionMeasures(database, scope, { from: query.from, to: query.to }, months),
  ]);
  return {
    query,
    cohort,
    repositories: cohort ? cohort.publicMembers : (publicRepositories ?? 0),
    headline: buildHeadline(months, comparison),
    months,
    measures,
    precision,
    recentRepositories: recent.map((repo) => ({ ...repo, agentNames: repo.agents.map(agentName) })),
  };
}
