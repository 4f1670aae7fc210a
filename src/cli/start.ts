// `agent-census start` (`npm start`): the GitHub App — webhooks, dashboard, API, badges — and its
// job worker in one process, on the embedded database when DATABASE_URL is unset. Without App
// credentials it runs Probot's own setup flow, which registers the app from app.yml.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { pino } from "pino";
import { run } from "probot";
import { startApp } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import { openJobQueue } from "../jobs/queue.js";
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

/** Probot's setup page: register the app on GitHub from app.yml, then restart with the new .env. */
async function runSetupFlow(): Promise<void> {
  try {
    await run(() => {});
  } catch (error) {
    throw new CliError(`cannot start Probot's setup flow: ${(error as Error).message}`, { cause: error });
  }
}

export async function startCommand(): Promise<void> {
  applyDotEnv();
  const config = loadConfig();
  const privateKey = await readPrivateKey(config.app);
  if (!config.app.appId || !privateKey) {
    await runSetupFlow();
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
