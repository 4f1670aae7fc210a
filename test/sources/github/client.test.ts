// The client and the failure paths, with nock standing in for GitHub: URLs for GitHub Enterprise
// Server, a refused token, primary and secondary rate limits, 5xx, and per-repository REST statuses.
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AccessDeniedError,
  RateLimitedError,
  collectScans,
  createGitHubClient,
  gitHubClientOptionsFromEnv,
  resolveApiUrls,
  scanRepositories,
  type GitHubClientOptions,
  type RateLimitWait,
} from "../../../src/sources/github/index.js";

const API = "https://api.github.com";
const SINCE = "2025-10-01T00:00:00Z";
const TOKEN = "ghp_secretsecretsecret";

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

function repositoryNode(owner: string, name: string, id: number) {
  const date = "2025-11-02T10:00:00Z";
  return {
    databaseId: id,
    nameWithOwner: `${owner}/${name}`,
    owner: { login: owner },
    name,
    visibility: "PUBLIC",
    isPrivate: false,
    isFork: false,
    isArchived: false,
    isEmpty: false,
    stargazerCount: 3,
    primaryLanguage: null,
    createdAt: "2020-01-01T00:00:00Z",
    pushedAt: date,
    defaultBranchRef: {
      name: "main",
      target: {
        oid: "a".repeat(40),
        committedDate: date,
        tree: { entries: [{ path: "CLAUDE.md", type: "blob" }] },
        history: {
          totalCount: 1,
          pageInfo: { hasNextPage: false, endCursor: "c1" },
          nodes: [
            {
              oid: "a".repeat(40),
              committedDate: date,
              authoredDate: date,
              message: "Add CLAUDE.md",
              author: { name: "Ann", email: "ann@example.com", date, user: { login: "ann" } },
              committer: { name: "GitHub", email: "noreply@github.com", date, user: null },
            },
          ],
        },
      },
    },
    pullRequests: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
  };
}

const rateLimit = (remaining = 4999, resetAt = new Date(Date.now() + 3_600_000).toISOString()) => ({ cost: 1, remaining, resetAt, limit: 5000 });

/** The variables of a batched query name its repositories: o0/n0, o1/n1, … */
function aliasCount(body: { variables?: Record<string, unknown> }): number {
  return Object.keys(body.variables ?? {}).filter((key) => /^o\d+$/.test(key)).length;
}

function client(options: GitHubClientOptions = {}) {
  return createGitHubClient({ token: TOKEN, graphqlIntervalMs: 0, waitUnitMs: 1, ...options });
}

const scanOptions = { configPatterns: ["CLAUDE.md"], dateConfigFiles: false };

describe("API URLs", () => {
  it("uses github.com by default, GITHUB_API_URL when set, and Probot's GHE_HOST for Enterprise Server", () => {
    expect(resolveApiUrls({})).toEqual({ restUrl: API, graphqlUrl: `${API}/graphql`, host: "github.com" });
    expect(resolveApiUrls({ gheHost: "ghe.example.com" })).toEqual({
      restUrl: "https://ghe.example.com/api/v3",
      graphqlUrl: "https://ghe.example.com/api/graphql",
      host: "ghe.example.com",
    });
    expect(resolveApiUrls({ baseUrl: "https://ghe.corp/api/v3/", gheHost: "ignored" }).graphqlUrl).toBe("https://ghe.corp/api/graphql");
    expect(gitHubClientOptionsFromEnv({ GITHUB_TOKEN: "t", GHE_HOST: "h" })).toEqual({ token: "t", baseUrl: undefined, gheHost: "h", gheProtocol: undefined });
    expect(resolveApiUrls(gitHubClientOptionsFromEnv({ GHE_HOST: "ghe.lan:8080", GHE_PROTOCOL: "http" })).restUrl).toBe("http://ghe.lan:8080/api/v3");
  });

  it("sends GraphQL to an Enterprise Server's /api/graphql with the token", async () => {
    const scope = nock("https://ghe.example.com", { reqheaders: { authorization: `token ${TOKEN}` } })
      .post("/api/graphql")
      .reply(200, { data: { rateLimit: rateLimit(), r0: repositoryNode("corp", "app", 7) } });
    const [result] = await collectScans(scanRepositories(client({ gheHost: "ghe.example.com" }), [{ owner: "corp", name: "app", since: SINCE }], scanOptions));
    expect(scope.isDone()).toBe(true);
    expect(result?.facts).toMatchObject({ host: "ghe.example.com", githubId: 7 });
    expect(result?.configPaths).toEqual(["CLAUDE.md"]);
  });
});

