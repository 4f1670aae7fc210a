import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthlyShare, recordScan, type MonthlyShareRow } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan, strong, weak } from "./builders.js";

describe("monthlyShare follows PRODUCT.md's definitions", () => {
  let database: TestDatabase;
  let rows: MonthlyShareRow[];
  const month = (m: string) => rows.find((row) => row.month === m)!;

  beforeAll(async () => {
    database = await openTestDatabase({ classOf });
    // 1: agent commit in Jan (strong), plain commit in Feb.
    await recordScan(database, scan(repoFacts({ githubId: 1 }), [
      commit("a1", "2026-01-10T00:00:00Z", [strong("agent-a")]),
      commit("a2", "2026-02-10T00:00:00Z"),
    ]));
    // 2: config file added (dated by its commit) mid-Feb; active Jan, Feb, Mar.
    await recordScan(database, scan(repoFacts({ githubId: 2 }), [
      commit("b1", "2026-01-05T00:00:00Z"),
      commit("b2", "2026-02-15T00:00:00Z"),
      commit("b3", "2026-03-01T00:00:00Z"),
    ], { configFiles: [{ path: "CLAUDE.md", agent: "agent-b", strength: "strong", addedAt: new Date("2026-02-15T00:00:00Z"), addedSha: "b2" }] }));
    // 3: agent PR opened in Feb (active Feb), agent PR opened in Mar (inactive Mar: must not count).
    await recordScan(database, scan(repoFacts({ githubId: 3 }), [commit("c1", "2026-02-02T00:00:00Z")], {
      pullRequests: [
        { number: 1, createdAt: new Date("2026-02-03T00:00:00Z"), mergedAt: null, state: "open", headRef: "agent-a/fix", authorLogin: "agent-a[bot]", evidence: [strong("agent-a", "pr-author")] },
        { number: 2, createdAt: new Date("2026-03-03T00:00:00Z"), mergedAt: null, state: "open", headRef: "agent-a/fix2", authorLogin: "agent-a[bot]", evidence: [strong("agent-a", "pr-author")] },
      ],
    }));
    // 4: a review assistant's co-author trailer only (Jan), and a weak-only commit (Feb).
    await recordScan(database, scan(repoFacts({ githubId: 4 }), [
      commit("d1", "2026-01-20T00:00:00Z", [strong("reviewer-x")]),
      commit("d2", "2026-02-20T00:00:00Z", [weak("agent-a")]),
    ]));
    // 5: private repo with an agent commit: never in the public share.
    await recordScan(database, scan(repoFacts({ githubId: 5, visibility: "private" }), [commit("e1", "2026-01-20T00:00:00Z", [strong("agent-a")])]));
    // 6: only a merge commit with a trailer in Jan: not active; a plain commit Feb.
    await recordScan(database, scan(repoFacts({ githubId: 6 }), [
      commit("f1", "2026-01-31T23:59:59Z", [strong("agent-a")], true),
      commit("f2", "2026-02-01T00:00:00Z"),
    ]));
    rows = await monthlyShare(database, { scope: { kind: "public" }, from: "2026-01", to: "2026-04" });
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it("counts active repos by non-merge commits in the UTC month", () => {
    expect(rows.map((r) => r.activeRepos)).toEqual([3, 5, 1, 0]); // Jan: 1,2,4  Feb: 1,2,3,4,6  Mar: 2
  });

  it("an agent commit counts in its month only", () => {
    expect(month("2026-01").withAgent.commit.count).toBe(1);
    expect(month("2026-02").withAgent.commit.count).toBe(0);
    expect(month("2026-01").perAgent["agent-a"]?.count).toBe(1);
  });

  it("a config file counts from the month its adding commit falls in, while present", () => {
    expect(month("2026-01").withAgent.config.count).toBe(0);
    expect(month("2026-02").withAgent.config.count).toBe(1);
    expect(month("2026-03").withAgent.config.count).toBe(1);
    expect(month("2026-03").perAgent["agent-b"]?.count).toBe(1);
  });

  it("a PR-only repo counts in an active month, and not in a month without commits", () => {
    expect(month("2026-02").withAgent.pr.count).toBe(1);
    expect(month("2026-03").withAgent.pr.count).toBe(0);
    expect(month("2026-03").activeRepos).toBe(1);
  });

  it("any = union of channels, with the Wilson interval on active repos", () => {
    const feb = month("2026-02");
    expect(feb.withAgent.any.count).toBe(2); // config (2) and PR (3)
    expect(feb.withAgent.any.share).toBeCloseTo(2 / 5, 10);
    expect(feb.withAgent.any.ci95?.[0]).toBeCloseTo(0.1176, 3);
    expect(feb.withAgent.any.ci95?.[1]).toBeCloseTo(0.7693, 3);
  });

  it("review assistants are reported beside, never in the headline", () => {
    const jan = month("2026-01");
    expect(jan.withAgent.any.count).toBe(1);
    expect(jan.assistants.any.count).toBe(1);
    expect(jan.assistants.perAgent["reviewer-x"]?.count).toBe(1);
    expect(jan.perAgent["reviewer-x"]).toBeUndefined();
  });

  it("weak evidence widens only the upper bound", () => {
    const feb = month("2026-02");
    expect(feb.upperBound.count).toBe(3);
    expect(feb.withAgent.any.count).toBe(2);
  });

  it("a month without active repos has no share and no interval (no data is not zero)", () => {
    expect(month("2026-04").withAgent.any).toEqual({ count: 0, share: null, ci95: null });
  });

  it("the repos scope includes private repos; the public scope never does", async () => {
    const privateRepo = await database.executeSql<{ id: number }>("SELECT id FROM repositories WHERE github_id = 5");
    const [janPrivate] = await monthlyShare(database, { scope: { kind: "repos", ids: [privateRepo.rows[0]!.id] }, from: "2026-01", to: "2026-01" });
    expect(janPrivate?.withAgent.commit.count).toBe(1);
    const [janPublic] = await monthlyShare(database, { scope: { kind: "public" }, from: "2026-01", to: "2026-01" });
    expect(janPublic?.perAgent["agent-a"]?.count).toBe(1); // repo 1 only, not the private repo 5
  });
});
