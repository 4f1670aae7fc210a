// Real GitHub responses (issue 20): @octokit/fixtures holds recorded REST traffic with
// api.github.com. Where it covers an endpoint the crawler or the app calls, the recording is replayed
// through our client (nock serves it), and the mock GitHub's answer to the same call is checked
// against the recording's shape, so the mock cannot drift from what GitHub really sends.
//
// What the package covers (checked, v23): get-repository (GET /repos/{owner}/{repo}),
// rename-repository (the 301 an old name answers, then GET /repositories/{id}), search-issues
// (a /search answer's envelope), paginate-issues (GET /repos/{owner}/{repo}/issues with Link
// headers, as the org report pages). Not covered: GraphQL, compare, rate_limit,
// /search/repositories items, commits: those stay checked by the schema test only.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import nock from "nock";
import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { collectScans, createGitHubClient, scanRepositories } from "../../../src/sources/github/index.js";
import { restRepositoryFacts } from "../../../src/sources/github/search.js";
import { MockWorld, addSyntheticRepositories, startMockGitHub, type MockGitHub } from "../../support/mock-github/index.js";

interface Recording {
  scope: string;
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, string>;
}

const fixturesRoot = dirname(createRequire(import.meta.url).resolve("@octokit/fixtures/package.json"));
function recording(scenario: string): Recording[] {
  return JSON.parse(readFileSync(join(fixturesRoot, "scenarios", "api.github.com", scenario, "normalized-fixture.json"), "utf8")) as Recording[];
}

/** Serves recorded answers with our nock (the package's own nock 13 cannot see fetch). */
function replay(recordings: Recording[]): void {
  for (const item of recordings) {
    nock("https://api.github.com")
      .intercept(item.path, item.method.toUpperCase())
      .reply(item.status, item.response as nock.Body, item.headers);
  }
}

type Shape = "null" | "string" | "number" | "boolean" | "array" | "object";
const shapeOf = (value: unknown): Shape => (value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as Shape));

/**
 * Every field the mock sends exists in GitHub's recorded answer with the same JSON type (null
 * stands for any type: the recording's language is null where the mock's is a string).
 */
function mismatches(mock: Record<string, unknown>, real: Record<string, unknown>, path = ""): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(mock)) {
    const where = `${path}${key}`;
    if (!(key in real)) {
      found.push(`${where}: not in GitHub's answer`);
      continue;
    }
    const [mine, theirs] = [shapeOf(value), shapeOf(real[key])];
    if (mine !== theirs && mine !== "null" && theirs !== "null") found.push(`${where}: ${mine} here, ${theirs} on GitHub`);
    if (mine === "object" && theirs === "object") found.push(...mismatches(value as Record<string, unknown>, real[key] as Record<string, unknown>, `${where}.`));
  }
  return found;
}

const SINCE = "2025-10-01T00:00:00Z";
let mock: MockGitHub;
let world: MockWorld;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  world = new MockWorld();
  addSyntheticRepositories(world, { repositories: 3, commitsPerRepository: 2, owner: "acme" });
  mock = await startMockGitHub({ world });
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(async () => {
  await mock?.close();
  nock.enableNetConnect();
});

const github = () => createGitHubClient({ token: "0000000000000000000000000000000000000001", graphqlIntervalMs: 0, waitUnitMs: 1, retries: 0 });

