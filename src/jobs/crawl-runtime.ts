// What the crawl and worker commands share: the token pool built from GITHUB_TOKENS, and a
// progress reporter that reads the database (so it shows every worker's work, not only ours).
import { createGitHubClient, installationTokenSources, type AppCredentials, type RateLimitWait } from "../sources/github/index.js";
import type { Database } from "../store/index.js";
import { readCrawlStatus, type CrawlStatus } from "./crawl-status.js";
import { databaseBoard, TokenPool, tokenKey, type PoolMember } from "./token-pool.js";

export interface PoolSettings {
  tokens: string[];
  /** A GitHub App (APP_ID, PRIVATE_KEY): each of its installations adds a token, renewed before it expires. */
  app?: Omit<AppCredentials, "baseUrl"> & { installationIds?: number[]; refreshMarginMs?: number };
  /** REST base URL (GITHUB_API_URL / GHE); github.com when absent. */
  baseUrl?: string;
  /** Minimum gap between GraphQL queries per token (GitHub advises serial queries, 1 s apart). */
  graphqlIntervalMs?: number;
  onRateLimitWait?: (wait: RateLimitWait) => void;
  onPoolWait?: (wait: { until: Date; tokens: number }) => void;
  /** One call per token GitHub refused (401); the label names it without its text. */
  onTokenRefused?: (refused: { key: string; label: string; left: number }) => void;
}

/**
 * One client per token and per app installation. A primary-limit wait longer than a minute is not
 * waited out inside the client: it surfaces as RateLimitedError so the pool can move to another
 * token, or park every worker until the earliest reset.
 */
export async function createTokenPool(database: Database, settings: PoolSettings): Promise<TokenPool> {
  const clientOptions = { baseUrl: settings.baseUrl, graphqlIntervalMs: settings.graphqlIntervalMs, maxWaitMs: 60_000, onWait: settings.onRateLimitWait };
  const members: PoolMember[] = settings.tokens.map((token) => ({ token, client: createGitHubClient({ ...clientOptions, token }) }));
  if (settings.app) {
    const sources = await installationTokenSources({ ...settings.app, baseUrl: settings.baseUrl }, settings.app);
    for (const source of sources) {
      members.push({ key: installationKey(source.appId, source.installationId), label: source.label, client: createGitHubClient({ ...clientOptions, tokenSource: source }) });
    }
  }
  // GitHub Enterprise without auth (tests, some GHES set-ups) still needs one client.
  if (members.length === 0) members.push({ token: "", client: createGitHubClient(clientOptions) });
  return new TokenPool(members, { board: databaseBoard(database), onWait: settings.onPoolWait, onRefused: settings.onTokenRefused });
}

/** An installation's budget key: its tokens change every hour, its budget is the installation's. */
export function installationKey(appId: string, installationId: number): string {
  return tokenKey(`app:${appId}:installation:${installationId}`);
}

export function tokenKeys(tokens: string[], pool?: TokenPool): string[] {
  if (pool) return pool.keys;
  return (tokens.length > 0 ? tokens : [""]).map(tokenKey);
}

/** Polls the run's status until it finishes (or `signal` aborts), calling `onStatus` each time. */
export async function watchCrawl(
  database: Database,
  runId: number,
  options: { intervalMs?: number; tokenKeys?: string[]; onStatus: (status: CrawlStatus) => void; signal?: AbortSignal },
): Promise<CrawlStatus | null> {
  for (;;) {
    const status = await readCrawlStatus(database, { runId, tokenKeys: options.tokenKeys });
    if (status) options.onStatus(status);
    if (!status || status.finished || options.signal?.aborted) return status;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
}
