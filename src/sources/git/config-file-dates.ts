// Dates config files by the commit that brought them onto the default branch, and notices the
// ones removed. "Present on the default branch by the end of M" is about the branch, not about
// where a file was written: a file added on a side branch on 31 July and merged on 1 August
// arrives in August. So the walk follows first parents only, and diffs each commit (a merge too)
// against its first parent: the merge is the commit that added the file to the branch.
//
// The walk is its own `git log`, restricted to the catalog's paths: git diffs only the trees
// those paths lie in, and the window's commit log (read-commits.ts) lists no files at all.
import { readHeadPaths } from "./head-paths.js";
import { readHeadState } from "./open-repository.js";
import { globsToPathspecs } from "../path-globs.js";
import { shallowBoundary } from "./read-commits.js";
import { streamGitRecordBatches } from "./run-git.js";

export interface DatedConfigFile {
  path: string;
  /** On the default branch now. */
  present: boolean;
  /**
   * The first-parent commit that added the file (the newest add, if it came and went). Null:
   * before the clone's shallow boundary, or before the range when the caller already knows the add.
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

/** The config files at HEAD, dated, and those removed in the window. */
export async function datedConfigFiles(dir: string, patterns: readonly string[], options: DatedConfigOptions = {}): Promise<DatedConfigFile[]> {
  if (patterns.length === 0 || (await readHeadState(dir)).state === "unborn") return [];
  const [atHead, shallow] = await Promise.all([readHeadPaths(dir, patterns), shallowBoundary(dir)]);
  const histories = new Map<string, PathHistory>();
  const since = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  // The range first: what is new since the cursor, or the whole first-parent line.
  const range = options.stopAt === undefined ? ["HEAD"] : ["HEAD", `^${options.stopAt}`];
  await walkFirstParents(dir, range, globsToPathspecs(patterns), histories, shallow, (oldest) => {
    // Done once every file at HEAD is dated and the walk is older than the window (removals
    // before the window are not reported, so nothing older can change the answer).
    return oldest < since && atHead.every((path) => histories.get(path)?.settled);
  });
  if (options.stopAt !== undefined) {
    // Below the cursor, only for files at HEAD whose add neither the range nor the store knows.
    const unknown = atHead.filter((path) => !histories.get(path)?.settled && !options.knownAdds?.has(path) && !path.includes("\uFFFD"));
    if (unknown.length > 0) {
      await walkFirstParents(dir, [options.stopAt], unknown.map((path) => `:(literal)${path}`), histories, shallow, () =>
        unknown.every((path) => histories.get(path)?.settled),
      );
    }
  }
  return datedFiles(atHead, histories, options.since);
}

const HEADER = "\x01";
const UNIT = "\x1f";

/**
 * Adds and removals of the pathspecs along the first-parent line from `revisions`, newest first,
 * until `done(committer time of the last commit read)` says so. Leaving the loop stops git.
 */
async function walkFirstParents(
  dir: string,
  revisions: readonly string[],
  pathspecs: readonly string[],
  histories: Map<string, PathHistory>,
  shallow: ReadonlySet<string>,
  done: (oldestTime: number) => boolean,
): Promise<void> {
  const args = [
    "log",
    "-z",
    "--first-parent",
    // A merge is diffed against its first parent, so it shows what it brought onto the branch.
    // `--root` and `--no-renames` pin what user config could change (log.showRoot, diff.renames);
    // rename detection would also read blobs.
    "--diff-merges=first-parent",
    "--root",
    "--no-renames",
    "--diff-filter=AD",
    "--name-status",
    "--format=%x01%H%x1f%cI",
    "--no-show-signature",
    "--stdin",
    "--",
    ...pathspecs,
  ];
  let sha = "";
  let date = "";
  let time = Number.POSITIVE_INFINITY;
  let status = "";
  for await (const batch of streamGitRecordBatches(dir, args, { input: `${revisions.join("\n")}\n` })) {
    for (const record of batch) {
      if (record.length === 0) continue;
      if (record.startsWith(HEADER)) {
        const unit = record.indexOf(UNIT);
        sha = record.slice(1, unit);
        date = record.slice(unit + 1).trimEnd();
        time = Date.parse(date);
      } else if (status === "") {
        status = record.trim();
      } else {
        recordEvent(historyOf(histories, record), status, sha, date, shallow.has(sha));
        status = "";
      }
    }
    if (done(time)) return;
  }
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
    files.push({ path, present: true, addedSha: history?.addedSha ?? null, addedAt: history?.addedAt ?? null, removedSha: null, removedAt: null });
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
