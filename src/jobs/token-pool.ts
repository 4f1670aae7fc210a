// Several GitHub tokens spread the crawl's rate budget. Each worker process keeps one client per
// token; every budget reading goes to a board all workers share (the store's token_budgets
// table), so when one worker sees a token spent, every worker stops using it until its reset,
// and when all are spent, all wait for the earliest reset together.
import { createHash } from "node:crypto";
import { AccessDeniedError, type GitHubClient, type RateLimitedError } from "../sources/github/index.js";
import { listTokenBudgets, recordTokenBudget, type Database, type TokenBudget } from "../store/index.js";

/** Where workers share token budgets. */
export interface TokenBudgetBoard {
  read(tokenKeys: string[]): Promise<TokenBudget[]>;
  write(budget: Omit<TokenBudget, "updatedAt">): Promise<void>;
}

export function databaseBoard(database: Database): TokenBudgetBoard {
  return {
    read: (tokenKeys) => listTokenBudgets(database, tokenKeys),
    write: (budget) => recordTokenBudget(database, budget),
  };
}

/** One process's board (tests, and a crawl that shares nothing). */
export function memoryBoard(): TokenBudgetBoard {
  const budgets = new Map<string, TokenBudget>();
  return {
    read: async (tokenKeys) => tokenKeys.flatMap((key) => budgets.get(key) ?? []),
    write: async (budget) => {
      budgets.set(budget.tokenKey, { ...budget, updatedAt: new Date() });
    },
  };
}

/** A short, non-reversible name for a token: the board and the logs never see the token itself. */
export function tokenKey(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 12);
}

export interface PooledClient {
  key: string;
  /** "token 1a2b3c…" or "app 12 installation 34": for logs. */
  label: string;
  client: GitHubClient;
}

export interface TokenPoolOptions {
  board: TokenBudgetBoard;
  /** A token is treated as spent below this many points (a batch costs a few). Default 50. */
  reservePoints?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called before every wait for a reset (progress bars and logs). */
  onWait?: (wait: { until: Date; tokens: number }) => void;
  /** Called once per token GitHub refused (401), with its key and label (never the token) and how many are left. */
  onRefused?: (refused: { key: string; label: string; left: number }) => void;
}

/** A pooled client: a fixed token (hashed for its key), or a key of its own (an app installation). */
export type PoolMember = { token: string; client: GitHubClient; label?: string } | { key: string; client: GitHubClient; label: string };

export interface PoolBudget {
  tokens: number;
  /** Points left over all tokens, where known. */
  remaining: number | null;
  limit: number | null;
  /** Tokens currently spent (waiting for their reset). */
  spent: number;
  nextResetAt: Date | null;
}

export class TokenPool {
  private readonly entries: PooledClient[];
  private readonly reserve: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private turn = 0;
  /** Tokens GitHub refused (401) in this process: never used again here. */
  private readonly refused = new Set<string>();

  constructor(
    clients: PoolMember[],
    private readonly options: TokenPoolOptions,
  ) {
    if (clients.length === 0) throw new Error("a token pool needs at least one token");
    this.entries = clients.map((member) => {
      if ("key" in member) return { key: member.key, label: member.label, client: member.client };
      const key = tokenKey(member.token);
      return { key, label: member.label ?? `token ${key}`, client: member.client };
    });
    this.reserve = options.reservePoints ?? 50;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every member's board key (for status readers). */
  get keys(): string[] {
    return this.entries.map((entry) => entry.key);
  }

  private isSpent(budget: TokenBudget | undefined): boolean {
    if (!budget || budget.remaining === null || budget.resetAt === null) return false;
    return budget.remaining < this.reserve && budget.resetAt.getTime() > this.now();
  }

  /**
   * A client whose token has budget left, the one with the most points first (round robin among
   * unknowns). When every token is spent, waits for the earliest reset.
   */
  async acquire(): Promise<PooledClient> {
    for (;;) {
      if (this.refused.size === this.entries.length) throw new AccessDeniedError(401, "every token in the pool (GITHUB_TOKENS, app installations) was refused");
      const budgets = new Map((await this.options.board.read(this.entries.map((entry) => entry.key))).map((budget) => [budget.tokenKey, budget]));
      const usable = this.entries.filter((entry) => !this.refused.has(entry.key) && !this.isSpent(budgets.get(entry.key)));
      if (usable.length > 0) {
        const points = (entry: PooledClient) => budgets.get(entry.key)?.remaining ?? Number.MAX_SAFE_INTEGER;
        const best = Math.max(...usable.map(points));
        const top = usable.filter((entry) => points(entry) === best);
        return top[this.turn++ % top.length] as PooledClient;
      }
      const resets = [...budgets.values()].filter((budget) => !this.refused.has(budget.tokenKey)).map((budget) => budget.resetAt?.getTime() ?? 0);
      const until = new Date(Math.max(this.now(), Math.min(...resets)) + 1000);
      this.options.onWait?.({ until, tokens: this.entries.length });
      await this.sleep(until.getTime() - this.now());
    }
  }

  /**
   * GitHub refused the token (401: revoked or mistyped). Returns whether another token is left to
   * go on with; the token's key (never the token) is for the caller's log.
   */
  refuse(pooled: PooledClient): boolean {
    const left = this.entries.filter((entry) => !this.refused.has(entry.key) && entry.key !== pooled.key).length;
    if (!this.refused.has(pooled.key)) {
      this.refused.add(pooled.key);
      this.options.onRefused?.({ key: pooled.key, label: pooled.label, left });
    }
    return left > 0;
  }

  /** Shares the client's last budget reading with every worker. */
  async report(pooled: PooledClient): Promise<void> {
    const { budget } = pooled.client;
    if (budget.remaining === null) return;
    await this.options.board.write({ tokenKey: pooled.key, remaining: budget.remaining, limit: null, resetAt: budget.resetAt });
  }

  /** GitHub refused the token for lack of budget: nobody uses it until `error.resetAt`. */
  async markSpent(pooled: PooledClient, error: RateLimitedError): Promise<void> {
    pooled.client.budget.exhaustedUntil(error.resetAt);
    await this.options.board.write({ tokenKey: pooled.key, remaining: 0, limit: null, resetAt: error.resetAt });
  }

  /** What the progress display shows: points left over all tokens. */
  async budget(): Promise<PoolBudget> {
    const budgets = await this.options.board.read(this.entries.map((entry) => entry.key));
    return summarizeBudgets(budgets, this.entries.length, this.reserve, this.now());
  }
}

export function summarizeBudgets(budgets: TokenBudget[], tokens: number, reserve: number, now: number): PoolBudget {
  const live = budgets.filter((budget) => budget.remaining !== null);
  const spent = budgets.filter((budget) => budget.remaining !== null && budget.remaining < reserve && (budget.resetAt?.getTime() ?? 0) > now);
  const resets = budgets.map((budget) => budget.resetAt?.getTime()).filter((time): time is number => time !== undefined && time > now);
  return {
    tokens,
    remaining: live.length === 0 ? null : live.reduce((sum, budget) => sum + (budget.remaining ?? 0), 0),
    limit: null,
    spent: spent.length,
    nextResetAt: resets.length === 0 ? null : new Date(Math.min(...resets)),
  };
}
