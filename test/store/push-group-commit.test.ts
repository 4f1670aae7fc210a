import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getScanCursor, monthlyShare, rebuildCounters, recordPush, recordScan, repoTimeline, type ObservedCommit } from "../../src/store/index.js";
import { groupCommitStats } from "../../src/store/push-group-commit.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan, strong, weak } from "./builders.js";

// Pushes that arrive together are written in one transaction; each caller hears back only once
// that transaction committed, and a failed group acknowledges none of its pushes.
describe("push group commit", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ classOf });
  });
  afterAll(async () => {
    await database.cleanup();
  });

  /** Three contiguous pushes per repository, with strong, weak, merge and plain commits. */
  function chain(githubId: number): Array<{ before: string; after: string; commits: ObservedCommit[] }> {
    const sha = (push: number, k: number) => `g${githubId}-${push}-${k}`;
    return [0, 1, 2].map((push) => {
      const commits = [0, 1, 2, 3].map((k) =>
        commit(sha(push, k), `2026-0${1 + ((push + k) % 3)}-1${k}T00:00:00Z`, k === 0 ? [strong(githubId % 2 ? "agent-a" : "reviewer-x")] : k === 1 ? [weak("agent-b")] : [], k === 3 && push === 1),
      );
      return { before: push === 0 ? `g${githubId}-base` : sha(push - 1, 3), after: sha(push, 3), commits };
    });
  }

  async function publicShare() {
    return JSON.stringify(await monthlyShare(database, { scope: { kind: "public" }, from: "2026-01", to: "2026-03" }));
  }

  it("concurrent pushes grouped into one transaction are each recorded exactly once, as one clean scan would record them", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => 1000 + i);
    for (const id of ids) await recordScan(database, scan(repoFacts({ githubId: id }), [], { head: `g${id}-base` }));
    const before = groupCommitStats(database);
    // Every push of every chain at once, and each delivered twice (GitHub redelivers).
    const pushes = ids.flatMap((id) => chain(id).flatMap((push) => [push, push]).map((push) => ({ repo: repoFacts({ githubId: id }), installationId: 7, forced: false, ...push })));
    const results = await Promise.all(pushes.map((push) => recordPush(database, push)));
    const after = groupCommitStats(database);

    expect(after.pushes - before.pushes).toBe(pushes.length);
    expect(after.groups - before.groups).toBeLessThan(pushes.length / 4);
    expect(results.every((result) => !result.needsRescan)).toBe(true);
    for (const id of ids) {
      const pushed = await repoTimeline(database, { githubId: id });
      expect((await getScanCursor(database, { githubId: id }))?.head).toBe(`g${id}-2-3`);
      const clean = await recordScan(database, scan(repoFacts({ githubId: id + 500 }), chain(id).flatMap((push) => push.commits)));
      const scanned = await repoTimeline(database, clean);
      expect(pushed?.months).toEqual(scanned?.months);
    }
    // The counters the pushes moved equal a recount from the stored rows.
    const fromCounters = await publicShare();
    await rebuildCounters(database);
    expect(await publicShare()).toBe(fromCounters);
  });

  it("a push the store refuses fails alone; the other pushes of its group are recorded", async () => {
    await database.executeSql(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.sha LIKE 'poison%' THEN RAISE EXCEPTION 'refused commit %', NEW.sha; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    try {
      const before = groupCommitStats(database);
      const good = [2001, 2002, 2003].map((id) => ({ repo: repoFacts({ githubId: id }), before: "x", after: `ok-${id}`, forced: false, commits: [commit(`ok-${id}`, "2026-02-01T00:00:00Z", [strong("agent-a")])] }));
      const poisoned = { repo: repoFacts({ githubId: 2004 }), before: "x", after: "poison-1", forced: false, commits: [commit("fine-1", "2026-02-01T00:00:00Z"), commit("poison-1", "2026-02-02T00:00:00Z")] };
      const settled = await Promise.allSettled([good[0]!, poisoned, good[1]!, good[2]!].map((push) => recordPush(database, push)));

      expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      expect(groupCommitStats(database).failedGroups).toBeGreaterThan(before.failedGroups);
      for (const id of [2001, 2002, 2003]) expect((await repoTimeline(database, { githubId: id }))?.months[0]?.agentCommits).toBe(1);
      // Nothing of the refused push was kept: not its other commit, not its head.
      const refused = await repoTimeline(database, { githubId: 2004 });
      expect(refused?.months ?? []).toEqual([]);
      expect(refused?.repository.cursor?.head ?? null).toBeNull();
    } finally {
      await database.executeSql("DROP TRIGGER refuse_poison ON commits; DROP FUNCTION refuse_poison()");
    }
  });

  it("when the whole group's write fails, none of its pushes is acknowledged and nothing is stored", async () => {
    await database.executeSql(`
      CREATE FUNCTION refuse_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'database refuses writes'; END $$;
      CREATE TRIGGER refuse_all BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_all()`);
    const ids = [3001, 3002, 3003, 3004, 3005];
    try {
      const settled = await Promise.allSettled(
        ids.map((id) => recordPush(database, { repo: repoFacts({ githubId: id }), before: "x", after: `c-${id}`, forced: false, commits: [commit(`c-${id}`, "2026-03-01T00:00:00Z")] })),
      );
      expect(settled.every((s) => s.status === "rejected")).toBe(true);
      const reason = (settled[0] as PromiseRejectedResult).reason as Error;
      expect(`${reason.message} ${String(reason.cause)}`).toMatch(/database refuses writes/);
    } finally {
      await database.executeSql("DROP TRIGGER refuse_all ON commits; DROP FUNCTION refuse_all()");
    }
    // Not even the repositories' rows: every write of the group was rolled back.
    for (const id of ids) expect(await repoTimeline(database, { githubId: id })).toBeNull();
  });
});
