// The GitHub backend end to end against the local mock GitHub: batched scan into the store,
// an incremental re-scan, a force-push, and a repository that disappears.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentClassOf } from "../../src/agents/index.js";
import { scanGitHubRepositories } from "../../src/scan/scan-github.js";
import type { ScanSummary } from "../../src/scan/summary.js";
import { createGitHubClient } from "../../src/sources/github/index.js";
import { listRepositories, repoTimeline } from "../../src/store/index.js";
import { openTestDatabase } from "../helpers/database.js";
import { loadFixture } from "../support/fixtures.js";
import { MockWorld, addSyntheticRepositories, fakeSha, loadFixtureRepositories, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";

const SINCE = new Date("2025-01-01T00:00:00Z");

async function collect(generator: AsyncGenerator<ScanSummary>): Promise<ScanSummary[]> {
  const out: ScanSummary[] = [];
  for await (const summary of generator) out.push(summary);
  return out;
}

describe("scanning GitHub repositories into the store", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let mock: MockGitHub;
  let world: MockWorld;
  let mcp: MockRepository;
  let synthetic: MockRepository[];
  const scan = (targets: { owner: string; name: string }[]) =>
    collect(scanGitHubRepositories(targets, { client: createGitHubClient({ baseUrl: mock.url, token: "t", graphqlIntervalMs: 0, waitUnitMs: 1 }), database, since: SINCE }));

  beforeAll(async () => {
    database = await openTestDatabase();
    world = new MockWorld();
    [mcp] = loadFixtureRepositories(world, { names: ["github/github-mcp-server"] }) as [MockRepository];
    loadFixtureRepositories(world, { names: ["sindresorhus/ky"] });
    synthetic = addSyntheticRepositories(world, { repositories: 6, commitsPerRepository: 40 });
    mock = await startMockGitHub({ world });
  });

  afterAll(async () => {
    await mock?.close();
    await database?.cleanup();
  });

  it("records the labelled agent commits of a real history, month by month", async () => {
    const [summary] = await scan([{ owner: "github", name: "github-mcp-server" }]);
    expect(summary?.outcome).toBe("ok");
    const fixture = loadFixture("github__github-mcp-server");
    const expected = new Map<string, { commits: number; agentCommits: number }>();
    for (const commit of fixture.commits) {
      if (commit.parents.length > 1) continue;
      const month = new Date(commit.committer.date).toISOString().slice(0, 7);
      const row = expected.get(month) ?? { commits: 0, agentCommits: 0 };
      row.commits++;
      if (fixture.labels[commit.sha]!.agents.some((agent) => agentClassOf(agent) === "coding-agent")) row.agentCommits++;
      expected.set(month, row);
    }
    const timeline = await repoTimeline(database, { githubId: mcp.id, host: new URL(mock.url).host });
    const stored = Object.fromEntries(timeline!.months.filter((m) => m.commits > 0).map((m) => [m.month, { commits: m.commits, agentCommits: m.agentCommits }]));
    expect(stored).toEqual(Object.fromEntries(expected));
    expect(timeline!.configFiles.map((file) => file.path)).toContain(".github/copilot-instructions.md");
  });

  it("scans many repositories in one batched query and re-scans only what is new", async () => {
    const targets = synthetic.map((repo) => ({ owner: repo.owner, name: repo.name }));
    const first = await scan(targets);
    expect(first.map((s) => s.outcome)).toEqual(synthetic.map(() => "ok"));
    const before = mock.stats.graphqlRequests;
    world.push(synthetic[0]!, [
      { sha: fakeSha("new-1"), parents: [synthetic[0]!.commits[0]!.sha], author: { name: "Bot", email: "cursoragent@cursor.com", date: "2026-10-02T00:00:00Z" }, committer: { name: "Bot", email: "cursoragent@cursor.com", date: "2026-10-02T00:00:00Z" }, message: "Fix flaky test" },
    ]);
    const second = await scan(targets);
    // One batched query for the six repositories (plus at most two to date new config files).
    expect(mock.stats.graphqlRequests - before).toBeLessThanOrEqual(3);
    expect(second.every((s) => s.mode === "incremental")).toBe(true);
    const october = second[0]!.months.find((m) => m.month === "2026-10");
    expect(october).toMatchObject({ commits: 1, agentCommits: 1, perAgent: { cursor: 1 } });
    expect(second.slice(1).map((s) => s.commits)).toEqual(first.slice(1).map((s) => s.commits));
  });

  it("honours the repository's .gitattributes: generated config files are not its own", async () => {
    const [repo] = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 5, owner: "attrs" }) as [MockRepository];
    repo.files.push(".gitattributes", "AGENTS.md", ".cursor/rules/generated.mdc");
    repo.fileTexts = { ".gitattributes": "# rules are generated from docs/\n.cursor/rules/** linguist-generated\n" };
    const [summary] = await scan([{ owner: repo.owner, name: repo.name }]);
    const paths = summary!.configFiles.map((file) => file.path);
    expect(paths).toContain("AGENTS.md");
    expect(paths).not.toContain(".cursor/rules/generated.mdc");
  });

  it("dates a config file written on a branch by the merge of the pull request that brought it to the default branch", async () => {
    const person = (date: string) => ({ name: "Dev", email: "dev@example.com", date });
    const base = { sha: fakeSha("landing-base"), parents: [], author: person("2026-07-01T10:00:00Z"), committer: person("2026-07-01T10:00:00Z"), message: "base" };
    const written = { sha: fakeSha("landing-side"), parents: [base.sha], author: person("2026-07-31T10:00:00Z"), committer: person("2026-07-31T10:00:00Z"), message: "agent notes" };
    const merge = { sha: fakeSha("landing-merge"), parents: [base.sha, written.sha], author: person("2026-08-01T09:00:00Z"), committer: person("2026-08-01T09:00:00Z"), message: "Merge pull request #5 from dev/notes" };
    const repo = world.add({
      owner: "landing",
      name: "notes",
      visibility: "PUBLIC",
      fork: false,
      archived: false,
      stars: 3,
      language: "Go",
      createdAt: "2026-01-01T00:00:00Z",
      pushedAt: "2026-08-01T09:00:00Z",
      defaultBranch: "main",
      commits: [merge, written, base],
      files: ["README.md", "AGENTS.md"],
      pathHistory: { "AGENTS.md": [written.sha], "README.md": [base.sha] },
      pullRequests: [
        { number: 5, createdAt: "2026-07-31T11:00:00Z", mergedAt: "2026-08-01T09:00:00Z", state: "MERGED", headRefName: "dev/notes", title: "Notes", body: "", author: { login: "dev", type: "User" }, commits: [written.sha], mergeCommit: merge.sha },
      ],
    });
    const [summary] = await scan([{ owner: repo.owner, name: repo.name }]);
    expect(summary!.configFiles.find((file) => file.path === "AGENTS.md")?.addedAt).toBe("2026-08-01T09:00:00.000Z");
  });

  it("after a force-push, scans the window again and drops the rewritten commits", async () => {
    const repo = synthetic[1]!;
    const target = [{ owner: repo.owner, name: repo.name }];
    const [before] = await scan(target);
    const kept = repo.commits.slice(5);
    repo.commits = [
      { sha: fakeSha("rewrite"), parents: [kept[0]!.sha], author: { name: "A", email: "a@example.org", date: "2026-10-05T00:00:00Z" }, committer: { name: "A", email: "a@example.org", date: "2026-10-05T00:00:00Z" }, message: "Rewritten" },
      ...kept,
    ];
    const [after] = await scan(target);
    expect(after?.mode).toBe("window");
    expect(after!.commits).toBe(before!.commits - 5 + 1);
  });

  it("records nothing when a later page fails, so the next scan still fetches every commit", async () => {
    const target = [{ owner: "sindresorhus", name: "ky" }];
    const inWindow = loadFixture("sindresorhus__ky").commits.filter((c) => new Date(c.committer.date) >= SINCE && c.parents.length < 2).length;
    expect(inWindow).toBeGreaterThan(100); // two history pages
    // The first query passes; every later one fails until the client gives up on the repository.
    mock.injectFault({ match: "graphql", fault: { kind: "status", status: 503 }, times: 50, after: 1 });
    const [failed] = await scan(target);
    expect(failed?.outcome).toBe("error");
    mock.clearFaults();
    const [retried] = await scan(target);
    expect(retried?.outcome).toBe("ok");
    expect(retried?.mode).toBe("window");
    expect(retried?.commits).toBe(inWindow);
  });

  it("keeps a repository's history and marks it gone when GitHub no longer has it", async () => {
    const repo = synthetic[2]!;
    world.remove(repo);
    const [summary] = await scan([{ owner: repo.owner, name: repo.name }]);
    expect(summary?.outcome).toBe("gone");
    const [row] = (await listRepositories(database, { status: "gone" })).filter((r) => r.name === repo.name);
    expect(row?.status).toBe("gone");
    const timeline = await repoTimeline(database, { githubId: repo.id, host: new URL(mock.url).host });
    expect(timeline!.months.reduce((total, m) => total + m.commits, 0)).toBeGreaterThan(0);
  });
});
