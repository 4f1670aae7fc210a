// A local GitHub for tests and benchmarks: GraphQL executed against GitHub's real published schema,
// the REST endpoints agent-census calls, request and point accounting, and injectable faults.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema, execute, parse, validate, type GraphQLSchema, type GraphQLError } from "graphql";
import { schema as publishedSchema } from "@octokit/graphql-schema";
import { queryPoints } from "./cost.js";
import { rootValue, type ResolverContext } from "./resolvers.js";
import { fullName, MockWorld, type MockRepository } from "./world.js";

let cachedSchema: GraphQLSchema | undefined;
/** GitHub's schema, built once per process (about a second). */
export function githubSchema(): GraphQLSchema {
  // The published IDL repeats a few Enterprise fields; assumeValidSDL keeps the last definition.
  cachedSchema ??= buildSchema(publishedSchema.idl, { assumeValidSDL: true });
  return cachedSchema;
}

export type Fault =
  | { kind: "status"; status: number; body?: unknown }
  | { kind: "secondary"; retryAfter: number }
  | { kind: "primary"; resetInSeconds?: number }
  | { kind: "timeout"; ms: number };

export interface FaultRule {
  fault: Fault;
  /** "graphql", "rest", or a RegExp tested against "METHOD /path". Default: every request. */
  match?: "graphql" | "rest" | RegExp;
  /** How many requests it hits (default 1). */
  times?: number;
  /** Requests to let through before it starts (default 0). */
  after?: number;
}

export interface MockStats {
  requests: number;
  graphqlRequests: number;
  restRequests: number;
  points: number;
  faultsInjected: number;
  /** Requests answered 401 "Bad credentials" (an unknown or expired token). */
  unauthorized: number;
  /** "METHOD /route-shape" → count. */
  byRoute: Record<string, number>;
}

export interface MockGitHubOptions {
  world?: MockWorld;
  /** Accepted tokens; empty accepts any (and no) token. */
  tokens?: string[];
  /** Primary GraphQL budget per window. Default 5000 points. */
  pointsPerWindow?: number;
  /** Length of the budget window. Default 1 hour. */
  windowMs?: number;
  graphqlFollowsRenames?: boolean;
  /** git/trees?recursive=1 answers truncated past this many entries (GitHub: 100,000). */
  treeEntryLimit?: number;
  /**
   * GitHub-like behaviour per GraphQL query (latency, 502s on heavy queries, limits for one
   * repository): called before each query with the repositories it names (o<i>/n<i> variables)
   * and its operation; a fault it returns is applied as injected ones are.
   */
  graphqlBehaviour?: (query: GraphQLQueryInfo) => Fault | null | undefined;
  /** The app's installations (GET /app/installations). Default [1]. */
  installations?: number[];
  /** Life of an installation token (GitHub: 1 hour); with `tokens` set, a token past it answers 401. */
  installationTokenTtlMs?: number;
}

export interface GraphQLQueryInfo {
  /** "owner/name" of every o<i>/n<i> variable pair, in alias order. */
  repositories: string[];
  operationName: string | null;
  /** The token the query came with ("" without one). */
  token: string;
}

export interface MockGitHub {
  url: string;
  /** Installation tokens minted so far, with their expiry. */
  installationTokens: { installationId: number; token: string; expiresAt: Date }[];
  world: MockWorld;
  stats: MockStats;
  budget: { limit: number; remaining: number; resetAt: Date };
  injectFault(rule: FaultRule): void;
  /** Drops every fault rule still pending. */
  clearFaults(): void;
  /**
   * Every installation token minted so far stops being accepted now, before the expires_at it was
   * given with: what a client sees when its clock lags GitHub's, or a token is revoked.
   */
  expireInstallationTokens(): void;
  /** Refills the points budget now (a test's stand-in for waiting until resetAt). */
  resetBudget(): void;
  resetStats(): void;
  close(): Promise<void>;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  skip: number;
}

