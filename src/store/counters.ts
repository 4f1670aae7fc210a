// Scope counters (month_counts, month_agent_counts): the sums the public and cohort shares read.
//
// Every change that can alter what repo_months contributes to a scope — a recompute, a visibility
// change, a cohort membership, a deletion — runs inside withCounters: it takes the repositories'
// contribution before and after the change and applies the difference in one ordered upsert per
// table. Being computed from the derived rows, the counters are exactly as idempotent as they are.

import { sql, type SQL } from "drizzle-orm";
import type { Database } from "./types.js";
import { arrayParam, inTransaction, rowsOf, type Executor } from "./sql.js";

const shards = 16;
export const monthCountColumns = [
  "active",
  "coding_any",
  "coding_commit",
  "coding_pr",
  "coding_config",
  "coding_upper",
  "assistant_any",
  "assistant_commit",
  "assistant_pr",
  "assistant_config",
  "assistant_upper",
] as const;

type MonthCountRow = { scope: string; month: string; shard: number } & Record<(typeof monthCountColumns)[number], number>;
type AgentCountRow = { scope: string; month: string; shard: number; agent: string; agent_class: string; repos: number };

/** The scopes a derived row counts in: public repos count publicly and in each of their cohorts. */
export const scopesOf = (alias: string) =>
  sql.raw(`CROSS JOIN LATERAL (
    SELECT 'public'::text WHERE ${alias}.is_public
    UNION ALL SELECT 'cohort:' || m.cohort_id FROM cohort_members m WHERE m.repo_id = ${alias}.repo_id AND ${alias}.is_public
  ) AS s(scope)`);

/** What each month_counts column counts among a scope's repo_months rows. */
const monthCountFilters: Record<(typeof monthCountColumns)[number], string> = {
  active: "true",
  coding_any: "rm.coding_commit OR rm.coding_pr OR rm.coding_config",
  coding_commit: "rm.coding_commit",
  coding_pr: "rm.coding_pr",
  coding_config: "rm.coding_config",
  coding_upper: "rm.coding_upper",
  assistant_any: "rm.assistant_commit OR rm.assistant_pr OR rm.assistant_config",
  assistant_commit: "rm.assistant_commit",
  assistant_pr: "rm.assistant_pr",
  assistant_config: "rm.assistant_config",
  assistant_upper: "rm.assistant_upper",
};

/**
 * The month_counts sums over repo_months-shaped rows aliased `rm`, each weighted by `weight`
 * (1 to count rows; +1/-1 to count the difference between new and old rows).
 */
export function monthCountAggregates(weight: string): SQL {
  return sql.raw(monthCountColumns.map((c) => `coalesce(sum(${weight}) FILTER (WHERE ${monthCountFilters[c]}), 0)::int AS ${c}`).join(",\n    "));
}

/** The scope, month and shard a repo_months-shaped row (aliased `rm`) counts under. */
export const monthCountKey = sql.raw(`s.scope, to_char(rm.month, 'YYYY-MM-DD') AS month, rm.repo_id % ${shards} AS shard`);
export const agentCountKey = sql.raw(`s.scope, to_char(g.month, 'YYYY-MM-DD') AS month, g.repo_id % ${shards} AS shard, g.agent`);
/** A repo_month_agents row counts for its agent only with a strong signal in some channel. */
export const agentCountFilter = sql.raw(`(g.via_commit OR g.via_pr OR g.via_config)`);

const monthCountSelect = (where: SQL) => sql`
  SELECT ${monthCountKey}, ${monthCountAggregates("1")}
  FROM repo_months rm ${scopesOf("rm")}
  WHERE ${where}
  GROUP BY 1, 2, 3`;

const agentCountSelect = (where: SQL) => sql`
  SELECT ${agentCountKey}, min(g.agent_class) AS agent_class, count(*)::int AS repos
  FROM repo_month_agents g ${scopesOf("g")}
  WHERE ${agentCountFilter} AND ${where}
  GROUP BY 1, 2, 3, 4`;

async function contributions(tx: Executor, repoIds: readonly number[]) {
  const ids = sql`${arrayParam(repoIds)}::int[]`;
  return {
    months: await rowsOf<MonthCountRow>(tx, monthCountSelect(sql`rm.repo_id = ANY(${ids})`)),
    agents: await rowsOf<AgentCountRow>(tx, agentCountSelect(sql`g.repo_id = ANY(${ids})`)),
  };
}

/** Runs `change` and moves the scope counters by exactly what it changed for these repositories. */
export async function withCounters<T>(tx: Executor, repoIds: readonly number[], change: () => Promise<T>): Promise<T> {
  const before = await contributions(tx, repoIds);
  const result = await change();
  const after = await contributions(tx, repoIds);
  await applyMonthDeltas(tx, before.months, after.months);
  await applyAgentDeltas(tx, before.agents, after.agents);
  return result;
}

