// The org's opt-in report: a daily tick lists the app's installations and queues one job each;
// that job reads the org's `.github/agent-census.yml` (as Probot apps read config), and when the
// file asks for a report and its schedule is due, creates — then keeps updating — one issue.
import type PgBoss from "pg-boss";
import type { Logger } from "probot";
import { buildOrgReportBody, orgReportTitle, reportGeneratedOn } from "../publish/org-report/index.js";
import type { Database } from "../store/index.js";
import type { AppJobs, OrgReportJobData } from "./app-jobs.js";
import type { InstallationOctokit } from "./backfill.js";
import { ORG_CONFIG_PATH, ORG_CONFIG_REPOSITORY, OrgConfigError, parseOrgConfig, reportIsDue, type ReportSettings } from "./org-report-config.js";
import { QUEUES, type JobQueue } from "./queue.js";

/** The daily tick (UTC); each installation's own schedule decides whether it is due. */
export const ORG_REPORT_CRON = "17 6 * * *";

/** Probot's installation Octokit carries @probot/octokit-plugin-config's `config.get`. */
export type ConfigOctokit = InstallationOctokit & {
  config: { get(options: { owner: string; repo: string; path: string }): Promise<{ config: Record<string, unknown>; files: Array<{ config: unknown }> }> };
};

export interface OrgReportDependencies {
  database: Database;
  jobs: AppJobs;
  octokitFor(installationId: number): Promise<InstallationOctokit>;
  /** The app's own (JWT) Octokit, to list installations. */
  appOctokit(): Promise<InstallationOctokit>;
  log: Pick<Logger, "info" | "warn" | "error" | "debug">;
  now?: () => Date;
}

export type OrgReportOutcome = "not-configured" | "invalid-config" | "not-due" | "created" | "updated";

interface IssueSummary {
  number: number;
  body?: string | null;
  pull_request?: unknown;
  user?: { type?: string } | null;
}

/** The org's report settings, or null when it has not asked for a report. */
export async function readReportSettings(octokit: ConfigOctokit, account: string): Promise<ReportSettings | null> {
  let loaded: Awaited<ReturnType<ConfigOctokit["config"]["get"]>>;
  try {
    loaded = await octokit.config.get({ owner: account, repo: ORG_CONFIG_REPOSITORY, path: ORG_CONFIG_PATH });
  } catch (error) {
    // The config plugin throws on YAML it cannot parse; a missing file is not an error.
    throw new OrgConfigError(`${account}/.github ${ORG_CONFIG_PATH} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  if (loaded.files.every((file) => file.config === null)) return null;
  return parseOrgConfig(loaded.config, account, ORG_CONFIG_PATH);
}

async function findReportIssue(octokit: InstallationOctokit, owner: string, repo: string): Promise<IssueSummary | null> {
  const issues = (await octokit.paginate("GET /repos/{owner}/{repo}/issues", { owner, repo, state: "open", per_page: 100 })) as IssueSummary[];
  // Only an issue a bot wrote: a person's issue quoting the marker is never overwritten.
  return issues.find((issue) => !issue.pull_request && issue.user?.type === "Bot" && reportGeneratedOn(issue.body) !== null) ?? null;
}

async function reportRepositoryIsPublic(octokit: InstallationOctokit, owner: string, repo: string, account: string): Promise<boolean> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner, repo });
    const repository = data as { private: boolean; visibility?: string };
    // Internal repositories are seen by the whole enterprise, not only the org: treat them as public.
    return !repository.private || repository.visibility === "internal";
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      throw new OrgConfigError(`${account}/.github ${ORG_CONFIG_PATH}: report.repository ${owner}/${repo} does not exist or the app is not installed on it`);
    }
    throw error;
  }
}

/** One installation's report: read its settings, and write the issue when due (or forced). */
export async function runOrgReport(data: OrgReportJobData & { installationId: number; account: string }, dependencies: OrgReportDependencies): Promise<OrgReportOutcome> {
  const now = dependencies.now?.() ?? new Date();
  const octokit = (await dependencies.octokitFor(data.installationId)) as ConfigOctokit;
  let settings: ReportSettings | null;
  let publicAudience: boolean;
  const log = dependencies.log;
  try {
    settings = await readReportSettings(octokit, data.account);
    if (!settings) return "not-configured";
    const [owner = "", repo = ""] = settings.repository.split("/");
    publicAudience = await reportRepositoryIsPublic(octokit, owner, repo, data.account);
  } catch (error) {
    if (!(error instanceof OrgConfigError)) throw error;
    // The org's own mistake: say what is wrong, and do not retry until the file changes.
    log.warn({ installationId: data.installationId, account: data.account }, error.message);
    return "invalid-config";
  }
  const [owner = "", repo = ""] = settings.repository.split("/");
  const existing = await findReportIssue(octokit, owner, repo);
  if (existing && !data.force && !reportIsDue(settings.schedule, reportGeneratedOn(existing.body), now)) return "not-due";
  // Every push answered 2xx was written before its answer: the report counts them all.
  const body = await buildOrgReportBody(dependencies.database, { installationId: data.installationId, account: data.account, publicAudience, now });
  const title = settings.title ?? orgReportTitle(data.account);
  if (existing) {
    await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner, repo, issue_number: existing.number, title, body });
    log.info({ installationId: data.installationId, repository: settings.repository, issue: existing.number }, "org report updated");
    return "updated";
  }
  const { data: created } = await octokit.request("POST /repos/{owner}/{repo}/issues", { owner, repo, title, body });
  log.info({ installationId: data.installationId, repository: settings.repository, issue: (created as { number: number }).number }, "org report created");
  return "created";
}

/** The daily tick: one report job per installation (each decides whether it is due). */
export async function runOrgReportTick(tickId: string, dependencies: OrgReportDependencies): Promise<number> {
  const octokit = await dependencies.appOctokit();
  const installations = (await octokit.paginate("GET /app/installations", { per_page: 100 })) as Array<{ id: number; account: { login: string } | null; suspended_at?: string | null }>;
  let queued = 0;
  for (const installation of installations) {
    if (!installation.account || installation.suspended_at) continue;
    await dependencies.jobs.enqueueOrgReport(tickId, installation.id, installation.account.login, false);
    queued++;
  }
  return queued;
}

async function runOrgReportJob(job: PgBoss.Job<OrgReportJobData>, dependencies: OrgReportDependencies): Promise<void> {
  const data = job.data;
  if (data.kind === "tick") {
    await runOrgReportTick(job.id, dependencies);
    return;
  }
  if (data.installationId === undefined || !data.account) throw new Error(`org report job ${job.id} names no installation`);
  await runOrgReport({ ...data, installationId: data.installationId, account: data.account }, dependencies);
}

/** Schedules the daily tick and starts the report worker. */
export async function startOrgReportWorker(queue: JobQueue, dependencies: OrgReportDependencies): Promise<void> {
  await queue.boss.schedule(QUEUES.orgReport, ORG_REPORT_CRON, { kind: "tick" } satisfies OrgReportJobData, { tz: "UTC" });
  await queue.boss.work<OrgReportJobData>(QUEUES.orgReport, { pollingIntervalSeconds: queue.pollingIntervalSeconds }, async (jobs) => {
    for (const job of jobs) await runOrgReportJob(job, dependencies);
  });
}
