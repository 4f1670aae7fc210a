// No token, private key or webhook secret in any log line, error or output. Drives the CLI (in
// child processes), the store, the GitHub client and scan path (with a token, through faults
// and a wrong token), and the Probot app (real RSA key, webhook secret, backfill through the
// workers against the mock GitHub as a GHES host), captures everything they print or throw,
// and searches it for every secret. Runs in `npm test` and in `npm run test:reliability`.
import { inspect } from "node:util";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { openJobQueue } from "../../src/jobs/queue.js";
import { scanGitHubRepositories } from "../../src/scan/scan-github.js";
import { createGitHubClient } from "../../src/sources/github/index.js";
import { listRepositories, openDatabase } from "../../src/store/index.js";
import { examplePayload, deliveryId } from "../app/harness.js";
import { deliver } from "../app/signed-delivery.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { addSyntheticRepositories, MockWorld, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";
import { runCli } from "./support/cli.js";
import { fullSize, recordFigures } from "./support/figures.js";
import { findSecrets, makeSecrets } from "./support/secrets.js";

const AREA = "security: secrets in output";
const secrets = makeSecrets();
const UNREACHABLE_DATABASE = `postgres://root:${secrets.databasePassword}@127.0.0.1:1/census`;

/** Everything a part of the system said, with where it came from. */
const captured: Array<{ source: string; text: string }> = [];
function capture(source: string, value: unknown): void {
  captured.push({ source, text: typeof value === "string" ? value : inspect(value, { depth: 12, showHidden: false }) });
  // Errors also as a logger would serialise them (message, stack, cause chain, own properties).
  if (value instanceof Error) captured.push({ source, text: JSON.stringify({ ...value, message: value.message, stack: value.stack, cause: inspect(value.cause, { depth: 8 }) }) });
}

/** Runs `work` with process output and console routed into the capture. */
async function capturingProcessOutput<T>(source: string, work: () => Promise<T>): Promise<T> {
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const sink = (chunk: unknown) => {
    capture(source, String(chunk));
    return true;
  };
  process.stdout.write = sink as typeof process.stdout.write;
  process.stderr.write = sink as typeof process.stderr.write;
  try {
    return await work();
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
}

beforeEach(() => {
  captured.length = 0;
});

/** Secrets found in what the current test captured. */
function leaks(): Array<{ source: string; found: string[] }> {
  return captured.map(({ source, text }) => ({ source, found: findSecrets(text, secrets) })).filter((entry) => entry.found.length > 0);
}

let mock: MockGitHub;
/** The app's GitHub: accepts any token, because it mints the installation tokens itself. */
let appMock: MockGitHub;
let repositories: MockRepository[];

beforeAll(async () => {
  const world = new MockWorld();
  repositories = addSyntheticRepositories(world, { repositories: 4, commitsPerRepository: 12, owner: "acme", agentEvery: 2 });
  mock = await startMockGitHub({ world, tokens: [secrets.githubToken] });
  appMock = await startMockGitHub({ world });
});
afterAll(async () => {
  await mock?.close();
  await appMock?.close();
});

describe("no secret reaches a log line, an error or the output", () => {
  it("the GitHub client and scan path, with a token, through faults and with a wrong token", async () => {
    const since = new Date("2025-10-01T00:00:00Z");
    const targets = repositories.map((r) => ({ owner: r.owner, name: r.name }));
    await capturingProcessOutput("github scan", async () => {
      mock.injectFault({ match: "graphql", fault: { kind: "status", status: 502 }, times: 1 });
      mock.injectFault({ match: "graphql", fault: { kind: "secondary", retryAfter: 1 }, times: 1, after: 1 });
      const waits: unknown[] = [];
      const client = createGitHubClient({ token: secrets.githubToken, baseUrl: mock.url, graphqlIntervalMs: 0, waitUnitMs: 1, onWait: (wait) => waits.push(wait) });
      for await (const summary of scanGitHubRepositories(targets, { client, database: null, since })) capture("scan summary", JSON.stringify(summary));
      capture("client waits", JSON.stringify(waits));
      capture("client object", client);
      const wrong = createGitHubClient({ token: secrets.wrongToken, baseUrl: mock.url, graphqlIntervalMs: 0, waitUnitMs: 1 });
      try {
        for await (const summary of scanGitHubRepositories(targets.slice(0, 1), { client: wrong, database: null, since })) capture("wrong-token summary", JSON.stringify(summary));
      } catch (error) {
        capture("wrong-token error", error);
      }
      try {
        await wrong.octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: targets[0]!.name });
      } catch (error) {
        capture("wrong-token REST error", error);
      }
    });
    expect(captured.some((entry) => entry.source === "scan summary")).toBe(true);
    expect(captured.some((entry) => /401|Bad credentials|credentials/i.test(entry.text))).toBe(true);
    recordFigures(AREA, "GitHub client", { faultsSurvived: 2, badInputsTried: 1, secretsLeaked: leaks().length });
    expect(leaks()).toEqual([]);
  });

  it("the store, when its database (with a password in the URL) cannot be reached", async () => {
    try {
      const database = await openDatabase({ url: UNREACHABLE_DATABASE, poolSize: 1 });
      await database.executeSql("SELECT 1").finally(() => database.close());
    } catch (error) {
      capture("store error", error);
    }
    expect(captured.some((entry) => entry.source === "store error")).toBe(true);
    recordFigures(AREA, "store", { badInputsTried: 1, secretsLeaked: leaks().length });
    expect(leaks()).toEqual([]);
  });

  it("the CLI, with and without --debug: wrong token, unreachable database, bad private key", async () => {
    const target = `${repositories[0]!.owner}/${repositories[0]!.name}`;
    const base = { GITHUB_API_URL: mock.url, DATA_DIR: "memory://", CACHE_DIR: "/tmp/agent-census-reliability-cache" };
    // --debug prints the most (stacks, causes); the plain runs only in the full suite, to keep `npm test` fast.
    const failing = await Promise.all([
      runCli(["--debug", "scan", target, "--no-store"], { ...base, GITHUB_TOKEN: secrets.wrongToken }),
      runCli(["--debug", "migrate"], { ...base, DATABASE_URL: UNREACHABLE_DATABASE }),
      ...(fullSize
        ? [
            runCli(["scan", target, "--no-store"], { ...base, GITHUB_TOKEN: secrets.wrongToken }),
            runCli(["migrate"], { ...base, DATABASE_URL: UNREACHABLE_DATABASE }),
            runCli(["--debug", "start"], { ...base, APP_ID: "1", PRIVATE_KEY: `not a key ${secrets.webhookSecret}`, WEBHOOK_SECRET: secrets.webhookSecret, PORT: "0" }),
          ]
        : []),
    ]);
    const succeeding = fullSize ? [await runCli(["scan", target, "--no-store", "--json"], { ...base, GITHUB_TOKEN: secrets.githubToken })] : [];
    const runs = [...failing, ...succeeding];
    runs.forEach((run, index) => capture(`cli run ${index}`, `${run.stdout}\n${run.stderr}`));
    for (const run of failing) expect(run.code, run.stderr).not.toBe(0);
    for (const run of succeeding) expect(run.code, run.stderr).toBe(0);
    recordFigures(AREA, "CLI", { badInputsTried: failing.length, secretsLeaked: leaks().length });
    expect(leaks()).toEqual([]);
  });

  it("a token in a git URL never appears in the clone error", async () => {
    const url = `https://x-access-token:${secrets.githubToken}@127.0.0.1:1/acme/private.git`;
    const env = { DATA_DIR: "memory://", CACHE_DIR: "/tmp/agent-census-reliability-cache" };
    const runs = await Promise.all([runCli(["--debug", "scan", url, "--no-store"], env), ...(fullSize ? [runCli(["scan", url, "--no-store"], env)] : [])]);
    runs.forEach((run, index) => capture(`git url run ${index}`, `${run.stdout}\n${run.stderr}`));
    expect(runs.every((run) => run.code !== 0)).toBe(true);
    const found = runs.flatMap((run) => findSecrets(`${run.stdout}\n${run.stderr}`, secrets));
    recordFigures(AREA, "git URL credentials", { badInputsTried: runs.length, secretsLeaked: found.length });
    expect(found).toEqual([]);
  });
});

