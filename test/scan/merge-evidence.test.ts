// A merge commit whose own message carries agent evidence (the pull request's description kept in
// the merge message) while the commits it merged carry none: the repository counts as agent-active
// in the merge's month, and the merge is not counted as a commit. The same history through the
// store directly (scan and push), the git backend, the GitHub API backend and the push webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommitInput } from "../../src/detect/types.js";
import { scanGitHubRepositories } from "../../src/scan/scan-github.js";
import { scanGitTarget } from "../../src/scan/scan-git.js";
import { createGitHubClient } from "../../src/sources/github/index.js";
import { monthlyShare, recordPush, recordScan, repoTimeline, type RepoTimeline } from "../../src/store/index.js";
import { openAppHarness, pushPayload, type AppHarness } from "../app/harness.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { MockWorld, fakeSha, startMockGitHub, type MockGitHub } from "../support/mock-github/index.js";
import { commitAt, git, initRepo, removeDir, tempDir } from "../sources/git/repo-helpers.js";
import { commit, repoFacts, scan, strong, weak } from "../store/builders.js";

const MERGE_MESSAGE = "Merge pull request #7 from acme/fix-parser\n\nFix the parser\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)";
const SINCE = new Date("2026-01-01T00:00:00Z");

/** March: two plain commits on a branch, merged by a merge whose message carries the marker. */
function expectMergeCounted(timeline: RepoTimeline | null, plainCommits: number): void {
  const march = timeline?.months.find((month) => month.month === "2026-03");
  expect(march).toMatchObject({ active: true, agentActivity: true, commits: plainCommits, agentCommits: 0 });
  expect(march?.agents["claude-code"]).toMatchObject({ commit: true, commits: 0 });
}

