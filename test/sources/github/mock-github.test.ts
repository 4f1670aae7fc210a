// The mock GitHub itself: other tests and the benchmarks trust its point counts and REST answers.
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockWorld, addSyntheticRepositories, connectionRequests, queryPoints, startMockGitHub, type MockGitHub } from "../../support/mock-github/index.js";

describe("GitHub's point formula", () => {
  it("matches GitHub's documented example (5,101 requests → 51 points)", () => {
    const document = parse(`query {
      viewer { login repositories(first: 100) { edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } }
    }`);
    expect(connectionRequests(document, {})).toBe(5101);
    expect(queryPoints(document, {})).toBe(51);
  });

  it("counts variables, fragments and aliases; a query without connections still costs 1", () => {
    const document = parse(`query Q($n: Int) { a: repository(owner: "o", name: "a") { ...F } b: repository(owner: "o", name: "b") { ...F } }
      fragment F on Repository { pullRequests(first: $n) { nodes { commits(first: 1) { totalCount } } } }`);
    expect(connectionRequests(document, { n: 50 })).toBe(2 * (1 + 50));
    expect(queryPoints(parse(`{ repository(owner: "o", name: "a") { name } }`), {})).toBe(1);
  });
});

describe("the mock's REST side", () => {
  let mock: MockGitHub;
  const world = new MockWorld();
  beforeAll(async () => {
    addSyntheticRepositories(world, { repositories: 1200, commitsPerRepository: 1, pullRequestsPerRepository: 0 });
    mock = await startMockGitHub({ world, tokens: ["good"] });
  });
  afterAll(async () => mock?.close());

  const get = (path: string, token = "good") => fetch(`${mock.url}${path}`, { headers: { authorization: `token ${token}` }, redirect: "manual" });

  it("search reports the full total_count but serves only the first 1,000 results", async () => {
    const page10 = await get("/search/repositories?q=stars:>=50&per_page=100&page=10");
    const body = (await page10.json()) as { total_count: number; items: unknown[] };
    expect(body.total_count).toBe(1200);
    expect(body.items).toHaveLength(100);
    expect((await get("/search/repositories?q=stars:>=50&per_page=100&page=11")).status).toBe(422);
  });

  it("search qualifiers narrow the results (created ranges split a cohort)", async () => {
    const all = (await (await get("/search/repositories?q=fork:false&per_page=1")).json()) as { total_count: number };
    const forks = [...world.repositories.values()].filter((repository) => repository.fork).length;
    expect(all.total_count).toBe(1200 - forks);
    const someDays = (await (await get("/search/repositories?q=created:2024-01-01..2024-03-31&per_page=1")).json()) as { total_count: number };
    expect(someDays.total_count).toBeGreaterThan(0);
    expect(someDays.total_count).toBeLessThan(1200);
  });

  it("an unknown token gets 401; installation tokens are minted without one", async () => {
    expect((await get("/rate_limit", "bad")).status).toBe(401);
    const minted = await fetch(`${mock.url}/app/installations/42/access_tokens`, { method: "POST" });
    expect(minted.status).toBe(201);
    expect(((await minted.json()) as { token: string }).token).toMatch(/^ghs_/);
  });

  it("an empty repository answers 409 on commits; a renamed one 301 to its id", async () => {
    const [empty, renamed] = addSyntheticRepositories(world, { repositories: 2, commitsPerRepository: 2, owner: "rest" });
    if (!empty || !renamed) throw new Error("no repositories");
    empty.commits = [];
    expect((await get(`/repos/rest/${empty.name}/commits`)).status).toBe(409);
    const oldName = renamed.name;
    world.rename(renamed, "rest", "new-name");
    const moved = await get(`/repos/rest/${oldName}`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`${mock.url}/repositories/${renamed.id}`);
  });
});