export async function startMockGitHub(options: MockGitHubOptions = {}): Promise<MockGitHub> {
  const world = options.world ?? new MockWorld();
  const schema = githubSchema();
  const windowMs = options.windowMs ?? 3_600_000;
  const limit = options.pointsPerWindow ?? 5000;
  const budget = { limit, remaining: limit, resetAt: new Date(Date.now() + windowMs) };
  const freshStats = (): MockStats => ({ requests: 0, graphqlRequests: 0, restRequests: 0, points: 0, faultsInjected: 0, unauthorized: 0, byRoute: {} });
  let stats = freshStats();
  const rules: ActiveRule[] = [];
  const installationTokens: MockGitHub["installationTokens"] = [];
  let tokenSerial = 0;
  const sockets = new Set<import("node:net").Socket>();

  const refill = () => {
    budget.remaining = budget.limit;
    budget.resetAt = new Date(Date.now() + windowMs);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { message: String(error) });
    });
  });
  // The client keeps idle connections for reuse; if the server closed one first (Node's default
  // 5 s, which a loaded machine's late timers can overtake) the next request on it dies with
  // ECONNRESET. Idle connections stay open until close() destroys them.
  server.keepAliveTimeout = 10 * 60_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://mock");
    const body = await readBody(request);
    const isGraphQL = url.pathname === "/graphql" || url.pathname === "/api/graphql";
    const restPath = url.pathname.replace(/^\/api\/v3/, "");
    stats.requests += 1;
    if (isGraphQL) stats.graphqlRequests += 1;
    else stats.restRequests += 1;
    const route = `${request.method} ${isGraphQL ? "/graphql" : routeShape(restPath)}`;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;

    if (Date.now() >= budget.resetAt.getTime()) refill();
    const fault = takeFault(isGraphQL, `${request.method} ${restPath}`);
    if (fault) {
      stats.faultsInjected += 1;
      if (await applyFault(fault, response)) return;
    }
    if (options.tokens && options.tokens.length > 0 && !restPath.startsWith("/app/")) {
      const token = (request.headers.authorization ?? "").replace(/^(token|bearer)\s+/i, "");
      const minted = installationTokens.find((item) => item.token === token);
      const valid = options.tokens.includes(token) || (minted !== undefined && minted.expiresAt.getTime() > Date.now());
      if (!valid) stats.unauthorized += 1;
      if (!valid) return send(response, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    }
    if (isGraphQL && options.graphqlBehaviour) {
      const behaviour = options.graphqlBehaviour(queryInfo(body, request.headers.authorization));
      if (behaviour) {
        stats.faultsInjected += 1;
        if (await applyFault(behaviour, response)) return;
      }
    }
    if (isGraphQL) return graphql(body, response);
    return rest(request.method ?? "GET", restPath, url.searchParams, response);
  }

  function takeFault(isGraphQL: boolean, target: string): Fault | null {
    for (const rule of rules) {
      if (rule.remaining <= 0) continue;
      const matches =
        rule.match === undefined || (rule.match === "graphql" ? isGraphQL : rule.match === "rest" ? !isGraphQL : rule.match.test(target));
      if (!matches) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      rule.remaining -= 1;
      return rule.fault;
    }
    return null;
  }

  /** Returns true when the fault answered the request. */
  async function applyFault(fault: Fault, response: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case "status":
        send(response, fault.status, fault.body ?? { message: `Injected ${fault.status}` });
        return true;
      case "secondary":
        send(response, 403, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, { "retry-after": String(fault.retryAfter) });
        return true;
      case "primary": {
        const reset = Math.ceil(Date.now() / 1000) + (fault.resetInSeconds ?? 1);
        send(response, 200, { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation ID 1." }] }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) });
        return true;
      }
      case "timeout":
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return false;
    }
  }

  function graphql(body: string, response: ServerResponse): void {
    let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      payload = JSON.parse(body || "{}");
    } catch {
      return send(response, 400, { message: "Problems parsing JSON" });
    }
    let document;
    try {
      document = parse(payload.query ?? "");
    } catch (error) {
      return send(response, 200, { errors: [formatError(error as GraphQLError)] });
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return send(response, 200, { errors: invalid.map(formatError) });
    const variables = payload.variables ?? {};
    const cost = queryPoints(document, variables, payload.operationName);
    if (cost > budget.remaining) {
      return send(
        response,
        200,
        { errors: [{ type: "RATE_LIMITED", message: "API rate limit already exceeded for installation ID 1." }] },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(budget.resetAt.getTime() / 1000)) },
      );
    }
    budget.remaining -= cost;
    stats.points += cost;
    const context: ResolverContext = { world, cost, budget, graphqlFollowsRenames: options.graphqlFollowsRenames ?? false };
    const result = execute({ schema, document, rootValue, contextValue: context, variableValues: variables, operationName: payload.operationName }) as {
      data?: unknown;
      errors?: readonly GraphQLError[];
    };
    const out: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors && result.errors.length > 0) out.errors = result.errors.map(formatError);
    send(response, 200, out, {
      "x-ratelimit-limit": String(budget.limit),
      "x-ratelimit-remaining": String(budget.remaining),
      "x-ratelimit-reset": String(Math.ceil(budget.resetAt.getTime() / 1000)),
      "x-ratelimit-resource": "graphql",
    });
  }

  function repositoryJson(repository: MockRepository): Record<string, unknown> {
    return {
      id: repository.id,
      node_id: Buffer.from(`Repository:${repository.id}`).toString("base64"),
      name: repository.name,
      full_name: fullName(repository),
      owner: { login: repository.owner },
      private: repository.visibility !== "PUBLIC",
      visibility: repository.visibility.toLowerCase(),
      fork: repository.fork,
      archived: repository.archived,
      stargazers_count: repository.stars,
      language: repository.language,
      created_at: repository.createdAt,
      pushed_at: repository.pushedAt,
      default_branch: repository.defaultBranch,
      size: repository.commits.length === 0 ? 0 : repository.files.length,
    };
  }

  function rest(method: string, path: string, query: URLSearchParams, response: ServerResponse): void {
    let match: RegExpMatchArray | null;
    if (method === "POST" && (match = path.match(/^\/app\/installations\/(\d+)\/access_tokens$/))) {
      const installationId = Number(match[1]);
      const minted = { installationId, token: `ghs_mock_${installationId}_${(++tokenSerial).toString(36)}_${Date.now().toString(36)}`, expiresAt: new Date(Date.now() + (options.installationTokenTtlMs ?? 3_600_000)) };
      installationTokens.push(minted);
      return send(response, 201, { token: minted.token, expires_at: minted.expiresAt.toISOString(), permissions: { contents: "read", metadata: "read", pull_requests: "read" } });
    }
    if (method === "GET" && path === "/app/installations") {
      const ids = options.installations ?? [1];
      const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
      const pageNumber = Math.max(1, Number(query.get("page") ?? 1));
      return send(response, 200, ids.slice((pageNumber - 1) * perPage, pageNumber * perPage).map((id) => ({ id, account: { login: `org-${id}` }, app_id: 1 })));
    }
    if (method !== "GET") return send(response, 404, { message: "Not Found" });
    if (path === "/rate_limit") {
      return send(response, 200, { resources: { graphql: { limit: budget.limit, remaining: budget.remaining, used: budget.limit - budget.remaining, reset: Math.ceil(budget.resetAt.getTime() / 1000) } } });
    }
    if (path === "/search/repositories") return search(query, response);
    if (path === "/repositories") return listPublic(query, response);
    if ((match = path.match(/^\/repositories\/(\d+)(\/.*)?$/))) {
      const repository = world.repositories.get(Number(match[1]));
      if (!repository) return send(response, 404, { message: "Not Found" });
      return repositoryRoute(repository, match[2] ?? "", query, response);
    }
    if ((match = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/))) {
      const [owner, name] = [decodeURIComponent(match[1] as string), decodeURIComponent(match[2] as string)];
      const repository = world.findByName(owner, name);
      if (!repository) {
        const moved = world.findByOldName(owner, name);
        // GitHub answers an old name with a permanent redirect to the repository's id.
        if (moved) return send(response, 301, { message: "Moved Permanently", url: `${serverUrl}/repositories/${moved.id}${match[3] ?? ""}`, documentation_url: "https://docs.github.com/v3/#http-redirects" }, { location: `${serverUrl}/repositories/${moved.id}${match[3] ?? ""}${query.size ? `?${query}` : ""}` });
        return send(response, 404, { message: "Not Found" });
      }
      return repositoryRoute(repository, match[3] ?? "", query, response);
    }
    send(response, 404, { message: "Not Found" });
  }

  function repositoryRoute(repository: MockRepository, rest: string, query: URLSearchParams, response: ServerResponse): void {
    if (repository.blocked) return send(response, 451, { message: "Repository access blocked", block: { reason: "dmca" } });
    if (rest === "") return send(response, 200, repositoryJson(repository));
    if (rest === "/commits") {
      if (repository.commits.length === 0) return send(response, 409, { message: "Git Repository is empty." });
      let commits = repository.commits;
      const path = query.get("path");
      if (path) {
        const touching = new Set(repository.pathHistory[path] ?? (repository.files.includes(path) ? [repository.commits.at(-1)?.sha] : []));
        commits = commits.filter((commit) => touching.has(commit.sha));
      }
      const since = query.get("since");
      if (since) commits = commits.filter((commit) => Date.parse(commit.committer.date) >= Date.parse(since));
      const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
      const pageNumber = Math.max(1, Number(query.get("page") ?? 1));
      const slice = commits.slice((pageNumber - 1) * perPage, pageNumber * perPage);
      const lastPage = Math.max(1, Math.ceil(commits.length / perPage));
      const headers: Record<string, string> = {};
      if (pageNumber < lastPage) {
        const link = (n: number) => `<${serverUrl}/repos/${fullName(repository)}/commits?per_page=${perPage}&page=${n}>`;
        headers.link = `${link(pageNumber + 1)}; rel="next", ${link(lastPage)}; rel="last"`;
      }
      return send(
        response,
        200,
        slice.map((commit) => ({
          sha: commit.sha,
          commit: { message: commit.message, author: commit.author, committer: commit.committer },
          author: commit.author.login ? { login: commit.author.login } : null,
          committer: commit.committer.login ? { login: commit.committer.login } : null,
          parents: commit.parents.map((sha) => ({ sha })),
        })),
        headers,
      );
    }
    const tree = rest.match(/^\/git\/trees\/(.+)$/);
    if (tree) {
      if (repository.commits.length === 0) return send(response, 409, { message: "Git Repository is empty." });
      const limit = options.treeEntryLimit ?? 100_000;
      const entries = repository.files.map((path) => ({ path, type: "blob", mode: "100644" }));
      return send(response, 200, { sha: repository.commits[0]?.sha, tree: entries.slice(0, limit), truncated: entries.length > limit });
    }
    send(response, 404, { message: "Not Found" });
  }

  /** GET /repositories?since=ID: public repositories with a larger id, ascending, 100 at most (GitHub's page). */
  function listPublic(query: URLSearchParams, response: ServerResponse): void {
    const since = Number(query.get("since") ?? 0);
    const items = [...world.repositories.values()]
      .filter((repository) => repository.visibility === "PUBLIC" && repository.id > since)
      .sort((a, b) => a.id - b.id)
      .slice(0, 100);
    send(response, 200, items.map(repositoryJson));
  }

  /** Enough of GitHub's search syntax for cohorts: stars:, pushed:, created: (ranges), fork:; 1,000 results at most. */
  function search(query: URLSearchParams, response: ServerResponse): void {
    const q = query.get("q") ?? "";
    let repositories = [...world.repositories.values()].filter((repository) => repository.visibility === "PUBLIC");
    for (const term of q.split(/\s+/).filter(Boolean)) {
      // Split at the first colon only: created:2020-01-01T00:00:00Z..2020-02-01T00:00:00Z has more.
      const colon = term.indexOf(":");
      const [key, value] = colon < 0 ? [term, ""] : [term.slice(0, colon), term.slice(colon + 1)];
      if (key === "fork" && value === "false") repositories = repositories.filter((repository) => !repository.fork);
      if (key === "archived" && value === "false") repositories = repositories.filter((repository) => !repository.archived);
      if (key === "stars") repositories = repositories.filter((repository) => compare(repository.stars, value, Number));
      if (key === "pushed") repositories = repositories.filter((repository) => repository.pushedAt !== null && compare(Date.parse(repository.pushedAt), value, Date.parse));
      if (key === "created") repositories = repositories.filter((repository) => compare(Date.parse(repository.createdAt), value, Date.parse));
    }
    repositories.sort((a, b) => b.stars - a.stars || a.id - b.id);
    const perPage = Math.min(100, Number(query.get("per_page") ?? 30));
    const pageNumber = Math.max(1, Number(query.get("page") ?? 1));
    if (pageNumber * perPage > 1000 && (pageNumber - 1) * perPage >= 1000) {
      return send(response, 422, { message: "Only the first 1000 search results are available" });
    }
    const capped = repositories.slice(0, 1000);
    send(response, 200, {
      total_count: repositories.length,
      incomplete_results: false,
      items: capped.slice((pageNumber - 1) * perPage, pageNumber * perPage).map(repositoryJson),
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: serverUrl,
    world,
    installationTokens,
    get stats() {
      return stats;
    },
    budget,
    injectFault(rule) {
      rules.push({ ...rule, remaining: rule.times ?? 1, skip: rule.after ?? 0 });
    },
    clearFaults() {
      rules.length = 0;
    },
    expireInstallationTokens() {
      const past = new Date(Date.now() - 1);
      for (const minted of installationTokens) if (minted.expiresAt > past) minted.expiresAt = past;
    },
    resetBudget: refill,
    resetStats() {
      stats = freshStats();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** "5", ">=5", "<5", "a..b", "*..b" style qualifiers. */
function compare(actual: number, qualifier: string, parseValue: (value: string) => number): boolean {
  const range = qualifier.split("..");
  if (range.length === 2) {
    const [low, high] = range as [string, string];
    return (low === "*" || actual >= parseValue(low)) && (high === "*" || actual <= endOf(high, parseValue));
  }
  const operator = qualifier.match(/^(>=|<=|>|<)?(.*)$/) as RegExpMatchArray;
  const value = parseValue(operator[2] as string);
  switch (operator[1]) {
    case ">=":
      return actual >= value;
    case "<=":
      return actual <= endOf(operator[2] as string, parseValue);
    case ">":
      return actual > value;
    case "<":
      return actual < value;
    default:
      return actual === value;
  }
}

/** A date without a time covers the whole day. */
function endOf(value: string, parseValue: (value: string) => number): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseValue(value) + 86_399_999 : parseValue(value);
}

function routeShape(path: string): string {
  return path
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/:owner/:repo")
    .replace(/^\/repositories\/\d+/, "/repositories/:id")
    .replace(/\/git\/trees\/.+$/, "/git/trees/:sha")
    .replace(/^\/app\/installations\/\d+/, "/app/installations/:id");
}

function queryInfo(body: string, authorization: string | undefined): GraphQLQueryInfo {
  let payload: { query?: string; variables?: Record<string, unknown> } = {};
  try {
    payload = JSON.parse(body || "{}");
  } catch {
    // Malformed bodies are answered by the GraphQL handler.
  }
  const variables = payload.variables ?? {};
  const repositories: string[] = [];
  for (let index = 0; typeof variables[`n${index}`] === "string"; index++) repositories.push(`${String(variables[`o${index}`])}/${String(variables[`n${index}`])}`);
  const operation = /^\s*query\s+(\w+)/.exec(payload.query ?? "");
  return { repositories, operationName: operation?.[1] ?? null, token: (authorization ?? "").replace(/^(token|bearer)\s+/i, "") };
}

function formatError(error: GraphQLError): Record<string, unknown> {
  const type = error.extensions?.type;
  return { ...(type ? { type } : {}), message: error.message, ...(error.path ? { path: error.path } : {}), ...(error.locations ? { locations: error.locations } : {}) };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

export { MockWorld } from "./world.js";
