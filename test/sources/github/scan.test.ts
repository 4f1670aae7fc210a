// The batched scanner against the mock GitHub (real schema, real fixtures): what it returns, what it
// asks for, and how each state GitHub can put a repository in ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configPathPatterns } from "../../../src/detect/index.js";
import { loadFixture } from "../../support/fixtures.js";
import { Octokit } from "@octokit/rest";
import type { RepositoryFacts as StoredFacts } from "../../../src/store/index.js";
import { collectScans, compileConfigMatcher, createGitHubClient, scanRepositories, type RepositoryRequest } from "../../../src/sources/github/index.js";
import {
  MockWorld,
  addSyntheticRepositories,
  fakeSha,
  loadFixtureRepositories,
  startMockGitHub,
  type MockGitHub,
  type MockRepository,
} from "../../support/mock-github/index.js";

const SINCE = "2025-10-01T00:00:00Z";
const patterns = configPathPatterns();
let mock: MockGitHub;
let world: MockWorld;
let fixtures: MockRepository[];
let synthetic: MockRepository[];

function client() {
  return createGitHubClient({ baseUrl: mock.url, token: "test-token", graphqlIntervalMs: 0, waitUnitMs: 1 });
}

function request(repository: MockRepository, extra: Partial<RepositoryRequest> = {}): RepositoryRequest {
  return { owner: repository.owner, name: repository.name, githubId: repository.id, since: SINCE, ...extra };
}

async function scan(requests: RepositoryRequest[], options: Partial<Parameters<typeof scanRepositories>[2]> = {}) {
  return collectScans(scanRepositories(client(), requests, { configPatterns: patterns, ...options }));
}

beforeAll(async () => {
  world = new MockWorld();
  fixtures = loadFixtureRepositories(world, { names: ["sindresorhus/ky", "cline/cline", "All-Hands-AI/openhands-aci"] });
  synthetic = addSyntheticRepositories(world, { repositories: 6, commitsPerRepository: 20, owner: "synth" });
  mock = await startMockGitHub({ world });
});

afterAll(async () => {
  await mock?.close();
});

function fixtureCommits(fullName: string) {
  return loadFixture(fullName.replace("/", "__")).commits;
}

describe("scanning real repositories", () => {
  it("returns every default-branch commit in the window, newest first, across pages", async () => {
    const [cline] = await scan([request(fixtures.find((repository) => repository.name === "cline") as MockRepository)]);
    const expected = fixtureCommits("cline/cline").filter((commit) => Date.parse(commit.committer.date) >= Date.parse(SINCE));
    expect(expected.length).toBeGreaterThan(100); // needs pagination
    expect(cline?.outcome).toBe("ok");
    expect(cline?.commits.map((commit) => commit.sha)).toEqual(expected.map((commit) => commit.sha));
    expect(cline?.pages).toBe(Math.ceil(expected.length / 100));
  });

  it("finds the config files at HEAD in the root and the catalog's config directories", async () => {
    const repository = fixtures.find((item) => item.name === "cline") as MockRepository;
    const [result] = await scan([request(repository, { since: repository.commits[30]?.committer.date as string })]);
    const matches = compileConfigMatcher(patterns);
    const expected = repository.files.filter((path) => matches(path) && (!path.includes("/") || path.startsWith(".")));
    expect(result?.configPaths).toEqual(expect.arrayContaining(expected.filter((path) => path.split("/").length <= 3)));
    expect(result?.configPaths).toContain("AGENTS.md");
    expect(result?.configPaths).toContain(".github/copilot-instructions.md");
    expect(result?.configPaths.every(matches)).toBe(true);
  });

  it("commits carry author and committer with dates and, for bots, their login", async () => {
    const [result] = await scan([request(fixtures.find((item) => item.name === "openhands-aci") as MockRepository, { since: "2025-01-01T00:00:00Z" })]);
    expect(result?.commits.length).toBe(106);
    const bot = result?.commits.find((commit) => commit.author.name.endsWith("[bot]"));
    expect(bot?.author.login).toBe(bot?.author.name);
    expect(result?.commits.every((commit) => commit.author.date && commit.committer.date && typeof commit.message === "string")).toBe(true);
  });
});

