// What a report covers, and how to say so on the page.

import type { Database, ShareScope } from "../../store/index.js";
import { UnknownCohortError } from "../errors.js";
import { countInstallationRepositories, countPublicRepositories, findCohort } from "../read/cohorts.js";

export type ReportScope = { kind: "public" } | { kind: "cohort"; name: string } | { kind: "installation"; id: number };

export interface Population {
  /** "cohort stars-50 (public members)" etc. */
  label: string;
  /** Repositories in the scope (public ones only, except an installation's own report). */
  repositories: number;
  /** A cohort's frozen selection rule; null for other scopes. */
  definition: unknown;
  frozenAt: string | null;
  /** Whether the report may contain private repositories (only an installation's own report). */
  includesPrivate: boolean;
}

export function toShareScope(scope: ReportScope): ShareScope {
  return scope.kind === "installation" ? { kind: "installation", id: scope.id } : scope;
}

export async function describePopulation(database: Database, scope: ReportScope): Promise<Population> {
  switch (scope.kind) {
    case "public":
      return {
        label: "all public repositories in the store (crawl cohorts and public installed repositories)",
        repositories: await countPublicRepositories(database),
        definition: null,
        frozenAt: null,
        includesPrivate: false,
      };
    case "cohort": {
      const cohort = await findCohort(database, scope.name);
      if (!cohort) throw new UnknownCohortError(scope.name);
      return {
        label: `cohort "${cohort.name}" (its public members)`,
        repositories: cohort.publicMembers,
        definition: cohort.definition,
        frozenAt: cohort.frozenAt,
        includesPrivate: false,
      };
    }
    case "installation":
      return {
        label: `installation ${scope.id} (all its repositories, private ones included: this report stays with the org)`,
        repositories: await countInstallationRepositories(database, scope.id),
        definition: null,
        frozenAt: null,
        includesPrivate: true,
      };
  }
}
