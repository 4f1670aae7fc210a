import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  acceptPush,
  configurePushInbox,
  deadLetteredPushes,
  drainPushInbox,
  getScanCursor,
  monthlyShare,
  openDatabase,
  pushInboxStatus,
  rebuildCounters,
  recordPush,
  recordScan,
  repoTimeline,
  type AppliedPush,
  type Database,
  type ObservedCommit,
  type PushRecord,
} from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan, strong, weak } from "./builders.js";

// Deliveries are acknowledged once their push is in the inbox; an applier writes it into the facts
// later, deleting the inbox row in the same transaction. These tests hold the inbox to the same
// promises as direct writes: exact counts, idempotent redeliveries, nothing lost, nothing twice.
describe("push inbox", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ classOf });
  });
  afterAll(async () => {
    await database.cleanup();
  });

  /** A fresh handle on the same database: what a new process (or another worker) would have. */
  const anotherProcess = (): Database => ({ ...database }) as Database;

  /** Contiguous pushes of one repository, with strong, weak, merge and plain commits. */
  function chain(githubId: number, pushes = 3): Array<Omit<PushRecord, "repo">> {
    const sha = (push: number, k: number) => `i${githubId}-${push}-${k}`;
    return Array.from({ length: pushes }, (_, push) => {
      const commits: ObservedCommit[] = [0, 1, 2, 3].map((k) =>
        commit(sha(push, k), `2026-0${1 + ((push + k) % 3)}-1${k}T00:00:00Z`, k === 0 ? [strong(githubId % 2 ? "agent-a" : "reviewer-x")] : k === 1 ? [weak("agent-b")] : [], k === 3 && push === 1),
      );
      return { before: push === 0 ? `i${githubId}-base` : sha(push - 1, 3), after: sha(push, 3), forced: false, installationId: 7, commits };
    });
  }

  const pushesOf = (githubId: number, pushes?: number): PushRecord[] => chain(githubId, pushes).map((push) => ({ repo: repoFacts({ githubId }), ...push }));

  async function backfilled(ids: readonly number[]): Promise<void> {
    for (const id of ids) await recordScan(database, scan(repoFacts({ githubId: id }), [], { head: `i${id}-base` }));
  }

  async function publicShare() {
    return JSON.stringify(await monthlyShare(database, { scope: { kind: "public" }, from: "2026-01", to: "2026-03" }));
  }

  async function expectCountersExact(): Promise<void> {
    const fromCounters = await publicShare();
    await rebuildCounters(database);
    expect(await publicShare()).toBe(fromCounters);
  }

  it("pushes applied from the inbox equal the same pushes applied directly: counts, heads, counters", async () => {
    const viaInbox = [101, 102, 103, 104, 105];
    const direct = viaInbox.map((id) => id + 100);
    await backfilled([...viaInbox, ...direct]);
    // Every push at once, each delivered twice (GitHub redelivers).
    await Promise.all(viaInbox.flatMap((id) => pushesOf(id)).flatMap((push) => [push, push]).map((push) => acceptPush(database, push)));
    expect((await pushInboxStatus(database)).pending).toBe(30);
    for (const id of direct) for (const push of pushesOf(id)) await recordPush(database, push);

    const drained = await drainPushInbox(database);
    expect(drained).toEqual({ applied: 30, failed: 0, deadLettered: 0 });
    expect(await pushInboxStatus(database)).toEqual({ pending: 0, deadLettered: 0, oldestPendingAt: null });
    for (const id of viaInbox) {
      const applied = await repoTimeline(database, { githubId: id });
      const directly = await repoTimeline(database, { githubId: id + 100 });
      expect(applied?.months).toEqual(directly?.months);
      expect(applied?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(11); // 12 commits, one merge
      expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`i${id}-2-3`);
    }
    await expectCountersExact();
  });

  it("a redelivery during or after the drain changes nothing", async () => {
    await backfilled([120]);
    const [first, second] = pushesOf(120, 2);
    await acceptPush(database, first!);
    await acceptPush(database, second!);
    // Redelivered while the drain runs, and again after it.
    await Promise.all([drainPushInbox(database), acceptPush(database, second!), acceptPush(database, first!)]);
    await drainPushInbox(database);
    const once = await repoTimeline(database, { githubId: 120 });
    await acceptPush(database, first!);
    await acceptPush(database, second!);
    await drainPushInbox(database);
    expect((await repoTimeline(database, { githubId: 120 }))?.months).toEqual(once?.months);
    expect(once?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(7);
    expect((await getScanCursor(database, { githubId: 120 }))?.head).toBe("i120-1-3");
    await expectCountersExact();
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))("an append the database refuses rejects the delivery and stores nothing", async () => {
    await database.executeSql(`
      CREATE FUNCTION refuse_inbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'inbox refuses writes'; END $$;
      CREATE TRIGGER refuse_inbox BEFORE INSERT ON push_inbox FOR EACH ROW EXECUTE FUNCTION refuse_inbox()`);
    try {
      const settled = await Promise.allSettled(pushesOf(130).map((push) => acceptPush(database, push)));
      expect(settled.every((s) => s.status === "rejected")).toBe(true);
    } finally {
      await database.executeSql("DROP TRIGGER refuse_inbox ON push_inbox; DROP FUNCTION refuse_inbox()");
    }
    expect((await pushInboxStatus(database)).pending).toBe(0);
    await drainPushInbox(database);
    expect(await repoTimeline(database, { githubId: 130 })).toBeNull();
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))("on PGlite a spool write that fails rejects the delivery and stores nothing", async () => {
    const spool = database.pushSpool!;
    const failing = vi.spyOn(spool, "append").mockImplementation(() => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    try {
      const settled = await Promise.allSettled(pushesOf(131).map((push) => acceptPush(database, push)));
      expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/ENOSPC/);
    } finally {
      failing.mockRestore();
    }
    expect((await pushInboxStatus(database)).pending).toBe(0);
    await drainPushInbox(database);
    expect(await repoTimeline(database, { githubId: 131 })).toBeNull();
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))("on PGlite a database that refuses the import keeps the pushes spooled until it takes them, then applies each once", async () => {
    await backfilled([132]);
    await Promise.all(pushesOf(132).map((push) => acceptPush(database, push)));
    await database.executeSql(`
      CREATE FUNCTION refuse_inbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'inbox refuses writes'; END $$;
      CREATE TRIGGER refuse_inbox BEFORE INSERT ON push_inbox FOR EACH ROW EXECUTE FUNCTION refuse_inbox()`);
    try {
      const refused = await drainPushInbox(anotherProcess()).then(() => null, (error: unknown) => error as Error & { cause?: unknown });
      expect(String(refused?.cause ?? refused)).toMatch(/inbox refuses writes/);
    } finally {
      await database.executeSql("DROP TRIGGER refuse_inbox ON push_inbox; DROP FUNCTION refuse_inbox()");
    }
    expect(database.pushSpool?.size).toBe(3);
    expect((await pushInboxStatus(database)).pending).toBe(3);
    expect(await drainPushInbox(anotherProcess())).toEqual({ applied: 3, failed: 0, deadLettered: 0 });
    expect(await drainPushInbox(database)).toEqual({ applied: 0, failed: 0, deadLettered: 0 });
    expect((await repoTimeline(database, { githubId: 132 }))?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(11);
    expect((await getScanCursor(database, { githubId: 132 }))?.head).toBe("i132-2-3");
    await expectCountersExact();
  });

  it("an apply that dies half-way leaves its pushes in the inbox; the next process applies each exactly once", async () => {
    await backfilled([140, 141]);
    const pushes = [...pushesOf(140), ...pushesOf(141)];
    await Promise.all(pushes.map((push) => acceptPush(database, push)));
    // The process dies at the very end of its apply (deleting the inbox rows), before it could note
    // anything about the rows: every statement of its transaction rolls back.
    await database.executeSql(`
      CREATE FUNCTION die_mid_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'process died'; END $$;
      CREATE TRIGGER die_mid_apply BEFORE DELETE OR UPDATE ON push_inbox FOR EACH ROW EXECUTE FUNCTION die_mid_apply()`);
    try {
      await expect(drainPushInbox(anotherProcess())).rejects.toThrow();
    } finally {
      await database.executeSql("DROP TRIGGER die_mid_apply ON push_inbox; DROP FUNCTION die_mid_apply()");
    }
    expect((await pushInboxStatus(database)).pending).toBe(6);
    expect((await repoTimeline(database, { githubId: 140 }))?.months).toEqual([]);

    const restarted = anotherProcess();
    expect(await drainPushInbox(restarted)).toEqual({ applied: 6, failed: 0, deadLettered: 0 });
    expect(await drainPushInbox(restarted)).toEqual({ applied: 0, failed: 0, deadLettered: 0 });
    for (const id of [140, 141]) {
      expect((await repoTimeline(database, { githubId: id }))?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(11);
      expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`i${id}-2-3`);
    }
    await expectCountersExact();
  });

  it("a push that fails every attempt is dead-lettered with its reason; the others apply", async () => {
    const applier = anotherProcess();
    configurePushInbox(applier, { maxAttempts: 3, retryDelayMs: 0 });
    await backfilled([150, 151, 152]);
    await database.executeSql(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.sha LIKE 'poison%' THEN RAISE EXCEPTION 'refused commit %', NEW.sha; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    try {
      const poisoned: PushRecord = { repo: repoFacts({ githubId: 152 }), before: "i152-base", after: "poison-1", forced: false, commits: [commit("fine-1", "2026-02-01T00:00:00Z"), commit("poison-1", "2026-02-02T00:00:00Z")] };
      await Promise.all([...pushesOf(150, 1), poisoned, ...pushesOf(151, 1)].map((push) => acceptPush(database, push)));
      const outcome = await drainPushInbox(applier);
      expect(outcome).toEqual({ applied: 2, failed: 2, deadLettered: 1 });
    } finally {
      await database.executeSql("DROP TRIGGER refuse_poison ON commits; DROP FUNCTION refuse_poison()");
    }
    expect(await pushInboxStatus(database)).toMatchObject({ pending: 0, deadLettered: 1 });
    const [dead] = await deadLetteredPushes(database);
    expect(dead).toMatchObject({ repoKey: "github:github.com:152", attempts: 3 });
    expect(dead?.error).toMatch(/refused commit poison-1/);
    for (const id of [150, 151]) expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`i${id}-0-3`);
    // Nothing of the dead push was applied, and the repository's next push is not held behind it.
    expect((await repoTimeline(database, { githubId: 152 }))?.months).toEqual([]);
    await acceptPush(database, { repo: repoFacts({ githubId: 152 }), before: "poison-1", after: "later-1", forced: false, commits: [commit("later-1", "2026-02-03T00:00:00Z")] });
    expect((await drainPushInbox(applier)).applied).toBe(1);
    expect((await getScanCursor(database, { githubId: 152 }))?.head).toBe("later-1");
    await database.executeSql("DELETE FROM push_inbox");
  });

  it("at the backlog bound a delivery applies pushes itself before appending: the inbox never holds more", async () => {
    const bound = 10;
    const ids = Array.from({ length: 20 }, (_, i) => 160 + i);
    await backfilled(ids);
    // The database itself refuses an append that would take the inbox past the bound.
    await database.executeSql(`
      CREATE FUNCTION inbox_bound() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF (SELECT count(*) FROM push_inbox WHERE dead_at IS NULL) > ${bound} THEN RAISE EXCEPTION 'inbox past its bound'; END IF; RETURN NULL; END $$;
      CREATE TRIGGER inbox_bound AFTER INSERT ON push_inbox FOR EACH STATEMENT EXECUTE FUNCTION inbox_bound()`);
    const bounded = anotherProcess();
    configurePushInbox(bounded, { backlogBound: bound, batchSize: 4 });
    try {
      const pushes = ids.flatMap((id) => pushesOf(id, 2));
      const settled = await Promise.allSettled(pushes.map((push) => acceptPush(bounded, push)));
      expect(settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason?.cause ?? (s as PromiseRejectedResult).reason)).slice(0, 2)).toEqual([]);
      expect((await pushInboxStatus(database)).pending).toBeLessThanOrEqual(bound);
    } finally {
      await database.executeSql("DROP TRIGGER inbox_bound ON push_inbox; DROP FUNCTION inbox_bound()");
    }
    await drainPushInbox(bounded);
    for (const id of ids) expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`i${id}-1-3`);
    await expectCountersExact();
  });

  it("holds only what the store keeps: no message, no email, whatever the caller's objects carry", async () => {
    const leaky = { ...commit("leak-1", "2026-02-01T00:00:00Z", [strong("agent-a")]), message: "SECRET MESSAGE BODY", authorEmail: "person@private.example" } as ObservedCommit;
    await acceptPush(database, { repo: repoFacts({ githubId: 170 }), before: "x", after: "leak-1", forced: false, commits: [leaky] });
    // On PGlite the push waits in the spool first; on Postgres it is in the inbox at once.
    const spooled = database.pushSpool?.peek(10).map((push) => push.line) ?? [];
    const { rows } = await database.executeSql<{ push: unknown }>("SELECT push::text AS push FROM push_inbox");
    expect(rows.length + spooled.length).toBe(1);
    const text = String(rows[0]?.push ?? spooled[0]);
    expect(text).toContain("leak-1");
    expect(text).not.toContain("SECRET MESSAGE BODY");
    expect(text).not.toContain("person@private.example");
    await drainPushInbox(database);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))("two appliers (two processes on one Postgres) never apply a push twice, and keep each repository's order", async () => {
    const ids = Array.from({ length: 12 }, (_, i) => 180 + i);
    await backfilled(ids);
    const pushes = ids.flatMap((id) => pushesOf(id, 4));
    await Promise.all(pushes.map((push) => acceptPush(database, push)));
    const other = await openDatabase({ url: process.env.TEST_DATABASE_URL, schema: database.schema, classOf, poolSize: 4 });
    try {
      const seen: AppliedPush[][] = [[], []];
      const appliers = [anotherProcess(), other];
      appliers.forEach((applier, i) => configurePushInbox(applier, { batchSize: 3, onApplied: (applied) => void seen[i]!.push(...applied) }));
      const outcomes = await Promise.all(appliers.map((applier) => drainPushInbox(applier)));
      await drainPushInbox(database);
      expect(outcomes[0]!.applied + outcomes[1]!.applied).toBe(pushes.length);
      expect(seen[0]!.length).toBeGreaterThan(0);
      expect(seen[1]!.length).toBeGreaterThan(0);
      const applied = [...seen[0]!, ...seen[1]!].map(({ push }) => push.after);
      expect(new Set(applied).size).toBe(pushes.length);
      // In order per repository: every push continued the head the previous one left.
      expect([...seen[0]!, ...seen[1]!].every(({ result }) => !result.needsRescan)).toBe(true);
    } finally {
      await other.close();
    }
    for (const id of ids) expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`i${id}-3-3`);
    await expectCountersExact();
  });
});
