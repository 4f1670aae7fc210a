// Derived per-(repo, month) rows, recomputed from the facts inside each write's transaction.
// Recomputing from set-semantic facts (rather than adding deltas) is what makes every write
// idempotent: the same facts always give the same rows. A write recomputes the whole repository
// (scans, pull requests) or only the months its facts touched (pushes, see refreshMonths).
//
// Definitions (PRODUCT.md), all months UTC:
// - active month: ≥ 1 non-merge default-branch commit with committer date in it. Only active
//   months get rows: an agent PR in an inactive month does not count.
// - agent commit: a non-merge commit with strong evidence (so the numerator is within the denominator).
// - a merge commit's own evidence (a pull request's description kept in the merge message) is
//   commit-channel evidence of agent activity in the merge's month; the merge is not an active
//   commit and not an agent commit, so the counts of commits do not change.
// - agent PR: opened (created) in the month.
// - config: a file present on the default branch at the END of the month — added (the adding
//   commit's date, else first seen) before the month ends and not removed by then.
// - weak evidence in any channel only widens the upper bound.

import { sql, type SQL } from "drizzle-orm";
import { commitKey, dedupeBy, evidenceRows, type CommitChanges } from "./commits.js";
import { agentCountFilter, agentCountKey, monthCountAggregates, monthCountColumns, monthCountKey, scopesOf } from "./counters.js";
import { arrayParam, executePrepared, type Executor } from "./sql.js";
import type { AgentClass, AgentClassifier, ObservedCommit } from "./types.js";

/** Months [from, to) of one repository ("YYYY-MM-01" dates; null = unbounded on that side). */
export interface MonthRange {
  repoId: number;
  from: string | null;
  to: string | null;
}

/**
 * What commits new to one repository's month add to its rows (none of them stored before,
 * nothing else in the month changed). When the month is already active, its rows grow by exactly
 * this — the rows a recompute from all the month's facts would give, without reading them.
 * Built by monthAddition, which applies the definitions above to the new commits only.
 */
export interface MonthAddition {
  repoId: number;
  /** "YYYY-MM-01". */
  month: string;
  /** Non-merge commits, and those with strong evidence of a coding agent. */
  commits: number;
  agentCommits: number;
  agents: ReadonlyArray<{ agent: string; agentClass: AgentClass; commits: number; viaCommit: boolean; weak: boolean }>;
}

/** The share of new commits (all in one month) in that month's rows; evidence with its agent's class. */
export function monthAddition(
  repoId: number,
  month: string,
  commits: ReadonlyArray<{ sha: string; isMerge: boolean; evidence: ReadonlyArray<{ agent: string; agentClass: AgentClass; strength: string }> }>,
): MonthAddition {
  const counted = commits.filter((c) => !c.isMerge);
  const agents = new Map<string, { agent: string; agentClass: AgentClass; commits: number; viaCommit: boolean; weak: boolean }>();
  // A merge's own evidence is a signal of the month too; only non-merge commits are counted.
  for (const commit of commits) {
    for (const agent of new Set(commit.evidence.map((e) => e.agent))) {
      const evidence = commit.evidence.filter((e) => e.agent === agent);
      const strong = evidence.some((e) => e.strength === "strong");
      const row = agents.get(agent) ?? { agent, agentClass: evidence[0]!.agentClass, commits: 0, viaCommit: false, weak: false };
      // min(agent_class), as the recompute takes it
      if (evidence.some((e) => e.agentClass < row.agentClass)) row.agentClass = evidence.map((e) => e.agentClass).sort()[0]!;
      row.commits += strong && !commit.isMerge ? 1 : 0;
      row.viaCommit ||= strong;
      row.weak ||= evidence.some((e) => e.strength === "weak");
      agents.set(agent, row);
    }
  }
  const agentCommits = counted.filter((c) => c.evidence.some((e) => e.strength === "strong" && e.agentClass === "coding-agent")).length;
  return { repoId, month, commits: counted.length, agentCommits, agents: [...agents.values()] };
}

const monthOf = (column: string) => sql.raw(`date_trunc('month', ${column} AT TIME ZONE 'UTC')::date`);
const monthEnd = sql.raw(`((a.month + interval '1 month') AT TIME ZONE 'UTC')`);
const inRange = (column: string) => sql.raw(`${column} >= (t.lo::timestamp AT TIME ZONE 'UTC') AND ${column} < (t.hi::timestamp AT TIME ZONE 'UTC')`);

