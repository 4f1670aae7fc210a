// One real history, reached three ways — a git clone, the GitHub API (the mock GitHub), and push
// webhooks — must give the same months: the same non-merge commits counted, the same agent
// commits. A number that depends on how the repository was reached is a wrong number.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanGitTarget } from "../../src/scan/scan-git.js";
import { scanGitHubRepositories } from "../../src/scan/scan-github.js";
import { createGitHubClient } from "../../src/sources/github/index.js";
import { repoTimeline } from "../../src/store/index.js";
import { deliveryId, openAppHarness, pushPayload, type AppHarness } from "../app/harness.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { fastImport, replayOrder } from "../sources/git/fast-import.js";
import { removeDir, tempDir } from "../sources/git/repo-helpers.js";
import { loadFixture } from "../support/fixtures.js";
import { MockWorld, loadFixtureRepositories, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";

const SINCE = new Date("2025-01-01T00:00:00Z");
const fixture = loadFixture("github__github-mcp-server");

type Months = Array<{ month: string; commits: number; agentCommits: number }>;
const inWindow = (months: Months): Months =>
  months.filter((m) => m.month >= "2025-01" && m.commits > 0).map(({ month, commits, agentCommits }) => ({ month, commits, agentCommits }));

describe("the same history through git, the GitHub API and pushes", () => {
  let root: string;
  let gitStore: TestDatabase;
  let apiStore: TestDatabase;
  let app: AppHarness;
  let mock: MockGitHub;
  let repository: MockRepository;

  beforeAll(async () => {
    root = tempDir("census three paths ");
    [gitStore, apiStore, app] = await Promise.all([openTestDatabase(), openTestDatabase(), openAppHarness()]);
    const world = new MockWorld();
    [repository] = loadFixtureRepositories(world, { names: ["github/github-mcp-server"] }) as [MockRepository];
    mock = await startMockGitHub({ world });
  });

  afterAll(async () => {
    await mock?.close();
    await Promise.all([gitStore?.cleanup(), apiStore?.cleanup(), app?.close()]);
    removeDir(root);
  });

  it("counts the same commits and agent commits, month by month", async () => {
    // git: the history replayed into a repository (merges included), scanned in place.
    const dir = `${root}/repo`;
    execFileSync("git", ["init", "-q", "--bare", "-b", "main", dir]);
    const { replay, order } = replayOrder(fixture.commits);
    fastImport(dir, replay);
    await scanGitTarget(dir, { since: SINCE, cacheDir: `${root}/cache`, database: gitStore, visibility: "public" });
    const viaGit = await repoTimeline(gitStore, { url: `file://${dir.split("/").map(encodeURIComponent).join("/")}` });

    // The GitHub API: the mock answers the same history.
    const client = createGitHubClient({ baseUrl: mock.url, token: "t", graphqlIntervalMs: 0, waitUnitMs: 1 });
    for await (const summary of scanGitHubRepositories([{ owner: "github", name: "github-mcp-server" }], { client, database: apiStore, since: SINCE })) {
      expect(summary.outcome).toBe("ok");
    }
    const viaApi = await repoTimeline(apiStore, { githubId: repository.id, host: new URL(mock.url).host });

    // Pushes: the history delivered oldest first, 25 commits a push, each push after the last.
    let before = "0".repeat(40);
    for (let start = 0; start < order.length; start += 25) {
      const commits = order.slice(start, start + 25);
      const payload = pushPayload(commits, { repositoryId: 7070, owner: "github", name: "github-mcp-server", before, privateRepository: false });
      await app.receive({ id: deliveryId(), name: "push", payload } as Parameters<AppHarness["receive"]>[0]);
      before = commits.at(-1)!.sha;
    }
    const viaPushes = await repoTimeline(app.database, { githubId: 7070 });

    const expected = inWindow(viaGit!.months);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.reduce((sum, m) => sum + m.agentCommits, 0)).toBeGreaterThan(0);
    expect(inWindow(viaApi!.months)).toEqual(expected);
    expect(inWindow(viaPushes!.months)).toEqual(expected);
  });
});
