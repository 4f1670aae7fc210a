// Agent pull requests and their evidence, keyed by (repository, number). Only pull requests with
// evidence are kept; one observed again without evidence is removed (it is not an agent PR).

import { sql } from "drizzle-orm";
import { dedupeBy, evidenceRows } from "./commits.js";
import { arrayParam, isoOrNull, type Executor } from "./sql.js";
import type { AgentClassifier, ObservedPullRequest } from "./types.js";

/** Upserts agent pull requests by number; one observed without evidence is removed (it is not an agent PR). */
export async function upsertPullRequests(
  tx: Executor,
  repoId: number,
  pullRequests: readonly ObservedPullRequest[],
  classOf: AgentClassifier,
): Promise<void> {
  const unique = dedupeBy(pullRequests, (pr) => String(pr.number));
  if (unique.length === 0) return;
  const numbers = arrayParam(unique.map((pr) => pr.number));
  await tx.execute(sql`DELETE FROM pull_request_evidence WHERE repo_id = ${repoId} AND number = ANY(${numbers}::int[])`);
  const withEvidence = unique.filter((pr) => pr.evidence.length > 0);
  const without = unique.filter((pr) => pr.evidence.length === 0).map((pr) => pr.number);
  if (without.length > 0) {
    await tx.execute(sql`DELETE FROM pull_requests WHERE repo_id = ${repoId} AND number = ANY(${arrayParam(without)}::int[])`);
  }
  if (withEvidence.length === 0) return;
  await tx.execute(sql`
    INSERT INTO pull_requests (repo_id, number, created_at, merged_at, state, head_ref, author_login)
    SELECT ${repoId}, * FROM unnest(${arrayParam(withEvidence.map((pr) => pr.number))}::int[],
      ${arrayParam(withEvidence.map((pr) => pr.createdAt.toISOString()))}::timestamptz[],
      ${arrayParam(withEvidence.map((pr) => isoOrNull(pr.mergedAt)))}::timestamptz[],
      ${arrayParam(withEvidence.map((pr) => pr.state))}::text[], ${arrayParam(withEvidence.map((pr) => pr.headRef))}::text[],
      ${arrayParam(withEvidence.map((pr) => pr.authorLogin))}::text[])
    ON CONFLICT (repo_id, number) DO UPDATE SET created_at = excluded.created_at, merged_at = excluded.merged_at,
      state = excluded.state, head_ref = excluded.head_ref, author_login = excluded.author_login`);
  const rows = withEvidence.flatMap((pr) => evidenceRows(pr.evidence, classOf).map((e) => ({ number: pr.number, ...e })));
  await tx.execute(sql`
    INSERT INTO pull_request_evidence (repo_id, number, agent, agent_class, kind, strength, matched, signal)
    SELECT ${repoId}, * FROM unnest(${arrayParam(rows.map((r) => r.number))}::int[], ${arrayParam(rows.map((r) => r.agent))}::text[],
      ${arrayParam(rows.map((r) => r.agentClass))}::text[], ${arrayParam(rows.map((r) => r.kind))}::text[],
      ${arrayParam(rows.map((r) => r.strength))}::text[], ${arrayParam(rows.map((r) => r.matched))}::text[],
      ${arrayParam(rows.map((r) => r.signal))}::text[])`);
}
