// Pushes are acknowledged once durable in the inbox and applied by a background applier (the
// standard webhook-receiver shape): a burst of deliveries is answered at the speed of one cheap
// INSERT per group, and applied right after. One PushInbox per database holds the appender (a
// group commit), the applier and the backlog bound.
//
// Priority: incoming deliveries first. The applier drains when no delivery has been asked for in
// the last `quietMs`, and at least every `maxDelayMs` while pushes wait, so a long burst is not
// left unapplied. On PGlite the database runs on this thread, so every batch applied during a burst
// is time no delivery advances.
//
// On PGlite a delivery's push goes to the push spool (push-spool.ts: one file write, not a
// transaction on this thread) and each batch the applier takes is first imported from there into
// the inbox. On Postgres the push is appended to the inbox directly: several processes may serve
// deliveries, and the database is another process, so the append costs this thread little.
//
// Backpressure: when the backlog reaches `backlogBound`, a new delivery first applies a batch
// itself (waiting on the applier's) until there is room, so the inbox cannot grow without limit
// and senders are slowed to the rate pushes are applied.

import type { Database, PushRecord } from "./api.js";
import { GroupCommit, type GroupCommitStats } from "./group-commit.js";
import { appendToInbox, applyInboxBatch, countPendingPushes, importSpooled, pushInboxStatusImpl, spoolMark, type AppliedPush, type InboxBatchOutcome, type PushInboxStatus } from "./push-inbox.js";
import { encodePush, repositoryKey } from "./push-inbox-records.js";
import type { PushSpool } from "./push-spool.js";

export interface PushInboxOptions {
  /** Called after each committed batch with the pushes it applied (e.g. to queue rescans). */
  onApplied?: (applied: AppliedPush[]) => void | Promise<void>;
  /** A background drain or a listener failed (the rows stay in the inbox). */
  onError?: (error: unknown) => void;
  /** Attempts before a push is dead-lettered (default 5). */
  maxAttempts?: number;
  /** Wait before a failed push is tried again, per attempt so far (default attempts × 1 s, at most 1 min). */
  retryDelayMs?: number;
  /** Pushes waiting at most before deliveries apply them inline (default 5,000). */
  backlogBound?: number;
  /** Pushes applied per transaction (default 100). */
  batchSize?: number;
  /** The applier waits for this long without a delivery before draining (default 20 ms). */
  quietMs?: number;
  /** ...but drains at least this often while pushes wait (default 1,000 ms), a quarter batch at a time. */
  maxDelayMs?: number;
  /** How often an idle applier looks for pushes other processes appended (default 1,000 ms). */
  pollMs?: number;
}

export interface PushDrainResult {
  applied: number;
  /** Failed attempts (the pushes stay, to be tried again). */
  failed: number;
  deadLettered: number;
}

export interface PushApplier {
  /** Stops after the batch in hand; pushes left in the inbox are applied by the next start. */
  stop(): Promise<void>;
}

const DEFAULTS = { maxAttempts: 5, retryDelayMs: 1000, backlogBound: 5000, batchSize: 100, quietMs: 20, maxDelayMs: 1000, pollMs: 1000 };

/** Pushes applied before an emptied inbox is vacuumed (PGlite). */
const VACUUM_AFTER = 1000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

class PushInbox {
  private options: PushInboxOptions & typeof DEFAULTS = { ...DEFAULTS };
  readonly appender: GroupCommit<PushRecord, void>;
  /** Pushes in the inbox as this process last knew it (null: not counted yet). */
  private backlog: number | null = null;
  /** Deliveries admitted whose append has not committed yet, and admitted so far. */
  private admitted = 0;
  private admissions = 0;
  private counting: Promise<void> | null = null;
  private draining: Promise<InboxBatchOutcome> | null = null;
  /** An idle applier sleeping until a push arrives. */
  private readonly wakers = new Set<() => void>();
  /** Batches applied by this process, and the pushes in them. */
  readonly applyStats = { batches: 0, applied: 0, importMs: 0, applyMs: 0 };
  private removedSinceVacuum = 0;
  /** When a delivery last handed a push in (performance.now()): the applier yields to recent ones. */
  private lastAcceptAt = Number.NEGATIVE_INFINITY;
  private readonly spool: PushSpool | null;
  private spoolRecovery: Promise<void> | null = null;

  constructor(private readonly database: Database) {
    this.appender = new GroupCommit(database, (pushes) => appendToInbox(database, pushes));
    this.spool = database.pushSpool ?? null;
  }

  configure(options: PushInboxOptions): void {
    this.options = { ...this.options, ...options };
  }

