// Commits and their evidence: only the sha, committer date, merge flag and the detector's evidence
// (agent, kind, strength, the matched marker) are kept; never a message or an email. Writes have
// set semantics (upsert by sha, a commit's evidence replaced by the observed set), so applying
// one twice changes nothing.

import { sql } from "drizzle-orm";
import type { AgentClassifier, Evidence, ObservedCommit } from "./types.js";
import { arrayParam, executePrepared, isoOrNull, type Executor } from "./sql.js";

export const maxMatchedLength = 200;

export function dedupeBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()];
}

/** Evidence rows for one owner (a commit sha or a PR number), one per (agent, kind). */
export function evidenceRows(evidence: readonly Evidence[], classOf: AgentClassifier) {
  return dedupeBy(evidence, (e) => `${e.agent}\u0000${e.kind}`).map((e) => ({
    agent: e.agent,
    agentClass: classOf(e.agent),
    kind: e.kind,
    strength: e.strength,
    matched: e.matched.slice(0, maxMatchedLength),
    signal: e.signal ?? null,
  }));
}

/** Commits observed in one repository (a scan, or one push of a group). */
export interface RepositoryCommits {
  repoId: number;
  commits: readonly ObservedCommit[];
}

/** What upsertCommits found ("repoId:sha" keys). */
export interface CommitChanges {
  /** Commits inserted, changed, or whose evidence changed. */
  changed: Set<string>;
  /** Of those, the commits that were not stored before (new to the repository). */
  inserted: Set<string>;
  /** Stored commits whose committer date changed → the date stored before (its month changes too). */
  movedFrom: Map<string, Date>;
  /** Of the shas asked about (`ask`), those stored before this write. */
  known: Set<string>;
}

export const commitKey = (repoId: number, sha: string) => `${repoId}:${sha}`;

/**
 * Adds or refreshes commits of several repositories and makes each one's evidence exactly the
 * observed set, in one statement. Rows already as observed are not rewritten, and the answer says
 * which commits changed (so a redelivery can skip recomputing anything), and which of the `ask`
 * shas were stored before it (a push needs to know whether its `after` was).
 */
