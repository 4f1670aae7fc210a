// The Octokit factory every GitHub source uses: throttling that waits instead of failing, retries on
// transient errors, GitHub Enterprise Server URLs, and a request counter for cost accounting.
import { Octokit } from "@octokit/rest";
import { throttling } from "@octokit/plugin-throttling";
import { retry } from "@octokit/plugin-retry";
import Bottleneck from "bottleneck";
import { sendWithToken } from "./app-tokens.js";
import { RateBudget, type RateBudgetOptions } from "./rate-budget.js";

export const PUBLIC_API_URL = "https://api.github.com";

/** Plain options; the lead's src/config.ts parses the environment into these. */
export interface GitHubClientOptions {
  /** A personal or installation token. Never logged. */
  token?: string;
  /** A token that changes (an installation token renewed before it expires): asked before every request. */
  tokenSource?: { token(): Promise<string>; renew?(stale: string): Promise<string> };
  /** An already-authenticated Octokit (e.g. Probot's installation octokit); used as is. */
  octokit?: OctokitLike;
  /** REST base URL, e.g. https://ghe.example.com/api/v3 (GITHUB_API_URL). */
  baseUrl?: string;
  /** Probot's GHE_HOST (a host name, optionally with scheme); ignored when baseUrl is set. */
  gheHost?: string;
  /** Probot's GHE_PROTOCOL for GHE_HOST: "https" (default) or "http". */
  gheProtocol?: string;
  userAgent?: string;
  /** Retries for 5xx and network errors (plugin-retry). Default 3. */
  retries?: number;
  /** Milliseconds per unit of retry-after / backoff; tests shrink it so waits are instant. Default 1000. */
  waitUnitMs?: number;
  /** Minimum gap between GraphQL calls of one client (GitHub asks for serial GraphQL). Default 1000 ms. */
  graphqlIntervalMs?: number;
  /** A rate-limit wait longer than this fails with RateLimitedError instead. Default 1 hour. */
  maxWaitMs?: number;
  /** Called on every rate-limit wait (for progress bars and logs). */
  onWait?: (wait: RateLimitWait) => void;
  /** HTTP timeout per request in ms. Default 60 s. */
  timeoutMs?: number;
  /** How to wait for the GraphQL budget's reset (tests inject a fake sleep and clock). */
  budget?: Omit<RateBudgetOptions, "maxWaitMs">;
}

export interface RateLimitWait {
  kind: "primary" | "secondary";
  seconds: number;
  method: string;
  url: string;
  attempt: number;
}

/** The subset of Octokit the sources call; Probot's octokit and @octokit/rest's both fit. */
export interface OctokitLike {
  request: (route: string, parameters?: Record<string, unknown>) => Promise<{ status: number; headers: Record<string, unknown>; data: unknown }>;
  graphql: (query: string, parameters?: Record<string, unknown>) => Promise<unknown>;
  hook?: { before: (name: "request", callback: (options: { method?: string; url?: string }) => void) => void };
}

/** A client plus the counters a scan reads to report its cost. */
export interface GitHubClient {
  octokit: OctokitLike;
  /** Host name of the API (github.com for the public API), stored with each repository. */
  host: string;
  restUrl: string;
  graphqlUrl: string;
  /** HTTP requests sent so far, retries included. */
  stats: { httpRequests: number };
  /** The GraphQL points budget as GitHub last reported it. */
  budget: RateBudget;
}

export interface ApiUrls {
  restUrl: string;
  graphqlUrl: string;
  host: string;
}

/** GITHUB_API_URL wins; else GHE_HOST gives https://HOST/api/v3 and https://HOST/api/graphql; else github.com. */
export function resolveApiUrls(options: { baseUrl?: string; gheHost?: string; gheProtocol?: string }): ApiUrls {
  let restUrl = PUBLIC_API_URL;
  if (options.baseUrl) restUrl = options.baseUrl.replace(/\/+$/, "");
  else if (options.gheHost) {
    const host = /^https?:\/\//.test(options.gheHost) ? options.gheHost : `${options.gheProtocol ?? "https"}://${options.gheHost}`;
    restUrl = `${host.replace(/\/+$/, "")}/api/v3`;
  }
  const graphqlUrl = /\/api\/v3$/.test(restUrl) ? restUrl.replace(/\/api\/v3$/, "/api/graphql") : `${restUrl}/graphql`;
  const hostName = new URL(restUrl).host;
  return { restUrl, graphqlUrl, host: hostName === "api.github.com" ? "github.com" : hostName };
}

