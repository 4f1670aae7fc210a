// Two months of one scope, repository by repository: what a comparison of their shares needs to
// resample repositories (publish/figures/compare.ts). Each repository of the scope active in either
// month falls in one of eight states; only the count of repositories per state is read, so the
// result is nine numbers whatever the scope's size.

import { sql } from "drizzle-orm";
import type { Database, Month, ShareScope } from "./types.js";
import { InvalidStoreInputError } from "./errors.js";
import { scopeFilter } from "./share.js";
import { monthStart, rowsOf } from "./sql.js";

/** A repository in one month: not active, active without agent activity, active with it. */
export type MonthState = "inactive" | "active" | "agent";

export interface PairedMonthState {
  from: MonthState;
  to: MonthState;
  /** Repositories of the scope in this pair of states (never both inactive). */
  repos: number;
}

const states: MonthState[] = ["inactive", "active", "agent"];

/**
 * Repositories of the scope by their state in `from` and in `to`. "agent" is the headline's
 * definition (strong coding-agent signal in any channel, in an active month), the same as
 * monthlyShare's withAgent.any, so the states add up to its counts.
 */
export async function pairedMonthStates(database: Database, options: { scope: ShareScope; from: Month; to: Month }): Promise<PairedMonthState[]> {
  const from = monthStart(options.from);
  const to = monthStart(options.to);
  if (from === to) throw new InvalidStoreInputError(`compare two different months (got ${options.from} twice)`);
  const state = (month: string) =>
    sql`max(CASE WHEN rm.month = ${month}::date THEN CASE WHEN rm.coding_commit OR rm.coding_pr OR rm.coding_config THEN 2 ELSE 1 END ELSE 0 END)`;
  const rows = await rowsOf<{ a: number; b: number; repos: number }>(
    database.db,
    sql`SELECT a, b, count(*)::int AS repos FROM (
          SELECT ${state(from)} AS a, ${state(to)} AS b
          FROM repo_months rm
          WHERE rm.month IN (${from}::date, ${to}::date) AND ${await scopeFilter(database, options.scope, "rm")}
          GROUP BY rm.repo_id
        ) per_repo GROUP BY a, b ORDER BY a, b`,
  );
  return rows.map((row) => ({ from: states[row.a]!, to: states[row.b]!, repos: row.repos }));
}
