// GitHub App installation tokens for the crawler's token pool: the app's id and private key give an
// app JWT (@octokit/auth-app), which lists the app's installations and mints each one an
// installation token (an hour's life, its own 5,000-point GraphQL budget). A token is replaced
// before it expires, so no request goes out with a token about to lapse.
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { classifyRequestError } from "./errors.js";

export interface AppCredentials {
  appId: string | number;
  /** PEM. Never logged. */
  privateKey: string;
  /** REST base URL (GITHUB_API_URL / GHE); github.com when absent. */
  baseUrl?: string;
}

export interface InstallationTokenOptions {
  /** A token is replaced when it has less than this left. Default 5 minutes. */
  refreshMarginMs?: number;
  now?: () => number;
}

/** A token that stays fresh: `token()` mints a new one when the current one nears its expiry. */
export interface TokenSource {
  /** Names the token on the shared board and in logs (never the token itself). */
  readonly label: string;
  token(): Promise<string>;
  /**
   * GitHub refused `stale` (401) before its expiry (clocks apart, a revoked token): a fresh token,
   * or the one that already replaced it. Rejects when no new token can be had.
   */
  renew?(stale: string): Promise<string>;
  /** Tokens minted so far (1 after the first request). */
  readonly minted: number;
}

type AppAuth = ReturnType<typeof createAppAuth>;

export class InstallationTokenSource implements TokenSource {
  private current: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private mintedCount = 0;
  private readonly margin: number;
  private readonly now: () => number;

  constructor(
    private readonly auth: AppAuth,
    readonly appId: string,
    readonly installationId: number,
    options: InstallationTokenOptions = {},
  ) {
    this.margin = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get label(): string {
    return `app ${this.appId} installation ${this.installationId}`;
  }

  get minted(): number {
    return this.mintedCount;
  }

  async token(): Promise<string> {
    if (this.current && this.current.expiresAt - this.now() > this.margin) return this.current.token;
    // Concurrent requests of one worker share one minting.
    this.pending ??= this.mint().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  async renew(stale: string): Promise<string> {
    if (this.current && this.current.token !== stale && this.current.expiresAt - this.now() > this.margin) return this.current.token;
    this.pending ??= this.mint().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async mint(): Promise<string> {
    // refresh: auth-app caches tokens for 59 minutes from creation; ours decides by expires_at.
    const result = await this.auth({ type: "installation", installationId: this.installationId, refresh: this.current !== null });
    this.mintedCount += 1;
    this.current = { token: result.token, expiresAt: Date.parse(result.expiresAt) };
    return result.token;
  }
}

/** The app's JWT and installation-token calls, sent to its API (github.com or a GHES host). */
function appAuthOf(credentials: AppCredentials): { auth: AppAuth; request: Octokit["request"] } {
  // A bare Octokit's request: the JWT and installation-token calls need no throttling or retries of ours.
  const { request } = new Octokit({ ...(credentials.baseUrl ? { baseUrl: credentials.baseUrl.replace(/\/+$/, "") } : {}), userAgent: "agent-census", log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
  return { auth: createAppAuth({ appId: credentials.appId, privateKey: credentials.privateKey, request }), request };
}

/** One installation's token source (the app's workers: backfills, rescans, reports). */
export function installationTokenSource(credentials: AppCredentials, installationId: number, options: InstallationTokenOptions = {}): InstallationTokenSource {
  return new InstallationTokenSource(appAuthOf(credentials).auth, String(credentials.appId), installationId, options);
}

/** The app's installations (GET /app/installations, paged), each a token source. */
export async function installationTokenSources(credentials: AppCredentials, options: InstallationTokenOptions & { installationIds?: number[] } = {}): Promise<InstallationTokenSource[]> {
  const { auth, request } = appAuthOf(credentials);
  const appId = String(credentials.appId);
  let ids = options.installationIds;
  if (!ids) {
    ids = [];
    try {
      const { token } = await auth({ type: "app" });
      for (let page = 1; ; page++) {
        const response = await request("GET /app/installations", { per_page: 100, page, headers: { authorization: `bearer ${token}` } });
        const found = (response.data as { id: number }[]).map((installation) => installation.id);
        ids.push(...found);
        if (found.length < 100) break;
      }
    } catch (error) {
      throw classifyRequestError(error, "listing the GitHub App's installations failed (check APP_ID and PRIVATE_KEY)");
    }
  }
  return ids.map((id) => new InstallationTokenSource(auth, appId, id, options));
}

/**
 * An Octokit auth strategy over a token source: `new Octokit({ authStrategy: createTokenSourceAuth,
 * auth: { source } })`. Each request asks the source for its token (renewed before it expires),
 * and a request GitHub answers 401 while the token should still be good (clocks apart, a revoked
 * token) is sent once more with a renewed one. Probot's own installation auth keeps a token for 59
 * minutes after minting it, whatever its expires_at says, and fails the request on a 401.
 */
/** What an auth hook is given: Octokit's request, and its endpoint merging. */
interface HookEndpoint {
  headers: Record<string, unknown>;
  [key: string]: unknown;
}
type HookRequest = ((endpoint: HookEndpoint) => Promise<unknown>) & { endpoint: { merge(route: unknown, parameters?: unknown): HookEndpoint } };

export function createTokenSourceAuth(options: { source: TokenSource }) {
  const { source } = options;
  const auth = async () => ({ type: "token" as const, tokenType: "installation" as const, token: await source.token() });
  const hook = async (request: HookRequest, route: unknown, parameters?: unknown) => {
    const endpoint = request.endpoint.merge(route, parameters);
    return sendWithToken(source, (authorization) => {
      endpoint.headers.authorization = authorization;
      return request(endpoint);
    });
  };
  return Object.assign(auth, { hook });
}

/**
 * Sends a request with the source's current token; one GitHub refuses (401) before its expiry is
 * renewed once and the request sent again. Without a new token the 401 stands. Both the app's
 * installation clients and the crawler's client send through this.
 */
export async function sendWithToken<T>(source: Pick<TokenSource, "token" | "renew">, send: (authorization: string) => T | Promise<T>): Promise<T> {
  const token = await source.token();
  try {
    return await send(`token ${token}`);
  } catch (error) {
    if ((error as { status?: unknown }).status !== 401 || !source.renew) throw error;
    const fresh = await source.renew(token).catch(() => null);
    if (!fresh) throw error;
    return send(`token ${fresh}`);
  }
}
