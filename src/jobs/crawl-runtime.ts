// What the crawl and worker commands share: the token pool built from GITHUB_TOKENS, and a
// progress reporter that reads the database (so it shows every worker's work, not only ours).
import { createGitHubClient, type RateLimitWait } from "../sources/github/index.js";
import type { Database } from "../store/index.js";
import { readCrawlStatus, type CrawlStatus } from "./crawl-status.js";
import { databaseBoard, TokenPool, tokenKey } from "./token-pool.js";

export interface PoolSettings {
  tokens: string[];
  /** REST base URL (GITHUB_API_URL / GHE); github.com when absent. */
  baseUrl?: string;
  /** Minimum gap between GraphQL queries per token (GitHub advises serial queries, 1 s apart). */
  graphqlIntervalMs?: number;
  onRateLimitWait?: (wait: RateLimitWait) => void;
  onPoolWait?: (wait: { until: Date; tokens: number }) => void;
}

/**
 * One client per token. A primary-limit wait longer than a minute is not waited out inside the
 * client: it surfaces as RateLimitedError so the pool can move to another token, or park every
 * worker until the earliest reset.
 */
export function createTokenPool(database: Database, settings: PoolSettings): TokenPool {
  // GitHub Enterprise without auth (tests, some GHES set-ups) still needs one client.
  const tokens = settings.tokens.length > 0 ? settings.tokens : [""];
  const clients = tokens.map((token) => ({
    token,
    client: createGitHubClient({
      ...(token ? { token } : {}),
      baseUrl: settings.baseUrl,
      graphqlIntervalMs: settings.graphqlIntervalMs,
      maxWaitMs: 60_000,
      onWait: settings.onRateLimitWait,
    }),
  }));
  return new TokenPool(clients, { board: databaseBoard(database), onWait: settings.onPoolWait });
}

export function tokenKeys(tokens: string[]): string[] {
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
