// `agent-census start` (`npm start`): the GitHub App — webhooks, dashboard, API, badges — and its
// job worker in one process, on the embedded database when DATABASE_URL is unset. Without App
// credentials it runs Probot's own setup flow, which registers the app from app.yml.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { readFileSync } from "node:fs";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Command } from "commander";
import { pino } from "pino";
import { run } from "probot";
import { startApp } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import { openJobQueue } from "../jobs/queue.js";
import { startDashboardServer } from "./dashboard-server.js";
import { openMigratedDatabase } from "./database.js";
import { CliError } from "./errors.js";

/** Probot's own `.env` handling: the file's values win, as they do under `probot run`. */
function applyDotEnv(path = resolve(process.cwd(), ".env")): void {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  Object.assign(process.env, parseEnv(text));
}

const PEM = /-----BEGIN (RSA )?PRIVATE KEY-----/;

/** PRIVATE_KEY (PEM, with literal \n, or base64) or the file at PRIVATE_KEY_PATH. Never logged. */
export async function readPrivateKey(app: Config["app"]): Promise<string | undefined> {
  if (app.privateKey) {
    let key = app.privateKey;
    if (!PEM.test(key)) key = Buffer.from(key, "base64").toString("utf8");
    key = key.replace(/\\n/g, "\n");
    if (!PEM.test(key)) throw new CliError("PRIVATE_KEY is not a PEM private key: paste the .pem file's content (or set PRIVATE_KEY_PATH to the file)");
    return key;
  }
  if (app.privateKeyPath) {
    try {
      return await readFile(resolve(app.privateKeyPath), "utf8");
    } catch (error) {
      throw new CliError(`cannot read PRIVATE_KEY_PATH ${app.privateKeyPath}: ${(error as Error).message}`, { cause: error });
    }
  }
  return undefined;
}

/** A free port on the loopback interface, for a server only this process talks to. */
async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const NOT_CONNECTED_BANNER =
  '<aside class="banner" role="status"><strong>Not connected to GitHub yet.</strong> ' +
  'To install agent-census as a GitHub App, <a href="/probot">register it with Probot\'s setup flow</a> ' +
  "(it creates the app from app.yml and writes its credentials to .env; then restart). Meanwhile, fill the store from a terminal: " +
  "<code>agent-census scan &lt;path | owner/name | git URL&gt; --public</code>, and reload.</aside>";

/**
 * Before the app is registered: the dashboard, API and badges over the local store on the public
 * port, and Probot's setup flow (register the app from app.yml) under /probot. Probot serves its
 * setup pages on a loopback port of its own; /probot requests are passed to it as they came, Host
 * header included, so the manifest it builds points back at this server.
 */
async function runSetupBesideDashboard(config: Config): Promise<void> {
  const setupPort = await freeLoopbackPort();
  try {
    await run(() => {}, { env: { ...process.env, PORT: String(setupPort), HOST: "127.0.0.1" } });
  } catch (error) {
    throw new CliError(`cannot start Probot's setup flow: ${(error as Error).message}`, { cause: error });
  }
  const database = await openMigratedDatabase();
  const toSetup = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path !== "/probot" && !path.startsWith("/probot/")) return false;
    const upstream = request({ host: "127.0.0.1", port: setupPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end("Probot's setup flow is not answering\n");
    });
    req.pipe(upstream);
    return true;
  };
  const server = await startDashboardServer({ database, port: config.port, ...(config.host ? { host: config.host } : {}), banner: NOT_CONNECTED_BANNER, fallback: toSetup });
  console.log(`agent-census: not connected to GitHub yet. Dashboard on http://localhost:${server.port}/, register the GitHub App at http://localhost:${server.port}/probot`);
}

export async function startCommand(): Promise<void> {
  applyDotEnv();
  const config = loadConfig();
  const privateKey = await readPrivateKey(config.app);
  if (!config.app.appId || !privateKey) {
    await runSetupBesideDashboard(config);
    return;
  }
  if (!config.app.webhookSecret) throw new CliError("WEBHOOK_SECRET is not set: use the secret you gave the GitHub App (Probot's setup flow writes it to .env)");
  const log = pino({ level: config.logLevel, name: "agent-census" });
  const database = await openMigratedDatabase();
  const queue = await openJobQueue(database, { connectionString: config.databaseUrl });
  const app = await startApp({
    database,
    queue,
    appId: config.app.appId,
    privateKey,
    webhookSecret: config.app.webhookSecret,
    log,
    port: config.port,
    host: config.host,
    apiUrl: config.githubApiUrl,
    gheHost: config.gheHost,
    gheProtocol: process.env.GHE_PROTOCOL,
    backfillSince: config.backfillSince,
    compactOlderThanMonths: config.compactOlderThanMonths,
  });
  log.info({ port: app.port, database: database.kind === "pg" ? "postgres" : `pglite:${config.dataDir}` }, "agent-census app running");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    try {
      await app.stop();
      await queue.stop();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

export function registerStartCommand(command: Command): void {
  command
    .action(startCommand);
}