const rmaColumns = sql.raw("repo_id, month, agent, agent_class, is_public, commits, via_commit, via_pr, via_config, weak");
const rmColumns = sql.raw(`repo_id, month, is_public, commits, agent_commits,
  coding_commit, coding_pr, coding_config, coding_upper, assistant_commit, assistant_pr, assistant_config, assistant_upper`);

/**
 * CTEs computing, from the facts, the derived rows of the ranges in a `t(repo_id, lo, hi)` CTE:
 * `new_rma` (repo_month_agents rows) and `fact_totals` (each active month's commit counts).
 */
function rowsFromFacts(): SQL {
  return sql`
    active AS (
      SELECT c.repo_id, ${monthOf("c.committed_at")} AS month, count(*)::int AS commits
      FROM t JOIN commits c ON c.repo_id = t.repo_id AND ${inRange("c.committed_at")}
      WHERE NOT c.is_merge GROUP BY 1, 2
    ), signals AS (
      -- Merge commits' own evidence counts for the month; only non-merge commits are counted.
      SELECT c.repo_id, ${monthOf("c.committed_at")} AS month, e.agent, e.agent_class, 'commit' AS channel, e.strength,
             CASE WHEN e.strength = 'strong' AND NOT c.is_merge THEN c.sha END AS strong_sha
      FROM t JOIN commits c ON c.repo_id = t.repo_id AND ${inRange("c.committed_at")}
        JOIN commit_evidence e ON e.repo_id = c.repo_id AND e.sha = c.sha
      UNION ALL
      SELECT p.repo_id, ${monthOf("p.created_at")}, e.agent, e.agent_class, 'pr', e.strength, NULL
      FROM t JOIN pull_requests p ON p.repo_id = t.repo_id AND ${inRange("p.created_at")}
        JOIN pull_request_evidence e ON e.repo_id = p.repo_id AND e.number = p.number
      UNION ALL
      SELECT a.repo_id, a.month, f.agent, f.agent_class, 'config', f.strength, NULL
      FROM active a JOIN config_files f ON f.repo_id = a.repo_id
        AND coalesce(f.added_at, f.first_seen_at) < ${monthEnd} AND (f.removed_at IS NULL OR f.removed_at >= ${monthEnd})
    ), new_rma AS (
      SELECT s.repo_id, s.month, s.agent, min(s.agent_class) AS agent_class, r.visibility = 'public' AS is_public,
        count(DISTINCT s.strong_sha)::int AS commits,
        bool_or(s.channel = 'commit' AND s.strength = 'strong') AS via_commit,
        bool_or(s.channel = 'pr' AND s.strength = 'strong') AS via_pr,
        bool_or(s.channel = 'config' AND s.strength = 'strong') AS via_config,
        bool_or(s.strength = 'weak') AS weak
      FROM signals s JOIN active a ON a.repo_id = s.repo_id AND a.month = s.month JOIN repositories r ON r.id = s.repo_id
      GROUP BY s.repo_id, s.month, s.agent, r.visibility
    ), agent_commits AS (
      SELECT c.repo_id, ${monthOf("c.committed_at")} AS month, count(DISTINCT c.sha)::int AS n
      FROM t JOIN commits c ON c.repo_id = t.repo_id AND ${inRange("c.committed_at")}
        JOIN commit_evidence e ON e.repo_id = c.repo_id AND e.sha = c.sha
      WHERE NOT c.is_merge AND e.strength = 'strong' AND e.agent_class = 'coding-agent'
      GROUP BY 1, 2
    ), fact_totals AS (
      SELECT a.repo_id, a.month, a.commits, coalesce(ac.n, 0) AS agent_commits
      FROM active a LEFT JOIN agent_commits ac ON ac.repo_id = a.repo_id AND ac.month = a.month
    )`;
}

/** repo_months rows from per-month commit counts (`totals`) and that month's agent rows (`agents`). */
function repoMonthsFrom(totals: string, agents: string): SQL {
  return sql.raw(`
    SELECT m.repo_id, m.month, r.visibility = 'public' AS is_public, m.commits, m.agent_commits,
      coalesce(bool_or(g.agent_class = 'coding-agent' AND g.via_commit), false) AS coding_commit,
      coalesce(bool_or(g.agent_class = 'coding-agent' AND g.via_pr), false) AS coding_pr,
      coalesce(bool_or(g.agent_class = 'coding-agent' AND g.via_config), false) AS coding_config,
      coalesce(bool_or(g.agent_class = 'coding-agent'), false) AS coding_upper,
      coalesce(bool_or(g.agent_class = 'review-assistant' AND g.via_commit), false) AS assistant_commit,
      coalesce(bool_or(g.agent_class = 'review-assistant' AND g.via_pr), false) AS assistant_pr,
      coalesce(bool_or(g.agent_class = 'review-assistant' AND g.via_config), false) AS assistant_config,
      coalesce(bool_or(g.agent_class = 'review-assistant'), false) AS assistant_upper
    FROM ${totals} m JOIN repositories r ON r.id = m.repo_id
    LEFT JOIN ${agents} g ON g.repo_id = m.repo_id AND g.month = m.month
    GROUP BY m.repo_id, m.month, r.visibility, m.commits, m.agent_commits`);
}

