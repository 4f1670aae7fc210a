// Scans one git repository (a local clone read in place, or a URL as a blob-less partial clone):
// git → detector → (optionally) the store. Incremental when the store has a cursor that is
// still in the branch's history; the whole window again after a force-push.
import { configPathPatterns } from "../detect/index.js";
import {
  datedConfigFiles,
  isAncestorOfHead,
  openGitRepository,
  readCommitBatches,
} from "../sources/git/index.js";
import { getScanCursor, recordScan, recordScanFailure, repoTimeline, type Database, type ObservedCommit, type Tracking, type Visibility } from "../store/index.js";
import { gitRepositoryFacts, gitTargetKey } from "./git-target.js";
import { observeCommit, observeConfigFiles } from "./observe.js";
import { summarizeCommits, summarizeConfigFiles, summarizeTimeline, type ScanSummary } from "./summary.js";

export interface GitScanOptions {
  since: Date;
  cacheDir: string;
  /** Where to record the scan; null prints only (--no-store). */
  database: Database | null;
  tracking?: Tracking;
  /**
   * A plain git repository's visibility is unknown: it is private (never in public output)
   * unless the caller says otherwise.
   */
  visibility?: Visibility;
  /** Called after each batch of commits, for progress bars. */
  onProgress?: (commitsRead: number) => void;
}

export async function scanGitTarget(target: string, options: GitScanOptions): Promise<ScanSummary> {
  const startedAt = new Date();
  const repository = await openGitRepository(target, { cacheDir: options.cacheDir, since: options.since });
  const head = repository.head.state === "commit" ? repository.head.sha : null;
  const facts = gitRepositoryFacts(target, { visibility: options.visibility ?? "private", defaultBranch: repository.head.branch });
  const tracking = options.tracking ?? {};
  const base: Omit<ScanSummary, "outcome" | "mode" | "commits" | "agentCommits" | "agents" | "months" | "configFiles"> = {
    repository: gitTargetKey(target),
    backend: "git",
    since: options.since.toISOString(),
    head,
    pullRequests: [],
    cost: { graphqlPoints: 0, httpRequests: 0 },
    stored: options.database !== null,
  };
  if (head === null) {
    if (options.database) {
      await recordScanFailure(options.database, facts, { status: "empty", message: "the repository has no commits", cost: base.cost, tracking, startedAt, finishedAt: new Date() });
    }
    return { ...base, outcome: "empty", message: "the repository has no commits", mode: "window", commits: 0, agentCommits: 0, agents: [], months: [], configFiles: [] };
  }

  const cursor = options.database ? await getScanCursor(options.database, { url: facts.url ?? "" }) : null;
  // Incremental only when the stored head is still an ancestor: a force-push rewrote history.
  const incremental = cursor?.head != null && cursor.head !== head && (await isAncestorOfHead(repository.dir, cursor.head));
  const unchanged = cursor?.head === head;
  // Dating config files is its own git walk: run it beside the commit log, not after it.
  const datedPromise = datedConfigFiles(repository.dir, configPathPatterns(), { since: options.since });
  const commits: ObservedCommit[] = [];
  try {
    if (!unchanged) {
      const range = { since: options.since, ...(incremental && cursor?.head ? { stopAt: cursor.head } : {}) };
      for await (const batch of readCommitBatches(repository.dir, range)) {
        for (const commit of batch) commits.push(observeCommit(commit));
        options.onProgress?.(commits.length);
      }
    }
  } catch (error) {
    await datedPromise.catch(() => undefined);
    throw error;
  }
  const dated = await datedPromise;
  const configFiles = observeConfigFiles(dated.filter((file) => file.present));
  const mode = incremental || unchanged ? "incremental" : "window";
  if (options.database) {
    await recordScan(options.database, {
      repo: facts,
      tracking,
      window: { since: options.since },
      mode,
      head,
      commits,
      configFiles,
      pullRequests: [],
      cost: base.cost,
      startedAt,
      finishedAt: new Date(),
    });
  }
  const fromScan = summarizeCommits(commits);
  const timeline = options.database ? await repoTimeline(options.database, { url: facts.url ?? "" }) : null;
  const summary = timeline
    ? summarizeTimeline(timeline, options.since)
    : { ...fromScan, commits: fromScan.months.reduce((total, month) => total + month.commits, 0) };
  return {
    ...base,
    outcome: "ok",
    mode,
    commits: summary.commits,
    agentCommits: summary.agentCommits,
    agents: summary.agents,
    months: summary.months,
    configFiles: summarizeConfigFiles(configFiles),
  };
}
