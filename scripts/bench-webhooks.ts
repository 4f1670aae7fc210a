// The webhook speed target: signed push deliveries (20 real commits each) through the app's real
// HTTP server on loopback, beside a do-nothing Probot app (same signature check, same JSON
// parsing, no work) measured in the same run. Prints deliveries answered per second, p99 latency
// and the throughput ratio (target ≥ 0.7 of the bare app's); then, since a delivery is answered
// once its push is in the store's inbox and applied after, the drain time (last answer → inbox
// empty) and the end-to-end rate (deliveries ÷ time until all applied); how the store grouped
// the inbox appends into transactions; and, after the drain, a check that what is stored is
// exactly what was sent (every commit of every 2xx-answered delivery, once; the share's
// counters equal a recount from the stored rows).
//
//   npx tsx scripts/bench-webhooks.ts [deliveries] [connections]      (DATABASE_URL: real Postgres)
import { createHmac, generateKeyPairSync } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { pino } from "pino";
import { Probot, ProbotOctokit, Server } from "probot";
import { startApp } from "../src/app.js";
import type { CommitInput } from "../src/detect/types.js";
import { openJobQueue } from "../src/jobs/queue.js";
import { pushInboxStats } from "../src/store/push-applier.js";
import { migrate, monthlyShare, openDatabase, pushInboxStatus, rebuildCounters, recordScan, type Database } from "../src/store/index.js";
import { loadFixture } from "../test/support/fixtures.js";

const SECRET = "bench-webhook-secret";
const COMMITS_PER_PUSH = 20;
const REPOSITORIES = 200;

export interface WebhookRunFigures {
  name: string;
  deliveries: number;
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** performance.now() at the start and at the last response. */
  startedAt: number;
  lastResponseAt: number;
}

/** What the store holds after the run, against what the deliveries carried. */
export interface StoredCheck {
  commitsSent: number;
  commitsStored: number;
  /** The public share read from the counters equals the share after recounting them from the rows. */
  countersExact: boolean;
  /** Inbox append transactions of the measured run, and pushes per transaction. */
  groups: number;
  pushesPerGroup: number;
}

/** How long the applier took to empty the inbox after the last delivery was answered. */
export interface DrainFigures {
  drainSeconds: number;
  /** Deliveries ÷ seconds from the run's start until every push was applied. */
  endToEndPerSecond: number;
  /** Pushes the applier applied while deliveries were arriving (the rest after the last answer). */
  appliedDuringRun: number;
  applyBatches: number;
  /** Time the applier spent importing from the spool (PGlite) and applying, over the measured run. */
  importSeconds: number;
  applySeconds: number;
}

export interface WebhookBenchResult {
  bare: WebhookRunFigures;
  app: WebhookRunFigures;
  stored: StoredCheck;
  drain: DrainFigures;
  /** App deliveries answered per second ÷ bare app's: the target is ≥ 0.7. */
  ratio: number;
  meetsTarget: boolean;
  database: "pglite" | "pg";
}

const log = pino({ level: "silent" });
const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });

function payloadCommit(source: CommitInput, sha: string, date: string) {
  return {
    id: sha,
    tree_id: "0".repeat(40),
    distinct: true,
    message: source.message,
    timestamp: date,
    url: `https://github.com/bench/r/commit/${sha}`,
    author: { name: source.author.name, email: source.author.email },
    committer: { name: source.committer.name, email: source.committer.email },
    added: [],
    removed: [],
    modified: ["README.md"],
  };
}

