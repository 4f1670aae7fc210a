// What a scan of a source writes: a completed scan of one repository (its facts, the scan row and
// the cursor the next scan starts from), a failed one, and pull requests seen on their own (the
// pull request webhook). Each is one transaction through the shared write of facts (facts.ts), so
// replaying any of them changes nothing.

import { sql } from "drizzle-orm";
import { withCounters } from "./counters.js";
import { writeFacts } from "./facts.js";
import { linkTracking, repositoryIdFor, setStatus, upsertRepository } from "./repositories.js";
import { inTransaction, isoOrNull, type Executor } from "./sql.js";
import type { Database, ObservedPullRequest, RepositoryFacts, RepositoryRef, ScanFailure, ScanRecord, Tracking } from "./types.js";

/** Links the repository to an installation or cohort; a new cohort member moves that cohort's counters. */
async function track(tx: Executor, repoId: number, tracking: Tracking | undefined): Promise<void> {
  if (tracking?.cohort !== undefined) await withCounters(tx, [repoId], () => linkTracking(tx, repoId, tracking));
  else await linkTracking(tx, repoId, tracking);
}

/** Records a completed scan in one transaction; recording it again changes nothing. */
export async function recordScan(database: Database, scan: ScanRecord): Promise<{ repoId: number }> {
  return inTransaction(database, async (tx) => {
    const repoId = await upsertRepository(tx, scan.repo);
    await track(tx, repoId, scan.tracking);
    await setStatus(tx, repoId, "active");
    await writeFacts(tx, database.classOf, [
      {
        repoId,
        commits: scan.commits,
        ...(scan.mode === "window" ? { completeWindow: scan.window } : {}),
        pullRequests: scan.pullRequests,
        ...(scan.configFiles ? { configPresent: { files: scan.configFiles, seenAt: scan.finishedAt, complete: true } } : {}),
        // The facts may have changed the repository's visibility: every month follows.
        wholeRepository: true,
      },
    ]);
    await advanceScanCursor(tx, repoId, scan);
    await insertScanRow(tx, repoId, scan);
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

/** Upserts agent pull requests (keyed by number); each given pull request's evidence is replaced. */
export async function recordPullRequests(
  database: Database,
  repo: RepositoryFacts | RepositoryRef,
  pullRequests: ObservedPullRequest[],
  tracking?: Tracking,
): Promise<{ repoId: number }> {
  return inTransaction(database, async (tx) => {
    const repoId = await repositoryIdFor(tx, repo);
    await track(tx, repoId, tracking);
    await writeFacts(tx, database.classOf, [{ repoId, pullRequests, wholeRepository: true }]);
    return { repoId };
  });
}

/** Records a failed scan; keeps everything stored and sets the repository status unless "error". */
export async function recordScanFailure(database: Database, repo: RepositoryFacts | RepositoryRef, failure: ScanFailure): Promise<{ repoId: number }> {
  return inTransaction(database, async (tx) => {
    const repoId = await repositoryIdFor(tx, repo);
    await track(tx, repoId, failure.tracking);
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