/** Reads the variables this module understands; src/config.ts may call it or build the options itself. */
export function gitHubClientOptionsFromEnv(env: Record<string, string | undefined>): GitHubClientOptions {
  return {
    token: env.GITHUB_TOKEN || undefined,
    baseUrl: env.GITHUB_API_URL || undefined,
    gheHost: env.GHE_HOST || undefined,
    gheProtocol: env.GHE_PROTOCOL || undefined,
  };
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

let clientSerial = 0;

export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const urls = resolveApiUrls(options);
  const stats = { httpRequests: 0 };
  const countRequest = () => {
    stats.httpRequests += 1;
  };
  const octokit = options.octokit ?? buildOctokit(options, urls, countRequest);
  // An injected octokit (Probot's) is counted per call, retries not included: its fetch is its own.
  if (options.octokit) octokit.hook?.before("request", countRequest);
  const budget = new RateBudget({ ...options.budget, maxWaitMs: options.maxWaitMs, onWait: options.budget?.onWait ?? ((wait) => options.onWait?.({ ...wait, method: "POST", url: urls.graphqlUrl, attempt: 0 })) });
  return { octokit, ...urls, stats, budget };
}

function buildOctokit(options: GitHubClientOptions, urls: ApiUrls, countRequest: () => void): OctokitLike {
  const waitUnitMs = options.waitUnitMs ?? 1000;
  const maxWaitMs = options.maxWaitMs ?? 60 * 60 * 1000;
  const wantsToWait = (kind: RateLimitWait["kind"]) => (seconds: number, request: { method?: string; url?: string }, _octokit: unknown, attempt: number) => {
    if (seconds * waitUnitMs > maxWaitMs || attempt >= 20) return false;
    options.onWait?.({ kind, seconds, method: request.method ?? "", url: request.url ?? "", attempt });
    return true;
  };
  const octokit = new ThrottledOctokit({
    auth: options.token,
    baseUrl: urls.restUrl,
    userAgent: options.userAgent ?? "agent-census",
    // Octokit's default logger prints request URLs on warnings, never headers; keep it quiet anyway.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    // Not request.retries: plugin-retry would then retry every failure, 404 and 451 included.
    // Counting inside fetch sees every HTTP request, retries included. @octokit/request has no timeout
    // option: a hung request is aborted here, surfaces as a 500, and plugin-retry tries again.
    request: {
      fetch: (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        countRequest();
        const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
        return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
      },
    },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: waitUnitMs },
    throttle: {
      id: `agent-census-${process.pid}-${clientSerial++}`,
      retryAfterBaseValue: waitUnitMs,
      fallbackSecondaryRateRetryAfter: 60,
      // GraphQL shares the plugin's serial "write" lane; its 1 s spacing is GitHub's advice, made tunable.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.graphqlIntervalMs ?? 1000 }),
      onRateLimit: wantsToWait("primary"),
      onSecondaryRateLimit: wantsToWait("secondary"),
    },
  });
  // Set per request, so a renewed installation token is used from the next request on. A token
  // GitHub refuses (401) before its expiry is renewed once and the request sent again; if no new
  // token can be had, the 401 stands (and the pool drops the token).
  const source = options.tokenSource;
  if (source) {
    octokit.hook.wrap("request", (request, requestOptions) =>
      sendWithToken(source, (authorization) => {
        requestOptions.headers.authorization = authorization;
        return request(requestOptions);
      }),
    );
  }
  // An absolute GraphQL URL: GHES serves it at /api/graphql, beside (not under) the REST base /api/v3.
  const graphql = octokit.graphql.defaults({ url: urls.graphqlUrl });
  return {
    request: (route, parameters) => octokit.request(route, parameters) as ReturnType<OctokitLike["request"]>,
    graphql: (query, parameters) => graphql(query, parameters),
    hook: { before: (name, callback) => octokit.hook.before(name, callback) },
  };
}
