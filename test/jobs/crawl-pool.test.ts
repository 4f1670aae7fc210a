// Tokens spread the rate budget: a spent token is skipped by every worker sharing the board, and
// when every token is spent all of them wait for the earliest reset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBoard, memoryBoard, TokenPool, tokenKey, type TokenBudgetBoard } from "../../src/jobs/token-pool.js";
import { createGitHubClient, RateLimitedError } from "../../src/sources/github/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

const clients = (tokens: string[]) => tokens.map((token) => ({ token, client: createGitHubClient({ token, baseUrl: "http://127.0.0.1:9" }) }));

function fakeClock(start: number) {
  const clock = { now: start, slept: [] as number[] };
  return {
    clock,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.now += ms;
    },
  };
}

describe("the token pool", () => {
  let database: TestDatabase;
  let board: TokenBudgetBoard;

  beforeAll(async () => {
    database = await openTestDatabase();
    board = databaseBoard(database);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  it("never puts a token on the board, only a hash of it", async () => {
    const pool = new TokenPool(clients(["ghp_secret_one"]), { board });
    const lease = await pool.acquire();
    lease.client.budget.record({ cost: 1, remaining: 4321, resetAt: new Date(Date.now() + 3_600_000).toISOString() });
    await pool.report(lease);
    const rows = await database.executeSql<Record<string, unknown>>("SELECT * FROM token_budgets");
    expect(JSON.stringify(rows.rows)).not.toContain("ghp_secret_one");
    expect(rows.rows.map((row) => row.token_key)).toContain(tokenKey("ghp_secret_one"));
  });

  it("a token one worker saw spent is skipped by another worker", async () => {
    const tokens = ["token-a", "token-b"];
    const workerOne = new TokenPool(clients(tokens), { board });
    const workerTwo = new TokenPool(clients(tokens), { board });
    const lease = await workerOne.acquire();
    await workerOne.markSpent(lease, new RateLimitedError(new Date(Date.now() + 600_000), "primary"));
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await workerTwo.acquire()).key).not.toBe(lease.key);
    }
    const budget = await workerTwo.budget();
    expect(budget.spent).toBe(1);
  });

  it("prefers the token with the most points left", async () => {
    const local = memoryBoard();
    const pool = new TokenPool(clients(["x", "y", "z"]), { board: local });
    const resetAt = new Date(Date.now() + 3_600_000);
    await local.write({ tokenKey: tokenKey("x"), remaining: 900, limit: 5000, resetAt });
    await local.write({ tokenKey: tokenKey("y"), remaining: 4000, limit: 5000, resetAt });
    await local.write({ tokenKey: tokenKey("z"), remaining: 2000, limit: 5000, resetAt });
    expect((await pool.acquire()).key).toBe(tokenKey("y"));
  });

  it("waits for the earliest reset when every token is spent", async () => {
    const local = memoryBoard();
    const { clock, now, sleep } = fakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const waits: Date[] = [];
    const pool = new TokenPool(clients(["p", "q"]), { board: local, now, sleep, onWait: (wait) => waits.push(wait.until) });
    await local.write({ tokenKey: tokenKey("p"), remaining: 3, limit: 5000, resetAt: new Date(clock.now + 120_000) });
    await local.write({ tokenKey: tokenKey("q"), remaining: 0, limit: 5000, resetAt: new Date(clock.now + 60_000) });
    const lease = await pool.acquire();
    expect(lease.key).toBe(tokenKey("q"));
    expect(clock.slept).toEqual([61_000]);
    expect(waits).toHaveLength(1);
  });
});
