// The headline read: month by month, the share of active repositories with agent activity.
// Runs over the narrow derived tables only (see aggregates.ts for the definitions).

import { sql, type SQL } from "drizzle-orm";
import type { AgentClass, Database, MonthlyShareOptions, MonthlyShareRow, Proportion, ShareScope } from "./types.js";
import { CohortNotFoundError, InvalidStoreInputError } from "./errors.js";
import { cohortScope } from "./counters.js";
import { proportion } from "./statistics.js";
import { arrayParam, firstRow, monthStart, rowsOf } from "./sql.js";

interface MonthCounts {
  month: string;
  active: number;
  any: number;
  commit: number;
  pr: number;
  config: number;
  upper: number;
  other_any: number;
}

interface AgentCounts {
  month: string;
  agent: string;
  agent_class: AgentClass;
  repos: number;
}

/**
 * Which derived rows a scope covers. Public output never sees a private repository: the public
 * and cohort scopes both require is_public (a cohort member that went private drops out).
 * Installation and explicit-repo scopes are the org's own report and include its private repos.
 */
export async function scopeFilter(database: Database, scope: ShareScope, table: string): Promise<SQL> {
  const t = sql.raw(table);
  switch (scope.kind) {
    case "public":
      return sql`${t}.is_public`;
    case "installation":
      return sql`${t}.repo_id IN (SELECT repo_id FROM installation_repositories WHERE installation_id = ${scope.id})`;
    case "cohort": {
      const cohort = await firstRow<{ id: number }>(database.db, sql`SELECT id FROM cohorts WHERE name = ${scope.name}`);
      if (!cohort) throw new CohortNotFoundError(scope.name);
      return sql`${t}.is_public AND ${t}.repo_id IN (SELECT repo_id FROM cohort_members WHERE cohort_id = ${cohort.id})`;
    }
    case "repos":
      return sql`${t}.repo_id = ANY(${arrayParam(scope.ids)}::int[])`;
  }
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split("-").map(Number) as [number, number];
  const [endYear, endMonth] = to.split("-").map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * The public and cohort scopes read the scope counters (counters.ts): a few hundred rows
 * whatever the number of repositories. Installation and explicit-repo scopes are small and are
 * counted from the derived rows directly.
 */
async function counterScope(database: Database, scope: ShareScope): Promise<string | null> {
  if (scope.kind === "public") return "public";
  if (scope.kind !== "cohort") return null;
  const cohort = await firstRow<{ id: number }>(database.db, sql`SELECT id FROM cohorts WHERE name = ${scope.name}`);
  if (!cohort) throw new CohortNotFoundError(scope.name);
  return cohortScope(cohort.id);
}

async function countFromCounters(database: Database, scope: string, from: string, to: string, main: string, other: string) {
  const c = (name: string) => sql.raw(`sum(${name})::int`);
  const counts = await rowsOf<MonthCounts>(
    database.db,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, ${c("active")} AS active, ${c(`${main}_any`)} AS any,
          ${c(`${main}_commit`)} AS commit, ${c(`${main}_pr`)} AS pr, ${c(`${main}_config`)} AS config,
          ${c(`${main}_upper`)} AS upper, ${c(`${other}_any`)} AS other_any
        FROM month_counts WHERE scope = ${scope} AND month BETWEEN ${from}::date AND ${to}::date GROUP BY month`,
  );
  const agents = await rowsOf<AgentCounts>(
    database.db,
    sql`SELECT to_char(month, 'YYYY-MM') AS month, agent, min(agent_class) AS agent_class, sum(repos)::int AS repos
        FROM month_agent_counts WHERE scope = ${scope} AND month BETWEEN ${from}::date AND ${to}::date
        GROUP BY month, agent HAVING sum(repos) > 0`,
  );
  return { counts, agents };
}

/** Month-by-month share of active repos with agent activity (PRODUCT.md definitions). */
export async function monthlyShare(database: Database, options: MonthlyShareOptions): Promise<MonthlyShareRow[]> {
  const from = monthStart(options.from);
  const to = monthStart(options.to);
  if (from > to) throw new InvalidStoreInputError(`from (${options.from}) is after to (${options.to})`);
  const headline: AgentClass = options.agentClass ?? "coding-agent";
  const [main, other] = headline === "coding-agent" ? ["coding", "assistant"] : ["assistant", "coding"];
  const counterKey = await counterScope(database, options.scope);
  const { counts, agents } = counterKey
    ? await countFromCounters(database, counterKey, from, to, main, other)
    : await countFromRows(database, options.scope, from, to, main, other);
  return toShareRows(options, headline, counts, agents);
}

async function countFromRows(database: Database, scope: ShareScope, from: string, to: string, main: string, other: string) {
  const col = (name: string) => sql.raw(`rm.${name}`);
  const inRange = (t: string) => sql`${sql.raw(t)}.month BETWEEN ${from}::date AND ${to}::date`;
  const counts = await rowsOf<MonthCounts>(
    database.db,
    sql`SELECT to_char(rm.month, 'YYYY-MM') AS month, count(*)::int AS active,
          count(*) FILTER (WHERE ${col(`${main}_commit`)} OR ${col(`${main}_pr`)} OR ${col(`${main}_config`)})::int AS any,
          count(*) FILTER (WHERE ${col(`${main}_commit`)})::int AS commit,
          count(*) FILTER (WHERE ${col(`${main}_pr`)})::int AS pr,
          count(*) FILTER (WHERE ${col(`${main}_config`)})::int AS config,
          count(*) FILTER (WHERE ${col(`${main}_upper`)})::int AS upper,
          count(*) FILTER (WHERE ${col(`${other}_commit`)} OR ${col(`${other}_pr`)} OR ${col(`${other}_config`)})::int AS other_any
        FROM repo_months rm
        WHERE ${inRange("rm")} AND ${await scopeFilter(database, scope, "rm")}
        GROUP BY rm.month`,
  );
  const agents = await rowsOf<AgentCounts>(
    database.db,
    sql`SELECT to_char(g.month, 'YYYY-MM') AS month, g.agent, min(g.agent_class) AS agent_class, count(*)::int AS repos
        FROM repo_month_agents g
        WHERE ${inRange("g")} AND (g.via_commit OR g.via_pr OR g.via_config) AND ${await scopeFilter(database, scope, "g")}
        GROUP BY g.month, g.agent`,
  );
  return { counts, agents };
}

function toShareRows(
  options: MonthlyShareOptions,
  headline: AgentClass,
  counts: MonthCounts[],
  agents: AgentCounts[],
): MonthlyShareRow[] {

  const byMonth = new Map(counts.map((row) => [row.month, row]));
  return monthsBetween(options.from, options.to).map((month) => {
    const row = byMonth.get(month);
    const active = row?.active ?? 0;
    const share = (count: number): Proportion => proportion(count, active);
    const perClass = (agentClass: AgentClass) =>
      Object.fromEntries(
        agents
          .filter((a) => a.month === month && a.agent_class === agentClass)
          .sort((a, b) => b.repos - a.repos || a.agent.localeCompare(b.agent))
          .map((a) => [a.agent, share(a.repos)]),
      );
    return {
      month,
      activeRepos: active,
      withAgent: { any: share(row?.any ?? 0), commit: share(row?.commit ?? 0), pr: share(row?.pr ?? 0), config: share(row?.config ?? 0) },
      upperBound: share(row?.upper ?? 0),
      perAgent: perClass(headline),
      assistants: { any: share(row?.other_any ?? 0), perAgent: perClass(headline === "coding-agent" ? "review-assistant" : "coding-agent") },
    };
  });
}