  async accept(push: PushRecord): Promise<void> {
    this.lastAcceptAt = performance.now();
    // With room, the push goes to the spool (PGlite) or the appender at once, in the order deliveries asked.
    if (this.backlog === null || this.backlog + this.admitted >= this.options.backlogBound) await this.admit();
    else this.reserve();
    try {
      if (this.spool) {
        if (this.spool.needsRecovery) await this.recoverSpool();
        this.spool.append([{ key: repositoryKey(push.repo), push: encodePush(push) }]);
      } else {
        await this.appender.record(push);
      }
      this.backlog = (this.backlog ?? 0) + 1;
    } finally {
      this.admitted--;
    }
    this.wake();
  }

  /**
   * Before the spool's first use: the database's mark says which of the lines a previous process
   * left were imported already (a spool is shared by every handle on one PGlite database).
   */
  private recoverSpool(): Promise<void> {
    const spool = this.spool;
    if (!spool?.needsRecovery) return Promise.resolve();
    return (this.spoolRecovery ??= (async () => {
      try {
        const mark = await spoolMark(this.database, this.database.schema);
        spool.recover(mark);
        if (spool.dropped.length > 0) this.options.onError?.(new Error(`push spool ${spool.path}: ${spool.dropped.length} unreadable line(s) left (an append cut off by a crash, never acknowledged)`));
      } finally {
        this.spoolRecovery = null;
      }
    })());
  }

  /** Moves up to `limit` spooled pushes into the inbox (one transaction; one import at a time per spool). */
  private async importFromSpool(limit: number): Promise<number> {
    const spool = this.spool;
    if (!spool) return 0;
    if (spool.needsRecovery) await this.recoverSpool();
    return spool.exclusively(async () => {
      const pushes = spool.peek(limit);
      if (pushes.length === 0) return 0;
      await importSpooled(this.database, this.database.schema, pushes);
      spool.imported(pushes.at(-1)!.seq);
      return pushes.length;
    });
  }

  /** Appends so far: inbox transactions, or on PGlite spool writes. */
  appendStats(): GroupCommitStats {
    return this.spool ? { groups: this.spool.writes, pushes: this.spool.written, failedGroups: 0 } : { ...this.appender.stats };
  }

  /** The inbox's backlog and dead letters, counting the pushes still in the spool as pending. */
  async status(): Promise<PushInboxStatus> {
    if (this.spool?.needsRecovery) await this.recoverSpool();
    const spooled = this.spool?.size ?? 0;
    const spooledSince = this.spool?.oldestReceivedAt ?? null;
    const status = await pushInboxStatusImpl(this.database);
    if (spooled === 0) return status;
    const oldest = Math.min(status.oldestPendingAt?.getTime() ?? Number.POSITIVE_INFINITY, spooledSince ?? Number.POSITIVE_INFINITY);
    return { ...status, pending: status.pending + spooled, oldestPendingAt: new Date(oldest) };
  }

  /** Moves everything spooled into the inbox (a graceful stop leaves the database whole). */
  private async importSpool(): Promise<void> {
    while ((await this.importFromSpool(this.options.batchSize * 10)) > 0);
  }

  /** Waits for room under the bound, applying pushes inline while there is none, then takes it. */
  private async admit(): Promise<void> {
    if (this.backlog === null) await this.recount();
    while ((this.backlog ?? 0) + this.admitted >= this.options.backlogBound) {
      const outcome = await this.drainOnce();
      if (outcome.applied.length + outcome.deadLettered === 0) await sleep(50); // held by another process, or waiting to be retried
    }
    this.reserve();
  }

  /** Takes a place under the bound (synchronously after the check, so no other delivery takes it). */
  private reserve(): void {
    this.admitted++;
    this.admissions++;
  }

  /**
   * Counts the inbox again (it also holds what other processes appended and applied). A count
   * taken while this process appended may miss that append: it is then kept only if larger.
   */
  private recount(): Promise<void> {
    return (this.counting ??= (async () => {
      try {
        const admissions = this.admissions;
        const idle = this.admitted === 0;
        if (this.spool?.needsRecovery) await this.recoverSpool();
        // The spool before the table: an import in between is then counted twice, never missed.
        const spooled = this.spool?.size ?? 0;
        const counted = spooled + (await countPendingPushes(this.database));
        const quiet = idle && admissions === this.admissions;
        this.backlog = quiet || this.backlog === null ? counted : Math.max(this.backlog, counted);
      } finally {
        this.counting = null;
      }
    })());
  }

  /** One batch; concurrent callers share the batch in hand. */
  drainOnce(batchSize = this.options.batchSize): Promise<InboxBatchOutcome> {
    return (this.draining ??= this.applyBatch(batchSize).finally(() => {
      this.draining = null;
    }));
  }

