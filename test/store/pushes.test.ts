import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptPush,
  deadLetteredPushes,
  getScanCursor,
  monthlyShare,
  openDatabase,
  pushStatus,
  rebuildCounters,
  recordPush,
  recordScan,
  repoTimeline,
  requeueDeadLetters,
  type ObservedCommit,
  type PushRecord,
} from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan, strong, weak } from "./builders.js";

// A push is written in its own transaction before the call settles: the guarantees the webhook
// path relies on (docs/ingest.md), held with exact counts.
describe("pushes", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ classOf });
  });
  afterAll(async () => {
    await database.cleanup();
  });

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

  it("pushes handed over all at once (each twice) are written once each, in order per repository, as one clean scan records them", async () => {
    const ids = [101, 102, 103, 104, 105];
    await backfilled(ids);
    const pushes = ids.flatMap((id) => pushesOf(id)).flatMap((push) => [push, push]);
    const results = await Promise.all(pushes.map((push) => recordPush(database, push)));
    // In order per repository: every push continued the head the one before it left.
    expect(results.every((result) => !result.needsRescan)).toBe(true);
    for (const id of ids) {
      const pushed = await repoTimeline(database, { githubId: id });
      expect(pushed?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(11); // 12 commits, one merge
      expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`i${id}-2-3`);
      const clean = await recordScan(database, scan(repoFacts({ githubId: id + 500 }), chain(id).flatMap((push) => push.commits)));
      expect(pushed?.months).toEqual((await repoTimeline(database, clean))?.months);
    }
    await expectCountersExact();
  });

  it("a redelivery changes nothing", async () => {
    await backfilled([120]);
    const [first, second] = pushesOf(120, 2);
    await recordPush(database, first!);
    await recordPush(database, second!);
    const once = await repoTimeline(database, { githubId: 120 });
    await Promise.all([recordPush(database, second!), recordPush(database, first!)]);
    expect((await repoTimeline(database, { githubId: 120 }))?.months).toEqual(once?.months);
    expect(once?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(7);
    expect((await getScanCursor(database, { githubId: 120 }))?.head).toBe("i120-1-3");
    await expectCountersExact();
  });

  it("a force-push or a gap says the history needs a rescan; a contiguous push does not", async () => {
    await backfilled([125]);
    const [first, second] = pushesOf(125, 2);
    expect((await recordPush(database, first!)).needsRescan).toBe(false);
    expect((await recordPush(database, { ...second!, forced: true })).needsRescan).toBe(true);
    await backfilled([126]);
    const [, missedBefore] = pushesOf(126, 2);
    expect((await recordPush(database, missedBefore!)).needsRescan).toBe(true);
  });

  it("a push the store refuses fails alone, with its reason kept as a dead letter; the others are written, and a requeue writes it once fixed", async () => {
    await backfilled([150, 151, 152]);
    await database.executeSql(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.sha LIKE 'poison%' THEN RAISE EXCEPTION 'refused commit %', NEW.sha; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    const poisoned: PushRecord = { repo: repoFacts({ githubId: 152 }), before: "i152-base", after: "poison-1", forced: false, commits: [commit("fine-1", "2026-02-01T00:00:00Z"), commit("poison-1", "2026-02-02T00:00:00Z")] };
    try {
      const settled = await Promise.allSettled([...pushesOf(150, 1), poisoned, ...pushesOf(151, 1)].map((push) => acceptPush(database, push)));
      expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(String((settled[1] as PromiseRejectedResult).reason?.cause ?? (settled[1] as PromiseRejectedResult).reason)).toMatch(/refused commit poison-1/);
      // A requeue before the cause is fixed: refused again, kept.
      expect(await requeueDeadLetters(database)).toEqual({ applied: 0, failed: 1 });
    } finally {
      await database.executeSql("DROP TRIGGER refuse_poison ON commits; DROP FUNCTION refuse_poison()");
    }
    expect(await pushStatus(database)).toEqual({ deadLettered: 1 });
    const [dead] = await deadLetteredPushes(database);
    expect(dead).toMatchObject({ repoKey: "github:github.com:152", attempts: 2 });
    expect(dead?.error).toMatch(/refused commit poison-1/);
    for (const id of [150, 151]) expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`i${id}-0-3`);
    // Nothing of the refused push was stored: not its other commit, not its head.
    expect((await repoTimeline(database, { githubId: 152 }))?.months).toEqual([]);
    expect((await getScanCursor(database, { githubId: 152 }))?.head).toBe("i152-base");

    expect(await requeueDeadLetters(database, [dead!.id])).toEqual({ applied: 1, failed: 0 });
    expect(await pushStatus(database)).toEqual({ deadLettered: 0 });
    expect((await repoTimeline(database, { githubId: 152 }))?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(2);
    expect((await getScanCursor(database, { githubId: 152 }))?.head).toBe("poison-1");
    await expectCountersExact();
  });

  it("a dead letter holds only what the store keeps: no message, no email, whatever the caller's objects carry", async () => {
    const leaky = { ...commit("leak-1", "2026-02-01T00:00:00Z", [strong("agent-a")]), message: "SECRET MESSAGE BODY", authorEmail: "person@private.example" } as ObservedCommit;
    await database.executeSql(`
      CREATE FUNCTION refuse_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
      CREATE TRIGGER refuse_all BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_all()`);
    try {
      await expect(acceptPush(database, { repo: repoFacts({ githubId: 170 }), before: "x", after: "leak-1", forced: false, commits: [leaky] })).rejects.toThrow();
    } finally {
      await database.executeSql("DROP TRIGGER refuse_all ON commits; DROP FUNCTION refuse_all()");
    }
    const { rows } = await database.executeSql<{ push: string }>("SELECT push::text AS push FROM push_dead_letters");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.push).toContain("leak-1");
    expect(rows[0]?.push).not.toContain("SECRET MESSAGE BODY");
    expect(rows[0]?.push).not.toContain("person@private.example");
    expect(await requeueDeadLetters(database)).toEqual({ applied: 1, failed: 0 });
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))("two processes on one Postgres writing the same repositories' pushes write each once, and the counters stay exact", async () => {
    const ids = Array.from({ length: 12 }, (_, i) => 180 + i);
    await backfilled(ids);
    const pushes = ids.flatMap((id) => pushesOf(id, 4));
    const other = await openDatabase({ url: process.env.TEST_DATABASE_URL, schema: database.schema, classOf, poolSize: 4 });
    try {
      // Each push handed to both processes at once (as a redelivery could land on either).
      await Promise.all(pushes.flatMap((push) => [recordPush(database, push), recordPush(other, push)]));
    } finally {
      await other.close();
    }
    for (const id of ids) {
      expect((await repoTimeline(database, { githubId: id }))?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(15); // 16 commits, one merge
      // Across processes the row lock decides the order: a push written before the one it
      // continues leaves a gap, and the repository is marked for the rescan that repairs it.
      const { rows } = await database.executeSql<{ head: string; needs_rescan: boolean }>(`SELECT head, needs_rescan FROM repositories WHERE github_id = ${id}`);
      expect(rows[0]!.head === `i${id}-3-3` || rows[0]!.needs_rescan).toBe(true);
    }
    await expectCountersExact();
  });
});