describe("batching and incremental scans", () => {
  it("one GraphQL query covers many repositories; only those with more history get follow-up pages", async () => {
    mock.resetStats();
    const requests = [...synthetic.map((repository) => request(repository)), request(fixtures.find((item) => item.name === "cline") as MockRepository)];
    const results = await scan(requests);
    expect(results.map((result) => result.outcome)).toEqual(requests.map(() => "ok"));
    const clinePages = results.at(-1)?.pages ?? 0;
    // 1 batched query + (pages − 1) follow-ups for cline alone, + 1 dating query for new config
    // files and 1 asking where their adding commits landed on the default branch.
    expect(mock.stats.graphqlRequests).toBe(1 + (clinePages - 1) + 2);
    expect(results.slice(0, -1).every((result) => result.pages === 1 && result.commits.length === 20)).toBe(true);
  });

  it("a re-scan from a cursor returns only the commits newer than it", async () => {
    const repository = synthetic[1] as MockRepository;
    const cursorCommit = repository.commits[7];
    const [result] = await scan([request(repository, { cursor: { sha: cursorCommit?.sha as string, date: cursorCommit?.committer.date as string } })]);
    expect(result?.commits.map((commit) => commit.sha)).toEqual(repository.commits.slice(0, 7).map((commit) => commit.sha));
    expect(result?.head?.sha).toBe(repository.commits[0]?.sha);
  });

  it("a re-scan at the cursor returns no commits and does not paginate", async () => {
    const repository = fixtures.find((item) => item.name === "cline") as MockRepository;
    const head = repository.commits[0];
    mock.resetStats();
    const [result] = await scan([request(repository, { cursor: { sha: head?.sha as string, date: head?.committer.date as string }, knownConfigPaths: [] })], { dateConfigFiles: false });
    expect(result?.commits).toEqual([]);
    expect(mock.stats.graphqlRequests).toBe(1);
  });

  it("streams pages: no page holds more than one history page of commits", async () => {
    const sizes: number[] = [];
    const cline = fixtures.find((item) => item.name === "cline") as MockRepository;
    const since = cline.commits[150]?.committer.date as string;
    for await (const page of scanRepositories(client(), [request(cline, { since })], { configPatterns: patterns, historyPageSize: 40 })) {
      sizes.push(page.commits.length);
    }
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(40);
  });

  it("dates new config files by their adding commit, and skips files already known", async () => {
    const repository = synthetic[0] as MockRepository; // agentEvery: 5 → repository 0 has CLAUDE.md
    const [fresh] = await scan([request(repository)]);
    expect(fresh?.configFiles).toContainEqual({ path: "CLAUDE.md", addedSha: repository.commits.at(-1)?.sha, addedAt: repository.commits.at(-1)?.committer.date });
    mock.resetStats();
    const [again] = await scan([request(repository, { knownConfigPaths: ["CLAUDE.md"] })]);
    expect(again?.configFiles).toContainEqual({ path: "CLAUDE.md", addedSha: null, addedAt: null });
    expect(mock.stats.graphqlRequests).toBe(1);
  });

  it("a config file touched by more than 100 commits is dated through REST's last page of its history", async () => {
    const repository = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 150, owner: "busy", agentEvery: 1 })[0] as MockRepository;
    repository.pathHistory["CLAUDE.md"] = repository.commits.map((commit) => commit.sha);
    mock.resetStats();
    const [result] = await scan([request(repository, { since: repository.commits[5]?.committer.date as string })]);
    const oldest = repository.commits.at(-1);
    expect(result?.configFiles).toContainEqual({ path: "CLAUDE.md", addedSha: oldest?.sha, addedAt: oldest?.committer.date });
    expect(mock.stats.byRoute["GET /repos/:owner/:repo/commits"]).toBe(1);
  });

  it("bot pull request authors get the [bot] suffix REST and webhooks use", async () => {
    const [result] = await scan([request(synthetic[0] as MockRepository)]);
    expect(result?.pullRequests.find((pull) => pull.headRef.startsWith("copilot/"))?.authorLogin).toBe("Copilot[bot]");
    expect(result?.pullRequests.some((pull) => pull.authorLogin === "dev0")).toBe(true);
  });
});