  private async applyBatch(batchSize: number): Promise<InboxBatchOutcome> {
    const { maxAttempts, retryDelayMs } = this.options;
    const started = performance.now();
    await this.importFromSpool(batchSize);
    const imported = performance.now();
    const outcome = await applyInboxBatch(this.database, { batchSize, maxAttempts, retryDelayMs });
    this.applyStats.importMs += imported - started;
    this.applyStats.applyMs += performance.now() - imported;
    if (outcome.applied.length > 0) this.applyStats.batches++;
    this.applyStats.applied += outcome.applied.length;
    this.backlog = Math.max(0, (this.backlog ?? 0) - outcome.applied.length - outcome.deadLettered);
    await this.recount();
    await this.reclaimSpace(outcome.applied.length + outcome.deadLettered);
    if (outcome.applied.length > 0) {
      try {
        await this.options.onApplied?.(outcome.applied);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
    return outcome;
  }

  /**
   * PGlite runs no autovacuum: every applied push leaves a dead row behind, and the table would
   * only grow. Once the inbox is empty after enough pushes, it is vacuumed (Postgres does it alone).
   */
  private async reclaimSpace(removed: number): Promise<void> {
    if (this.database.kind !== "pglite") return;
    this.removedSinceVacuum += removed;
    if (this.backlog !== 0 || this.removedSinceVacuum < VACUUM_AFTER) return;
    this.removedSinceVacuum = 0;
    try {
      await this.database.executeSql("VACUUM push_inbox");
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  async drainAll(): Promise<PushDrainResult> {
    const total: PushDrainResult = { applied: 0, failed: 0, deadLettered: 0 };
    for (;;) {
      const outcome = await this.drainOnce();
      total.applied += outcome.applied.length;
      total.failed += outcome.failed;
      total.deadLettered += outcome.deadLettered;
      if (outcome.claimed === 0 || outcome.applied.length + outcome.failed + outcome.deadLettered === 0) return total;
    }
  }

  start(): PushApplier {
    let stopped = false;
    const loop = this.runApplier(() => stopped);
    return {
      stop: async () => {
        stopped = true;
        this.wake();
        await loop;
        try {
          await this.importSpool();
        } catch (error) {
          this.options.onError?.(error); // the pushes stay in the spool file for the next start
        }
      },
    };
  }

  private async runApplier(stopped: () => boolean): Promise<void> {
    let lastDrain = performance.now();
    let lastBatchEnd = Number.NEGATIVE_INFINITY;
    while (!stopped()) {
      try {
        if (this.backlog === null) await this.recount();
        if ((this.backlog ?? 0) <= 0) {
          await this.sleepUntilWoken(this.options.pollMs);
          if (!stopped()) await this.recount();
          continue;
        }
        // Quiet is counted from the end of the last batch too: on PGlite a batch holds the thread,
        // and the deliveries that arrived meanwhile reach the appender only after it.
        const now = performance.now();
        const deliveriesActive = this.appender.busy || now - Math.max(this.lastAcceptAt, lastBatchEnd) < this.options.quietMs;
        if (deliveriesActive && now - lastDrain < this.options.maxDelayMs) {
          await sleep(this.options.quietMs);
          continue;
        }
        // Pushes waited maxDelayMs through a burst: a small batch keeps them moving without
        // holding the deliveries up for long.
        const outcome = await this.drainOnce(deliveriesActive ? Math.max(1, Math.ceil(this.options.batchSize / 4)) : this.options.batchSize);
        lastDrain = lastBatchEnd = performance.now();
        if (outcome.applied.length + outcome.deadLettered === 0) await this.sleepUntilWoken(this.options.pollMs);
      } catch (error) {
        this.options.onError?.(error);
        await this.sleepUntilWoken(this.options.pollMs);
      }
    }
  }

  private sleepUntilWoken(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wakers.add(done);
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}

const inboxes = new WeakMap<Database, PushInbox>();

export function pushInboxOf(database: Database): PushInbox {
  let inbox = inboxes.get(database);
  if (!inbox) inboxes.set(database, (inbox = new PushInbox(database)));
  return inbox;
}

/** How this process's inbox appends were grouped, and how many pushes it applied in how many batches (the benchmark reports them). */
export function pushInboxStats(database: Database): { append: GroupCommitStats; apply: { batches: number; applied: number; importMs: number; applyMs: number } } {
  const inbox = pushInboxOf(database);
  return { append: inbox.appendStats(), apply: { ...inbox.applyStats } };
}
