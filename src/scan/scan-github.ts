// Scans GitHub repositories through the batched GraphQL backend: GitHub → detector → store.
// Pages arrive per repository; each page's commits are reduced to ObservedCommit at once (no
// message kept), and a repository is recorded when its last page has arrived.
import { configPathPatterns } from "../detect/index.js";
import { scanRepositories, type GitHubClient } from "../sources/github/index.js";
import type { RepoScanPage, RepositoryFacts as GitHubFacts, RepositoryRequest } from "../sources/github/index.js";
import {
  getScanCursor,
  recordScan,
  repoTimeline,
  recordScanFailure,
  type Database,
  type ObservedCommit,
  type ObservedPullRequest,
  type RepositoryFacts,
  type RepositoryRef,
  type ScanFailure,
  type Tracking,
} from "../store/index.js";
import { RepositoryNotFoundError } from "../store/index.js";
import { observeCommit, observeConfigFiles, observePullRequests } from "./observe.js";
import { summarizeCommits, summarizeConfigFiles, summarizePullRequests, summarizeTimeline, type ScanSummary } from "./summary.js";

export interface GitHubTarget {
  owner: string;
  name: string;
  githubId?: number | null;
}

export interface GitHubScanOptions {
  client: GitHubClient;
  /** Where to record; null prints only (--no-store). */
  database: Database | null;
  since: Date;
  tracking?: Tracking;
  /** Repositories per GraphQL query (default 50). */
  batchSize?: number;
  host?: string;
  /** Ignore the stored cursor and scan the whole window (mode "window"): how a force-push is repaired. */
  fullWindow?: boolean;
}

// GitHub's history is asked from the stored head's committer date (a day earlier, for clock
// skew); the sha stops the walk. Without that date, from a week before the last scan.
const CURSOR_SLACK_MS = 24 * 3600 * 1000;
const UNKNOWN_HEAD_SLACK_MS = 7 * 24 * 3600 * 1000;

function toStoreFacts(facts: GitHubFacts): RepositoryFacts {
  return {
    ...facts,
    createdAt: facts.createdAt ? new Date(facts.createdAt) : null,
    pushedAt: facts.pushedAt ? new Date(facts.pushedAt) : null,
  };
}

/** Where the store finds a target: GitHub's id when known, else its name, on the client's host. */
function storeRef(target: GitHubTarget, host: string): RepositoryRef {
  return target.githubId ? { githubId: target.githubId, host } : { owner: target.owner, name: target.name, host };
}

async function toRequest(target: GitHubTarget, options: GitHubScanOptions): Promise<RepositoryRequest> {
  const ref = storeRef(target, options.client.host);
  const cursor = options.database ? await getScanCursor(options.database, ref) : null;
  const since = options.since.toISOString();
  if (!cursor?.head || options.fullWindow) return { owner: target.owner, name: target.name, githubId: target.githubId ?? null, since };
  const from = cursor.headCommittedAt ? cursor.headCommittedAt.getTime() - CURSOR_SLACK_MS : cursor.scannedAt.getTime() - UNKNOWN_HEAD_SLACK_MS;
  const date = new Date(Math.max(from, options.since.getTime())).toISOString();
  return { owner: target.owner, name: target.name, githubId: target.githubId ?? null, since, cursor: { sha: cursor.head, date } };
}

/** One repository's pages, folded as they arrive. */
class RepositoryScan {
  commits: ObservedCommit[] = [];
  pullRequests: ObservedPullRequest[] = [];
  first: RepoScanPage | null = null;
  cost = { graphqlPoints: 0, httpRequests: 0 };

  constructor(readonly startedAt: Date) {}

  cursorMissing = false;
  /** A later page that failed: the scan is incomplete and must not be recorded as one. */
  laterFailure: { outcome: RepoScanPage["outcome"]; message: string } | null = null;

  add(page: RepoScanPage): void {
    if (this.first && page.outcome !== "ok" && !this.laterFailure) {
      this.laterFailure = { outcome: page.outcome, message: page.message ?? `a later page failed (${page.outcome})` };
    }
    this.first ??= page;
    this.cursorMissing ||= page.cursorMissing === true;
    for (const commit of page.commits) this.commits.push(observeCommit(commit, page.parentsKnown));
    this.pullRequests.push(...observePullRequests(page.pullRequests));
    this.cost.graphqlPoints += page.cost.graphqlPoints;
    this.cost.httpRequests += page.cost.httpRequests;
  }
}

// A batched query's points are shared among its repositories (fractions), but the store's scans
// table keeps whole numbers (integer columns): a fraction there fails the whole write.
function storedCost(cost: { graphqlPoints: number; httpRequests: number }): { graphqlPoints: number; httpRequests: number } {
  return { graphqlPoints: Math.round(cost.graphqlPoints), httpRequests: Math.round(cost.httpRequests) };
}

