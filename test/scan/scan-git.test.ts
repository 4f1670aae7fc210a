// Scanning a real history end to end: git → detector → store, then again incrementally, then
// after a force-push. Expected figures come from the fixture's labels, not from the detector.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentClassOf } from "../../src/agents/index.js";
import { scanGitTarget } from "../../src/scan/scan-git.js";
import { repoTimeline } from "../../src/store/index.js";
import { openTestDatabase } from "../helpers/database.js";
import { loadFixture } from "../support/fixtures.js";
import { fastImport, replayOrder } from "../sources/git/fast-import.js";
import { commitAt, git, initRepo, removeDir, tempDir } from "../sources/git/repo-helpers.js";

const SINCE = new Date("2025-01-01T00:00:00Z");

describe("scanning a git repository into the store", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let dir: string;
  let cacheDir: string;
  const expectedByMonth = new Map<string, { commits: number; agentCommits: number }>();

  beforeAll(async () => {
    database = await openTestDatabase();
    dir = initRepo(tempDir("census scan "));
    cacheDir = tempDir("census cache ");
    const fixture = loadFixture("anthropics__claude-code-action");
    const sample = fixture.commits.slice(0, 300);
    const { replay, order } = replayOrder(sample);
    // The oldest replayed commit adds CLAUDE.md, so the config file is dated by it.
    const oldest = replay.findIndex((commit) => commit.parents.length === 0);
    replay[oldest]!.files = [{ path: "CLAUDE.md", content: "# Project notes\n" }, { path: "src/index.ts", content: "export {};\n" }];
    fastImport(dir, replay);
    git(dir, ["reset", "-q", "--hard", "main"]);
    for (const commit of order) {
      if (commit.parents.length > 1) continue;
      const month = new Date(commit.committer.date).toISOString().slice(0, 7);
      const row = expectedByMonth.get(month) ?? { commits: 0, agentCommits: 0 };
      row.commits++;
      const label = fixture.labels[commit.sha]!;
      if (label.agents.some((agent) => agentClassOf(agent) === "coding-agent")) row.agentCommits++;
      expectedByMonth.set(month, row);
    }
  });

  afterAll(async () => {
    await database?.cleanup();
    removeDir(dir);
    removeDir(cacheDir);
  });

  it("records the window with the labelled agent commits per month and dates the config file", async () => {
    const summary = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    expect(summary.outcome).toBe("ok");
    expect(summary.mode).toBe("window");
    const byMonth = Object.fromEntries(summary.months.map((m) => [m.month, { commits: m.commits, agentCommits: m.agentCommits }]));
    expect(byMonth).toEqual(Object.fromEntries(expectedByMonth));
    expect(summary.agents).toContain("claude-code");
    const claude = summary.configFiles.find((file) => file.path === "CLAUDE.md");
    expect(claude).toMatchObject({ agent: "claude-code", strength: "strong" });
    expect(claude?.addedAt).not.toBeNull();
  });

  it("re-scans incrementally: nothing new changes nothing, new commits are added once", async () => {
    const before = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    expect(before.mode).toBe("incremental");
    commitAt(dir, "2026-09-02T10:00:00+00:00", "Add retries\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>");
    commitAt(dir, "2026-09-03T10:00:00+00:00", "Plain human change");
    const after = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    expect(after.mode).toBe("incremental");
    expect(after.commits).toBe(before.commits + 2);
    expect(after.agentCommits).toBe(before.agentCommits + 1);
    const again = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    expect(again.commits).toBe(after.commits);
    expect(again.months.find((m) => m.month === "2026-09")).toMatchObject({ commits: 2, agentCommits: 1, perAgent: { cursor: 1 } });
  });

  it("after a force-push, drops the commits that left the branch", async () => {
    git(dir, ["reset", "-q", "--hard", "HEAD~2"]);
    commitAt(dir, "2026-09-04T10:00:00+00:00", "Rewritten history");
    const summary = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    expect(summary.mode).toBe("window");
    expect(summary.months.find((m) => m.month === "2026-09")).toMatchObject({ commits: 1, agentCommits: 0 });
    const timeline = await repoTimeline(database, { url: `file://${dir.split("/").map(encodeURIComponent).join("/")}` });
    expect(timeline?.scans.length).toBeGreaterThanOrEqual(4);
  });

  it("prints the same figures without a store (--no-store)", async () => {
    const stored = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    const printed = await scanGitTarget(dir, { since: SINCE, cacheDir, database: null });
    expect(printed.stored).toBe(false);
    expect(printed.months).toEqual(stored.months);
    expect(printed.configFiles).toEqual(stored.configFiles);
  });

  it("an incremental scan dates a config file the new commits add and keeps the stored date of the others", async () => {
    const before = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    const claudeAddedAt = before.configFiles.find((file) => file.path === "CLAUDE.md")?.addedAt;
    expect(claudeAddedAt).toEqual(expect.any(String));
    commitAt(dir, "2026-09-05T10:00:00+00:00", "Cursor rules", { ".cursor/rules/style.mdc": "rules" });
    const after = await scanGitTarget(dir, { since: SINCE, cacheDir, database });
    expect(after.mode).toBe("incremental");
    expect(after.configFiles.find((file) => file.path === "CLAUDE.md")?.addedAt).toBe(claudeAddedAt);
    expect(after.configFiles.find((file) => file.path === ".cursor/rules/style.mdc")?.addedAt).toBe("2026-09-05T10:00:00.000Z");
    const printed = await scanGitTarget(dir, { since: SINCE, cacheDir, database: null });
    expect(printed.configFiles).toEqual(after.configFiles);
  });

  it("reports an empty repository as empty without failing", async () => {
    const empty = initRepo(tempDir("census empty "));
    try {
      const summary = await scanGitTarget(empty, { since: SINCE, cacheDir, database });
      expect(summary.outcome).toBe("empty");
    } finally {
      removeDir(empty);
    }
  });
});

