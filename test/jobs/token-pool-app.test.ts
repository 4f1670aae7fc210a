// Every token GitHub gives (issue 20): the pool takes GITHUB_TOKENS and the installations of a
// GitHub App (from its id and private key), renews installation tokens before they expire, keys an
// installation's budget by the installation (not the token, which changes hourly), and a token
// GitHub answers 401 leaves the pool with one log line naming its label, never its text.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenPool, installationKey } from "../../src/jobs/crawl-runtime.js";
import { runCrawlJob } from "../../src/jobs/crawl-job.js";
import { tokenKey } from "../../src/jobs/token-pool.js";
import { collectScans, scanRepositories } from "../../src/sources/github/index.js";
import { createCohort, startCrawlRun } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { MockWorld, addSyntheticRepositories, fullName, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";
import { SINCE } from "./crawl-harness.js";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

let mock: MockGitHub;
let database: TestDatabase;
let repositories: MockRepository[];

beforeAll(async () => {
  const world = new MockWorld();
  repositories = addSyntheticRepositories(world, { repositories: 6, commitsPerRepository: 3, owner: "acme", pullRequestsPerRepository: 0 });
  // Installation tokens live 3 s here (GitHub: an hour).
  mock = await startMockGitHub({ world, tokens: ["pat-one"], installations: [11, 12], installationTokenTtlMs: 3000 });
  database = await openTestDatabase();
});

afterAll(async () => {
  await mock?.close();
  await database?.cleanup();
});

const requests = () => repositories.slice(0, 2).map((repository) => ({ owner: repository.owner, name: repository.name, since: SINCE.toISOString() }));

describe("a pool of personal tokens and app installations", () => {
  it("holds one client per token and per installation, each scanning with its own credentials", async () => {
    const pool = await createTokenPool(database, { tokens: ["pat-one"], app: { appId: 7, privateKey }, baseUrl: mock.url, graphqlIntervalMs: 0 });
    expect(pool.size).toBe(3);
    expect(pool.keys).toEqual([tokenKey("pat-one"), installationKey("7", 11), installationKey("7", 12)]);
    const before = mock.installationTokens.length;
    for (let index = 0; index < 3; index++) {
      const lease = await pool.acquire();
      const results = await collectScans(scanRepositories(lease.client, requests(), { configPatterns: ["CLAUDE.md"], dateConfigFiles: false }));
      expect(results.map((result) => result.outcome)).toEqual(["ok", "ok"]);
      lease.client.budget.record({ cost: 1, remaining: 4000 - index, resetAt: new Date(Date.now() + 3_600_000).toISOString() });
      await pool.report(lease);
    }
    expect(mock.installationTokens.slice(before).map((token) => token.installationId).sort()).toEqual([11, 12]);
    // Budgets are shared through the database under the installation's key, never a token.
    const board = await database.executeSql<{ token_key: string }>("SELECT token_key FROM token_budgets");
    expect(board.rows.map((row) => row.token_key).sort()).toEqual([...pool.keys].sort());
    expect(JSON.stringify(board.rows)).not.toMatch(/ghs_mock|pat-one/);
  });

  it("renews an installation token before it expires: a long crawl never sends an expired one", async () => {
    const pool = await createTokenPool(database, { tokens: [], app: { appId: 7, privateKey, installationIds: [11], refreshMarginMs: 2000 }, baseUrl: mock.url, graphqlIntervalMs: 0 });
    const lease = await pool.acquire();
    const minted = () => mock.installationTokens.filter((token) => token.installationId === 11).length;
    const start = minted();
    const scan = () => collectScans(scanRepositories(lease.client, requests(), { configPatterns: ["CLAUDE.md"], dateConfigFiles: false }));
    expect((await scan()).map((result) => result.outcome)).toEqual(["ok", "ok"]);
    expect((await scan()).map((result) => result.outcome)).toEqual(["ok", "ok"]);
    expect(minted() - start).toBe(1); // 3 s life, 2 s margin: still fresh
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Less than the margin left (but not expired): renewed before the request.
    expect((await scan()).map((result) => result.outcome)).toEqual(["ok", "ok"]);
    expect(minted() - start).toBe(2);
    const last = mock.installationTokens.filter((token) => token.installationId === 11).slice(-2);
    expect(last[1]?.token).not.toBe(last[0]?.token);
  });

  it("an installation token GitHub refuses before its expiry is renewed, not dropped from the pool", async () => {
    const refusals: unknown[] = [];
    const pool = await createTokenPool(database, { tokens: [], app: { appId: 7, privateKey, installationIds: [12], refreshMarginMs: 500 }, baseUrl: mock.url, graphqlIntervalMs: 0, onTokenRefused: (refused) => refusals.push(refused) });
    const lease = await pool.acquire();
    const minted = () => mock.installationTokens.filter((token) => token.installationId === 12).length;
    const scan = () => collectScans(scanRepositories(lease.client, requests(), { configPatterns: ["CLAUDE.md"], dateConfigFiles: false }));
    expect((await scan()).map((result) => result.outcome)).toEqual(["ok", "ok"]);
    const start = minted();
    const unauthorized = mock.stats.unauthorized;
    // Its clock and GitHub's apart: the token stops being accepted before its expires_at.
    mock.expireInstallationTokens();
    expect((await scan()).map((result) => result.outcome)).toEqual(["ok", "ok"]);
    expect(mock.stats.unauthorized - unauthorized).toBe(1);
    expect(minted() - start).toBe(1);
    expect(refusals).toEqual([]);
  });

  it("a token answered 401 leaves the pool with one log line while the others go on", async () => {
    const refusals: { key: string; label: string; left: number }[] = [];
    const pool = await createTokenPool(database, {
      tokens: ["revoked-token-text", "pat-one"],
      app: { appId: 7, privateKey, installationIds: [12] },
      baseUrl: mock.url,
      graphqlIntervalMs: 0,
      onTokenRefused: (refused) => refusals.push(refused),
    });
    const cohort = "app-pool";
    const host = new URL(mock.url).host;
    await createCohort(database, { name: cohort, definition: { source: "test" }, members: repositories.map((repository) => ({ githubId: repository.id, host, owner: repository.owner, name: repository.name, visibility: "public" as const, fork: false, archived: false, stars: 1, language: null, createdAt: null, pushedAt: null, defaultBranch: "main" })), frozenAt: new Date() });
    const startedAt = new Date();
    // Several batches, so the revoked token is offered more than once by the pool's rotation.
    const run = await startCrawlRun(database, { cohort, kind: "crawl", since: SINCE, startedAt, batches: [2, 2, 2] });
    for (let batch = 0; batch < 3; batch++) {
      const members = repositories.slice(batch * 2, batch * 2 + 2).map((repository) => ({ githubId: repository.id, owner: repository.owner, name: repository.name }));
      const result = await runCrawlJob(
        { runId: run.runId, batch, cohort, host, since: SINCE.toISOString(), runStartedAt: startedAt.toISOString(), repositories: members },
        { database, pool },
        { number: 1, final: true },
      );
      expect(result.scanned).toBe(2);
    }
    expect(refusals).toEqual([{ key: tokenKey("revoked-token-text"), label: `token ${tokenKey("revoked-token-text")}`, left: 2 }]);
    expect(JSON.stringify(refusals)).not.toContain("revoked-token-text");
    const scanned = await database.executeSql<{ name: string }>("SELECT DISTINCT r.owner || '/' || r.name AS name FROM scans s JOIN repositories r ON r.id = s.repo_id WHERE s.outcome = 'ok'");
    expect(scanned.rows.map((row) => row.name).sort()).toEqual(repositories.map(fullName).sort());
  });
});