/**
 * The requested months split in three: `t`, recomputed from the facts; `growing`, additions to
 * a month that is already active (one that is not yet active is recomputed: it is new, so small);
 * and `frozen`, the part of a range before the repository's compaction watermark,
 * whose commits are gone: its stored rows stay as they are (only is_public follows the
 * repository), and additions to it are dropped. `touched` is all three, as ranges.
 */
function requestedMonths(ranges: readonly MonthRange[], additions: readonly MonthAddition[]): SQL {
  const all = [...ranges.map((r) => ({ ...r, additive: false })), ...additions.map((a) => ({ repoId: a.repoId, from: a.month, to: null, additive: true }))];
  return sql`requested AS (
      SELECT u.repo_id, coalesce(u.lo, '-infinity'::date) AS lo, coalesce(u.hi, 'infinity'::date) AS hi, u.additive,
        coalesce((SELECT r.compacted_before FROM repositories r WHERE r.id = u.repo_id), '-infinity'::date) AS frozen_before
      FROM unnest(${arrayParam(all.map((r) => r.repoId))}::int[], ${arrayParam(all.map((r) => r.from))}::date[],
        ${arrayParam(all.map((r) => r.to))}::date[], ${arrayParam(all.map((r) => r.additive))}::boolean[]) AS u(repo_id, lo, hi, additive)
    ), growing AS (
      SELECT x.repo_id, x.lo AS month FROM requested x
      WHERE x.additive AND x.lo >= x.frozen_before AND EXISTS (SELECT 1 FROM repo_months rm WHERE rm.repo_id = x.repo_id AND rm.month = x.lo)
    ), t AS (
      SELECT x.repo_id, greatest(x.lo, x.frozen_before) AS lo,
        CASE WHEN x.additive THEN (x.lo + interval '1 month')::date ELSE x.hi END AS hi
      FROM requested x WHERE (NOT x.additive OR x.lo >= x.frozen_before) AND greatest(x.lo, x.frozen_before) < x.hi
        AND NOT EXISTS (SELECT 1 FROM growing g WHERE g.repo_id = x.repo_id AND g.month = x.lo AND x.additive)
    ), frozen AS (
      SELECT x.repo_id, x.lo, least(x.hi, x.frozen_before) AS hi FROM requested x WHERE NOT x.additive AND x.lo < x.frozen_before
    ), touched AS (
      SELECT repo_id, lo, hi FROM t UNION ALL SELECT repo_id, month, (month + interval '1 month')::date FROM growing
      UNION ALL SELECT repo_id, lo, hi FROM frozen
    )`;
}

/** The stored rows of the frozen months, is_public following the repository (a visibility change still moves them). */
function frozenRows(): SQL {
  return sql`
    frozen_rma AS (
      SELECT g.repo_id, g.month, g.agent, g.agent_class, r.visibility = 'public' AS is_public, g.commits, g.via_commit, g.via_pr, g.via_config, g.weak
      FROM frozen f JOIN repo_month_agents g ON g.repo_id = f.repo_id AND g.month >= f.lo AND g.month < f.hi JOIN repositories r ON r.id = g.repo_id
    ), frozen_totals AS (
      SELECT rm.repo_id, rm.month, rm.commits, rm.agent_commits FROM frozen f JOIN repo_months rm ON rm.repo_id = f.repo_id AND rm.month >= f.lo AND rm.month < f.hi
    )`;
}

