// Pushes written straight into the facts, in groups (group-commit.ts): the pushes waiting at one
// moment are recorded in one transaction with the set-based writes of push-writes.ts. The push
// inbox's applier (push-inbox.ts) and recordPush use this path.

import type { Database, PushRecord, PushResult } from "./api.js";
import { groupCommitFor, type GroupCommit, type GroupCommitStats } from "./group-commit.js";
import { recordPushesInTransaction } from "./push-writes.js";
import { inTransaction } from "./sql.js";

export type { GroupCommitStats } from "./group-commit.js";

const groupCommits = new WeakMap<Database, GroupCommit<PushRecord, PushResult>>();

function groupCommitOf(database: Database): GroupCommit<PushRecord, PushResult> {
  return groupCommitFor(groupCommits, database, (pushes) => inTransaction(database, (tx) => recordPushesInTransaction(tx, database, pushes)));
}

/** Records a push with the others waiting at the same moment; settles once its group committed. */
export function recordPushGrouped(database: Database, push: PushRecord): Promise<PushResult> {
  return groupCommitOf(database).record(push);
}

/** How the pushes of this database were grouped so far (tests and the benchmark report it). */
export function groupCommitStats(database: Database): GroupCommitStats {
  return { ...groupCommitOf(database).stats };
}
