// Adaptive batches (issue 20): a GraphQL batch GitHub cannot answer (502, a timeout, "Something
// went wrong while executing your query", RESOURCE_LIMITS_EXCEEDED) is halved and retried down to
// single repositories; a repository GitHub cannot answer even alone is recorded as failed with its
// reason, and every other repository of the batch is scanned. nock plays a GitHub whose limits
// depend on which repositories a query holds.
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { collectScans, createGitHubClient, isTooHeavy, isUnanswerable, scanRepositories, GitHubApiError } from "../../../src/sources/github/index.js";

const API = "https://api.github.com";
const SINCE = "2025-10-01T00:00:00Z";
const DATE = "2025-11-02T10:00:00Z";

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

const rateLimit = { cost: 1, remaining: 4999, resetAt: new Date(Date.now() + 3_600_000).toISOString(), limit: 5000 };

function commit(index: number) {
  const oid = index.toString(16).padStart(40, "0");
  return {
    oid,
    committedDate: DATE,
    authoredDate: DATE,
    message: `change ${index}`,
    author: { name: "Ann", email: "ann@example.com", date: DATE, user: { login: "ann" } },
    committer: { name: "Ann", email: "ann@example.com", date: DATE, user: { login: "ann" } },
  };
}

function history(first: number, count: number, more: boolean) {
  return { totalCount: count, pageInfo: { hasNextPage: more, endCursor: more ? `cursor-${first + count}` : null }, nodes: Array.from({ length: count }, (_, i) => commit(first + i + 1)) };
}

/** `paged` repositories have a second history page. */
function repositoryNode(name: string, id: number, paged: boolean) {
  return {
    databaseId: id,
    nameWithOwner: `o/${name}`,
    owner: { login: "o" },
    name,
    visibility: "PUBLIC",
    isPrivate: false,
    isFork: false,
    isArchived: false,
    isEmpty: false,
    stargazerCount: 3,
    primaryLanguage: null,
    createdAt: "2020-01-01T00:00:00Z",
    pushedAt: DATE,
    defaultBranchRef: { name: "main", target: { oid: "f".repeat(40), committedDate: DATE, tree: { entries: [] }, history: history(id * 1000, 2, paged) } },
    pullRequests: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
  };
}

interface Body {
  query: string;
  variables: Record<string, unknown>;
}

function namesOf(body: Body): string[] {
  return Object.keys(body.variables)
    .filter((key) => /^n\d+$/.test(key))
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((key) => body.variables[key] as string);
}

type Failure = "502" | "went-wrong" | "resource-limits" | "alias-limits" | "timeout";

/**
 * A GitHub whose answer depends on the query: `limits` says, per repository name, how many
 * repositories a query may hold with it before GitHub gives up, and how it gives up.
 */
function fakeGitHub(options: { names: string[]; limits: Record<string, { max: number; failure: Failure; followUpOnly?: boolean }>; paged?: string[] }) {
  const sizes: number[] = [];
  const kinds: string[] = [];
  nock(API)
    .post("/graphql")
    .times(200)
    .delay(0)
    .reply(function (_uri, raw) {
      const body = raw as Body;
      const names = namesOf(body);
      const followUp = body.query.includes("FollowUpPages");
      sizes.push(names.length);
      kinds.push(followUp ? "follow-up" : "first");
      const heavy = names.flatMap((name) => {
        const limit = options.limits[name];
        if (!limit || names.length <= limit.max || Boolean(limit.followUpOnly) !== followUp) return [];
        return [{ name, failure: limit.failure }];
      });
      const global = heavy.find((item) => item.failure !== "alias-limits");
      if (global?.failure === "502") return [502, { message: "Server Error" }];
      if (global?.failure === "timeout") return [504, { message: "We couldn't respond to your request in time." }];
      if (global?.failure === "went-wrong") {
        return [200, { data: null, errors: [{ message: "Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug." }] }];
      }
      if (global?.failure === "resource-limits") {
        return [200, { data: null, errors: [{ type: "RESOURCE_LIMITS_EXCEEDED", message: "Resource limits for this query exceeded." }] }];
      }
      const data: Record<string, unknown> = { rateLimit };
      const errors: unknown[] = [];
      names.forEach((name, index) => {
        const id = options.names.indexOf(name) + 1;
        if (heavy.some((item) => item.name === name)) {
          data[`r${index}`] = null;
          errors.push({ type: "RESOURCE_LIMITS_EXCEEDED", path: [`r${index}`], message: "Resource limits for this query exceeded." });
          return;
        }
        if (followUp) data[`r${index}`] = { [`h${index}`]: { history: history(id * 1000 + 2, 1, false) } };
        else data[`r${index}`] = repositoryNode(name, id, options.paged?.includes(name) ?? false);
      });
      return [200, errors.length > 0 ? { data, errors } : { data }];
    });
  return { sizes, kinds };
}