function failureStatus(outcome: RepoScanPage["outcome"]): ScanFailure["status"] {
  return outcome === "empty" || outcome === "gone" || outcome === "blocked" ? outcome : "error";
}

async function finish(scan: RepositoryScan, options: GitHubScanOptions): Promise<ScanSummary> {
  const page = scan.first;
  if (!page) throw new Error("a repository scan finished without pages");
  const { request } = page;
  const repository = page.facts ? `${page.facts.owner}/${page.facts.name}` : `${request.owner}/${request.name}`;
  const tracking = options.tracking ?? {};
  const mode = request.cursor ? "incremental" : "window";
  const base = { repository, backend: "github" as const, since: request.since, head: page.head?.sha ?? null, cost: scan.cost, stored: options.database !== null, mode: mode as "window" | "incremental" };
  // Recording the pages that did arrive as a complete scan would move the cursor past the
  // commits of the page that failed, and they would never be fetched: fail the whole scan.
  const outcome = scan.laterFailure?.outcome ?? page.outcome;
  if (outcome !== "ok" || !page.facts) {
    const message = scan.laterFailure?.message ?? page.message ?? `GitHub answered ${page.outcome}`;
    if (options.database) {
      const ref = page.facts ? toStoreFacts(page.facts) : storeRef(request, options.client.host);
      const failure = { status: failureStatus(outcome), message, cost: storedCost(scan.cost), tracking, startedAt: scan.startedAt, finishedAt: new Date() };
      // A repository never stored and now gone has nothing to keep a status on.
      await recordScanFailure(options.database, ref, failure).catch((error: unknown) => {
        if (page.facts || !(error instanceof RepositoryNotFoundError)) throw error;
      });
    }
    return { ...base, outcome, message, commits: 0, agentCommits: 0, agents: [], months: [], configFiles: [], pullRequests: [] };
  }
  const facts = toStoreFacts(page.facts);
  const configFiles = observeConfigFiles(
    page.configPaths.map((path) => {
      const dated = page.configFiles.find((file) => file.path === path);
      return { path, addedAt: dated?.addedAt ?? null, addedSha: dated?.addedSha ?? null };
    }),
    { gitattributes: page.gitattributes },
  );
  if (options.database) {
    await recordScan(options.database, {
      repo: facts,
      tracking,
      window: { since: new Date(request.since) },
      mode,
      head: page.head?.sha ?? null,
      commits: scan.commits,
      // A truncated tree listing is not the complete set: do not mark unseen files removed.
      configFiles: page.treeTruncated ? null : configFiles,
      pullRequests: scan.pullRequests,
      cost: storedCost(scan.cost),
      startedAt: scan.startedAt,
      finishedAt: new Date(),
    });
  }
  // After an incremental scan, the store holds the whole window; without a store the scan was whole.
  const timeline = options.database ? await repoTimeline(options.database, { githubId: facts.githubId ?? 0, host: facts.host }) : null;
  const fromScan = summarizeCommits(scan.commits);
  const summary = timeline
    ? summarizeTimeline(timeline, new Date(request.since))
    : { ...fromScan, commits: fromScan.months.reduce((total, month) => total + month.commits, 0) };
  return {
    ...base,
    outcome: "ok",
    commits: summary.commits,
    agentCommits: summary.agentCommits,
    agents: summary.agents,
    months: summary.months,
    configFiles: summarizeConfigFiles(configFiles),
    pullRequests: summarizePullRequests(scan.pullRequests),
  };
}

async function* scanBatch(requests: RepositoryRequest[], options: GitHubScanOptions, rewritten: RepositoryRequest[]): AsyncGenerator<ScanSummary> {
  const inFlight = new Map<RepositoryRequest, RepositoryScan>();
  const pages = scanRepositories(options.client, requests, { configPatterns: configPathPatterns(), batchSize: options.batchSize ?? 50 });
  for await (const page of pages) {
    let scan = inFlight.get(page.request);
    if (!scan) inFlight.set(page.request, (scan = new RepositoryScan(new Date())));
    scan.add(page);
    if (!page.done) continue;
    inFlight.delete(page.request);
    if (scan.cursorMissing && page.outcome === "ok") {
      // History no longer reaches the stored head (a force-push): recording these commits
      // as an increment would keep the dropped ones. Scan the whole window instead.
      const { cursor: _dropped, ...whole } = page.request;
      rewritten.push(whole);
      continue;
    }
    yield await finish(scan, options);
  }
}

/** Scans the targets in batches and yields one summary per repository as soon as it is recorded. */
export async function* scanGitHubRepositories(targets: Iterable<GitHubTarget>, options: GitHubScanOptions): AsyncGenerator<ScanSummary> {
  const requests: RepositoryRequest[] = [];
  for (const target of targets) requests.push(await toRequest(target, options));
  const rewritten: RepositoryRequest[] = [];
  yield* scanBatch(requests, options, rewritten);
  if (rewritten.length > 0) yield* scanBatch(rewritten, options, []);
}
