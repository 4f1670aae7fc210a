// The sources' writes. Each is one transaction that records facts with set semantics and then
// recomputes the touched repository's derived months, so replaying any of them changes nothing.
// Pushes, the hot path, are written in groups (push-group-commit.ts, push-writes.ts).

import { sql } from "drizzle-orm";
import type {
  Database,
  ObservedPullRequest,
  PushRecord,
  PushResult,
  RepositoryFacts,
  RepositoryRef,
  ScanFailure,
  ScanRecord,
  Tracking,
} from "./api.js";
import { recomputeRepositoryMonths } from "./aggregates.js";
import { withCounters } from "./counters.js";
import {
  dropCommitsMissingFromWindow,
  markConfigFilesMissingAsRemoved,
  markConfigFilesPresent,
  upsertCommits,
  upsertPullRequests,
} from "./facts.js";
import { linkTracking, repositoryIdFor, setStatus, upsertRepository } from "./repositories.js";
import { recordPushGrouped } from "./push-group-commit.js";
import { inTransaction, isoOrNull, type Executor } from "./sql.js";

export async function recordScanImpl(database: Database, scan: ScanRecord): Promise<{ repoId: number }> {
  return inTransaction(database, async (tx) => {
    const repoId = await upsertRepository(tx, scan.repo);
    await withCounters(tx, [repoId], async () => {
      await linkTracking(tx, repoId, scan.tracking);
      await setStatus(tx, repoId, "active");
      if (scan.mode === "window") {
        await dropCommitsMissingFromWindow(tx, repoId, scan.window, scan.commits.map((c) => c.sha));
      }
      await upsertCommits(tx, [{ repoId, commits: scan.commits }], database.classOf);
      await upsertPullRequests(tx, repoId, scan.pullRequests, database.classOf);
      if (scan.configFiles) {
        await markConfigFilesPresent(tx, repoId, scan.configFiles, scan.finishedAt, database.classOf);
        await markConfigFilesMissingAsRemoved(tx, repoId, scan.configFiles, scan.finishedAt);
      }
      await advanceScanCursor(tx, repoId, scan);
      await insertScanRow(tx, repoId, scan);
      await recomputeRepositoryMonths(tx, repoId);
    });
    return { repoId };
  });
}

/** The cursor only moves forward in time: replaying an older scan leaves a newer cursor alone. */
async function advanceScanCursor(tx: Executor, repoId: number, scan: ScanRecord): Promise<void> {
  const finished = scan.finishedAt.toISOString();
  await tx.execute(sql`
    UPDATE repositories SET
      head = CASE WHEN scanned_at IS NULL OR scanned_at <= ${finished}::timestamptz THEN ${scan.head} ELSE head END,
      scanned_at = greatest(scanned_at, ${finished}::timestamptz),
      covered_since = least(covered_since, ${scan.window.since.toISOString()}::timestamptz),
      needs_rescan = CASE WHEN ${scan.mode === "window"} THEN false ELSE needs_rescan END
    WHERE id = ${repoId}`);
}

async function insertScanRow(tx: Executor, repoId: number, scan: ScanRecord): Promise<void> {
  const agentCommits = scan.commits.filter((c) => !c.isMerge && c.evidence.some((e) => e.strength === "strong")).length;
  await tx.execute(sql`
    INSERT INTO scans (repo_id, started_at, finished_at, mode, since, until, head, commits, agent_commits, pull_requests,
      config_files, graphql_points, http_requests, outcome)
    VALUES (${repoId}, ${scan.startedAt.toISOString()}::timestamptz, ${scan.finishedAt.toISOString()}::timestamptz, ${scan.mode},
      ${scan.window.since.toISOString()}::timestamptz, ${isoOrNull(scan.window.until)}::timestamptz, ${scan.head},
      ${scan.commits.length}, ${agentCommits}, ${scan.pullRequests.length}, ${scan.configFiles?.length ?? null},
      ${scan.cost.graphqlPoints}, ${scan.cost.httpRequests}, 'ok')`);
}

/** Pushes are written in groups (see push-group-commit.ts): this settles once its group committed. */
export async function recordPushImpl(database: Database, push: PushRecord): Promise<PushResult> {
  return recordPushGrouped(database, push);
}

export async function recordPullRequestsImpl(
  database: Database,
  repo: RepositoryFacts | RepositoryRef,
  pullRequests: ObservedPullRequest[],
  tracking?: Tracking,
): Promise<{ repoId: number }> {
  return inTransaction(database, async (tx) => {
    const repoId = await repositoryIdFor(tx, repo);
    await withCounters(tx, [repoId], async () => {
      await linkTracking(tx, repoId, tracking);
      await upsertPullRequests(tx, repoId, pullRequests, database.classOf);
      await recomputeRepositoryMonths(tx, repoId);
    });
    return { repoId };
  });
}

export async function recordScanFailureImpl(
  database: Database,
  repo: RepositoryFacts | RepositoryRef,
  failure: ScanFailure,
): Promise<{ repoId: number }> {
  return inTransaction(database, async (tx) => {
    const repoId = await repositoryIdFor(tx, repo);
    await withCounters(tx, [repoId], () => linkTracking(tx, repoId, failure.tracking));
    if (failure.status !== "error") await setStatus(tx, repoId, failure.status);
    const finished = failure.finishedAt ?? new Date();
    const started = failure.startedAt ?? finished;
    await tx.execute(sql`
      INSERT INTO scans (repo_id, started_at, finished_at, mode, graphql_points, http_requests, outcome, error)
      VALUES (${repoId}, ${started.toISOString()}::timestamptz, ${finished.toISOString()}::timestamptz, 'failure',
        ${failure.cost.graphqlPoints}, ${failure.cost.httpRequests}, ${failure.status}, ${failure.message.slice(0, 2000)})`);
    return { repoId };
  });
}