const client = () => createGitHubClient({ token: "t", graphqlIntervalMs: 0, waitUnitMs: 1, retries: 0 });
const scanOptions = { configPatterns: ["CLAUDE.md"], dateConfigFiles: false, batchSize: 8 };
const requests = (names: string[]) => names.map((name) => ({ owner: "o", name, since: SINCE }));

describe("adaptive batches", () => {
  it("a 502 on a heavy batch is halved down to the one repository, which alone passes", async () => {
    const names = ["a", "b", "c", "d", "heavy", "f", "g", "h"];
    const { sizes } = fakeGitHub({ names, limits: { heavy: { max: 1, failure: "502" } } });
    const results = await collectScans(scanRepositories(client(), requests(names), scanOptions));
    expect(results.map((result) => result.outcome)).toEqual(Array(8).fill("ok"));
    // 8 fails; its first half passes, the half with heavy fails, then [heavy, f] fails, then singles pass.
    expect(sizes).toEqual([8, 4, 4, 2, 1, 1, 2]);
  });

  it("'Something went wrong while executing your query' and RESOURCE_LIMITS_EXCEEDED for the whole query halve it too", async () => {
    const names = ["a", "b", "slow", "d", "e", "limits"];
    const { sizes } = fakeGitHub({ names, limits: { slow: { max: 2, failure: "went-wrong" }, limits: { max: 3, failure: "resource-limits" } } });
    const results = await collectScans(scanRepositories(client(), requests(names), scanOptions));
    expect(results.map((result) => result.outcome)).toEqual(Array(6).fill("ok"));
    expect(sizes[0]).toBe(6);
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(3);
  });

  it("a repository GitHub cannot answer even alone is recorded as failed with its reason; the others are scanned", async () => {
    const names = ["a", "b", "c", "monster", "e"];
    const { sizes } = fakeGitHub({ names, limits: { monster: { max: 0, failure: "timeout" } } });
    const results = await collectScans(scanRepositories(client(), requests(names), scanOptions));
    const byName = new Map(results.map((result) => [result.request.name, result]));
    expect(byName.get("monster")?.outcome).toBe("error");
    expect(isUnanswerable(byName.get("monster")?.message)).toBe(true);
    expect(byName.get("monster")?.message).toMatch(/couldn't respond to your request in time/);
    for (const name of ["a", "b", "c", "e"]) expect(byName.get(name)?.outcome).toBe("ok");
    expect(sizes.filter((size) => size === 1).length).toBeGreaterThanOrEqual(1);
  });

  it("a per-repository RESOURCE_LIMITS_EXCEEDED inside a good answer asks that repository again alone; the rest of the answer is kept", async () => {
    const names = ["a", "b", "wide", "d"];
    const { sizes } = fakeGitHub({ names, limits: { wide: { max: 1, failure: "alias-limits" } } });
    const results = await collectScans(scanRepositories(client(), requests(names), scanOptions));
    expect(results.map((result) => [result.request.name, result.outcome])).toEqual([
      ["a", "ok"],
      ["b", "ok"],
      ["d", "ok"],
      ["wide", "ok"],
    ]);
    expect(sizes).toEqual([4, 1]);
  });

  it("a follow-up page too heavy in a batch is halved: one deep repository does not leave the others incomplete", async () => {
    const names = ["a", "b", "deep", "d"];
    const { sizes, kinds } = fakeGitHub({ names, paged: names, limits: { deep: { max: 0, failure: "502", followUpOnly: true } } });
    const results = await collectScans(scanRepositories(client(), requests(names), scanOptions));
    const byName = new Map(results.map((result) => [result.request.name, result]));
    for (const name of ["a", "b", "d"]) {
      expect(byName.get(name)?.outcome).toBe("ok");
      expect(byName.get(name)?.commits).toHaveLength(3);
    }
    expect(byName.get("deep")?.outcome).toBe("error");
    expect(isUnanswerable(byName.get("deep")?.message)).toBe(true);
    expect(kinds[0]).toBe("first");
    expect(sizes.slice(1)).toEqual([4, 2, 2, 1, 1]);
  });

  it("a query GitHub rejects for another reason is not split (halves would fail the same way)", () => {
    expect(isTooHeavy(new GitHubApiError("GitHub rejected the GraphQL query: Field 'x' doesn't exist on type 'Repository'"))).toBe(false);
    expect(isTooHeavy(new GitHubApiError("GitHub rejected the GraphQL query: Something went wrong while executing your query."))).toBe(true);
    expect(isTooHeavy(Object.assign(new Error("Bad Gateway"), { status: 502 }))).toBe(true);
    expect(isTooHeavy(Object.assign(new Error("Not Found"), { status: 404 }))).toBe(false);
    // An outage is retried by the queue, not halved into "unanswerable" repositories.
    expect(isTooHeavy(Object.assign(new Error("Service Unavailable"), { status: 503 }))).toBe(false);
  });
});
