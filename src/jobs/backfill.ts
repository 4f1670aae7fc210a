// The scan workers behind the app: backfills after an install, listings of an installation's
// repositories, and window rescans after a force-push. Each job names one repository; a worker
// takes up to 50 at a time so one batched GraphQL query serves many of them (scanGitHubRepositories
// batches 50 repositories per query), and a failure fails only that installation's jobs.
import type PgBoss from "pg-boss";
import type { Logger } from "probot";
import { scanGitHubRepositories } from "../scan/scan-github.js";
import { createGitHubClient, type OctokitLike } from "../sources/github/index.js";
import type { Database } from "../store/index.js";
import type { AppJobs, RepositoryJob, ScanJobData } from "./app-jobs.js";
import { QUEUES, type JobQueue } from "./queue.js";
import { startWorkLoop, type JobOutcome, type WorkLoop } from "./work-loop.js";

/** An installation's Octokit: what Probot's `app.auth(installationId)` returns. */
export type InstallationOctokit = OctokitLike & {
  paginate: (route: string, parameters?: Record<string, unknown>) => Promise<unknown[]>;
};

export interface ScanWorkerDependencies {
  database: Database;
  jobs: AppJobs;
  octokitFor(installationId: number): Promise<InstallationOctokit>;
  /** History starts here (BACKFILL_SINCE). */
  since: Date;
  /** The REST base URL the installation's Octokit talks to, so repositories are stored under its host. */
  apiUrl?: string;
  log: Pick<Logger, "info" | "warn" | "error" | "debug">;
}

/** Jobs a worker takes at once: one GraphQL batch's worth. */
export const SCAN_JOBS_PER_FETCH = 50;

interface InstallationRepository {
  id: number;
  name: string;
  owner: { login: string };
  full_name: string;
}

/** Lists an installation's repositories (the payload did not carry them) and queues their backfills. */
async function listInstallation(installationId: number, deliveryId: string, dependencies: ScanWorkerDependencies): Promise<void> {
  const octokit = await dependencies.octokitFor(installationId);
  const repositories = (await octokit.paginate("GET /installation/repositories", { per_page: 100 })) as InstallationRepository[];
  await dependencies.jobs.enqueueBackfill(
    deliveryId,
    repositories.map((repository) => ({ installationId, owner: repository.owner.login, name: repository.name, githubId: repository.id })),
  );
  dependencies.log.info({ installationId, repositories: repositories.length }, "installation listed; backfills queued");
}

/** Scans one installation's repositories: the whole window for rescans, incrementally otherwise. */
export async function scanInstallationRepositories(
  installationId: number,
  repositories: readonly RepositoryJob[],
  mode: "backfill" | "rescan",
  dependencies: ScanWorkerDependencies,
): Promise<void> {
  const octokit = await dependencies.octokitFor(installationId);
  const client = createGitHubClient({ octokit, baseUrl: dependencies.apiUrl });
  const targets = repositories.map((repository) => ({ owner: repository.owner, name: repository.name, githubId: repository.githubId }));
  const scans = scanGitHubRepositories(targets, {
    client,
    database: dependencies.database,
    since: dependencies.since,
    tracking: { installationId },
    host: client.host,
    fullWindow: mode === "rescan",
  });
  for await (const summary of scans) {
    dependencies.log.info(
      { installationId, repository: summary.repository, outcome: summary.outcome, ...(summary.message ? { message: summary.message } : {}), commits: summary.commits, agentCommits: summary.agentCommits, mode },
      "repository scanned",
    );
  }
}

function groupByInstallation(jobs: readonly PgBoss.Job<ScanJobData>[]): Map<number, PgBoss.Job<ScanJobData>[]> {
  const groups = new Map<number, PgBoss.Job<ScanJobData>[]>();
  for (const job of jobs) {
    const group = groups.get(job.data.installationId) ?? [];
    group.push(job);
    groups.set(job.data.installationId, group);
  }
  return groups;
}

function repositoryOf(data: ScanJobData): RepositoryJob | null {
  return data.kind === "list-installation" ? null : { installationId: data.installationId, owner: data.owner, name: data.name, githubId: data.githubId };
}

/** Where runScanJobs fails the jobs of an installation that failed: the queue, or a record of them. */
export interface ScanJobFailer {
  fail(queue: string, id: string, data: object): Promise<unknown>;
}

/** Runs a fetched batch; jobs of an installation that fails are failed (and retried) on their own. */
export async function runScanJobs(
  boss: ScanJobFailer,
  queue: string,
  jobs: readonly PgBoss.Job<ScanJobData>[],
  dependencies: ScanWorkerDependencies,
): Promise<void> {
  for (const [installationId, group] of groupByInstallation(jobs)) {
    try {
      for (const job of group) if (job.data.kind === "list-installation") await listInstallation(installationId, job.id, dependencies);
      const repositories = group.map((job) => repositoryOf(job.data)).filter((repository): repository is RepositoryJob => repository !== null);
      if (repositories.length > 0) await scanInstallationRepositories(installationId, repositories, queue === QUEUES.rescan ? "rescan" : "backfill", dependencies);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      dependencies.log.error({ installationId, jobs: group.length, err: message }, "scan jobs failed; they will be retried");
      for (const job of group) await boss.fail(queue, job.id, { message });
    }
  }
}

/**
 * Starts the scan and rescan workers on the queue. Each fetched batch's jobs are settled by the
 * work loop (src/jobs/work-loop.ts), through a database outage too: those of a failed
 * installation failed with its error, the others completed.
 */
export async function startScanWorkers(queue: JobQueue, dependencies: ScanWorkerDependencies): Promise<WorkLoop> {
  const loops = [QUEUES.scan, QUEUES.rescan].map((name) =>
    startWorkLoop<ScanJobData>(queue.boss, name, { batchSize: SCAN_JOBS_PER_FETCH, pollingIntervalSeconds: queue.pollingIntervalSeconds }, async (jobs) => {
      const failed = new Map<string, JobOutcome>();
      const record: ScanJobFailer = {
        fail: async (_queue, id, data) => failed.set(id, { ok: false, error: new Error(String((data as { message?: unknown }).message ?? "scan failed")) }),
      };
      await runScanJobs(record, name, jobs, dependencies);
      return new Map(jobs.map((job) => [job.id, failed.get(job.id) ?? { ok: true }]));
    }),
  );
  return {
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