describe("a history with merged branches reads the same through a local clone and a git URL", () => {
  let root: string;
  let dir: string;
  beforeAll(() => {
    root = tempDir("census merged ");
    dir = initRepo(`${root}/source`);
    git(dir, ["config", "uploadpack.allowFilter", "true"]);
    commitAt(dir, "2026-07-01T10:00:00Z", "base", {
      "README.md": "r",
      ".gitattributes": "third_party/** linguist-vendored\n*.pb.go linguist-generated\n",
      "third_party/lib/CLAUDE.md": "a vendored library's own notes",
      "vendor/github.com/aws/smithy-go/AGENTS.md": "a vendored module's own notes",
    });
    git(dir, ["checkout", "-q", "-b", "side"]);
    // Written on a branch on 31 July, merged on 1 August: on the default branch from August.
    commitAt(dir, "2026-07-31T10:00:00Z", "snapshot notes\n\nCo-Authored-By: Claude <noreply@anthropic.com>", { "src/terminal/snapshot/AGENTS.md": "notes" });
    git(dir, ["checkout", "-q", "main"]);
    commitAt(dir, "2026-07-31T12:00:00Z", "main work", { "src/a.c": "a" });
    git(dir, ["merge", "-q", "--no-ff", "-m", "Merge pull request #7 from side", "side"], {
      GIT_AUTHOR_DATE: "2026-08-01T09:00:00Z",
      GIT_COMMITTER_DATE: "2026-08-01T09:00:00Z",
    });
    commitAt(dir, "2026-08-02T10:00:00Z", "later", { "src/b.c": "b" });
  });
  afterAll(() => removeDir(root));

  it("dates a config file by the merge that brought it to the default branch, and skips vendored trees (.gitattributes too)", async () => {
    const since = new Date("2026-07-01T00:00:00Z");
    const local = await scanGitTarget(dir, { since, cacheDir: `${root}/cache`, database: null });
    const viaUrl = await scanGitTarget(`file://${dir}`, { since, cacheDir: `${root}/cache`, database: null });
    expect(local.configFiles).toEqual([{ path: "src/terminal/snapshot/AGENTS.md", agent: "agents-md", strength: expect.any(String), addedAt: "2026-08-01T09:00:00.000Z" }]);
    expect(viaUrl.configFiles).toEqual(local.configFiles);
    // Non-merge commits reachable from HEAD, by committer month: the branch's commit counts in July.
    expect(local.months.map((m) => [m.month, m.commits, m.agentCommits])).toEqual([
      ["2026-07", 3, 1],
      ["2026-08", 1, 0],
    ]);
    expect(viaUrl.months).toEqual(local.months);
  });
});
