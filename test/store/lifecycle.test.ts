import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CohortDefinitionConflictError,
  createCohort,
  getScanCursor,
  installationSummary,
  listRepositories,
  markRepositoryDeleted,
  monthlyShare,
  recordPush,
  recordScan,
  recordScanFailure,
  removeInstallation,
  renameRepository,
  repoTimeline,
  setVisibility,
} from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan, strong } from "./builders.js";

async function countRows(database: TestDatabase, table: string, repoId: number): Promise<number> {
  const { rows } = await database.executeSql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE repo_id = $1`, [repoId]);
  return rows[0]!.n;
}

describe("repository lifecycle", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ classOf });
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it("a rename keeps the same row and its history", async () => {
    const facts = repoFacts({ githubId: 10, owner: "old-org", name: "old-name" });
    const { repoId } = await recordScan(database, scan(facts, [commit("r1", "2026-01-03T00:00:00Z", [strong("agent-a")])]));
    await renameRepository(database, { githubId: 10 }, { owner: "new-org", name: "new-name" });
    const timeline = await repoTimeline(database, { owner: "NEW-ORG", name: "new-name" });
    expect(timeline?.repository.repoId).toBe(repoId);
    expect(timeline?.months.map((m) => [m.month, m.agentCommits])).toEqual([["2026-01", 1]]);
    // A later scan under the new name (GitHub id unchanged) still lands on the same row.
    const again = await recordScan(database, scan({ ...facts, owner: "new-org", name: "new-name" }, [commit("r2", "2026-02-03T00:00:00Z")], { mode: "incremental" }));
    expect(again.repoId).toBe(repoId);
    expect(await repoTimeline(database, { owner: "old-org", name: "old-name" })).toBeNull();
  });

  it("uninstalling deletes the installation's private repos and untracked public ones; cohort-tracked public repos stay", async () => {
    await createCohort(database, { name: "stars-50", definition: { minStars: 50 }, members: [], frozenAt: new Date("2026-01-01T00:00:00Z") });
    const privateRepo = await recordScan(database, scan(repoFacts({ githubId: 21, visibility: "private" }), [commit("p1", "2026-01-05T00:00:00Z", [strong("agent-a")])], { tracking: { installationId: 7 } }));
    const publicInCohort = await recordScan(database, scan(repoFacts({ githubId: 22 }), [commit("q1", "2026-01-05T00:00:00Z")], { tracking: { installationId: 7, cohort: "stars-50" } }));
    const publicAlone = await recordScan(database, scan(repoFacts({ githubId: 23 }), [commit("s1", "2026-01-05T00:00:00Z")], { tracking: { installationId: 7 } }));
    const otherInstallation = await recordScan(database, scan(repoFacts({ githubId: 24, visibility: "private" }), [commit("t1", "2026-01-05T00:00:00Z")], { tracking: { installationId: 8 } }));

    expect(await removeInstallation(database, 7)).toEqual({ deletedRepos: 2, unlinkedRepos: 1 });
    for (const table of ["commits", "commit_evidence", "repo_months", "repo_month_agents", "scans", "installation_repositories"]) {
      expect(await countRows(database, table, privateRepo.repoId)).toBe(0);
      expect(await countRows(database, table, publicAlone.repoId)).toBe(0);
    }
    expect(await repoTimeline(database, { repoId: privateRepo.repoId })).toBeNull();
    const kept = await repoTimeline(database, { repoId: publicInCohort.repoId });
    expect(kept?.repository.installationIds).toEqual([]);
    expect(kept?.repository.cohorts).toEqual(["stars-50"]);
    expect(kept?.months).toHaveLength(1);
    expect(await countRows(database, "commits", otherInstallation.repoId)).toBe(1);
    const [jan] = await monthlyShare(database, { scope: { kind: "installation", id: 7 }, from: "2026-01", to: "2026-01" });
    expect(jan?.activeRepos).toBe(0);
  });

  it("removing some repositories from an installation deletes only those", async () => {
    const a = await recordScan(database, scan(repoFacts({ githubId: 31, visibility: "private" }), [commit("u1", "2026-01-05T00:00:00Z")], { tracking: { installationId: 9 } }));
    const b = await recordScan(database, scan(repoFacts({ githubId: 32, visibility: "private" }), [commit("u2", "2026-01-05T00:00:00Z")], { tracking: { installationId: 9 } }));
    expect(await removeInstallation(database, 9, [31])).toEqual({ deletedRepos: 1, unlinkedRepos: 0 });
    expect(await countRows(database, "commits", a.repoId)).toBe(0);
    expect(await countRows(database, "commits", b.repoId)).toBe(1);
  });

  it("a frozen cohort refuses a different definition and accepts the same one again", async () => {
    const definition = { query: "stars:>=50 pushed:>=2025-10-01", version: 1 };
    const first = await createCohort(database, { name: "frozen", definition, members: [repoFacts({ githubId: 41 })], frozenAt: new Date() });
    const again = await createCohort(database, { name: "frozen", definition: { version: 1, query: "stars:>=50 pushed:>=2025-10-01" }, members: [repoFacts({ githubId: 42 })], frozenAt: new Date() });
    expect(again.cohortId).toBe(first.cohortId);
    expect(again.members).toBe(2);
    await expect(createCohort(database, { name: "frozen", definition: { ...definition, version: 2 }, members: [], frozenAt: new Date() })).rejects.toBeInstanceOf(
      CohortDefinitionConflictError,
    );
  });

  it("a private repo in a cohort never reaches the cohort's (public) share", async () => {
    await createCohort(database, { name: "went-private", definition: {}, members: [], frozenAt: new Date() });
    const { repoId } = await recordScan(database, scan(repoFacts({ githubId: 51 }), [commit("v1", "2026-03-05T00:00:00Z", [strong("agent-a")])], { tracking: { cohort: "went-private" } }));
    const before = await monthlyShare(database, { scope: { kind: "cohort", name: "went-private" }, from: "2026-03", to: "2026-03" });
    expect(before[0]?.withAgent.any.count).toBe(1);
    await setVisibility(database, { repoId }, "private");
    const after = await monthlyShare(database, { scope: { kind: "cohort", name: "went-private" }, from: "2026-03", to: "2026-03" });
    expect(after[0]?.activeRepos).toBe(0);
  });

  it("a push continuing the head advances the cursor; a force-push or a gap asks for a rescan", async () => {
    const facts = repoFacts({ githubId: 61 });
    const { repoId } = await recordScan(database, scan(facts, [commit("w1", "2026-01-05T00:00:00Z")], { head: "w1" }));
    const next = await recordPush(database, { repo: { repoId }, before: "w1", after: "w2", forced: false, commits: [commit("w2", "2026-01-06T00:00:00Z")] });
    expect(next.needsRescan).toBe(false);
    expect((await getScanCursor(database, { repoId }))?.head).toBe("w2");
    const redelivered = await recordPush(database, { repo: { repoId }, before: "w1", after: "w2", forced: false, commits: [commit("w2", "2026-01-06T00:00:00Z")] });
    expect(redelivered.needsRescan).toBe(false);
    const forced = await recordPush(database, { repo: { repoId }, before: "w2", after: "x1", forced: true, commits: [commit("x1", "2026-01-07T00:00:00Z")] });
    expect(forced.needsRescan).toBe(true);
    await recordScan(database, scan(facts, [commit("w1", "2026-01-05T00:00:00Z"), commit("x1", "2026-01-07T00:00:00Z")], { head: "x1", finishedAt: new Date("2026-06-02T00:00:00Z") }));
    const timeline = await repoTimeline(database, { repoId });
    expect(timeline?.months[0]?.commits).toBe(2); // w2 was dropped by the force-push
    const gap = await recordPush(database, { repo: { repoId }, before: "zz", after: "y1", forced: false, commits: [commit("y1", "2026-01-08T00:00:00Z")] });
    expect(gap.needsRescan).toBe(true);
  });

  it("a failed scan keeps the data and sets the status; an error keeps the status", async () => {
    const facts = repoFacts({ githubId: 71 });
    const { repoId } = await recordScan(database, scan(facts, [commit("z1", "2026-01-05T00:00:00Z")]));
    await recordScanFailure(database, { repoId }, { status: "error", message: "timeout", cost: { graphqlPoints: 1, httpRequests: 2 } });
    expect((await listRepositories(database, { status: "active" })).some((r) => r.repoId === repoId)).toBe(true);
    await recordScanFailure(database, facts, { status: "blocked", message: "DMCA", cost: { graphqlPoints: 0, httpRequests: 1 } });
    const timeline = await repoTimeline(database, { repoId });
    expect(timeline?.repository.status).toBe("blocked");
    expect(timeline?.months).toHaveLength(1);
    expect(timeline?.scans.map((s) => s.outcome)).toEqual(["blocked", "error", "ok"]);
    await markRepositoryDeleted(database, { repoId });
    expect((await repoTimeline(database, { repoId }))?.repository.status).toBe("gone");
  });

  it("an installation summary counts its repos and agents", async () => {
    await recordScan(database, scan(repoFacts({ githubId: 81, visibility: "private" }), [commit("k1", "2026-01-05T00:00:00Z", [strong("agent-a")])], { tracking: { installationId: 99 } }));
    await recordScan(database, scan(repoFacts({ githubId: 82 }), [commit("k2", "2026-01-05T00:00:00Z", [strong("reviewer-x")])], { tracking: { installationId: 99 } }));
    const summary = await installationSummary(database, 99);
    expect(summary.repositories).toMatchObject({ total: 2, public: 1, private: 1 });
    expect(summary.reposWithAgent).toBe(1);
    expect(summary.perAgent["agent-a"]).toEqual({ agentClass: "coding-agent", repos: 1, commits: 1 });
    expect(summary.perAgent["reviewer-x"]?.agentClass).toBe("review-assistant");
  });

  it("config files missing from a complete observation are marked removed and stop counting after", async () => {
    const facts = repoFacts({ githubId: 91 });
    const commits = [commit("c1", "2026-01-05T00:00:00Z"), commit("c2", "2026-02-05T00:00:00Z"), commit("c3", "2026-03-05T00:00:00Z")];
    const file = { path: "AGENTS.md", agent: "agent-a", strength: "strong" as const, addedAt: new Date("2026-01-04T00:00:00Z") };
    const { repoId } = await recordScan(database, scan(facts, commits, { configFiles: [file], finishedAt: new Date("2026-01-20T00:00:00Z") }));
    await recordScan(database, scan(facts, commits, { configFiles: [], finishedAt: new Date("2026-02-20T00:00:00Z") }));
    const timeline = await repoTimeline(database, { repoId });
    expect(timeline?.configFiles[0]?.removedAt?.toISOString()).toBe("2026-02-20T00:00:00.000Z");
    expect(timeline?.months.map((m) => [m.month, m.agents["agent-a"]?.config ?? false])).toEqual([
      ["2026-01", true],
      ["2026-02", false], // not present at the end of February
      ["2026-03", false],
    ]);
  });
});

describe("privacy", () => {
  it("a recorded scan stores neither message bodies nor personal emails", async () => {
    const database = await openTestDatabase({ classOf });
    try {
      // Sources pass only what ObservedCommit has; extra fields from a careless caller must not leak.
      const leaky = {
        ...commit("m1", "2026-01-05T00:00:00Z", [strong("agent-a")]),
        message: "Fix the secret thing\n\nCo-authored-by: agent-a <noreply@example.com>",
        author: { name: "Jane Person", email: "jane.person@example.org" },
      };
      await recordScan(database, scan(repoFacts({ githubId: 1 }), [leaky]));
      const { rows } = await database.executeSql<{ dump: string }>(
        `SELECT string_agg(t::text, ' ') AS dump FROM (
           SELECT row_to_json(c)::text AS t FROM commits c UNION ALL SELECT row_to_json(e)::text FROM commit_evidence e
           UNION ALL SELECT row_to_json(s)::text FROM scans s UNION ALL SELECT row_to_json(r)::text FROM repositories r
           UNION ALL SELECT row_to_json(m)::text FROM repo_months m UNION ALL SELECT row_to_json(a)::text FROM repo_month_agents a) x`,
      );
      expect(rows[0]?.dump).toContain("m1");
      expect(rows[0]?.dump).not.toContain("secret thing");
      expect(rows[0]?.dump).not.toContain("jane.person@example.org");
      expect(rows[0]?.dump).not.toContain("Jane Person");
    } finally {
      await database.cleanup();
    }
  });
});
