// Pushes: each written in its own transaction through the shared write of facts (facts.ts), with
// the repository's row locked, so it is durable (or failed, with nothing of it stored) when the
// call settles. One repository's pushes are written in the order this process was handed them;
// across processes the row lock serialises them. A push that does not continue the stored head
// (a force-push, a missed delivery) says so, and the caller queues a window rescan.
//
// acceptPush is the webhook's entry: a push the store refuses is kept as a dead letter with its
// reason (dead-letters.ts) before the error goes back to the caller, so the delivery fails alone
// and an operator can requeue it once the cause is fixed.

import { sql } from "drizzle-orm";
import { commitKey } from "./commits.js";
import { countDeadLetters, deleteDeadLetter, insertDeadLetter, loadDeadLetters, markDeadLetterFailed, repositoryKey } from "./dead-letters.js";
import { writeFacts } from "./facts.js";
import { isRepositoryFacts, linkTracking, lockRepositoryFor, upsertGithubRepositories, type LockedRepository } from "./repositories.js";
import { inTransaction, withRetries, type Executor } from "./sql.js";
import type { Database, PushRecord, PushResult, RequeueResult } from "./types.js";

/** Per database, per repository: the last write handed over, so the next one starts after it. */
const queues = new WeakMap<Database, Map<string, Promise<unknown>>>();

/** Runs `write` after every earlier write of the same repository in this process. */
function inRepositoryOrder<T>(database: Database, key: string, write: () => Promise<T>): Promise<T> {
  let byRepository = queues.get(database);
  if (!byRepository) queues.set(database, (byRepository = new Map()));
  const previous = byRepository.get(key) ?? Promise.resolve();
  const next = previous.then(write, write);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  byRepository.set(key, settled);
  void settled.then(() => {
    if (byRepository.get(key) === settled) byRepository.delete(key);
  });
  return next;
}

/**
 * Records a push (additive) in one transaction; a redelivery changes nothing. Settles once the
 * transaction committed, and rejects, with nothing of the push stored, when it could not be written.
 */
export async function recordPush(database: Database, push: PushRecord): Promise<PushResult> {
  return inRepositoryOrder(database, repositoryKey(push.repo), () => withRetries(() => inTransaction(database, (tx) => writePush(tx, database, push))));
}

/**
 * A webhook's push: recordPush, and when the store refuses it, the push is kept as a dead letter
 * with the reason (best effort: a store that cannot be written at all keeps nothing) and the
 * error is rethrown, so the delivery is answered as failed.
 */
export async function acceptPush(database: Database, push: PushRecord): Promise<PushResult> {
  try {
    return await recordPush(database, push);
  } catch (error) {
    await insertDeadLetter(database, push, error).catch(() => undefined);
    throw error;
  }
}

async function writePush(tx: Executor, database: Database, push: PushRecord): Promise<PushResult> {
  const upserted = await upsertGithubRepositories(tx, isRepositoryFacts(push.repo) ? [push.repo] : []);
  const repo = await lockRepositoryFor(tx, push.repo, upserted);
  if (push.installationId !== undefined) await linkTracking(tx, repo.id, { installationId: push.installationId });
  const configAdded = push.configAdded ?? [];
  const changes = await writeFacts(
    tx,
    database.classOf,
    [
      {
        repoId: repo.id,
        commits: push.commits,
        ...(configAdded.length > 0 ? { configPresent: { files: configAdded, seenAt: push.receivedAt ?? latestCommitDate(push) ?? new Date(), complete: false } } : {}),
        ...(push.configRemoved?.length ? { configRemoved: push.configRemoved } : {}),
        wholeRepository: repo.visibilityChanged,
      },
    ],
    [{ repoId: repo.id, sha: push.after }],
  );
  const verdict = followPush(repo, push, changes.known.has(commitKey(repo.id, push.after)));
  if (verdict.moveHead) {
    await tx.execute(sql`UPDATE repositories SET head = ${push.after}, needs_rescan = needs_rescan OR ${verdict.gap}, updated_at = now() WHERE id = ${repo.id}`);
  }
  return { repoId: repo.id, needsRescan: verdict.needsRescan };
}

function latestCommitDate(push: PushRecord): Date | undefined {
  return push.commits.reduce<Date | undefined>((latest, c) => (!latest || c.committedAt > latest ? c.committedAt : latest), undefined);
}

interface PushVerdict {
  moveHead: boolean;
  /** needs_rescan is set (or stays set) with the move. */
  gap: boolean;
  needsRescan: boolean;
}

/**
 * A push continues the stored history only when `before` is the stored head. A force-push, a
 * missed delivery or an unknown head leaves history that only a window rescan can repair.
 */
function followPush(repo: LockedRepository, push: PushRecord, afterWasKnown: boolean): PushVerdict {
  const stale = repo.needsRescan;
  if (repo.head === push.after) return { moveHead: false, gap: false, needsRescan: stale }; // a redelivery
  // An older push delivered late: its commits are already stored and the head has moved on.
  if (!push.forced && afterWasKnown && repo.head !== push.before) return { moveHead: false, gap: false, needsRescan: stale };
  const contiguous = !push.forced && repo.head !== null && repo.head === push.before;
  return { moveHead: true, gap: !contiguous, needsRescan: stale || !contiguous };
}

/** Dead letters waiting, for `agent-census pushes` and the health check. */
export async function pushStatus(database: Database): Promise<{ deadLettered: number }> {
  return { deadLettered: await countDeadLetters(database) };
}

/**
 * Writes dead letters again (all, or these ids), oldest first, after their cause was fixed: each
 * one applied is deleted; one refused again stays, with one more attempt and the new reason.
 */
export async function requeueDeadLetters(database: Database, ids?: readonly number[]): Promise<RequeueResult> {
  const result: RequeueResult = { applied: 0, failed: 0 };
  for (const { id, push } of await loadDeadLetters(database, ids)) {
    try {
      await recordPush(database, push);
      await deleteDeadLetter(database, id);
      result.applied++;
    } catch (error) {
      await markDeadLetterFailed(database, id, error);
      result.failed++;
    }
  }
  return result;
}
