// Group commit for pushes. Webhook deliveries arrive many at a time; writing each in its own
// transaction pays the statements, the round trips and the commit (a disk flush on Postgres)
// once per push. Here the pushes that arrive while a group is being written wait together and
// are written as the next group, in ONE transaction. Each caller's promise settles only after the
// transaction that holds its push has committed, so a webhook is never answered before its push
// is durably stored.
//
// A group that fails is rolled back whole. Its pushes are then written again one by one, so a
// push the store refuses fails alone, and a failure that is everyone's (the database is gone)
// fails every push of the group: nothing is acknowledged that was not stored.

import type { Database, PushRecord, PushResult } from "./api.js";
import { recordPushesInTransaction } from "./push-writes.js";
import { inTransaction } from "./sql.js";

/** Pushes written in one transaction at most (a burst beyond it is written as several groups). */
const MAX_GROUP = 64;
/** Event-loop turns a group waits at most for more pushes (each turn only while more arrive). */
const GATHER_TURNS = 8;
/** Postgres aborts one of two transactions that wait on each other; the aborted one is retried. */
const RETRYABLE_CODES = new Set(["40P01", "40001"]);
const RETRIES = 3;

interface WaitingPush {
  push: PushRecord;
  resolve(result: PushResult): void;
  reject(error: unknown): void;
}

export interface GroupCommitStats {
  /** Transactions that committed (groups, and pushes rewritten alone after a failed group). */
  groups: number;
  pushes: number;
  /** Groups rolled back whole, whose pushes were then written one by one. */
  failedGroups: number;
}

class PushGroupCommit {
  private waiting: WaitingPush[] = [];
  private writers = 0;
  readonly stats: GroupCommitStats = { groups: 0, pushes: 0, failedGroups: 0 };

  /**
   * PGlite is one connection: its transactions run one after the other anyway. On Postgres a
   * second group is written while the first waits on its round trips and its commit's flush.
   */
  private readonly maxWriters: number;

  constructor(private readonly database: Database) {
    this.maxWriters = database.kind === "pg" ? 2 : 1;
  }

  record(push: PushRecord): Promise<PushResult> {
    return new Promise<PushResult>((resolve, reject) => {
      this.waiting.push({ push, resolve, reject });
      while (this.writers < this.maxWriters && this.waiting.length > 0) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writers++;
    try {
      while (this.waiting.length > 0) {
        await this.gather();
        await this.write(this.waiting.splice(0, MAX_GROUP));
      }
    } finally {
      this.writers--;
    }
  }

  /**
   * Lets the deliveries already being read and parsed reach the queue before a group is taken.
   * On PGlite the database works on this thread: while a group is written no request advances,
   * so without this every group would hold the one push that started it.
   */
  private async gather(): Promise<void> {
    for (let turn = 0, seen = -1; turn < GATHER_TURNS && this.waiting.length !== seen && this.waiting.length < MAX_GROUP; turn++) {
      seen = this.waiting.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async write(group: WaitingPush[]): Promise<void> {
    let results: PushResult[];
    try {
      results = await this.commit(group.map((waiting) => waiting.push));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      this.stats.failedGroups++;
      for (const waiting of group) await this.write([waiting]);
      return;
    }
    group.forEach((waiting, i) => waiting.resolve(results[i]!));
  }

  private async commit(pushes: PushRecord[]): Promise<PushResult[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await inTransaction(this.database, (tx) => recordPushesInTransaction(tx, this.database, pushes));
        this.stats.groups++;
        this.stats.pushes += pushes.length;
        return results;
      } catch (error) {
        if (attempt > RETRIES || !RETRYABLE_CODES.has(errorCode(error) ?? "")) throw error;
      }
    }
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

const groupCommits = new WeakMap<Database, PushGroupCommit>();

function groupCommitOf(database: Database): PushGroupCommit {
  let groupCommit = groupCommits.get(database);
  if (!groupCommit) groupCommits.set(database, (groupCommit = new PushGroupCommit(database)));
  return groupCommit;
}

/** Records a push with the others waiting at the same moment; settles once its group committed. */
export function recordPushGrouped(database: Database, push: PushRecord): Promise<PushResult> {
  return groupCommitOf(database).record(push);
}

/** How the pushes of this database were grouped so far (tests and the benchmark report it). */
export function groupCommitStats(database: Database): GroupCommitStats {
  return { ...groupCommitOf(database).stats };
}