async function mockGet(path: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${mock.url}${path}`, { redirect: "manual" });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("GET /repos/{owner}/{repo} (get-repository)", () => {
  it("GitHub's recorded repository reads into the facts the crawler stores", async () => {
    replay(recording("get-repository"));
    const client = github();
    const { data } = await client.octokit.request("GET /repos/{owner}/{repo}", { owner: "octokit-fixture-org", repo: "hello-world" });
    expect(restRepositoryFacts(data as Parameters<typeof restRepositoryFacts>[0], client.host)).toEqual({
      githubId: 1000,
      host: "github.com",
      owner: "octokit-fixture-org",
      name: "hello-world",
      visibility: "public",
      fork: false,
      archived: false,
      stars: 42,
      language: null,
      createdAt: new Date("2017-10-10T16:00:00Z"),
      pushedAt: new Date("2017-10-10T16:00:00Z"),
      defaultBranch: "master",
    });
  });

  it("the mock's repository has GitHub's field names and types", async () => {
    const real = recording("get-repository")[0]?.response as Record<string, unknown>;
    const [repository] = [...world.repositories.values()];
    const answer = await mockGet(`/repos/${repository?.owner}/${repository?.name}`);
    expect(answer.status).toBe(200);
    expect(mismatches(answer.body as Record<string, unknown>, real)).toEqual([]);
  });
});

describe("a renamed repository (rename-repository)", () => {
  const gets = () => recording("rename-repository").filter((item) => item.method === "get");

  it("GitHub's 301 for the old name is followed to the new one, and the scan goes on under it", async () => {
    replay(gets());
    const newName = "rename-repository-newname";
    const node = (name: string) => ({
      databaseId: 1000,
      nameWithOwner: `octokit-fixture-org/${name}`,
      owner: { login: "octokit-fixture-org" },
      name,
      visibility: "PUBLIC",
      isPrivate: false,
      isFork: false,
      isArchived: false,
      isEmpty: true,
      stargazerCount: 0,
      primaryLanguage: null,
      createdAt: "2017-10-10T16:00:00Z",
      pushedAt: "2017-10-10T16:00:00Z",
      defaultBranchRef: null,
      pullRequests: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
    });
    const rateLimit = { cost: 1, remaining: 4999, resetAt: new Date(Date.now() + 3_600_000).toISOString(), limit: 5000 };
    const asked: string[] = [];
    nock("https://api.github.com")
      .post("/graphql")
      .times(2)
      .reply(200, (_uri, body) => {
        const name = (body as { variables: Record<string, string> }).variables.n0 as string;
        asked.push(name);
        if (name === newName) return { data: { rateLimit, r0: node(newName) } };
        return { data: { rateLimit, r0: null }, errors: [{ type: "NOT_FOUND", path: ["r0"], message: `Could not resolve to a Repository with the name 'octokit-fixture-org/${name}'.` }] };
      });
    const [result] = await collectScans(scanRepositories(github(), [{ owner: "octokit-fixture-org", name: "rename-repository", since: SINCE }], { configPatterns: ["CLAUDE.md"], dateConfigFiles: false }));
    expect(asked).toEqual(["rename-repository", newName]);
    expect(result?.renamedFrom).toBe("octokit-fixture-org/rename-repository");
    expect(result?.facts?.name).toBe(newName);
    expect(result?.outcome).toBe("empty");
  });

  it("the mock answers an old name as GitHub does: 301, a Location at /repositories/{id}, GitHub's body", async () => {
    const real = gets()[0] as Recording;
    const [repository] = [...world.repositories.values()];
    if (!repository) throw new Error("no repository");
    const oldName = repository.name;
    world.rename(repository, repository.owner, `${oldName}-renamed`);
    const answer = await mockGet(`/repos/${repository.owner}/${oldName}`);
    expect(answer.status).toBe(real.status);
    expect(new URL(answer.headers.get("location") ?? "").pathname).toMatch(/^\/repositories\/\d+$/);
    expect(new URL(real.headers.location ?? "").pathname).toMatch(/^\/repositories\/\d+$/);
    expect(Object.keys(answer.body as object).sort()).toEqual(Object.keys(real.response as object).sort());
  });
});

describe("search (search-issues)", () => {
  it("the mock's search answer has GitHub's envelope: total_count, incomplete_results, items", async () => {
    const real = recording("search-issues")[0]?.response as Record<string, unknown>;
    const answer = await mockGet("/search/repositories?q=stars:>=0&per_page=2");
    const body = answer.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(real).sort());
    expect(Object.entries(body).map(([key, value]) => [key, shapeOf(value)])).toEqual(Object.keys(body).map((key) => [key, shapeOf(real[key])]));
  });
});

describe("pagination (paginate-issues)", () => {
  it("the org report's issue listing follows GitHub's Link headers to the last page", async () => {
    replay(recording("paginate-issues"));
    // The app's octokit is @octokit/rest's; the org report pages with this route and paginate().
    const octokit = new Octokit({ auth: "0000000000000000000000000000000000000001" });
    const issues = await octokit.paginate("GET /repos/{owner}/{repo}/issues", { owner: "octokit-fixture-org", repo: "paginate-issues", per_page: 3 });
    expect(issues).toHaveLength(13);
    expect(new Set(issues.map((issue) => issue.number)).size).toBe(13);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("the mock's commit pages carry Link headers in GitHub's form", async () => {
    const real = recording("paginate-issues")[0]?.headers.link ?? "";
    const [repository] = [...world.repositories.values()];
    const answer = await mockGet(`/repos/${repository?.owner}/${repository?.name}/commits?per_page=1`);
    const link = answer.headers.get("link") ?? "";
    const form = /^<[^>]+[?&]page=\d+[^>]*>; rel="(next|last|prev|first)"(, <[^>]+>; rel="(next|last|prev|first)")*$/;
    expect(real).toMatch(form);
    expect(link).toMatch(form);
    expect(link).toContain('rel="next"');
  });
});
