// Beyond the share, per scope: when repositories first show agent activity (first seen), whether
// they show it again (retention), and how much of their work it is (intensity). Set-based reads
// over repo_months; definitions in docs/methodology.md.

import { sql } from "drizzle-orm";
import type { Database, Month, ShareScope } from "./types.js";
import { InvalidStoreInputError } from "./errors.js";
import { scopeFilter } from "./share.js";
import { monthStart, rowsOf } from "./sql.js";

export interface AdoptionMeasuresOptions {
  scope: ShareScope;
  from: Month;
  to: Month;
}

/** Repositories whose first agent activity (any channel, strong signal, active month) is in the month. */
export interface FirstSeenCount {
  month: Month;
  newAdopters: number;
}

/** Adopters of one month, and when each next showed agent activity (null: not again in stored history). */
export interface AdopterReturns {
  month: Month;
  adopters: number;
  /** How many showed agent activity again within 1, 2, …, 6 months after their first month (index k-1). */
  againWithin: number[];
}

/** Among repositories with agent activity in the month: the share of their commits that are agent commits. */
export interface IntensityQuantiles {
  month: Month;
  agentRepos: number;
  median: number;
  p75: number;
  p90: number;
}

export interface AdoptionMeasuresRows {
  firstSeen: FirstSeenCount[];
  returns: AdopterReturns[];
  intensity: IntensityQuantiles[];
}

export const maxRetentionHorizon = 6;

const agentRow = sql`(rm.coding_commit OR rm.coding_pr OR rm.coding_config)`;

export async function adoptionMeasureRows(database: Database, options: AdoptionMeasuresOptions): Promise<AdoptionMeasuresRows> {
  const from = monthStart(options.from);
  const to = monthStart(options.to);
  if (from > to) throw new InvalidStoreInputError(`from (${options.from}) is after to (${options.to})`);
  const inScope = await scopeFilter(database, options.scope, "rm");
  const [firstRows, intensity] = await Promise.all([
    rowsOf<{ month: string; adopters: number; again: number[] | string }>(
      database.db,
      // first: each repository's first agent month (all stored history, so an adopter of an earlier
      // month is not new); next: its first agent month after that, within the horizon.
      // Each repository's first agent month in all stored history (an adopter of an earlier month
      // is not new) and its next agent month, in one ordered pass over the agent rows' partial index.
      sql`WITH ordered AS (
            SELECT rm.repo_id, rm.month, row_number() OVER (PARTITION BY rm.repo_id ORDER BY rm.month) AS n
            FROM repo_months rm WHERE ${agentRow} AND ${inScope}
          ), adopters AS (
            SELECT min(month) AS first_month, min(month) FILTER (WHERE n = 2) AS next_month
            FROM ordered WHERE n <= 2 GROUP BY repo_id
          )
          SELECT to_char(first_month, 'YYYY-MM') AS month, count(*)::int AS adopters, ARRAY[${sql.join(
            Array.from({ length: maxRetentionHorizon }, (_, k) => sql`count(*) FILTER (WHERE next_month <= (first_month + interval '${sql.raw(String(k + 1))} months')::date)::int`),
            sql`, `,
          )}] AS again
          FROM adopters WHERE first_month BETWEEN ${from}::date AND ${to}::date GROUP BY first_month ORDER BY first_month`,
    ),
    // The ratio takes few distinct values (small commit counts): counting each (month, agent
    // commits, commits) pair is a hash aggregate, where percentile_cont over the rows sorted all
    // 1.2M agent rows at 1M repositories (external merge, 2.4 s); the quantiles come from the counts.
    rowsOf<{ month: string; agent_commits: number; commits: number; repos: number }>(
      database.db,
      sql`SELECT to_char(rm.month, 'YYYY-MM') AS month, rm.agent_commits, rm.commits, count(*)::int AS repos
          FROM repo_months rm
          WHERE rm.month BETWEEN ${from}::date AND ${to}::date AND ${agentRow} AND ${inScope}
          GROUP BY rm.month, rm.agent_commits, rm.commits`,
    ),
  ]);
  return {
    firstSeen: firstRows.map((row) => ({ month: row.month, newAdopters: Number(row.adopters) })),
    returns: firstRows.map((row) => ({ month: row.month, adopters: Number(row.adopters), againWithin: parseNumberArray(row.again) })),
    intensity: intensityQuantiles(intensity),
  };
}

/**
 * Per month, the quantiles of agent commits ÷ commits over repositories, from counts per distinct
 * pair. Continuous (linear interpolation between order statistics), as percentile_cont computes them.
 */
function intensityQuantiles(rows: ReadonlyArray<{ month: string; agent_commits: number; commits: number; repos: number }>): IntensityQuantiles[] {
  const byMonth = new Map<string, Array<{ value: number; repos: number }>>();
  for (const row of rows) {
    const list = byMonth.get(row.month) ?? [];
    list.push({ value: Number(row.agent_commits) / Number(row.commits), repos: Number(row.repos) });
    byMonth.set(row.month, list);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, values]) => {
      values.sort((a, b) => a.value - b.value);
      const total = values.reduce((sum, v) => sum + v.repos, 0);
      // The value at 0-based order statistic i of the expanded, sorted list.
      const at = (i: number) => {
        let seen = 0;
        for (const v of values) {
          seen += v.repos;
          if (i < seen) return v.value;
        }
        return values.at(-1)!.value;
      };
      const quantile = (p: number) => {
        const position = (total - 1) * p;
        const low = Math.floor(position);
        return at(low) + (at(Math.ceil(position)) - at(low)) * (position - low);
      };
      return { month, agentRepos: total, median: quantile(0.5), p75: quantile(0.75), p90: quantile(0.9) };
    });
}

/** node-postgres parses int[] and float8[] into numbers; a driver may hand back the array literal. */
function parseNumberArray(value: number[] | string): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return value.replace(/[{}]/g, "").split(",").map(Number);
}
