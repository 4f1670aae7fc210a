// Pushes recorded as a group inside one transaction, with set-based statements: one upsert of
// every pushed repository, one of every commit and its evidence, one update of the heads that
// moved, and one statement that refreshes the derived months the pushes touched and moves the
// counters by the difference. A push to a repository already in the group waits for the next
// round of the same transaction, so each round sees the head the previous one left.

import { sql } from "drizzle-orm";
import type { Database, ObservedCommit, PushRecord, PushResult } from "./api.js";
import { monthAddition, refreshMonths, type MonthAddition, type MonthRange } from "./aggregates.js";
import { commitKey, dedupeBy, evidenceRows, markConfigFilesPresent, markConfigFilesRemoved, upsertCommits, type CommitChanges } from "./facts.js";
import { isRepositoryFacts, lockRepositoryFor, upsertGithubRepositories, type LockedRepository } from "./repositories.js";
import { arrayParam, executePrepared, type Executor } from "./sql.js";

interface ResolvedPush {
  push: PushRecord;
  repo: LockedRepository;
}

/** Records the pushes in order, in the caller's transaction; results in the same order. */
export async function recordPushesInTransaction(tx: Executor, database: Database, pushes: readonly PushRecord[]): Promise<PushResult[]> {
  const upserted = await upsertGithubRepositories(tx, pushes.flatMap((push) => (isRepositoryFacts(push.repo) ? [push.repo] : [])));
  const resolved: ResolvedPush[] = [];
  for (const push of pushes) resolved.push({ push, repo: await lockRepositoryFor(tx, push.repo, upserted) });
  await linkInstallations(tx, resolved);
  const results = new Map<ResolvedPush, PushResult>();
  for (const round of rounds(resolved)) {
    for (const [entry, needsRescan] of await recordRound(tx, database, round)) results.set(entry, { repoId: entry.repo.id, needsRescan });
  }
  return resolved.map((entry) => results.get(entry)!);
}

/** Splits the pushes so each round holds at most one push per repository, in arrival order. */
function rounds(resolved: readonly ResolvedPush[]): ResolvedPush[][] {
  const result: ResolvedPush[][] = [];
  const roundOf = new Map<number, number>();
  for (const entry of resolved) {
    const round = roundOf.get(entry.repo.id) ?? 0;
    roundOf.set(entry.repo.id, round + 1);
    (result[round] ??= []).push(entry);
  }
  return result;
}

async function linkInstallations(tx: Executor, resolved: readonly ResolvedPush[]): Promise<void> {
  const links = new Map<string, [number, number]>();
  for (const { push, repo } of resolved) {
    if (push.installationId !== undefined) links.set(`${push.installationId}:${repo.id}`, [push.installationId, repo.id]);
  }
  if (links.size === 0) return;
  const pairs = [...links.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  await executePrepared(tx, "store_link_installations", sql`
    INSERT INTO installation_repositories (installation_id, repo_id)
    SELECT * FROM unnest(${arrayParam(pairs.map((p) => p[0]))}::bigint[], ${arrayParam(pairs.map((p) => p[1]))}::int[])
    ON CONFLICT DO NOTHING`);
}

async function recordRound(tx: Executor, database: Database, round: readonly ResolvedPush[]): Promise<Map<ResolvedPush, boolean>> {
  const changes = await upsertCommits(
    tx,
    round.map(({ push, repo }) => ({ repoId: repo.id, commits: push.commits })),
    database.classOf,
    round.map(({ push, repo }) => ({ repoId: repo.id, sha: push.after })),
  );
  const ranges: MonthRange[] = [];
  const additions: MonthAddition[] = [];
  for (const { push, repo } of round) {
    const configChanged = Boolean(push.configAdded?.length || push.configRemoved?.length);
    const seenAt = push.receivedAt ?? latestCommitDate(push) ?? new Date();
    if (push.configAdded?.length) await markConfigFilesPresent(tx, repo.id, push.configAdded, seenAt, database.classOf);
    if (push.configRemoved?.length) await markConfigFilesRemoved(tx, repo.id, push.configRemoved);
    // A config file counts in every month after it was added, and a visibility change moves
    // every month between scopes: those recompute the whole repository.
    if (configChanged || repo.visibilityChanged) ranges.push({ repoId: repo.id, from: null, to: null });
    else {
      const touched = touchedMonths(repo.id, push, changes, database);
      ranges.push(...touched.ranges);
      additions.push(...touched.additions);
    }
  }
  const verdicts = new Map(round.map((entry) => [entry, followPush(entry, changes.known.has(commitKey(entry.repo.id, entry.push.after)))]));
  await moveHeads(tx, [...verdicts].filter(([, verdict]) => verdict.moveHead).map(([{ push, repo }, { gap }]) => ({ repoId: repo.id, head: push.after, gap })));
  await refreshMonths(tx, ranges, additions);
  return new Map([...verdicts].map(([entry, verdict]) => [entry, verdict.needsRescan]));
}

const monthStartOf = (date: Date) => `${date.toISOString().slice(0, 7)}-01`;

function nextMonthStart(month: string): string {
  const date = new Date(`${month}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return monthStartOf(date);
}

/**
 * The months whose derived rows this push's commits change (none for a redelivery): a month that
 * only gained new commits grows by them; one where a stored commit changed is recomputed.
 */
function touchedMonths(repoId: number, push: PushRecord, changes: CommitChanges, database: Database) {
  const added = new Map<string, ObservedCommit[]>();
  const recomputed = new Set<string>();
  for (const commit of push.commits) {
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
    .map(([month, commits]) =>
      monthAddition(
        repoId,
        month,
        dedupeBy(commits, (c) => c.sha).map((c) => ({ ...c, evidence: evidenceRows(c.evidence, database.classOf) })),
      ),
    );
  return { ranges, additions };
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
function followPush({ push, repo }: ResolvedPush, afterWasKnown: boolean): PushVerdict {
  const stale = repo.needsRescan;
  if (repo.head === push.after) return { moveHead: false, gap: false, needsRescan: stale }; // a redelivery
  // An older push delivered late: its commits are already stored and the head has moved on.
  if (!push.forced && afterWasKnown && repo.head !== push.before) return { moveHead: false, gap: false, needsRescan: stale };
  const contiguous = !push.forced && repo.head !== null && repo.head === push.before;
  // The next round (a later push to the same repository) continues from here.
  repo.head = push.after;
  repo.needsRescan = stale || !contiguous;
  return { moveHead: true, gap: !contiguous, needsRescan: stale || !contiguous };
}

async function moveHeads(tx: Executor, moves: ReadonlyArray<{ repoId: number; head: string; gap: boolean }>): Promise<void> {
  if (moves.length === 0) return;
  await executePrepared(tx, "store_move_heads", sql`
    UPDATE repositories r SET head = u.head, needs_rescan = r.needs_rescan OR u.gap, updated_at = now()
    FROM unnest(${arrayParam(moves.map((m) => m.repoId))}::int[], ${arrayParam(moves.map((m) => m.head))}::text[],
      ${arrayParam(moves.map((m) => m.gap))}::boolean[]) AS u(id, head, gap)
    WHERE r.id = u.id`);
}
