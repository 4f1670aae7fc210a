// Dates config files by the commit that added them, and notices the ones removed. The window's
// own `git log` lists what each commit added or deleted (readCommitChangeBatches), so history is
// walked once for commits and config files together. Only a file whose add is older than the
// window (and not already known from an earlier scan) needs a second walk: from the window's
// edge downwards, with literal paths, stopping as soon as every such file is dated.
import { readHeadPaths } from "./head-paths.js";
import { readHeadState } from "./open-repository.js";
import { compilePathMatcher } from "../path-globs.js";
import { readCommitChangeBatches, shallowBoundary, type CommitBatch, type PathChange } from "./read-commits.js";
import { streamGitRecordBatches } from "./run-git.js";

export interface DatedConfigFile {
  path: string;
  /** On the default branch now. */
  present: boolean;
  /**
   * The commit that added the file (the newest add, if it came and went). Null: before the
   * clone's shallow boundary, or before the range when the caller already knows the add.
   */
  addedSha: string | null;
  /** Committer date (ISO with offset) of the adding commit; null as for addedSha. */
  addedAt: string | null;
  /** For a file no longer at HEAD: the commit that removed it. */
  removedSha: string | null;
  removedAt: string | null;
}

export interface DatedConfigOptions {
  /** The window: removals older than this are not reported (files present at HEAD always are). */
  since?: Date;
  /** Read only what is not reachable from this commit (the stored cursor). */
  stopAt?: string;
  /**
   * Paths whose add an earlier scan already dated: when the range does not add them again,
   * history older than the range is not read for them (they come back undated).
   */
  knownAdds?: ReadonlySet<string>;
}

interface PathHistory {
  addedSha: string | null;
  addedAt: string | null;
  removedSha: string | null;
  removedAt: string | null;
  /** The add that explains the path's latest state is known; older events do not matter. */
  settled: boolean;
}

/** Events arrive newest first: the latest removal, then the add it undid (or the latest add). */
function recordEvent(history: PathHistory, status: string, sha: string, date: string, atBoundary: boolean): void {
  if (history.settled) return;
  if (status === "D" && history.removedSha === null) {
    history.removedSha = sha;
    history.removedAt = date;
  } else if (status === "A") {
    // At a shallow boundary git diffs against nothing: the real add predates the clone.
    if (!atBoundary) {
      history.addedSha = sha;
      history.addedAt = date;
    }
    history.settled = true;
  }
}

/**
 * Collects what the window's log reports (feed it every batch of readCommitChangeBatches with
 * `watchPaths: dating.watches`), then `finish` dates the files at HEAD and the removed ones.
 */
export class ConfigFileDating {
  readonly watches: (path: string) => boolean;
  private readonly changes: PathChange[] = [];
  /**
   * Parents of the range's commits not (yet) seen in it: git shows a commit before its parents,
   * so once the range is read this is its edge. Only the frontier is held, never every sha.
   */
  private readonly frontier = new Set<string>();
  /**
   * The last commit's only parent, not yet in the frontier: in a run of linear history it is
   * the next commit shown, and skipping the set for it spares a set write and delete per commit.
   */
  private expected: string | null = null;
  private rangeIsEmpty = true;

  private constructor(
    readonly patterns: readonly string[],
    /** The clone's shallow boundary: pass it on to readCommitChangeBatches. */
    readonly shallow: ReadonlySet<string>,
  ) {
    this.watches = compilePathMatcher(patterns);
  }

  /** `shallow: false`: the caller knows history is complete (openGitRepository), so there is no boundary to read. */
  static async forRepository(dir: string, patterns: readonly string[], options: { shallow?: boolean | undefined } = {}): Promise<ConfigFileDating> {
    return new ConfigFileDating(patterns, options.shallow === false ? new Set() : await shallowBoundary(dir));
  }

  observe(batch: CommitBatch): void {
    for (const change of batch.changes) this.changes.push(change);
    for (const commit of batch.commits) {
      this.rangeIsEmpty = false;
      if (commit.sha !== this.expected) {
        this.flushExpected();
        this.frontier.delete(commit.sha);
      }
      this.expected = null;
      // A shallow boundary commit names parents the clone does not hold.
      if (this.shallow.size > 0 && this.shallow.has(commit.sha)) continue;
      if (commit.parents.length === 1) this.expected = commit.parents[0]!;
      else for (const parent of commit.parents) this.frontier.add(flat(parent));
    }
  }

  private flushExpected(): void {
    if (this.expected !== null) this.frontier.add(flat(this.expected));
    this.expected = null;
  }

