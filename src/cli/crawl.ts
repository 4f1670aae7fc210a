// `agent-census crawl --cohort NAME (--search Q | --list FILE | --sample N --seed S | --refresh)`:
// freeze a cohort, queue its scans, and (embedded, or with --concurrency) work them here too.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { loadConfig, type Config } from "../config.js";
import { defineCohort, freezeCohort, parseRepositoryList, type CohortSource } from "../jobs/crawl-cohort.js";
import { createTokenPool, tokenKeys, watchCrawl, type PoolSettings } from "../jobs/crawl-runtime.js";
import { formatBudget, formatCrawlStatus, formatDuration, readCrawlStatus, statusLogLine, type CrawlStatus } from "../jobs/crawl-status.js";
import { DEFAULT_CRAWL_BATCH, DEFAULT_JOB_POLICY, enqueueCrawl } from "../jobs/crawl.js";
import { openJobQueue, type JobQueue } from "../jobs/queue.js";
import { startCrawlWorker } from "../jobs/worker.js";
import { createGitHubClient, type GitHubClient } from "../sources/github/index.js";
import { CohortDefinitionConflictError, cohortComplete, findCohortRecord, migrate, openDatabase, type Database, type FreezeProgress } from "../store/index.js";
import { positiveInteger } from "./arguments.js";
import { CliError } from "./errors.js";
import { printJson } from "./output.js";
import { parseSince } from "./scan.js";

export interface StoreOptions {
  schema?: string;
}

/** The store in a schema of choice (one Postgres may hold several crawls), migrated. */
export async function openCrawlDatabase(config: Config, options: StoreOptions): Promise<Database> {
  try {
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, ...(options.schema ? { schema: options.schema } : {}) });
    await migrate(database);
    return database;
  } catch (error) {
    const where = config.databaseUrl ? "the database at DATABASE_URL" : `the embedded database in ${config.dataDir}`;
    throw new CliError(`cannot open ${where}: ${(error as Error).message}`, { cause: error });
  }
}

/** The crawl pool's GitHub App, when APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are set: its installations add tokens. */
export async function poolApp(config: Config): Promise<PoolSettings["app"]> {
  if (!config.app.appId) return undefined;
  // Loaded only with an app configured: start.js brings Probot along.
  const { readPrivateKey } = await import("./start.js");
  const privateKey = await readPrivateKey(config.app);
  return privateKey ? { appId: config.app.appId, privateKey } : undefined;
}

/** Tokens the crawl may use: GITHUB_TOKENS, or an app's installations, or (GHES) none at all. */
export function requireCrawlCredentials(config: Config, what: string): void {
  if (config.githubTokens.length === 0 && !config.app.appId && !config.githubApiUrl) {
    throw new CliError(`${what} needs GITHUB_TOKEN, GITHUB_TOKENS=a,b,c, or a GitHub App (APP_ID and PRIVATE_KEY, whose installations give tokens)`);
  }
}

/** The store and its job queue. */
export async function openCrawlStore(config: Config, options: StoreOptions): Promise<{ database: Database; queue: JobQueue }> {
  const database = await openCrawlDatabase(config, options);
  try {
    const queue = await openJobQueue(database, { connectionString: config.databaseUrl, pollingIntervalSeconds: 1 });
    return { database, queue };
  } catch (error) {
    await database.close();
    throw new CliError(`cannot open the job queue: ${(error as Error).message}`, { cause: error });
  }
}

export { positiveInteger };

interface CrawlOptions extends StoreOptions {
  cohort: string;
  search?: string;
  list?: string;
  sample?: number;
  seed?: string;
  maxId?: number;
  refresh?: boolean;
  since?: string;
  batchSize: number;
  concurrency?: number;
  jobTimeout: number;
  retries: number;
  retryDelay: number;
  graphqlInterval?: number;
  json?: boolean;
}

function cohortSource(options: CrawlOptions): CohortSource | null {
  const chosen = [options.search !== undefined, options.list !== undefined, options.sample !== undefined].filter(Boolean).length;
  if (options.refresh) {
    if (chosen > 0) throw new CliError("--refresh re-scans an existing cohort: it takes no --search, --list or --sample", { exitCode: 2 });
    return null;
  }
  if (chosen !== 1) throw new CliError("give exactly one of --search QUERY, --list FILE or --sample N --seed S (or --refresh)", { exitCode: 2 });
  if (options.search !== undefined) return { kind: "search", query: options.search };
  if (options.list !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.list, "utf8");
    } catch (error) {
      throw new CliError(`cannot read --list ${options.list}: ${(error as Error).message}`, { cause: error });
    }
    const { names, invalid } = parseRepositoryList(text);
    if (invalid.length > 0) throw new CliError(`--list ${options.list}: not owner/name: ${invalid.slice(0, 3).join(", ")}${invalid.length > 3 ? ", …" : ""}`);
    if (names.length === 0) throw new CliError(`--list ${options.list} names no repositories`);
    return { kind: "list", file: basename(options.list), names };
  }
  if (options.seed === undefined) throw new CliError("--sample needs --seed (any text) so the sample can be drawn again", { exitCode: 2 });
  if (!options.sample) throw new CliError("--sample needs a size of at least 1", { exitCode: 2 });
  return { kind: "sample", size: options.sample, seed: options.seed, ...(options.maxId ? { maxId: options.maxId } : {}) };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A progress bar on a TTY, structured log lines (every 10 s and at the end) otherwise. */
