// Starting a crawl run: the cohort's members (all of them, or for a refresh only those pushed
// since their last scan) cut into batches, one queue job each, recorded as a run so any machine
// can show its progress.
import { lookupRepositoriesById } from "../sources/github/lookup.js";
import type { GitHubClient } from "../sources/github/index.js";
import { listRepositories, startCrawlRun, type CrawlKind, type CrawlRun, type Database, type RepositoryRow } from "../store/index.js";
import type { CrawlJobData, CrawlRepository } from "./crawl-job.js";
import { QUEUES, type JobQueue } from "./queue.js";

/** One batched GraphQL query's worth: 50 repositories cost about one point (src/sources/github/queries.ts). */
export const DEFAULT_CRAWL_BATCH = 50;

export interface CrawlJobPolicy {
  /** A job not finished this long after it started is re-delivered (its worker is presumed dead). */
  expireInSeconds: number;
  retryLimit: number;
  /** Seconds before the first retry; doubles each time (pg-boss backoff). */
  retryDelay: number;
}

export const DEFAULT_JOB_POLICY: CrawlJobPolicy = { expireInSeconds: 15 * 60, retryLimit: 5, retryDelay: 10 };

export interface EnqueueCrawlOptions {
  database: Database;
  queue: JobQueue;
  cohort: string;
  kind: CrawlKind;
  since: Date;
  host: string;
  batchSize?: number;
  policy?: Partial<CrawlJobPolicy>;
  /** For a refresh: asks GitHub which members were pushed since their last scan. */
  client?: GitHubClient;
  now?: Date;
}

/** Every member of the cohort, in store order. */
export async function cohortMembers(database: Database, cohort: string): Promise<RepositoryRow[]> {
  const members: RepositoryRow[] = [];
  for (let afterRepoId = 0; ; ) {
    const page = await listRepositories(database, { cohort, afterRepoId, limit: 1000 });
    members.push(...page);
    const last = page.at(-1);
    if (!last || page.length < 1000) return members;
    afterRepoId = last.repoId;
  }
}

/**
 * Members pushed since their last scan (or never scanned). GitHub's pushedAt comes from one
 * facts-only query per 100 members (1 point each), far cheaper than re-scanning the unchanged.
 */
export async function membersToRefresh(client: GitHubClient, members: RepositoryRow[]): Promise<RepositoryRow[]> {
  const known = members.filter((member) => member.githubId !== null);
  const current = await lookupRepositoriesById(client, known.map((member) => member.githubId as number));
  return known.filter((member) => {
    if (!member.cursor) return true;
    const facts = current.get(member.githubId as number);
    // Gone or hidden now: one more scan records that.
    if (!facts) return member.status !== "gone";
    return facts.pushedAt !== null && facts.pushedAt.getTime() > member.cursor.scannedAt.getTime();
  });
}

function toCrawlRepository(member: RepositoryRow): CrawlRepository {
  return { githubId: member.githubId as number, owner: member.owner, name: member.name };
}

/** Records the run and queues its batches. */
export async function enqueueCrawl(options: EnqueueCrawlOptions): Promise<CrawlRun> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_CRAWL_BATCH);
  const policy = { ...DEFAULT_JOB_POLICY, ...options.policy };
  let members = (await cohortMembers(options.database, options.cohort)).filter((member) => member.githubId !== null && member.host === options.host);
  if (options.kind === "refresh") {
    if (!options.client) throw new Error("a refresh needs a GitHub client to see which members were pushed");
    members = await membersToRefresh(options.client, members);
  }
  const batches: CrawlRepository[][] = [];
  for (let start = 0; start < members.length; start += batchSize) batches.push(members.slice(start, start + batchSize).map(toCrawlRepository));
  const startedAt = options.now ?? new Date();
  const run = await startCrawlRun(options.database, {
    cohort: options.cohort,
    kind: options.kind,
    since: options.since,
    startedAt,
    batches: batches.map((batch) => batch.length),
  });
  const jobs = batches.map((repositories, batch) => {
    const data: CrawlJobData = {
      runId: run.runId,
      batch,
      cohort: options.cohort,
      host: options.host,
      since: options.since.toISOString(),
      runStartedAt: startedAt.toISOString(),
      repositories,
    };
    return { name: QUEUES.crawl, data, expireInSeconds: policy.expireInSeconds, retryLimit: policy.retryLimit, retryDelay: policy.retryDelay, retryBackoff: true };
  });
  for (let start = 0; start < jobs.length; start += 500) await options.queue.boss.insert(jobs.slice(start, start + 500));
  return run;
}