  async finish(dir: string, atHead: readonly string[], options: DatedConfigOptions = {}): Promise<DatedConfigFile[]> {
    this.flushExpected();
    const shallow = this.shallow;
    const histories = new Map<string, PathHistory>();
    for (const change of this.changes) {
      recordEvent(historyOf(histories, change.path), change.status, change.sha, change.date, shallow.has(change.sha));
    }
    const present = new Set(atHead);
    // Undated: present but not added in the range, or removed in it with its add older.
    const undated = [...present]
      .filter((path) => !histories.get(path)?.settled)
      .concat([...histories].filter(([path, h]) => !present.has(path) && !h.settled && h.removedSha !== null).map(([path]) => path))
      .filter((path) => !options.knownAdds?.has(path))
      // A file name that is not UTF-8 decoded with U+FFFD: no literal pathspec can name it.
      .filter((path) => !path.includes("\uFFFD"));
    // Where history older than the range starts (with clock skew a parent may show before its
    // child and start the walk inside the range: that only reads a little more).
    const edge = this.rangeIsEmpty ? ["HEAD"] : [...this.frontier];
    if (undated.length > 0 && edge.length > 0) await datePreRangeAdds(dir, edge, undated, histories, shallow);
    return datedFiles(atHead, histories, options.since);
  }
}

/**
 * A copy of a sha that does not keep alive the block of git output it was cut from: a parent
 * can wait in the frontier until the end of the read.
 */
function flat(sha: string): string {
  return ` ${sha}`.slice(1);
}

function historyOf(histories: Map<string, PathHistory>, path: string): PathHistory {
  let history = histories.get(path);
  if (history === undefined) {
    history = { addedSha: null, addedAt: null, removedSha: null, removedAt: null, settled: false };
    histories.set(path, history);
  }
  return history;
}

function datedFiles(atHead: readonly string[], histories: ReadonlyMap<string, PathHistory>, since: Date | undefined): DatedConfigFile[] {
  const files: DatedConfigFile[] = [];
  for (const path of atHead) {
    const history = histories.get(path);
    files.push({
      path,
      present: true,
      addedSha: history?.addedSha ?? null,
      addedAt: history?.addedAt ?? null,
      removedSha: null,
      removedAt: null,
    });
  }
  const present = new Set(atHead);
  const from = since?.getTime();
  for (const [path, history] of histories) {
    if (present.has(path) || history.removedAt === null) continue;
    if (from !== undefined && Date.parse(history.removedAt) < from) continue;
    const { addedSha, addedAt, removedSha, removedAt } = history;
    files.push({ path, present: false, addedSha, addedAt, removedSha, removedAt });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const HEADER = "\x01";
const UNIT = "\x1f";

/**
 * The newest add of each path in history older than the range, walking down from the range's
 * edge. Literal pathspecs let git skip every tree the paths are not in; the walk stops as soon
 * as every path is dated (a file added long ago costs a walk back to its add, once: later
 * scans know it).
 */
async function datePreRangeAdds(
  dir: string,
  edge: readonly string[],
  paths: readonly string[],
  histories: Map<string, PathHistory>,
  shallow: ReadonlySet<string>,
): Promise<void> {
  const args = [
    "log",
    "-z",
    "--root",
    "--no-renames",
    "--no-diff-merges",
    "--diff-filter=A",
    "--name-status",
    "--format=%x01%H%x1f%cI",
    "--no-show-signature",
    "--stdin",
    "--",
    ...paths.map((path) => `:(literal)${path}`),
  ];
  const pending = new Set(paths);
  let sha = "";
  let date = "";
  let status = "";
  for await (const batch of streamGitRecordBatches(dir, args, { input: `${edge.join("\n")}\n` })) {
    for (const record of batch) {
      if (record.length === 0) continue;
      if (record.startsWith(HEADER)) {
        const unit = record.indexOf(UNIT);
        sha = record.slice(1, unit);
        date = record.slice(unit + 1);
      } else if (status === "") {
        status = record.trim();
      } else {
        if (pending.delete(record)) recordEvent(historyOf(histories, record), status, sha, date, shallow.has(sha));
        status = "";
      }
    }
    // Leaving the loop stops git: nothing older can change a settled path.
    if (pending.size === 0) return;
  }
}

/** The config files at HEAD, dated, and those removed in the window; one walk of the range. */
export async function datedConfigFiles(
  dir: string,
  patterns: readonly string[],
  options: DatedConfigOptions = {},
): Promise<DatedConfigFile[]> {
  if (patterns.length === 0 || (await readHeadState(dir)).state === "unborn") return [];
  const dating = await ConfigFileDating.forRepository(dir, patterns);
  const atHead = readHeadPaths(dir, patterns);
  const range = {
    since: options.since ?? new Date(0),
    watchPaths: dating.watches,
    shallow: dating.shallow,
    ...(options.stopAt ? { stopAt: options.stopAt } : {}),
  };
  try {
    for await (const batch of readCommitChangeBatches(dir, range)) dating.observe(batch);
  } catch (error) {
    await atHead.catch(() => undefined);
    throw error;
  }
  return dating.finish(dir, await atHead, options);
}