function key(...parts: Array<string | number>): string {
  return parts.join("\u001f");
}

async function applyMonthDeltas(tx: Executor, before: MonthCountRow[], after: MonthCountRow[]): Promise<void> {
  const deltas = new Map<string, MonthCountRow>();
  const add = (row: MonthCountRow, sign: 1 | -1) => {
    const k = key(row.scope, row.month, row.shard);
    const delta = deltas.get(k) ?? { ...row, ...Object.fromEntries(monthCountColumns.map((c) => [c, 0])) };
    for (const column of monthCountColumns) delta[column] += sign * Number(row[column]);
    deltas.set(k, delta);
  };
  before.forEach((row) => add(row, -1));
  after.forEach((row) => add(row, 1));
  // Sorted keys: concurrent writers lock counter rows in the same order and cannot deadlock.
  const changed = [...deltas.entries()].filter(([, d]) => monthCountColumns.some((c) => d[c] !== 0)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
  if (changed.length === 0) return;
  const columns = sql.raw(monthCountColumns.join(", "));
  const arrays = sql.join(
    monthCountColumns.map((c) => sql`${arrayParam(changed.map((d) => d[c]))}::int[]`),
    sql`, `,
  );
  const updates = sql.raw(monthCountColumns.map((c) => `${c} = month_counts.${c} + excluded.${c}`).join(", "));
  await tx.execute(sql`
    INSERT INTO month_counts (scope, month, shard, ${columns})
    SELECT * FROM unnest(${arrayParam(changed.map((d) => d.scope))}::text[], ${arrayParam(changed.map((d) => d.month))}::date[],
      ${arrayParam(changed.map((d) => Number(d.shard)))}::int[], ${arrays})
    ON CONFLICT (scope, month, shard) DO UPDATE SET ${updates}`);
}

async function applyAgentDeltas(tx: Executor, before: AgentCountRow[], after: AgentCountRow[]): Promise<void> {
  const deltas = new Map<string, AgentCountRow>();
  const add = (row: AgentCountRow, sign: 1 | -1) => {
    const k = key(row.scope, row.month, row.shard, row.agent);
    const delta = deltas.get(k) ?? { ...row, repos: 0 };
    delta.repos += sign * Number(row.repos);
    deltas.set(k, delta);
  };
  before.forEach((row) => add(row, -1));
  after.forEach((row) => add(row, 1));
  const changed = [...deltas.entries()].filter(([, d]) => d.repos !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
  if (changed.length === 0) return;
  await tx.execute(sql`
    INSERT INTO month_agent_counts (scope, month, shard, agent, agent_class, repos)
    SELECT * FROM unnest(${arrayParam(changed.map((d) => d.scope))}::text[], ${arrayParam(changed.map((d) => d.month))}::date[],
      ${arrayParam(changed.map((d) => Number(d.shard)))}::int[], ${arrayParam(changed.map((d) => d.agent))}::text[],
      ${arrayParam(changed.map((d) => d.agent_class))}::text[], ${arrayParam(changed.map((d) => d.repos))}::int[])
    ON CONFLICT (scope, month, shard, agent) DO UPDATE SET repos = month_agent_counts.repos + excluded.repos,
      agent_class = excluded.agent_class`);
}

/**
 * Recounts every scope from the derived tables (after a bulk load, or to repair). Takes an
 * exclusive lock on the counters so concurrent writes wait rather than apply deltas to a half-built table.
 */
export async function rebuildCounters(database: Database): Promise<void> {
  await inTransaction(database, async (tx) => {
    await tx.execute(sql`LOCK TABLE month_counts, month_agent_counts IN ACCESS EXCLUSIVE MODE`);
    await tx.execute(sql`DELETE FROM month_counts`);
    await tx.execute(sql`DELETE FROM month_agent_counts`);
    await tx.execute(sql`INSERT INTO month_counts (scope, month, shard, ${sql.raw(monthCountColumns.join(", "))})
      SELECT scope, month::date, shard, ${sql.raw(monthCountColumns.join(", "))} FROM (${monthCountSelect(sql`true`)}) c`);
    await tx.execute(sql`INSERT INTO month_agent_counts (scope, month, shard, agent, agent_class, repos)
      SELECT scope, month::date, shard, agent, agent_class, repos FROM (${agentCountSelect(sql`true`)}) c`);
  });
}

/** The scope key the counters use for a cohort. */
export function cohortScope(cohortId: number): string {
  return `cohort:${cohortId}`;
}