describe("whatever GitHub throws at it", () => {
  it("a gone repository in a batch leaves the others intact", async () => {
    const results = await scan([request(synthetic[2] as MockRepository), { owner: "nobody", name: "nothing", since: SINCE }, request(synthetic[3] as MockRepository)]);
    expect(results.map((result) => result.outcome)).toEqual(["ok", "gone", "ok"]);
    expect(results[1]?.message).toMatch(/not found/);
  });

  it("a renamed or transferred repository is found again by its id, under its new name", async () => {
    const repository = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 5, owner: "before" })[0] as MockRepository;
    const old = request(repository);
    world.rename(repository, "after", "renamed-project");
    const [result] = await scan([old]);
    expect(result?.outcome).toBe("ok");
    expect(result?.renamedFrom).toBe(`before/${old.name}`);
    expect(result?.facts).toMatchObject({ githubId: repository.id, owner: "after", name: "renamed-project" });
    expect(result?.commits.length).toBe(5);
  });

  it("a renamed repository without a known id is followed through REST's redirect", async () => {
    const repository = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 3, owner: "moved-from" })[0] as MockRepository;
    const old = { owner: repository.owner, name: repository.name, since: SINCE };
    world.rename(repository, "moved-to", repository.name);
    const [result] = await scan([old]);
    expect(result?.outcome).toBe("ok");
    expect(result?.facts?.owner).toBe("moved-to");
  });

  it("deleted, blocked, empty and archived repositories each end in their own status", async () => {
    const [deleted, blocked, empty, archived] = addSyntheticRepositories(world, { repositories: 4, commitsPerRepository: 3, owner: "states" }) as MockRepository[];
    const requests = [deleted, blocked, empty, archived].map((repository) => request(repository as MockRepository));
    world.remove(deleted as MockRepository);
    (blocked as MockRepository).blocked = true;
    (empty as MockRepository).commits = [];
    (archived as MockRepository).archived = true;
    const results = await scan(requests);
    expect(results.map((result) => result.outcome)).toEqual(["gone", "blocked", "empty", "ok"]);
    expect(results[2]?.facts?.defaultBranch).toBeNull();
    expect(results[3]?.facts?.archived).toBe(true);
    // The facts go to the store as they are.
    const stored: StoredFacts | null | undefined = results[3]?.facts;
    expect(stored?.pushedAt).toEqual(new Date((archived as MockRepository).pushedAt as string));
  });

  it("names and messages that were not UTF-8 (GitHub sends U+FFFD) pass through without harm", async () => {
    const repository = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 2, owner: "bytes" })[0] as MockRepository;
    repository.files.push("docs/\uFFFDnotes.md", ".cursor/rules/r\uFFFDgle.mdc");
    const commit = repository.commits[0];
    if (commit) {
      commit.author.name = "Jos\uFFFD";
      commit.message = "Fix caf\uFFFD\n\nCo-authored-by: Claude <noreply@anthropic.com>";
    }
    const [result] = await scan([request(repository)]);
    expect(result?.outcome).toBe("ok");
    expect(result?.commits[0]?.author.name).toBe("Jos\uFFFD");
    expect(result?.configPaths).toContain(".cursor/rules/r\uFFFDgle.mdc");
  });

  it("a config directory nested deeper than the listing reaches is flagged as truncated", async () => {
    const repository = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 2, owner: "deep" })[0] as MockRepository;
    repository.files.push(".github/instructions/team/backend/api.instructions.md");
    const [result] = await scan([request(repository)]);
    expect(result?.treeTruncated).toBe(true);
    const [shallow] = await scan([request(synthetic[4] as MockRepository)]);
    expect(shallow?.treeTruncated).toBe(false);
  });

  it("with parents asked for, merge commits show both parents (at the documented extra cost)", async () => {
    const repository = addSyntheticRepositories(world, { repositories: 1, commitsPerRepository: 4, owner: "merges" })[0] as MockRepository;
    const merge = repository.commits[0];
    if (merge) merge.parents = [...merge.parents, fakeSha("side")];
    // Five requests in one batch, so the per-commit parents connection shows above the 1-point minimum.
    const five = Array.from({ length: 5 }, () => request(repository));
    const [cheap] = await scan(five, { dateConfigFiles: false });
    const [exact] = await scan(five, { withParents: true, dateConfigFiles: false });
    expect(cheap?.parentsKnown).toBe(false);
    expect(exact?.parentsKnown).toBe(true);
    expect(exact?.commits[0]?.parents).toHaveLength(2);
    expect(exact?.cost.graphqlPoints).toBeGreaterThan(cheap?.cost.graphqlPoints ?? Infinity);
  });
});

describe("faults injected by the mock server", () => {
  it("a hung request times out and is retried; 5xx and a secondary limit are ridden out", async () => {
    mock.resetStats();
    mock.injectFault({ match: "graphql", fault: { kind: "timeout", ms: 400 } });
    mock.injectFault({ match: "graphql", fault: { kind: "status", status: 502 } });
    mock.injectFault({ match: "graphql", fault: { kind: "secondary", retryAfter: 2 } });
    const github = createGitHubClient({ baseUrl: mock.url, graphqlIntervalMs: 0, waitUnitMs: 1, timeoutMs: 150 });
    const results = await collectScans(scanRepositories(github, synthetic.slice(0, 3).map((repository) => request(repository)), { configPatterns: patterns, dateConfigFiles: false }));
    expect(results.map((result) => result.outcome)).toEqual(["ok", "ok", "ok"]);
    expect(mock.stats.faultsInjected).toBe(3);
    expect(github.stats.httpRequests).toBe(4);
  });
});

describe("an injected octokit (the Probot app's installation client)", () => {
  it("is used as is, and its requests are counted", async () => {
    const octokit = new Octokit({ baseUrl: mock.url, auth: "installation-token" });
    const github = createGitHubClient({ octokit, baseUrl: mock.url });
    const results = await collectScans(scanRepositories(github, synthetic.slice(0, 2).map((repository) => request(repository)), { configPatterns: patterns, dateConfigFiles: false }));
    expect(results.map((result) => result.outcome)).toEqual(["ok", "ok"]);
    expect(github.stats.httpRequests).toBe(1);
  });
});