describe("a token without access", () => {
  it("401 ends the scan with AccessDeniedError, and the message never holds the token", async () => {
    nock(API).post("/graphql").reply(401, { message: "Bad credentials" });
    const scanning = collectScans(scanRepositories(client(), [{ owner: "o", name: "r", since: SINCE }], scanOptions));
    const error = await scanning.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect((error as Error).message).toMatch(/GITHUB_TOKEN/);
  });

  it("403 without a rate limit is AccessDeniedError too", async () => {
    nock(API).post("/graphql").reply(403, { message: "Resource not accessible by integration" });
    await expect(collectScans(scanRepositories(client(), [{ owner: "o", name: "r", since: SINCE }], scanOptions))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("rate limits: wait, don't fail", () => {
  it("a secondary limit (403 + retry-after) is waited out for the time GitHub asks", async () => {
    const waits: RateLimitWait[] = [];
    nock(API)
      .post("/graphql")
      .reply(403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "7" })
      .post("/graphql")
      .reply(200, { data: { rateLimit: rateLimit(), r0: repositoryNode("o", "r", 1) } });
    const [result] = await collectScans(scanRepositories(client({ onWait: (wait) => waits.push(wait) }), [{ owner: "o", name: "r", since: SINCE }], scanOptions));
    expect(result?.outcome).toBe("ok");
    expect(waits).toEqual([expect.objectContaining({ kind: "secondary", seconds: 7 })]);
  });

  it("429 with retry-after is a secondary limit as well", async () => {
    const waits: RateLimitWait[] = [];
    nock(API)
      .post("/graphql")
      .reply(429, { message: "secondary rate limit" }, { "retry-after": "3" })
      .post("/graphql")
      .reply(200, { data: { rateLimit: rateLimit(), r0: repositoryNode("o", "r", 1) } });
    const [result] = await collectScans(scanRepositories(client({ onWait: (wait) => waits.push(wait) }), [{ owner: "o", name: "r", since: SINCE }], scanOptions));
    expect(result?.outcome).toBe("ok");
    expect(waits.map((wait) => wait.seconds)).toEqual([3]);
  });

  it("a RATE_LIMITED answer (primary budget spent) waits until x-ratelimit-reset, then retries", async () => {
    const waits: RateLimitWait[] = [];
    const reset = Math.ceil(Date.now() / 1000) + 120;
    nock(API)
      .post("/graphql")
      .reply(200, { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) })
      .post("/graphql")
      .reply(200, { data: { rateLimit: rateLimit(), r0: repositoryNode("o", "r", 1) } });
    const [result] = await collectScans(scanRepositories(client({ onWait: (wait) => waits.push(wait) }), [{ owner: "o", name: "r", since: SINCE }], scanOptions));
    expect(result?.outcome).toBe("ok");
    expect(waits[0]?.kind).toBe("primary");
    expect(waits[0]?.seconds).toBeGreaterThanOrEqual(119);
  });

  it("on Enterprise Server (/api/graphql, unseen by the throttling plugin) a RATE_LIMITED answer is waited out too", async () => {
    const sleeps: number[] = [];
    const now = Date.parse("2026-01-01T00:00:00Z");
    nock("https://ghe.example.com")
      .post("/api/graphql")
      .reply(200, { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 600) })
      .post("/api/graphql")
      .reply(200, { data: { rateLimit: rateLimit(), r0: repositoryNode("o", "r", 1) } });
    const github = client({ gheHost: "ghe.example.com", budget: { now: () => now, sleep: async (ms) => void sleeps.push(ms) } });
    const [result] = await collectScans(scanRepositories(github, [{ owner: "o", name: "r", since: SINCE }], scanOptions));
    expect(result?.outcome).toBe("ok");
    expect(sleeps).toEqual([601_000]);
  });

  it("reads rateLimit.remaining/resetAt and sleeps until the reset before overdrawing the budget", async () => {
    const sleeps: number[] = [];
    const now = Date.parse("2026-01-01T00:00:00Z");
    const resetAt = new Date(now + 30 * 60_000).toISOString();
    nock(API)
      .post("/graphql")
      .reply(200, { data: { rateLimit: rateLimit(0, resetAt), r0: repositoryNode("o", "a", 1) } })
      .post("/graphql")
      .reply(200, { data: { rateLimit: rateLimit(4999), r0: repositoryNode("o", "b", 2) } });
    const github = client({ budget: { now: () => now, sleep: async (ms) => void sleeps.push(ms) } });
    const requests = [
      { owner: "o", name: "a", since: SINCE },
      { owner: "o", name: "b", since: SINCE },
    ];
    const results = await collectScans(scanRepositories(github, requests, { ...scanOptions, batchSize: 1 }));
    expect(results.map((result) => result.outcome)).toEqual(["ok", "ok"]);
    expect(sleeps).toEqual([30 * 60_000 + 1000]);
  });

  it("a wait longer than maxWaitMs fails with RateLimitedError naming the reset time", async () => {
    const resetAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    nock(API).post("/graphql").reply(200, { data: { rateLimit: rateLimit(0, resetAt), r0: repositoryNode("o", "a", 1) } });
    const requests = [
      { owner: "o", name: "a", since: SINCE },
      { owner: "o", name: "b", since: SINCE },
    ];
    const error = await collectScans(scanRepositories(client({ maxWaitMs: 60_000 }), requests, { ...scanOptions, batchSize: 1 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt.toISOString()).toBe(resetAt);
  });
});

describe("server errors and per-repository statuses", () => {
  it("a batch that keeps failing with 502 is halved until its parts pass", async () => {
    const sizes: number[] = [];
    nock(API)
      .post("/graphql")
      .reply(502, (_uri, body) => {
        sizes.push(aliasCount(body as { variables?: Record<string, unknown> }));
        return { message: "Server Error" };
      })
      .post("/graphql")
      .times(2)
      .reply(200, (_uri, body) => {
        const variables = (body as { variables: Record<string, string> }).variables;
        sizes.push(aliasCount(body as { variables?: Record<string, unknown> }));
        return { data: { rateLimit: rateLimit(), r0: repositoryNode("o", variables.n0 as string, variables.n0 === "a" ? 1 : 2) } };
      });
    const requests = [
      { owner: "o", name: "a", since: SINCE },
      { owner: "o", name: "b", since: SINCE },
    ];
    const results = await collectScans(scanRepositories(client({ retries: 0 }), requests, scanOptions));
    expect(sizes).toEqual([2, 1, 1]);
    expect(results.map((result) => [result.outcome, result.facts?.name])).toEqual([
      ["ok", "a"],
      ["ok", "b"],
    ]);
  });

  it("5xx are retried before anything is given up", async () => {
    nock(API)
      .post("/graphql")
      .reply(503, { message: "unavailable" })
      .post("/graphql")
      .reply(200, { data: { rateLimit: rateLimit(), r0: repositoryNode("o", "r", 1) } });
    const github = client({ retries: 2 });
    const [result] = await collectScans(scanRepositories(github, [{ owner: "o", name: "r", since: SINCE }], scanOptions));
    expect(result?.outcome).toBe("ok");
    expect(github.stats.httpRequests).toBe(2);
  });

  it("a single repository that fails for good ends as 'error' with the cause, not a crash", async () => {
    nock(API).post("/graphql").reply(500, { message: "boom" });
    const [result] = await collectScans(scanRepositories(client({ retries: 0 }), [{ owner: "o", name: "r", since: SINCE }], scanOptions));
    expect(result?.outcome).toBe("error");
    expect(result?.message).toMatch(/boom/);
  });

  it("partial data: a NOT_FOUND alias is looked up by id; 451 there means blocked, 404 gone; the rest of the batch is kept", async () => {
    nock(API)
      .post("/graphql")
      .reply(200, {
        data: { rateLimit: rateLimit(), r0: repositoryNode("o", "ok", 1), r1: null, r2: null },
        errors: [
          { type: "NOT_FOUND", path: ["r1"], message: "Could not resolve to a Repository with the name 'o/dmca'." },
          { type: "NOT_FOUND", path: ["r2"], message: "Could not resolve to a Repository with the name 'o/deleted'." },
        ],
      })
      .get("/repositories/22")
      .reply(451, { message: "Repository access blocked" })
      .get("/repositories/33")
      .reply(404, { message: "Not Found" });
    const results = await collectScans(
      scanRepositories(
        client(),
        [
          { owner: "o", name: "ok", since: SINCE },
          { owner: "o", name: "dmca", githubId: 22, since: SINCE },
          { owner: "o", name: "deleted", githubId: 33, since: SINCE },
        ],
        scanOptions,
      ),
    );
    expect(results.map((result) => result.outcome)).toEqual(["ok", "blocked", "gone"]);
    expect(results[0]?.commits).toHaveLength(1);
  });

  it("an alias GitHub refuses (FORBIDDEN) is 'no-access'; 'Repository access blocked' is 'blocked'", async () => {
    nock(API)
      .post("/graphql")
      .reply(200, {
        data: { rateLimit: rateLimit(), r0: null, r1: null },
        errors: [
          { type: "FORBIDDEN", path: ["r0"], message: "Resource not accessible by integration" },
          { type: "FORBIDDEN", path: ["r1"], message: "Repository access blocked" },
        ],
      });
    const results = await collectScans(
      scanRepositories(
        client(),
        [
          { owner: "o", name: "private", since: SINCE },
          { owner: "o", name: "blocked", since: SINCE },
        ],
        scanOptions,
      ),
    );
    expect(results.map((result) => result.outcome)).toEqual(["no-access", "blocked"]);
  });

  it("an empty repository (isEmpty, no default branch) is 'empty' with its facts", async () => {
    const node = { ...repositoryNode("o", "empty", 9), isEmpty: true, defaultBranchRef: null };
    nock(API).post("/graphql").reply(200, { data: { rateLimit: rateLimit(), r0: node } });
    const [result] = await collectScans(scanRepositories(client(), [{ owner: "o", name: "empty", since: SINCE }], scanOptions));
    expect(result?.outcome).toBe("empty");
    expect(result?.facts?.githubId).toBe(9);
    expect(result?.commits).toEqual([]);
  });
});
