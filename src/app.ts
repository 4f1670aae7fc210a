// The Probot app: wires the webhooks, the public web routes and the job workers together, in one
// process. Webhook handlers only record and enqueue; backfills, rescans and the org reports run
// in the workers on the Postgres queue, so a webhook is answered at once and work survives a restart.
// A push delivery is answered once the push is written to the store (docs/ingest.md).
import type { ServerResponse } from "node:http";
import type { Logger, Probot } from "probot";
import { Probot as ProbotClass, ProbotOctokit, Server } from "probot";
import type { ApplicationFunction } from "probot";
import { createAppJobs, type AppJobs } from "./jobs/app-jobs.js";
import { startScanWorkers, type InstallationOctokit } from "./jobs/backfill.js";
import { scheduleCompaction } from "./jobs/compaction-job.js";
import { startOrgReportWorker } from "./jobs/org-report-job.js";
import type { JobQueue } from "./jobs/queue.js";
import type { WorkLoop } from "./jobs/work-loop.js";
import { createPublicRoutes } from "./publish/http/index.js";
import { createTokenSourceAuth, installationTokenSource, resolveApiUrls, type TokenSource } from "./sources/github/index.js";
import { registerWebhookHandlers } from "./sources/webhooks/index.js";
import { pushStatus, type Database } from "./store/index.js";

type ThrottleOptions = NonNullable<NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>["throttle"]>;
type Handler = Parameters<Parameters<ApplicationFunction>[1]["addHandler"]>[0];

export interface AppServices {
  database: Database;
  jobs: AppJobs;
  /** "github.com" or the GHES host repositories are stored under. */
  host: string;
  /** The dashboard, /api/v1 and badges; null serves webhooks only. */
  publicRoutes: Handler | null;
}

/** The Probot application function: event handlers and the public routes. */
export function agentCensusApp(services: AppServices): ApplicationFunction {
  return async (app, { addHandler }) => {
    registerWebhookHandlers(app, { database: services.database, jobs: services.jobs, host: services.host });
    // Probot's manifest flow registers the webhook URL as the site root ("/"), not Probot's
    // webhook path: deliveries POSTed there are verified and handled the same way.
    const rootWebhooks = await app.getNodeMiddleware({ path: "/" });
    addHandler((req, res) => (req.method === "POST" && req.url?.split("?")[0] === "/" ? rootWebhooks(req, res) : false));
    addHandler(async (req, res) => {
      if (req.method !== "GET" || req.url?.split("?")[0] !== "/healthz") return false;
      await healthz(services.database, res);
      return true;
    });
    if (services.publicRoutes) addHandler(services.publicRoutes);
  };
}

/**
 * For a load balancer or an operator: 200 with the pushes the store refused (dead letters waiting
 * for `agent-census pushes --requeue`), 503 when the store cannot be read.
 */