/** The rows of the growing months: the stored ones plus the added commits' share. */
function grownRows(additions: readonly MonthAddition[]): SQL {
  const agents = additions.flatMap((a) => a.agents.map((agent) => ({ repoId: a.repoId, month: a.month, ...agent })));
  return sql`
    added_agents AS (
      SELECT n.* FROM unnest(${arrayParam(agents.map((a) => a.repoId))}::int[], ${arrayParam(agents.map((a) => a.month))}::date[],
        ${arrayParam(agents.map((a) => a.agent))}::text[], ${arrayParam(agents.map((a) => a.agentClass))}::text[],
        ${arrayParam(agents.map((a) => a.commits))}::int[], ${arrayParam(agents.map((a) => a.viaCommit))}::boolean[],
        ${arrayParam(agents.map((a) => a.weak))}::boolean[]) AS n(repo_id, month, agent, agent_class, commits, via_commit, weak)
      JOIN growing g ON g.repo_id = n.repo_id AND g.month = n.month
    ), grown_rma AS (
      SELECT coalesce(o.repo_id, n.repo_id) AS repo_id, coalesce(o.month, n.month) AS month, coalesce(o.agent, n.agent) AS agent,
        least(o.agent_class, n.agent_class) AS agent_class, r.visibility = 'public' AS is_public,
        coalesce(o.commits, 0) + coalesce(n.commits, 0) AS commits,
        coalesce(o.via_commit, false) OR coalesce(n.via_commit, false) AS via_commit,
        coalesce(o.via_pr, false) AS via_pr, coalesce(o.via_config, false) AS via_config,
        coalesce(o.weak, false) OR coalesce(n.weak, false) AS weak
      FROM (SELECT g.* FROM growing x JOIN repo_month_agents g ON g.repo_id = x.repo_id AND g.month = x.month) o
        FULL JOIN added_agents n ON n.repo_id = o.repo_id AND n.month = o.month AND n.agent = o.agent
        JOIN repositories r ON r.id = coalesce(o.repo_id, n.repo_id)
    ), grown_totals AS (
      SELECT o.repo_id, o.month, o.commits + c.commits AS commits, o.agent_commits + c.agent_commits AS agent_commits
      FROM unnest(${arrayParam(additions.map((a) => a.repoId))}::int[], ${arrayParam(additions.map((a) => a.month))}::date[],
        ${arrayParam(additions.map((a) => a.commits))}::int[], ${arrayParam(additions.map((a) => a.agentCommits))}::int[]) AS c(repo_id, month, commits, agent_commits)
      JOIN growing g ON g.repo_id = c.repo_id AND g.month = c.month
      JOIN repo_months o ON o.repo_id = c.repo_id AND o.month = c.month
    )`;
}

const rmaValues = ["agent_class", "is_public", "commits", "via_commit", "via_pr", "via_config", "weak"];
const rmValues = ["is_public", "commits", "agent_commits", "coding_commit", "coding_pr", "coding_config", "coding_upper",
  "assistant_commit", "assistant_pr", "assistant_config", "assistant_upper"];
const setExcluded = (table: string, columns: string[]) =>
  sql.raw(`${columns.map((c) => `${c} = excluded.${c}`).join(", ")}
    WHERE (${columns.map((c) => `${table}.${c}`).join(", ")}) IS DISTINCT FROM (${columns.map((c) => `excluded.${c}`).join(", ")})`);

/**
 * Brings the derived rows of the given months in line with the facts, and moves the scope
 * counters by exactly the difference, in ONE statement: rows that did not change are not
 * written, and months outside the request (which the caller's facts did not touch) are not read.
 * `ranges` are recomputed from the facts; `additions` grow their month's stored rows. No two may
 * overlap (a repository's whole history, or distinct months of it). Months a compaction froze are
 * never recomputed: their commits are gone, and a recompute would shrink them. Counter rows are
 * upserted in key order so concurrent writers lock them in the same order.
 */
