// Scans one git repository (a local clone read in place, or a URL as a blob-less partial clone):
// git → detector → (optionally) the store. Incremental when the store has a cursor that is
// still in the branch's history; the whole window again after a force-push.
import { configPathPatterns } from "../detect/index.js";
import { dateHeadPaths, isAncestorOfHead, openGitRepository, readCommitBatches, readHeadGitattributes, readHeadTree, type DatedConfigFile } from "../sources/git/index.js";
// Types only: `scan --no-store` never loads the store (drizzle, both drivers); it is imported
// when there is a database to write.
import type { Database, ObservedCommit, Tracking, Visibility } from "../store/index.js";
import { gitRepositoryFacts, gitTargetKey } from "./git-target.js";
import { observeCommit, observeConfigFiles } from "./observe.js";
import { summarizeCommits, summarizeConfigFiles, summarizeTimeline, type ScanSummary } from "./summary.js";

export interface GitScanOptions {
  since: Date;
  cacheDir: string;
  /** For URLs: clone blobs too (a server that refuses partial clone). */
  fullClone?: boolean;
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
  const repository = await openGitRepository(target, { cacheDir: options.cacheDir, ...(options.fullClone ? { fullClone: true } : {}) });
  const head = repository.head.state === "commit" ? repository.head.sha : null;
  const store = options.database ? await import("../store/index.js") : null;
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
      await store!.recordScanFailure(options.database, facts, { status: "empty", message: "the repository has no commits", cost: base.cost, tracking, startedAt, finishedAt: new Date() });
    }
    return { ...base, outcome: "empty", message: "the repository has no commits", mode: "window", commits: 0, agentCommits: 0, agents: [], months: [], configFiles: [] };
  }

  const cursor = options.database ? await store!.getScanCursor(options.database, { url: facts.url ?? "" }) : null;
  // Incremental only when the stored head is still an ancestor: a force-push rewrote history.
  const incremental = cursor?.head != null && cursor.head !== head && (await isAncestorOfHead(repository.dir, cursor.head));
  const unchanged = cursor?.head === head;
  // Files an earlier scan dated keep their stored date unless the new commits add them again:
  // an incremental scan reads only what is new.
  const stored = (incremental || unchanged) && options.database ? await storedConfigAdds(options.database, facts.url ?? "") : new Map<string, Date | null>();
  const range = { since: options.since, ...(incremental && cursor?.head ? { stopAt: cursor.head } : {}) };
  const { commits, configFiles: dated, gitattributes } = await readGitWindow(repository.dir, {
    ...range,
    read: !unchanged,
    knownAdds: new Set(stored.keys()),
    shallowCommits: repository.shallowCommits,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const configFiles = observeConfigFiles(
    dated.map((file) => ({ ...file, addedAt: file.addedAt ?? stored.get(file.path) ?? null })),
    { gitattributes },
  );
  const mode = incremental || unchanged ? "incremental" : "window";
  if (options.database) {
    await store!.recordScan(options.database, {
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
  const timeline = options.database ? await store!.repoTimeline(options.database, { url: facts.url ?? "" }) : null;
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

export interface GitWindowOptions {
  since: Date;
  /** The stored cursor: read only the commits not reachable from it. */
  stopAt?: string;
  /** False when HEAD is the stored cursor: no commit is new. */
  read?: boolean;
  /** Config paths whose add an earlier scan dated (see DatedConfigOptions.knownAdds). */
  knownAdds?: ReadonlySet<string>;
  /** The shallow boundary, when the caller knows it (openGitRepository reads it): spares a git process. */
  shallowCommits?: ReadonlySet<string>;
  onProgress?: (commitsRead: number) => void;
}

/**
 * What a scan reads from git, store aside: every commit of the range observed through the
 * detector, the config files at HEAD dated by the commit that brought them onto the branch, and
 * the repository's .gitattributes. The commit log and the config walk are separate git processes
 * that run side by side; the benchmark times exactly this against plain `git log`.
 *
 * Four git processes at most (the log, one listing of HEAD's tree, the config walk, the
 * .gitattributes blob when there is one): starting a process blocks this one for 5–9 ms.
 */
export async function readGitWindow(
  dir: string,
  options: GitWindowOptions,
): Promise<{ commits: ObservedCommit[]; configFiles: DatedConfigFile[]; gitattributes: string | null }> {
  const range = { since: options.since, ...(options.stopAt ? { stopAt: options.stopAt } : {}) };
  const shallow = options.shallowCommits ? { shallow: options.shallowCommits } : {};
  // The log first: the longest process starts before the others block this thread.
  const log = options.read === false ? null : readCommitBatches(dir, { ...range, ...shallow })[Symbol.asyncIterator]();
  const nextBatch = log?.next();
  const tree = readHeadTree(dir, configPathPatterns());
  const configFiles = tree.then(({ configPaths }) =>
    dateHeadPaths(dir, configPaths, { ...(options.stopAt ? { stopAt: options.stopAt } : {}), knownAdds: options.knownAdds ?? new Set<string>(), ...shallow }),
  );
  const gitattributes = tree.then(({ hasGitattributes }) => (hasGitattributes ? readHeadGitattributes(dir) : null));
  const commits: ObservedCommit[] = [];
  try {
    for (let batch = await nextBatch; log && batch && !batch.done; batch = await log.next()) {
      for (const commit of batch.value) commits.push(observeCommit(commit));
      options.onProgress?.(commits.length);
    }
  } catch (error) {
    await Promise.allSettled([log?.return(undefined), configFiles, gitattributes]);
    throw error;
  }
  const [dated, attributes] = await Promise.all([configFiles, gitattributes]);
  return { commits, configFiles: dated, gitattributes: attributes };
}

/** Config files the store holds as present, with the date of their add where known. */
async function storedConfigAdds(database: Database, url: string): Promise<Map<string, Date | null>> {
  const { repoTimeline } = await import("../store/index.js");
  const timeline = await repoTimeline(database, { url });
  const adds = new Map<string, Date | null>();
  for (const file of timeline?.configFiles ?? []) if (file.removedAt === null) adds.set(file.path, file.addedAt);
  return adds;
}