async function healthz(database: Database, res: ServerResponse): Promise<void> {
  let status = 200;
  let body: object;
  try {
    body = { status: "ok", pushes: await pushStatus(database) };
  } catch {
    status = 503;
    body = { status: "unavailable", error: "the store cannot be read" };
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

export interface AppOptions {
  database: Database;
  queue: JobQueue;
  appId: string | number;
  privateKey: string;
  webhookSecret: string;
  log: Logger;
  /** 0 picks a free port (tests, the benchmark). */
  port: number;
  host?: string;
  /** REST base URL (GITHUB_API_URL); wins over gheHost. */
  apiUrl?: string;
  gheHost?: string;
  gheProtocol?: string;
  backfillSince: Date;
  /** COMPACT_OLDER_THAN_MONTHS: with the workers, compact commit facts older than this daily; undefined removes the schedule. */
  compactOlderThanMonths?: number;
  /** Run the scan and report workers in this process (default true). */
  workers?: boolean;
  /** Serve the dashboard, API and badges beside the webhooks (default true). */
  publicRoutes?: boolean;
  /** Tests pass an Octokit class without retries or throttling. */
  Octokit?: typeof ProbotOctokit;
  /** Tests authenticate with a token instead of the app's JWT. */
  githubToken?: string;
  /** An installation token is renewed when it has less than this left (default 5 minutes; tests shorten it). */
  installationTokenRefreshMarginMs?: number;
}

export interface RunningApp {
  probot: Probot;
  server: Server;
  port: number;
  jobs: AppJobs;
  stop(): Promise<void>;
}

/** Probot's Server treats port 0 as "unset" (3000): ask the OS for a free port instead. */
async function freePort(host: string): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Starts the HTTP server (webhooks + public routes) and, unless told not to, the workers. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const urls = resolveApiUrls({ baseUrl: options.apiUrl, gheHost: options.gheHost, gheProtocol: options.gheProtocol });
  const jobs = createAppJobs(options.queue.boss);
  const server = new Server({
    Probot: ProbotClass.defaults({
      appId: options.appId,
      privateKey: options.privateKey,
      secret: options.webhookSecret,
      githubToken: options.githubToken,
      baseUrl: urls.restUrl,
      log: options.log,
      Octokit: options.Octokit,
    }),
    log: options.log,
    port: options.port === 0 ? await freePort(options.host ?? "0.0.0.0") : options.port,
    host: options.host ?? "0.0.0.0",
  });
  let probot: Probot | null = null;
  const services: AppServices = {
    database: options.database,
    jobs,
    host: urls.host,
    publicRoutes: options.publicRoutes === false ? null : createPublicRoutes(options.database),
  };
  const appFunction = agentCensusApp(services);
  await server.load(async (app, helpers) => {
    probot = app;
    await appFunction(app, helpers);
  });
  if (!probot) throw new Error("Probot did not load the app");
  const loaded: Probot = probot;
  let scanWorkers: WorkLoop | null = null;
  if (options.workers !== false) {
    // Probot's installation Octokit keeps a token 59 minutes after minting it, whatever its expiry,
    // and fails a request GitHub answers 401. A backfill can outlive a token: the workers' Octokit
    // takes its token from a source that renews it by its expires_at, and once more on a 401.
    // (With a fixed token, in tests, there is nothing to renew.)
    const sources = new Map<number, TokenSource>();
    const sourceFor = (installationId: number) => {
      let source = sources.get(installationId);
      if (!source) {
        source = installationTokenSource({ appId: options.appId, privateKey: options.privateKey, baseUrl: urls.restUrl }, installationId, { refreshMarginMs: options.installationTokenRefreshMarginMs });
        sources.set(installationId, source);
      }
      return source;
    };
    const InstallationOctokitClass = options.Octokit ?? ProbotOctokit;
    const octokitFor = async (installationId: number): Promise<InstallationOctokit> => {
      if (options.githubToken) return (await loaded.auth(installationId)) as unknown as InstallationOctokit;
      const octokit = new InstallationOctokitClass({
        authStrategy: createTokenSourceAuth,
        auth: { source: sourceFor(installationId) },
        baseUrl: urls.restUrl,
        log: options.log.child({ name: "github" }),
        // As Probot's: each installation throttled on its own (ProbotOctokit's defaults add the
        // rest of the throttle options, which the type asks for here).
        throttle: { id: String(installationId) } as ThrottleOptions,
      });
      return octokit as unknown as InstallationOctokit;
    };
    const log = options.log.child({ name: "jobs" });
    scanWorkers = await startScanWorkers(options.queue, { database: options.database, jobs, octokitFor, since: options.backfillSince, apiUrl: urls.restUrl, log });
    await startOrgReportWorker(options.queue, { database: options.database, jobs, octokitFor, appOctokit: async () => (await loaded.auth()) as unknown as InstallationOctokit, log });
    await scheduleCompaction(options.queue, {
      database: options.database,
      olderThanMonths: options.compactOlderThanMonths,
      onCompacted: (result, seconds) => log.info({ ...result, seconds }, "old commit facts compacted"),
    });
  }
  await server.start();
  const refused = await pushStatus(options.database);
  if (refused.deadLettered > 0) options.log.warn(refused, "pushes the store refused wait as dead letters: fix the cause, then run agent-census pushes --requeue");
  return {
    probot: loaded,
    server,
    port: server.port,
    jobs,
    async stop() {
      await server.stop();
      // The scan jobs in hand are finished and settled before the caller stops the queue.
      await scanWorkers?.stop();
    },
  };
}
