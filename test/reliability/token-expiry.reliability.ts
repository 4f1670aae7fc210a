// An installation token expiring in the middle of an app backfill. The app (real RSA key, real
// webhook signature, its scan workers on the job queue) backfills an installation of a few hundred
// repositories against the mock GitHub, which mints installation tokens that live a few seconds
// (GitHub: an hour) and answers 401 "Bad credentials" to an expired one. Twice during the
// backfill every token in use stops being accepted before its expires_at (a clock behind
// GitHub's, a revoked token). The backfill must renew its token and finish: every repository
// stored once, its months equal to the mock's data, no job failed, and no token in any log line.
import { inspect } from "node:util";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { openJobQueue, type JobQueue } from "../../src/jobs/queue.js";
import { listRepositories } from "../../src/store/index.js";
import { deliveryId, examplePayload } from "../app/harness.js";
import { deliver } from "../app/signed-delivery.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { okScansPerRepository, SINCE } from "../jobs/crawl-harness.js";
import { MockWorld, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";
import { recordFigures } from "./support/figures.js";
import { addSpreadRepositories, compareMonths, storedMonths } from "./support/month-truth.js";
import { findSecrets, makeSecrets } from "./support/secrets.js";

const AREA = "faults: installation token expiry";
const INSTALLATION = 4711;
const REPOSITORIES = 200;
const COMMITS = 30;
/** How long the mock accepts a token it minted (GitHub: 1 hour). */
const TOKEN_LIFE_MS = 6_000;
/** The app renews a token with less than this left (default 5 minutes of GitHub's hour). */
const REFRESH_MARGIN_MS = 1_500;

const secrets = makeSecrets();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("an installation token expiring mid-backfill", () => {
  let mock: MockGitHub;
  let database: TestDatabase;
  let queue: JobQueue;
  let app: RunningApp | undefined;
  let repositories: MockRepository[];
  const lines: string[] = [];
  /** The queue's schema (src/jobs/queue.ts): beside the store's, or agent_census_jobs for "public". */
  const jobsSchema = () => `${database.schema === "public" ? "agent_census" : database.schema}_jobs`;

  beforeAll(async () => {
    const world = new MockWorld();
    repositories = addSpreadRepositories(world, { repositories: REPOSITORIES, commitsPerRepository: COMMITS, owner: "expiry", agentEvery: 4 });
    // `tokens` set: only those and unexpired minted installation tokens are accepted (the app never
    // sees this personal token; it authenticates as the app with its key).
    mock = await startMockGitHub({ world, tokens: [secrets.githubToken], installations: [INSTALLATION], installationTokenTtlMs: TOKEN_LIFE_MS });
    database = await openTestDatabase();
    queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await app?.stop();
    await queue?.stop();
    await mock?.close();
    if (database) {
      if (database.kind === "pg") await database.executeSql(`DROP SCHEMA IF EXISTS "${jobsSchema()}" CASCADE`).catch(() => undefined);
      await database.cleanup();
    }
  });

  it("renews the token and finishes: nothing lost, nothing counted twice, no token logged", async () => {
    const started = Date.now();
    const log = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
    const host = new URL(mock.url).host;
    app = await startApp({
      database,
      queue,
      appId: 4242,
      privateKey: secrets.privateKey,
      webhookSecret: secrets.webhookSecret,
      log,
      port: 0,
      host: "127.0.0.1",
      gheHost: host,
      gheProtocol: "http",
      backfillSince: SINCE,
      publicRoutes: false,
      installationTokenRefreshMarginMs: REFRESH_MARGIN_MS,
    });
    const installation = examplePayload("installation", (p) => p.action === "created");
    const body = JSON.stringify({
      ...installation,
      installation: { ...(installation.installation as object), id: INSTALLATION },
      repositories: repositories.map((r) => ({ id: r.id, node_id: "x", name: r.name, full_name: `${r.owner}/${r.name}`, private: true })),
    });
    const answer = await deliver(`http://127.0.0.1:${app.port}/api/github/webhooks`, "installation", deliveryId(), body, secrets.webhookSecret);
    expect(answer.status).toBeLessThan(300);

    const stored = async () => (await listRepositories(database, { installationId: INSTALLATION })).length;
    const expiries: number[] = [];
    const deadline = Date.now() + 120_000;
    let count = 0;
    while (Date.now() < deadline) {
      count = await stored();
      // Twice, with tokens in use: every minted token refused from now on, before its expires_at.
      if ((expiries.length === 0 && count >= REPOSITORIES * 0.3) || (expiries.length === 1 && count >= REPOSITORIES * 0.65)) {
        mock.expireInstallationTokens();
        expiries.push(count);
      }
      if (count === REPOSITORIES) break;
      await sleep(100);
    }
    const backfillSeconds = (Date.now() - started) / 1000;
    // Let the workers settle the last jobs.
    const jobState = async () =>
      (
        await database.executeSql<{ state: string; n: number; retried: number }>(
          `SELECT state, count(*)::int AS n, count(*) FILTER (WHERE retry_count > 0)::int AS retried FROM "${jobsSchema()}".job WHERE name IN ('scan-repositories', 'scan-repositories-dead') GROUP BY state`,
        )
      ).rows;
    let jobs = await jobState();
    for (let wait = 0; wait < 50 && jobs.some((row) => row.state !== "completed"); wait++) {
      await sleep(200);
      jobs = await jobState();
    }
    await app.stop();
    app = undefined;

    const { lost, doubled, differing } = compareMonths(repositories, SINCE, await storedMonths(database));
    const scans = await okScansPerRepository(database, new Date(started - 60_000));
    const minted = mock.installationTokens.filter((token) => token.installationId === INSTALLATION);
    const logText = lines.join("\n");
    const leaks = findSecrets(logText, secrets);
    const tokensInLogs = minted.filter((token) => logText.includes(token.token)).length;
    const errorLines = lines.filter((line) => /"level":(50|60)/.test(line));
    const summary = {
      backfillSeconds,
      tokensMinted: minted.length,
      unauthorized: mock.stats.unauthorized,
      forcedExpiriesAt: expiries,
      jobs,
      logLines: lines.length,
    };
    console.log(`token expiry figures: ${JSON.stringify(summary)}`);
    recordFigures(AREA, "installation token expiring mid-backfill", {
      faultsSurvived: expiries.length + Math.max(0, minted.length - 1),
      recordsLost: lost + Math.max(0, REPOSITORIES - count),
      recordsDoubleCounted: doubled,
      secretsLeaked: leaks.length + tokensInLogs,
    });

    expect(errorLines.slice(0, 3).map((line) => inspect(JSON.parse(line), { depth: 3 }))).toEqual([]);
    expect(count).toBe(REPOSITORIES);
    expect(expiries).toHaveLength(2);
    // Renewed before expiry as the backfill went on, and after each forced expiry.
    expect(minted.length).toBeGreaterThanOrEqual(4);
    expect(mock.stats.unauthorized, "the forced expiries met requests").toBeGreaterThan(0);
    expect(differing.slice(0, 5)).toEqual([]);
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
    expect(scans.filter((n) => n !== 1), "repositories not scanned exactly once").toEqual([]);
    expect(jobs.filter((row) => row.state !== "completed"), "scan jobs not completed").toEqual([]);
    expect(jobs.reduce((sum, row) => sum + row.retried, 0), "scan jobs retried").toBe(0);
    expect(lines.length).toBeGreaterThan(10);
    expect({ leaks, tokensInLogs }).toEqual({ leaks: [], tokensInLogs: 0 });
  });
});
