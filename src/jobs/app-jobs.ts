// What the app's webhook handlers may ask of the job queue. Handlers only enqueue; the workers in
// backfill.ts and org-report-job.ts do the slow work, so every webhook is answered at once.
import type PgBoss from "pg-boss";
import { deterministicJobId } from "./job-ids.js";
import { QUEUES } from "./queue.js";

/** One repository to backfill (or rescan) with an installation's token. */
export interface RepositoryJob {
  installationId: number;
  owner: string;
  name: string;
  githubId: number;
}

/** Data of a job on QUEUES.scan (kind "backfill") or QUEUES.rescan (kind "rescan"). */
export type ScanJobData =
  | ({ kind: "backfill" } & RepositoryJob)
  /** The repositories of an installation are not in the payload: list them with its token first. */
  | { kind: "list-installation"; installationId: number }
  | ({ kind: "rescan" } & RepositoryJob);

export interface OrgReportJobData {
  /** "tick": the daily cron; the job enqueues one "installation" job per installation. */
  kind: "tick" | "installation";
  installationId?: number;
  /** The org (or user) login of the installation. */
  account?: string;
  /** Update the report now even when its schedule is not due (its config file just changed). */
  force?: boolean;
}

export interface AppJobs {
  /** Queues one backfill job per repository; a redelivery (same delivery id) queues nothing new. */
  enqueueBackfill(deliveryId: string, repositories: readonly RepositoryJob[]): Promise<void>;
  enqueueInstallationListing(deliveryId: string, installationId: number): Promise<void>;
  /** Queues a window rescan; at most one waits per repository (the rescan queue is "stately"). */
  enqueueRescan(repository: RepositoryJob): Promise<void>;
  enqueueOrgReport(deliveryId: string, installationId: number, account: string, force: boolean): Promise<void>;
}

/** pg-boss inserts this many jobs per statement; 1,000 repositories are 2 statements. */
const INSERT_CHUNK = 500;

export function createAppJobs(boss: PgBoss): AppJobs {
  return {
    async enqueueBackfill(deliveryId, repositories) {
      for (let start = 0; start < repositories.length; start += INSERT_CHUNK) {
        await boss.insert(
          repositories.slice(start, start + INSERT_CHUNK).map((repository) => ({
            id: deterministicJobId("backfill", deliveryId, repository.githubId),
            name: QUEUES.scan,
            data: { kind: "backfill", ...repository } satisfies ScanJobData,
          })),
        );
      }
    },
    async enqueueInstallationListing(deliveryId, installationId) {
      await boss.insert([
        { id: deterministicJobId("list", deliveryId, installationId), name: QUEUES.scan, data: { kind: "list-installation", installationId } satisfies ScanJobData },
      ]);
    },
    async enqueueRescan(repository) {
      await boss.send(QUEUES.rescan, { kind: "rescan", ...repository } satisfies ScanJobData, { singletonKey: `repo-${repository.githubId}` });
    },
    async enqueueOrgReport(deliveryId, installationId, account, force) {
      await boss.insert([
        { id: deterministicJobId("report", deliveryId, installationId), name: QUEUES.orgReport, data: { kind: "installation", installationId, account, force } satisfies OrgReportJobData },
      ]);
    },
  };
}
