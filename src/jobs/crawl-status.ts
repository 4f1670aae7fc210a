// What a crawl looks like from the database: repos done / total, rate, ETA, API budget left and
// errors so far. The crawl command's progress bar, the worker's log lines and `agent-census
// status` on another machine all read it here, so they agree.
import { crawlProgress, latestCrawlRun, listTokenBudgets, type CrawlProgress, type Database } from "../store/index.js";
import { summarizeBudgets, type PoolBudget } from "./token-pool.js";

export interface CrawlStatus {
  runId: number;
  cohort: string;
  kind: "crawl" | "refresh";
  startedAt: string;
  cohortMembers: number;
  total: number;
  done: number;
  /** Members whose scans in this run all failed so far (retried with backoff). */
  failing: number;
  /** Failed scan attempts so far. */
  errors: number;
  batches: CrawlProgress["batches"];
  /** Repositories per hour since the run started. */
  ratePerHour: number;
  /** Seconds left at that rate; null before the first scan. */
  etaSeconds: number | null;
  graphqlPoints: number;
  budget: PoolBudget;
  recentErrors: { repository: string; message: string; at: string }[];
  finished: boolean;
}

/** Token readings older than this are not counted as budget left (their window has reset). */
const BUDGET_FRESH_MS = 60 * 60 * 1000;

export async function readCrawlStatus(
  database: Database,
  options: { cohort?: string; runId?: number; tokenKeys?: string[]; now?: Date } = {},
): Promise<CrawlStatus | null> {
  const now = options.now ?? new Date();
  const runId = options.runId ?? (await latestCrawlRun(database, options.cohort))?.runId;
  if (runId === undefined) return null;
  const progress = await crawlProgress(database, runId, now);
  if (!progress) return null;
  const budgets = (await listTokenBudgets(database, options.tokenKeys)).filter((budget) => now.getTime() - budget.updatedAt.getTime() < BUDGET_FRESH_MS);
  return toStatus(progress, summarizeBudgets(budgets, options.tokenKeys?.length ?? budgets.length, 50, now.getTime()), now);
}

export function toStatus(progress: CrawlProgress, budget: PoolBudget, now: Date): CrawlStatus {
  const { run, repositories } = progress;
  const end = progress.finished && progress.lastScanAt ? progress.lastScanAt : now;
  const hours = Math.max(1e-6, (end.getTime() - run.startedAt.getTime()) / 3_600_000);
  const ratePerHour = repositories.done / hours;
  const left = Math.max(0, repositories.total - repositories.done);
  return {
    runId: run.runId,
    cohort: run.cohort,
    kind: run.kind,
    startedAt: run.startedAt.toISOString(),
    cohortMembers: progress.cohortMembers,
    total: repositories.total,
    done: repositories.done,
    failing: repositories.failing,
    errors: progress.errors,
    batches: progress.batches,
    ratePerHour,
    etaSeconds: progress.finished ? 0 : ratePerHour > 0 ? Math.round((left / ratePerHour) * 3600) : null,
    graphqlPoints: progress.graphqlPoints,
    budget,
    recentErrors: progress.recentErrors.map((error) => ({ ...error, at: error.at.toISOString() })),
    finished: progress.finished,
  };
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "?";
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
}

export function formatBudget(budget: PoolBudget): string {
  if (budget.remaining === null) return "unknown";
  const spent = budget.spent > 0 ? `, ${budget.spent}/${budget.tokens} tokens spent until ${budget.nextResetAt?.toISOString().slice(11, 19) ?? "?"}Z` : "";
  return `${budget.remaining} points${spent}`;
}

/** Human lines for `agent-census status`. */
export function formatCrawlStatus(status: CrawlStatus): string {
  const lines = [
    `cohort ${status.cohort}: run ${status.runId} (${status.kind}) started ${status.startedAt}${status.finished ? ", finished" : ""}`,
    `  repositories  ${status.done} / ${status.total} done${status.kind === "refresh" ? ` (of ${status.cohortMembers} members; the rest were not pushed since their last scan)` : ""}`,
    `  batches       ${status.batches.done} done, ${status.batches.failed} dead-lettered, ${status.batches.queued} queued or running, of ${status.batches.total}`,
    `  rate          ${Math.round(status.ratePerHour)} repositories/hour, ETA ${formatDuration(status.etaSeconds)}`,
    `  API budget    ${formatBudget(status.budget)} (${status.graphqlPoints.toFixed(0)} GraphQL points spent in this run)`,
    `  errors        ${status.errors} failed attempts; ${status.failing} repositories failing`,
  ];
  for (const error of status.recentErrors) lines.push(`    ${error.at} ${error.repository}: ${error.message}`);
  return lines.join("\n");
}

/** One structured log line (JSON) for logs and non-TTY output. */
export function statusLogLine(status: CrawlStatus, event = "progress"): string {
  return JSON.stringify({
    time: new Date().toISOString(),
    event,
    cohort: status.cohort,
    run: status.runId,
    done: status.done,
    total: status.total,
    failing: status.failing,
    errors: status.errors,
    ratePerHour: Math.round(status.ratePerHour),
    etaSeconds: status.etaSeconds,
    budgetRemaining: status.budget.remaining,
    tokensSpent: status.budget.spent,
  });
}