export async function upsertCommits(
  tx: Executor,
  observed: readonly RepositoryCommits[],
  classOf: AgentClassifier,
  ask: ReadonlyArray<{ repoId: number; sha: string }> = [],
): Promise<CommitChanges> {
  const commits = observed.flatMap(({ repoId, commits }) => dedupeBy(commits, (c) => c.sha).map((c) => ({ repoId, ...c })));
  const changes: CommitChanges = { changed: new Set(), inserted: new Set(), movedFrom: new Map(), known: new Set() };
  if (commits.length === 0 && ask.length === 0) return changes;
  const evidence = commits.flatMap((c) => evidenceRows(c.evidence, classOf).map((e) => ({ repoId: c.repoId, sha: c.sha, ...e })));
  const rows = await executePrepared<{ what: "known" | "existing" | "changed"; repo_id: number; sha: string; moved_from: string | Date | null }>(
    tx,
    "store_upsert_commits",
    sql`
    WITH compacted AS (
      SELECT r.id, (r.compacted_before::timestamp AT TIME ZONE 'UTC') AS before FROM repositories r
      WHERE r.id = ANY(${arrayParam([...new Set(commits.map((c) => c.repoId))])}::int[]) AND r.compacted_before IS NOT NULL
    ), input AS (
      -- Commits dated in a compacted month are not stored again: that month's rows are final, and
      -- a commit counted there before the compaction would otherwise be counted twice.
      SELECT i.* FROM unnest(${arrayParam(commits.map((c) => c.repoId))}::int[], ${arrayParam(commits.map((c) => c.sha))}::text[],
        ${arrayParam(commits.map((c) => c.committedAt.toISOString()))}::timestamptz[], ${arrayParam(commits.map((c) => c.isMerge))}::boolean[])
        AS i(repo_id, sha, committed_at, is_merge)
      WHERE NOT EXISTS (SELECT 1 FROM compacted k WHERE k.id = i.repo_id AND i.committed_at < k.before)
    ), known AS (
      -- LATERAL lookups (LIMIT/OFFSET keep the planner from turning them into a join that scans the
      -- table): each input row probes the primary key, however large the table has grown.
      SELECT a.repo_id, a.sha
      FROM unnest(${arrayParam(ask.map((a) => a.repoId))}::int[], ${arrayParam(ask.map((a) => a.sha))}::text[]) AS a(repo_id, sha)
      CROSS JOIN LATERAL (SELECT 1 FROM commits c WHERE c.repo_id = a.repo_id AND c.sha = a.sha LIMIT 1) AS found
    ), existing AS (
      SELECT i.repo_id, i.sha, i.committed_at, stored.committed_at AS stored_at FROM input i
      CROSS JOIN LATERAL (SELECT c.committed_at FROM commits c WHERE c.repo_id = i.repo_id AND c.sha = i.sha LIMIT 1) AS stored
    ), put_commits AS (
      INSERT INTO commits (repo_id, sha, committed_at, is_merge) SELECT repo_id, sha, committed_at, is_merge FROM input
      ON CONFLICT (repo_id, sha) DO UPDATE SET committed_at = excluded.committed_at, is_merge = excluded.is_merge
        WHERE (commits.committed_at, commits.is_merge) IS DISTINCT FROM (excluded.committed_at, excluded.is_merge)
      RETURNING repo_id, sha, xmax = 0 AS inserted
    ), ev AS (
      SELECT e.* FROM unnest(${arrayParam(evidence.map((e) => e.repoId))}::int[], ${arrayParam(evidence.map((e) => e.sha))}::text[],
        ${arrayParam(evidence.map((e) => e.agent))}::text[], ${arrayParam(evidence.map((e) => e.agentClass))}::text[],
        ${arrayParam(evidence.map((e) => e.kind))}::text[], ${arrayParam(evidence.map((e) => e.strength))}::text[],
        ${arrayParam(evidence.map((e) => e.matched))}::text[], ${arrayParam(evidence.map((e) => e.signal))}::text[])
        AS e(repo_id, sha, agent, agent_class, kind, strength, matched, signal)
      WHERE EXISTS (SELECT 1 FROM input i WHERE i.repo_id = e.repo_id AND i.sha = e.sha)
    ), drop_evidence AS (
      -- Only commits stored before can carry evidence no longer observed; their rows are found by
      -- key and deleted by row id (a join here would scan the whole table).
      DELETE FROM commit_evidence d WHERE d.ctid = ANY (ARRAY(
        SELECT old.ctid FROM existing i
        CROSS JOIN LATERAL (SELECT e.ctid, e.agent, e.kind FROM commit_evidence e WHERE e.repo_id = i.repo_id AND e.sha = i.sha OFFSET 0) AS old
        WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.repo_id = i.repo_id AND ev.sha = i.sha AND ev.agent = old.agent AND ev.kind = old.kind)))
      RETURNING d.repo_id, d.sha
    ), put_evidence AS (
      INSERT INTO commit_evidence (repo_id, sha, agent, agent_class, kind, strength, matched, signal)
      SELECT repo_id, sha, agent, agent_class, kind, strength, matched, signal FROM ev
      ON CONFLICT (repo_id, sha, agent, kind) DO UPDATE SET agent_class = excluded.agent_class, strength = excluded.strength, matched = excluded.matched,
          signal = coalesce(excluded.signal, commit_evidence.signal)
        WHERE (commit_evidence.agent_class, commit_evidence.strength, commit_evidence.matched, commit_evidence.signal)
          IS DISTINCT FROM (excluded.agent_class, excluded.strength, excluded.matched, coalesce(excluded.signal, commit_evidence.signal))
      RETURNING repo_id, sha
    )
    -- Only stored commits are reported (a new push's commits are all new: nothing to send back).
    SELECT 'known' AS what, repo_id, sha, NULL::timestamptz AS moved_from FROM known
    UNION ALL SELECT 'existing', repo_id, sha, CASE WHEN stored_at <> committed_at THEN stored_at END FROM existing
    UNION ALL SELECT 'changed', repo_id, sha, NULL FROM put_commits WHERE NOT inserted
    UNION ALL SELECT 'changed', repo_id, sha, NULL FROM drop_evidence
    UNION ALL SELECT 'changed', p.repo_id, p.sha, NULL FROM put_evidence p
      WHERE EXISTS (SELECT 1 FROM existing e WHERE e.repo_id = p.repo_id AND e.sha = p.sha)`,
  );
  const existing = new Set<string>();
  for (const row of rows) {
    const key = commitKey(Number(row.repo_id), row.sha);
    if (row.what === "known") changes.known.add(key);
    else if (row.what === "changed") changes.changed.add(key);
    else {
      existing.add(key);
      if (row.moved_from !== null) changes.movedFrom.set(key, new Date(row.moved_from));
    }
  }
  for (const c of commits) {
    const key = commitKey(c.repoId, c.sha);
    if (existing.has(key)) continue;
    changes.inserted.add(key);
    changes.changed.add(key);
  }
  return changes;
}

/**
 * A window scan saw ALL default-branch commits in [since, until): stored ones in that window it
 * did not see are no longer on the branch (a force-push dropped them) and go.
 */
export async function dropCommitsMissingFromWindow(
  tx: Executor,
  repoId: number,
  window: { since: Date; until?: Date },
  seenShas: readonly string[],
): Promise<void> {
  const inWindow = sql`c.repo_id = ${repoId} AND c.committed_at >= ${window.since.toISOString()}::timestamptz
    AND (${isoOrNull(window.until)}::timestamptz IS NULL OR c.committed_at < ${isoOrNull(window.until)}::timestamptz)
    AND NOT (c.sha = ANY(${arrayParam(seenShas)}::text[]))`;
  await tx.execute(sql`DELETE FROM commit_evidence e USING commits c WHERE e.repo_id = c.repo_id AND e.sha = c.sha AND ${inWindow}`);
  await tx.execute(sql`DELETE FROM commits c WHERE ${inWindow}`);
}