describe("the app with a private key and webhook secret", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  it("logs nothing secret at trace level while verifying deliveries and backfilling through the app's own token", async () => {
    const lines: string[] = [];
    const log = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
    const queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false, pollingIntervalSeconds: 0.5 });
    const host = new URL(appMock.url).host;
    const app = await capturingProcessOutput("app start", () =>
      startApp({ database, queue, appId: 4242, privateKey: secrets.privateKey, webhookSecret: secrets.webhookSecret, log, port: 0, host: "127.0.0.1", gheHost: host, gheProtocol: "http", backfillSince: new Date("2025-10-01T00:00:00Z") }),
    );
    const hook = `http://127.0.0.1:${app.port}/api/github/webhooks`;
    try {
      const installation = examplePayload("installation", (p) => p.action === "created");
      const body = JSON.stringify({
        ...installation,
        installation: { ...(installation.installation as object), id: 77 },
        repositories: repositories.map((r) => ({ id: r.id, node_id: "x", name: r.name, full_name: `${r.owner}/${r.name}`, private: true })),
      });
      const answers = [
        await deliver(hook, "installation", deliveryId(), body, secrets.webhookSecret),
        await deliver(hook, "installation", deliveryId(), body, `${secrets.webhookSecret}x`),
        await deliver(hook, "push", deliveryId(), `{"broken": ${secrets.webhookSecret}`, secrets.webhookSecret),
      ];
      answers.forEach((answer, index) => capture(`delivery answer ${index}`, answer.text));
      expect(answers.map((a) => a.status >= 200 && a.status < 300)).toEqual([true, false, false]);
      // The backfill authenticates as the app (a JWT from the key), gets an installation token
      // from the mock and scans every repository.
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline && (await listRepositories(database, { installationId: 77 })).length < repositories.length) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const stored = (await listRepositories(database, { installationId: 77 })).length;
      if (stored !== repositories.length) console.error(lines.filter((line) => /"level":(40|50|60)/.test(line)).slice(0, 10).join("\n"));
      expect(stored).toBe(repositories.length);
    } finally {
      await capturingProcessOutput("app stop", async () => {
        await app.stop();
        await queue.stop();
      });
    }
    lines.forEach((line) => capture("app log", line));
    expect(lines.length).toBeGreaterThan(3);
    recordFigures(AREA, "app", { badInputsTried: 2, secretsLeaked: leaks().length });
    expect(leaks()).toEqual([]);
  });
});
