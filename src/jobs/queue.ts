// The Postgres job queue (pg-boss) that backfills, crawl batches and scheduled reports run on.
// On real Postgres pg-boss keeps its own small pool; on PGlite it shares the store's single
// connection through Database.executeSql, so `npm start` needs no server.
import PgBoss from "pg-boss";
import type { Database } from "../store/index.js";

/** Every queue, with its retry policy. Failed jobs land in the dead-letter queue with their error. */
export const QUEUES = {
  /** One job = one batched GraphQL query's worth of repositories (crawler) or one repo (backfill). */
  scan: "scan-repositories",
  scanDead: "scan-repositories-dead",
  /** Re-scan a window after a force-push or a missed push delivery. */
  rescan: "rescan-window",
  /** The org's opt-in adoption report issue. */
  orgReport: "org-report",
  /** The public crawler's batches (src/jobs/crawl-job.ts): its own queue, so app workers never take them. */
  crawl: "crawl-batch",
  crawlDead: "crawl-batch-dead",
  /** The daily compaction of old commit facts (src/jobs/compaction-job.ts), when configured. */
  compact: "compact-commit-facts",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobQueueOptions {
  /** pg-boss's own schema; default "<store schema>_jobs" so isolated stores get isolated queues. */
  schema?: string;
  /** Real Postgres URL; when absent the store's own connection (PGlite) is used. */
  connectionString?: string;
  /** Run pg-boss's maintenance and cron scheduling in this process (the app and workers do). */
  supervise?: boolean;
  /** How often idle workers poll (seconds, pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * How often the supervisor expires jobs whose worker died (seconds, default pg-boss's 120): with
   * a short job expiry, tests and small crawls see a killed worker's job redelivered quickly.
   */
  maintenanceIntervalSeconds?: number;
}

export interface JobQueue {
  boss: PgBoss;
  pollingIntervalSeconds: number;
  stop(): Promise<void>;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  // Dead-letter queues first: a queue may only name an existing one.
  await boss.createQueue(QUEUES.scanDead, { name: QUEUES.scanDead, retentionDays: 30 });
  const retried = { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 15 * 60 };
  await boss.createQueue(QUEUES.scan, { name: QUEUES.scan, ...retried, deadLetter: QUEUES.scanDead });
  // "stately": at most one queued and one running job per singletonKey (a repository), so a
  // burst of force-pushes to one repo queues one rescan, not one per push.
  await boss.createQueue(QUEUES.rescan, { name: QUEUES.rescan, policy: "stately", ...retried, deadLetter: QUEUES.scanDead });
  await boss.createQueue(QUEUES.orgReport, { name: QUEUES.orgReport, retryLimit: 3, retryDelay: 60, retryBackoff: true });
  await boss.createQueue(QUEUES.crawlDead, { name: QUEUES.crawlDead, retentionDays: 30 });
  await boss.createQueue(QUEUES.crawl, { name: QUEUES.crawl, ...retried, deadLetter: QUEUES.crawlDead });
  // "singleton": one compaction at a time, however many processes work the queue; a run over a
  // million repositories takes minutes, so its expiry is generous.
  await boss.createQueue(QUEUES.compact, { name: QUEUES.compact, policy: "singleton", retryLimit: 2, retryDelay: 600, expireInSeconds: 4 * 3600 });
}

export async function openJobQueue(database: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  const schema = options.schema ?? `${database.schema === "public" ? "agent_census" : database.schema}_jobs`;
  const supervise = options.supervise ?? true;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const common = {
    schema,
    supervise,
    schedule: supervise,
    migrate: true,
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
  };
  const boss =
    options.connectionString && database.kind === "pg"
      ? new PgBoss({ ...common, connectionString: options.connectionString, max: 4 })
      : new PgBoss({ ...common, db: { executeSql: (text, values) => database.executeSql(text, values) } });
  // pg-boss reports background errors (a lost connection while polling) as events; without a
  // listener Node would crash the process. The caller's logger may replace this one.
  boss.on("error", (error) => process.stderr.write(`job queue: ${error.message}\n`));
  await boss.start();
  await ensureQueues(boss);
  return {
    boss,
    pollingIntervalSeconds,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