export function progressReporter(total: number): { update(status: CrawlStatus): void; stop(status: CrawlStatus | null): void } {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(status) {
        if (Date.now() - last < 10_000) return;
        last = Date.now();
        log(statusLogLine(status));
      },
      stop(status) {
        if (status) log(statusLogLine(status, status.finished ? "finished" : "stopped"));
      },
    };
  }
  const bar = new SingleBar({
    format: "{bar} {value}/{total} repos | {rate}/h | ETA {etaText} | budget {budget} | errors {errors}",
    stream: process.stderr,
    hideCursor: true,
    etaBuffer: 50,
  });
  bar.start(total, 0, { rate: 0, etaText: "?", budget: "unknown", errors: 0 });
  const payload = (status: CrawlStatus) => ({ rate: Math.round(status.ratePerHour), etaText: formatDuration(status.etaSeconds), budget: formatBudget(status.budget), errors: status.errors });
  return {
    update: (status) => bar.update(status.done, payload(status)),
    stop(status) {
      if (status) bar.update(status.done, payload(status));
      bar.stop();
    },
  };
}

/** Freezing a cohort's members: a bar on a TTY, a log line every 10 s otherwise. */
function freezeReporter(total: number): { update(progress: FreezeProgress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(progress) {
        if (Date.now() - last < 10_000 && progress.seen < total) return;
        last = Date.now();
        log(JSON.stringify({ time: new Date().toISOString(), event: "freezing", stored: progress.stored, total, batches: progress.batches, resumed: progress.skippedBatches }));
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar({ format: "freezing {bar} {value}/{total} members | {batches} batches ({resumed} already stored) | ETA {eta_formatted}", stream: process.stderr, hideCursor: true });
  bar.start(total, 0, { batches: 0, resumed: 0 });
  return {
    update: (progress) => bar.update(progress.stored, { batches: progress.batches, resumed: progress.skippedBatches }),
    stop: () => bar.stop(),
  };
}

async function freezeNewCohort(database: Database, client: GitHubClient, options: CrawlOptions, source: CohortSource): Promise<void> {
  const existing = await findCohortRecord(database, options.cohort);
  // A freeze cut off half-way (its definition's member count not reached) is resumed: the same
  // rule gives the same definition, and the batches already stored are skipped.
  if (existing && !cohortComplete(existing)) {
    log(`cohort ${options.cohort}: an interrupted freeze (${existing.members} members stored) is resumed`);
  } else if (existing) {
    throw new CliError(
      `cohort "${options.cohort}" already exists (frozen ${existing.frozenAt.toISOString().slice(0, 10)}, ${existing.members} members): ` +
        `re-scan it with \`agent-census crawl --refresh --cohort ${options.cohort}\`, or pick a new name`,
    );
  }
  const cohort = await defineCohort(client, options.cohort, source, { onProgress: (message) => log(message) });
  const reporter = freezeReporter(cohort.members.length);
  let frozen;
  try {
    frozen = await freezeCohort(database, cohort, { onProgress: (progress) => reporter.update(progress) });
  } catch (error) {
    if (error instanceof CohortDefinitionConflictError) {
      throw new CliError(`cohort "${options.cohort}" was half-frozen under another rule (GitHub's answers changed since): pick a new name`, { cause: error });
    }
    throw error;
  } finally {
    reporter.stop();
  }
  log(`cohort ${options.cohort}: ${frozen.members} members frozen ${cohort.frozenAt.toISOString()}${frozen.skippedBatches > 0 ? ` (${frozen.skippedBatches} batches were already stored)` : ""}`);
  if (cohort.definition.source === "search" && cohort.definition.overflowed.length > 0) {
    log(`warning: ${cohort.definition.overflowed.length} created-date windows held more than GitHub search lists (1,000); the cohort misses some repositories there (kept in its definition)`);
  }
  if (cohort.definition.source === "list" && cohort.definition.notFound.length > 0) {
    log(`warning: ${cohort.definition.notFound.length} listed repositories were not found: ${cohort.definition.notFound.slice(0, 5).join(", ")}`);
  }
}

export async function runCrawl(options: CrawlOptions): Promise<CrawlStatus | null> {
  const config = loadConfig();
  const source = cohortSource(options);
  requireCrawlCredentials(config, "crawling");
  const since = parseSince(options.since ?? config.backfillSince.toISOString());
  const { database, queue } = await openCrawlStore(config, options);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  try {
    const client = createGitHubClient({ token: config.githubTokens[0], baseUrl: config.githubApiUrl, graphqlIntervalMs: options.graphqlInterval });
    if (source) await freezeNewCohort(database, client, options, source);
    else if (!(await findCohortRecord(database, options.cohort))) throw new CliError(`cohort "${options.cohort}" does not exist: create it with --search, --list or --sample`);
    const run = await enqueueCrawl({
      database,
      queue,
      cohort: options.cohort,
      kind: source ? "crawl" : "refresh",
      since,
      host: client.host,
      batchSize: options.batchSize,
      policy: { expireInSeconds: options.jobTimeout, retryLimit: options.retries, retryDelay: options.retryDelay },
      client,
    });
    log(`run ${run.runId}: ${run.repositories} repositories in ${run.batches} batches queued`);
    if (run.repositories === 0) {
      log(source ? "the cohort has no members to scan" : "nothing to scan: no member was pushed since its last scan");
      return readCrawlStatus(database, { runId: run.runId, tokenKeys: tokenKeys(config.githubTokens) });
    }
    // Embedded (PGlite) nobody else can reach the queue: work it here. On Postgres, by default
    // only queue, and let `agent-census worker` processes on any machine do the work.
    const concurrency = options.concurrency ?? (config.databaseUrl ? 0 : 2);
    if (concurrency === 0) {
      log(`start workers with \`agent-census worker --concurrency 4\` against the same DATABASE_URL; watch with \`agent-census status --cohort ${options.cohort}\``);
      return null;
    }
    const pool = await createTokenPool(database, {
      tokens: config.githubTokens,
      app: await poolApp(config),
      baseUrl: config.githubApiUrl,
      graphqlIntervalMs: options.graphqlInterval,
      onTokenRefused: (refused) => log(`${refused.label} was refused by GitHub (401) and leaves the pool; ${refused.left} left`),
    });
    const worker = await startCrawlWorker({ database, queue, pool, concurrency });
    const reporter = progressReporter(run.repositories);
    let status: CrawlStatus | null = null;
    try {
      status = await watchCrawl(database, run.runId, { tokenKeys: tokenKeys(config.githubTokens, pool), onStatus: (next) => reporter.update(next), signal: controller.signal });
    } finally {
      reporter.stop(status);
      await worker.stop();
    }
    return status;
  } finally {
    process.off("SIGINT", onSignal);
    await queue.stop();
    await database.close();
  }
}

export function registerCrawlCommand(command: Command): void {
  command
    .requiredOption("--cohort <name>", "the cohort's name (reports cite it)")
    .option("--search <query>", 'GitHub search query, e.g. "stars:>=50 pushed:>=2025-10-01 fork:false"')
    .option("--list <file>", "a file with one owner/name per line")
    .option("--sample <n>", "a random sample of N public repositories", positiveInteger("--sample"))
    .option("--seed <text>", "the sample's seed (same seed, same sample)")
    .option("--max-id <id>", "draw sample ids from 1..ID (default: the newest public repository's id)", positiveInteger("--max-id"))
    .option("--refresh", "re-scan an existing cohort's members pushed since their last scan (adds no members)")
    .option("--since <date>", "start of the scan window (default BACKFILL_SINCE, 2025-10-01)")
    .option("--batch-size <n>", "repositories per job (one batched GraphQL query)", positiveInteger("--batch-size"), DEFAULT_CRAWL_BATCH)
    .option("--concurrency <n>", "jobs worked in this process (default 2 embedded, 0 with DATABASE_URL: only queue)", positiveInteger("--concurrency"))
    .option("--job-timeout <seconds>", "a job unfinished this long is handed to another worker", positiveInteger("--job-timeout"), DEFAULT_JOB_POLICY.expireInSeconds)
    .option("--retries <n>", "retries of a failing job before it is dead-lettered", positiveInteger("--retries"), DEFAULT_JOB_POLICY.retryLimit)
    .option("--retry-delay <seconds>", "first retry delay (doubles each time)", positiveInteger("--retry-delay"), DEFAULT_JOB_POLICY.retryDelay)
    .option("--graphql-interval <ms>", "minimum gap between GraphQL queries per token (GitHub advises 1000)", positiveInteger("--graphql-interval"))
    .option("--schema <name>", "Postgres schema of the store (default public)")
    .option("--json", "print the final status as JSON")
    .action(async (options: CrawlOptions) => {
      const status = await runCrawl(options);
      if (!status) return;
      if (options.json) printJson(status);
      else console.log(formatCrawlStatus(status));
      if (status.batches.failed > 0) process.exitCode = 1;
    });
}