export async function refreshMonths(tx: Executor, ranges: readonly MonthRange[], additions: readonly MonthAddition[] = []): Promise<void> {
  if (ranges.length === 0 && additions.length === 0) return;
  const inTouched = (alias: string) => sql.raw(`${alias}.repo_id = t.repo_id AND ${alias}.month >= t.lo AND ${alias}.month < t.hi`);
  await executePrepared(tx, "store_refresh_months", sql`
    WITH ${requestedMonths(ranges, additions)}, ${rowsFromFacts()}, ${grownRows(additions)}, ${frozenRows()},
    next_rma AS (SELECT ${rmaColumns} FROM new_rma UNION ALL SELECT ${rmaColumns} FROM grown_rma UNION ALL SELECT ${rmaColumns} FROM frozen_rma),
    next_totals AS (SELECT * FROM fact_totals UNION ALL SELECT * FROM grown_totals UNION ALL SELECT * FROM frozen_totals),
    next_rm AS (${repoMonthsFrom("next_totals", "next_rma")}),
    old_rma AS (SELECT g.* FROM touched t JOIN repo_month_agents g ON ${inTouched("g")}),
    old_rm AS (SELECT rm.* FROM touched t JOIN repo_months rm ON ${inTouched("rm")}),
    drop_rma AS (
      DELETE FROM repo_month_agents g USING touched t WHERE ${inTouched("g")}
        AND NOT EXISTS (SELECT 1 FROM next_rma n WHERE n.repo_id = g.repo_id AND n.month = g.month AND n.agent = g.agent)
    ), put_rma AS (
      INSERT INTO repo_month_agents (${rmaColumns}) SELECT ${rmaColumns} FROM next_rma
      ON CONFLICT (repo_id, month, agent) DO UPDATE SET ${setExcluded("repo_month_agents", rmaValues)}
    ), drop_rm AS (
      DELETE FROM repo_months rm USING touched t WHERE ${inTouched("rm")}
        AND NOT EXISTS (SELECT 1 FROM next_rm n WHERE n.repo_id = rm.repo_id AND n.month = rm.month)
    ), put_rm AS (
      INSERT INTO repo_months (${rmColumns}) SELECT ${rmColumns} FROM next_rm
      ON CONFLICT (repo_id, month) DO UPDATE SET ${setExcluded("repo_months", rmValues)}
    ), month_delta AS (
      SELECT ${monthCountKey}, ${monthCountAggregates("rm.sign")}
      FROM (SELECT 1 AS sign, ${rmColumns} FROM next_rm UNION ALL SELECT -1, ${rmColumns} FROM old_rm) rm ${scopesOf("rm")}
      GROUP BY 1, 2, 3
    ), put_month_counts AS (
      INSERT INTO month_counts (scope, month, shard, ${sql.raw(monthCountColumns.join(", "))})
      SELECT scope, month::date, shard, ${sql.raw(monthCountColumns.join(", "))} FROM month_delta
      WHERE ${sql.raw(monthCountColumns.map((c) => `${c} <> 0`).join(" OR "))}
      ORDER BY scope, month, shard
      ON CONFLICT (scope, month, shard) DO UPDATE SET
        ${sql.raw(monthCountColumns.map((c) => `${c} = month_counts.${c} + excluded.${c}`).join(", "))}
    ), agent_delta AS (
      SELECT ${agentCountKey}, min(g.agent_class) AS agent_class, sum(g.sign)::int AS repos
      FROM (SELECT 1 AS sign, ${rmaColumns} FROM next_rma UNION ALL SELECT -1, ${rmaColumns} FROM old_rma) g ${scopesOf("g")}
      WHERE ${agentCountFilter}
      GROUP BY 1, 2, 3, 4
    ), put_agent_counts AS (
      INSERT INTO month_agent_counts (scope, month, shard, agent, agent_class, repos)
      SELECT scope, month::date, shard, agent, agent_class, repos FROM agent_delta WHERE repos <> 0
      ORDER BY scope, month, shard, agent
      ON CONFLICT (scope, month, shard, agent) DO UPDATE SET repos = month_agent_counts.repos + excluded.repos,
        agent_class = excluded.agent_class
    )
    SELECT 1`);
}

const monthStartOf = (date: Date) => `${date.toISOString().slice(0, 7)}-01`;

function nextMonthStart(month: string): string {
  const date = new Date(`${month}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return monthStartOf(date);
}

/**
 * The months of one repository that observed commits changed (none for a redelivery), for
 * refreshMonths: a month that only gained new commits grows by them (an addition); one where a
 * stored commit changed, or that a commit moved out of, is recomputed from the facts.
 */
export function touchedMonths(repoId: number, commits: readonly ObservedCommit[], changes: CommitChanges, classOf: AgentClassifier): { ranges: MonthRange[]; additions: MonthAddition[] } {
  const added = new Map<string, ObservedCommit[]>();
  const recomputed = new Set<string>();
  for (const commit of commits) {
    const key = commitKey(repoId, commit.sha);
    if (!changes.changed.has(key)) continue;
    const month = monthStartOf(commit.committedAt);
    if (!changes.inserted.has(key)) recomputed.add(month);
    else added.set(month, [...(added.get(month) ?? []), commit]);
    const before = changes.movedFrom.get(key);
    if (before) recomputed.add(monthStartOf(before));
  }
  const ranges: MonthRange[] = [...recomputed].map((month) => ({ repoId, from: month, to: nextMonthStart(month) }));
  const additions: MonthAddition[] = [...added]
    .filter(([month]) => !recomputed.has(month))
    .map(([month, monthCommits]) =>
      monthAddition(
        repoId,
        month,
        dedupeBy(monthCommits, (c) => c.sha).map((c) => ({ ...c, evidence: evidenceRows(c.evidence, classOf) })),
      ),
    );
  return { ranges, additions };
}