describe("a merge commit's own agent evidence", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  it("makes the merge's month agent-active in the store, without counting the merge as a commit (scan and push alike)", async () => {
    const history = [
      commit("m-1", "2026-02-20T00:00:00Z"),
      commit("m-2", "2026-03-02T00:00:00Z"),
      commit("m-3", "2026-03-03T00:00:00Z"),
      commit("m-merge", "2026-03-04T00:00:00Z", [strong("claude-code", "marker")], true),
    ];
    const scanned = await recordScan(database, scan(repoFacts({ githubId: 9001 }), history));
    expectMergeCounted(await repoTimeline(database, scanned), 2);
    // February stays what it was: a merge's evidence is its own month's.
    expect((await repoTimeline(database, scanned))?.months.find((m) => m.month === "2026-02")).toMatchObject({ commits: 1, agentActivity: false });

    // As pushes: the plain commits first (a new month), then the merge alone into the active month.
    const repo = repoFacts({ githubId: 9002 });
    await recordScan(database, scan(repo, [], { head: "base" }));
    await recordPush(database, { repo, before: "base", after: "m-3", forced: false, commits: history.slice(0, 3) });
    expect((await repoTimeline(database, { githubId: 9002 }))?.months.find((m) => m.month === "2026-03")).toMatchObject({ agentActivity: false });
    await recordPush(database, { repo, before: "m-3", after: "m-merge", forced: false, commits: history.slice(3) });
    const pushed = await repoTimeline(database, { githubId: 9002 });
    expectMergeCounted(pushed, 2);
    expect(pushed?.months).toEqual((await repoTimeline(database, scanned))?.months);

    // The share counts both repositories in March; the denominator is unchanged by the merges.
    const [march] = await monthlyShare(database, { scope: { kind: "repos", ids: [scanned.repoId, pushed!.repository.repoId] }, from: "2026-03", to: "2026-03" });
    expect(march).toMatchObject({ activeRepos: 2, withAgent: { any: { count: 2 }, commit: { count: 2 } } });
  });

  it("weak evidence in a merge only widens the upper bound", async () => {
    const { repoId } = await recordScan(database, scan(repoFacts({ githubId: 9003 }), [commit("w-1", "2026-03-02T00:00:00Z"), commit("w-merge", "2026-03-04T00:00:00Z", [weak("claude-code")], true)]));
    const [march] = await monthlyShare(database, { scope: { kind: "repos", ids: [repoId] }, from: "2026-03", to: "2026-03" });
    expect(march).toMatchObject({ activeRepos: 1, withAgent: { any: { count: 0 } }, upperBound: { count: 1 } });
  });

  it("a merge in a month without a non-merge commit does not make the month active", async () => {
    const { repoId } = await recordScan(database, scan(repoFacts({ githubId: 9004 }), [commit("a-1", "2026-02-02T00:00:00Z"), commit("a-merge", "2026-03-04T00:00:00Z", [strong("claude-code", "marker")], true)]));
    const timeline = await repoTimeline(database, { repoId });
    expect(timeline?.months.map((m) => m.month)).toEqual(["2026-02"]);
  });

  describe("through each source", () => {
    let dir: string;
    let cacheDir: string;
    let mock: MockGitHub;
    let app: AppHarness;

    beforeAll(async () => {
      dir = initRepo(tempDir("census merge "));
      cacheDir = tempDir("census cache ");
      commitAt(dir, "2026-02-20T10:00:00Z", "Start");
      git(dir, ["checkout", "-q", "-b", "fix-parser"]);
      commitAt(dir, "2026-03-02T10:00:00Z", "Fix the parser", { "parser.ts": "export {};\n" });
      commitAt(dir, "2026-03-03T10:00:00Z", "Test the parser", { "parser.test.ts": "export {};\n" });
      git(dir, ["checkout", "-q", "main"]);
      git(dir, ["merge", "-q", "--no-ff", "-m", MERGE_MESSAGE, "fix-parser"], { GIT_AUTHOR_DATE: "2026-03-04T10:00:00Z", GIT_COMMITTER_DATE: "2026-03-04T10:00:00Z" });
    });
    afterAll(async () => {
      removeDir(dir);
      removeDir(cacheDir);
      await mock?.close();
      await app?.close();
    });

    /** The local repository's history as the mock GitHub and a push payload carry it, oldest first. */
    function historyOf(): CommitInput[] {
      const log = git(dir, ["log", "--reverse", "--format=%H%x1f%P%x1f%cI%x1f%B%x1e", "main"]);
      return log
        .split("\x1e")
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => {
          const [sha = "", parents = "", date = "", message = ""] = entry.split("\x1f");
          const person = { name: "Dev", email: "dev@example.org", date };
          return { sha, parents: parents.split(" ").filter(Boolean), author: person, committer: person, message: message.trim() };
        });
    }

    it("the git backend", async () => {
      const summary = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
      expect(summary.outcome).toBe("ok");
      // The scan's own count of commits leaves the merge out, as before.
      expect(summary.months.find((m) => m.month === "2026-03")).toMatchObject({ commits: 2, agentCommits: 0 });
      const [repository] = (await database.executeSql<{ id: number }>("SELECT id FROM repositories WHERE github_id IS NULL ORDER BY id DESC LIMIT 1")).rows;
      expectMergeCounted(await repoTimeline(database, { repoId: repository!.id }), 2);
    });

    it("the GitHub API backend (merges told apart by their subject, without parents)", async () => {
      const world = new MockWorld();
      const history = historyOf();
      const repository = world.add({ owner: "acme", name: "merges", visibility: "PUBLIC", fork: false, archived: false, stars: 1, language: "TypeScript", createdAt: "2025-01-01T00:00:00Z", pushedAt: history.at(-1)!.committer.date, defaultBranch: "main", commits: [...history].reverse().map((c) => ({ ...c, sha: fakeSha(c.sha), parents: c.parents.map(fakeSha) })), files: [], pathHistory: {}, pullRequests: [] });
      mock = await startMockGitHub({ world });
      const client = createGitHubClient({ baseUrl: mock.url, token: "t", graphqlIntervalMs: 0, waitUnitMs: 1 });
      for await (const summary of scanGitHubRepositories([{ owner: "acme", name: "merges" }], { client, database, since: SINCE })) expect(summary.outcome).toBe("ok");
      expectMergeCounted(await repoTimeline(database, { githubId: repository.id, host: new URL(mock.url).host }), 2);
    });

    it("the push webhook (merges told apart by their subject)", async () => {
      app = await openAppHarness();
      const history = historyOf();
      await app.receive({ id: "merge-delivery-1", name: "push", payload: pushPayload(history, { repositoryId: 9100, name: "merges", before: "0".repeat(40) }) as never });
      expectMergeCounted(await repoTimeline(app.database, { githubId: 9100 }), 2);
    });
  });
});