/** Distinct, contiguous pushes spread over REPOSITORIES repositories (each continues the last). */
function buildDeliveries(count: number): Array<{ body: string; signature: string; id: string }> {
  const history = loadFixture("anthropics__claude-code-action").commits;
  const heads = new Map<number, string>();
  const deliveries: Array<{ body: string; signature: string; id: string }> = [];
  for (let i = 0; i < count; i++) {
    const repository = i % REPOSITORIES;
    const commits = Array.from({ length: COMMITS_PER_PUSH }, (_, j) => {
      const source = history[(i * COMMITS_PER_PUSH + j) % history.length] as CommitInput;
      const sha = createHmac("sha1", "bench").update(`${i}:${j}`).digest("hex");
      const date = new Date(Date.UTC(2026, 0, 1) + (i * COMMITS_PER_PUSH + j) * 60_000).toISOString();
      return payloadCommit(source, sha, date);
    });
    const before = heads.get(repository) ?? "0".repeat(39) + "1";
    const after = commits.at(-1)?.id ?? "";
    heads.set(repository, after);
    const body = JSON.stringify({
      ref: "refs/heads/main",
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: "",
      commits,
      head_commit: commits.at(-1),
      repository: { id: 10_000 + repository, name: `repo-${repository}`, full_name: `bench/repo-${repository}`, private: false, visibility: "public", owner: { login: "bench", name: "bench" }, default_branch: "main", created_at: 1_700_000_000, pushed_at: 1_760_000_000, fork: false, archived: false, stargazers_count: 3, language: "TypeScript" },
      pusher: { name: "bench" },
      sender: { login: "bench", id: 1, type: "User" },
      installation: { id: 1 },
    });
    deliveries.push({ body, signature: `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`, id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` });
  }
  return deliveries;
}

async function measure(name: string, port: number, deliveries: ReturnType<typeof buildDeliveries>, connections: number, atLastResponse?: () => void): Promise<WebhookRunFigures> {
  let next = 0;
  // autocannon notices the last response on its one-second tick, so its duration (and its finish
  // date) is whole seconds: a 2.1 s run reads 3 s, which alone moves the ratio by a third. The
  // run is timed here instead, from the start to the last response.
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    amount: deliveries.length,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/api/github/webhooks",
        setupRequest: (request) => {
          const delivery = deliveries[next++ % deliveries.length];
          if (!delivery) return request;
          return {
            ...request,
            body: delivery.body,
            headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": delivery.id, "x-hub-signature-256": delivery.signature },
          };
        },
      },
    ],
    }, (error, finished) => (error ? reject(error) : resolve(finished)));
    let responses = 0;
    run.on("response", () => {
      lastResponse = performance.now();
      if (++responses === deliveries.length) atLastResponse?.();
    });
  });
  const completed = result.requests.total;
  const seconds = (lastResponse - started) / 1000;
  return {
    name,
    deliveries: completed,
    deliveriesPerSecond: completed / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    startedAt: started,
    lastResponseAt: lastResponse,
  };
}

/**
 * Live pushes arrive for repositories the install's backfill already scanned: record that window
 * scan at each warm-up head, so measured pushes continue a trusted history (no rescans queued).
 */
async function markBackfilled(database: Database, warmup: ReturnType<typeof buildDeliveries>): Promise<void> {
  const now = new Date();
  for (const delivery of warmup) {
    const push = JSON.parse(delivery.body) as { after: string; repository: { id: number; name: string } };
    await recordScan(database, {
      repo: { githubId: push.repository.id, host: "github.com", owner: "bench", name: push.repository.name, visibility: "public", fork: false, archived: false, stars: 3, language: "TypeScript", createdAt: null, pushedAt: null, defaultBranch: "main" },
      tracking: { installationId: 1 },
      window: { since: new Date("2025-10-01T00:00:00Z") },
      mode: "window",
      head: push.after,
      commits: [],
      configFiles: null,
      pullRequests: [],
      cost: { graphqlPoints: 0, httpRequests: 0 },
      startedAt: now,
      finishedAt: now,
    });
  }
}

async function startBareApp(privateKey: string): Promise<{ port: number; stop(): Promise<void> }> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)));
  await new Promise((resolve) => probe.close(resolve));
  const server = new Server({ Probot: Probot.defaults({ appId: 1, privateKey, secret: SECRET, log, Octokit }), log, port, host: "127.0.0.1" });
  await server.load((app) => {
    app.on("push", async () => {});
  });
  await server.start();
  return { port: server.port, stop: () => server.stop() };
}

/**
 * Each measured delivery carried COMMITS_PER_PUSH distinct commits (the warm-up's were dropped by
 * the backfill's window scan, which saw none).
 */
async function checkStored(database: Database, deliveries: number, groups: number): Promise<StoredCheck> {
  const [row] = (await database.executeSql<{ n: number | string }>("SELECT count(*) AS n FROM commits")).rows;
  const share = async () => JSON.stringify(await monthlyShare(database, { scope: { kind: "public" }, from: "2025-12", to: "2026-03" }));
  const fromCounters = await share();
  await rebuildCounters(database);
  return {
    commitsSent: deliveries * COMMITS_PER_PUSH,
    commitsStored: Number(row?.n ?? 0),
    countersExact: fromCounters === (await share()),
    groups,
    pushesPerGroup: groups === 0 ? 0 : deliveries / groups,
  };
}

/** Polls the inbox until the app's background applier has emptied it. */
async function waitForDrain(database: Database, deliveries: number, run: WebhookRunFigures, appliedBefore: { batches: number; applied: number; importMs: number; applyMs: number }, appliedAtLastResponse: number): Promise<DrainFigures> {
  const appliedDuringRun = appliedAtLastResponse - appliedBefore.applied;
  while ((await pushInboxStatus(database)).pending > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const drained = performance.now();
  const apply = pushInboxStats(database).apply;
  return {
    drainSeconds: Math.max(0, drained - run.lastResponseAt) / 1000,
    endToEndPerSecond: deliveries / ((drained - run.startedAt) / 1000),
    appliedDuringRun,
    applyBatches: apply.batches - appliedBefore.batches,
    importSeconds: (apply.importMs - appliedBefore.importMs) / 1000,
    applySeconds: (apply.applyMs - appliedBefore.applyMs) / 1000,
  };
}

function print(result: WebhookBenchResult): void {
  const row = (figures: WebhookRunFigures) =>
    `  ${figures.name.padEnd(28)} ${figures.deliveriesPerSecond.toFixed(0).padStart(7)} deliveries/s   p50 ${String(figures.p50Ms).padStart(4)} ms   p99 ${String(figures.p99Ms).padStart(4)} ms   (${figures.deliveries} sent, ${figures.non2xx} non-2xx, ${figures.errors} errors)`;
  console.log(`bench-webhooks: push deliveries of ${COMMITS_PER_PUSH} commits over loopback, store on ${result.database} (${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(1)})`);
  console.log(row(result.bare));
  console.log(row(result.app));
  const { stored, drain } = result;
  const endToEndRatio = drain.endToEndPerSecond / result.bare.deliveriesPerSecond;
  console.log(
    `  throughput ratio app / bare (deliveries answered): ${result.ratio.toFixed(2)} (target ≥ 0.70: ${result.meetsTarget ? "met" : "NOT met"}); end to end (until applied): ${drain.endToEndPerSecond.toFixed(0)}/s = ${endToEndRatio.toFixed(2)} of bare`,
  );
  console.log(
    `  drain: inbox empty ${drain.drainSeconds.toFixed(2)} s after the last answer (${drain.appliedDuringRun} pushes applied while deliveries arrived, ${drain.applyBatches} apply transactions in all; ${result.database === "pglite" ? `importing from the spool ${drain.importSeconds.toFixed(2)} s, ` : ""}applying ${drain.applySeconds.toFixed(2)} s)`,
  );
  const exact = stored.commitsStored === stored.commitsSent && stored.countersExact;
  console.log(`  pushes appended in ${stored.groups} ${result.database === "pglite" ? "spool file writes" : "inbox transactions"} (${stored.pushesPerGroup.toFixed(1)} each)`);
  console.log(
    `  stored check: ${stored.commitsStored} commits stored of ${stored.commitsSent} sent, counters ${stored.countersExact ? "equal" : "DIFFER from"} a recount: ${exact ? "exact" : "NOT EXACT"}`,
  );
}

export async function benchWebhooks(deliveries = 2000, connections = 10): Promise<WebhookBenchResult> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const url = process.env.DATABASE_URL;
  // PGlite on disk, in a fresh folder: what `npm start` runs (./data), not an in-memory copy.
  const dataDir = url ? null : await mkdtemp(join(tmpdir(), "agent-census-bench-webhooks-"));
  const database = await openDatabase(url ? { url, schema: `bench_webhooks_${process.pid}` } : { dataDir: dataDir! });
  await migrate(database);
  const queue = await openJobQueue(database, { connectionString: url, supervise: false });
  const app = await startApp({ database, queue, appId: 1, privateKey, webhookSecret: SECRET, log, port: 0, host: "127.0.0.1", backfillSince: new Date("2025-10-01T00:00:00Z"), workers: false, Octokit });
  const bare = await startBareApp(privateKey);
  try {
    const warmup = buildDeliveries(REPOSITORIES);
    await measure("warm-up", bare.port, warmup, connections);
    const warmupRun = await measure("warm-up", app.port, warmup, connections);
    await waitForDrain(database, warmup.length, warmupRun, { batches: 0, applied: 0, importMs: 0, applyMs: 0 }, 0);
    await markBackfilled(database, warmup);
    // Fresh pushes for the measured run: they continue the warm-up's heads, as live pushes do.
    const measured = buildDeliveries(REPOSITORIES + deliveries).slice(REPOSITORIES);
    const bareFigures = await measure("bare Probot app (no work)", bare.port, measured, connections);
    const before = pushInboxStats(database);
    let appliedAtLastResponse = 0;
    const appFigures = await measure("agent-census app", app.port, measured, connections, () => (appliedAtLastResponse = pushInboxStats(database).apply.applied));
    const drain = await waitForDrain(database, measured.length, appFigures, before.apply, appliedAtLastResponse);
    const stored = await checkStored(database, measured.length, pushInboxStats(database).append.groups - before.append.groups);
    const ratio = appFigures.deliveriesPerSecond / bareFigures.deliveriesPerSecond;
    const exact = stored.commitsStored === stored.commitsSent && stored.countersExact;
    const meetsTarget = ratio >= 0.7 && appFigures.non2xx === 0 && appFigures.errors === 0 && exact;
    const result: WebhookBenchResult = { bare: bareFigures, app: appFigures, stored, drain, ratio, meetsTarget, database: database.kind };
    print(result);
    return result;
  } finally {
    await bare.stop();
    await app.stop();
    await queue.stop();
    if (url) await database.executeSql(`DROP SCHEMA IF EXISTS "bench_webhooks_${process.pid}" CASCADE`);
    await database.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchWebhooks(Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 10));
  process.exit(0);
}
