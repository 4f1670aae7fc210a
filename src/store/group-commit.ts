// Group commit. Writes arrive many at a time (webhook deliveries); writing each in its own
// transaction pays the statements, the round trips and the commit (a disk flush on Postgres)
// once per write. Here the writes that arrive while a group is being written wait together and
// are written as the next group, in ONE transaction. Each caller's promise settles only after the
// transaction that holds its write has committed, so nothing is acknowledged before it is durable.
//
// A group that fails is rolled back whole. Its writes are then done again one by one, so a write
// the store refuses fails alone, and a failure that is everyone's (the database is gone) fails
// every write of the group: nothing is acknowledged that was not stored.

import type { Database } from "./api.js";

/** Writes in one transaction at most (a burst beyond it is written as several groups). */
const MAX_GROUP = 64;
/** Event-loop turns a group waits at most for more writes (each turn only while more arrive). */
const GATHER_TURNS = 8;
/** Postgres aborts one of two transactions that wait on each other; the aborted one is retried. */
const RETRYABLE_CODES = new Set(["40P01", "40001"]);
const RETRIES = 3;

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export interface GroupCommitStats {
  /** Transactions that committed (groups, and writes redone alone after a failed group). */
  groups: number;
  /** Writes committed. */
  pushes: number;
  /** Groups rolled back whole, whose writes were then done one by one. */
  failedGroups: number;
}

/** Writes the items of one group in ONE transaction; results in the items' order. */
export type GroupWrite<Item, Result> = (items: readonly Item[]) => Promise<Result[]>;

export class GroupCommit<Item, Result> {
  private waiting: Array<Waiting<Item, Result>> = [];
  private writers = 0;
  readonly stats: GroupCommitStats = { groups: 0, pushes: 0, failedGroups: 0 };

  /**
   * PGlite is one connection: its transactions run one after the other anyway. On Postgres a
   * second group is written while the first waits on its round trips and its commit's flush.
   */
  private readonly maxWriters: number;

  /**
   * On Postgres the database works in another process: a free writer writes what waits at once,
   * and the writes arriving meanwhile form the next group. Holding a group back for more (as on
   * PGlite) only adds idle time to every answer: measured, 0.69 of the bare app's rate with
   * eight turns against 0.67–1.06 (0.85 on average) with none.
   */
  private readonly gatherTurns: number;

  constructor(
    private readonly database: Database,
    private readonly writeGroup: GroupWrite<Item, Result>,
  ) {
    this.maxWriters = database.kind === "pg" ? 2 : 1;
    this.gatherTurns = database.kind === "pg" ? 0 : GATHER_TURNS;
  }

  /** Writes are waiting or being written. */
  get busy(): boolean {
    return this.waiting.length > 0 || this.writers > 0;
  }

  record(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      while (this.writers < this.maxWriters && this.waiting.length > 0) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writers++;
    try {
      while (this.waiting.length > 0) {
        await this.gather();
        // Another writer may have taken every waiting write meanwhile: no empty transaction then.
        const group = this.waiting.splice(0, MAX_GROUP);
        if (group.length > 0) await this.write(group);
      }
    } finally {
      this.writers--;
    }
  }

  /**
   * Lets the deliveries already being read and parsed reach the queue before a group is taken.
   * On PGlite the database works on this thread: while a group is written no request advances,
   * so without this every group would hold the one write that started it.
   */
  private async gather(): Promise<void> {
    for (let turn = 0, seen = -1; turn < this.gatherTurns && this.waiting.length !== seen && this.waiting.length < MAX_GROUP; turn++) {
      seen = this.waiting.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async write(group: Array<Waiting<Item, Result>>): Promise<void> {
    let results: Result[];
    try {
      results = await this.commit(group.map((waiting) => waiting.item));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      this.stats.failedGroups++;
      for (const waiting of group) await this.write([waiting]);
      return;
    }
    group.forEach((waiting, i) => waiting.resolve(results[i]!));
  }

  private async commit(items: Item[]): Promise<Result[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await this.writeGroup(items);
        this.stats.groups++;
        this.stats.pushes += items.length;
        return results;
      } catch (error) {
        if (attempt > RETRIES || !isRetryable(error)) throw error;
      }
    }
  }
}

/** A deadlock or serialization failure: Postgres rolled the transaction back; running it again is safe. */
export function isRetryable(error: unknown): boolean {
  return RETRYABLE_CODES.has(errorCode(error) ?? "");
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** One group commit per database and per kind of write, made on first use. */
export function groupCommitFor<Item, Result>(registry: WeakMap<Database, GroupCommit<Item, Result>>, database: Database, write: GroupWrite<Item, Result>): GroupCommit<Item, Result> {
  let groupCommit = registry.get(database);
  if (!groupCommit) registry.set(database, (groupCommit = new GroupCommit(database, write)));
  return groupCommit;
}
