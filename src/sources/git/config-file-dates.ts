// Dates config files by the commit that added them, and notices the ones removed, from one
// `git log --diff-filter=AD` pass limited to the config pathspecs.
import { readHeadPaths } from "./head-paths.js";
import { readHeadState } from "./open-repository.js";
import { globsToPathspecs } from "../path-globs.js";
import { shallowBoundary } from "./read-commits.js";
import { streamGitRecordBatches } from "./run-git.js";

export interface DatedConfigFile {
  path: string;
  /** On the default branch now. */
  present: boolean;
  /** The commit that added the file (the newest add, if it came and went). Null: before the clone's shallow boundary. */
  addedSha: string | null;
  /** Committer date (ISO with offset) of the adding commit; null as for addedSha. */
  addedAt: string | null;
  /** For a file no longer at HEAD: the commit that removed it. */
  removedSha: string | null;
  removedAt: string | null;
}

export interface DatedConfigOptions {
  /** Removals older than this are not reported (files present at HEAD always are). */
  since?: Date;
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

const HEADER = "\x01";
const UNIT = "\x1f";

export async function datedConfigFiles(
  dir: string,
  patterns: readonly string[],
  options: DatedConfigOptions = {},
): Promise<DatedConfigFile[]> {
  if (patterns.length === 0 || (await readHeadState(dir)).state === "unborn") return [];
  const [atHead, boundary] = await Promise.all([readHeadPaths(dir, patterns), shallowBoundary(dir)]);
  const histories = await readAddDeleteHistory(dir, patterns, boundary);
  const since = options.since?.getTime();
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
  for (const [path, history] of histories) {
    if (present.has(path) || history.removedAt === null) continue;
    if (since !== undefined && Date.parse(history.removedAt) < since) continue;
    const { addedSha, addedAt, removedSha, removedAt } = history;
    files.push({ path, present: false, addedSha, addedAt, removedSha, removedAt });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Walks newest first, so the first add and the first removal seen per path are the latest
 * ones; for a removed file the first add seen is the one its removal undid.
 * An "add" at a shallow boundary commit is git diffing against nothing: the real add is
 * older than the clone, so it stays undated.
 */
async function readAddDeleteHistory(
  dir: string,
  patterns: readonly string[],
  boundary: ReadonlySet<string>,
): Promise<Map<string, PathHistory>> {
  const args = [
    "log",
    "-z",
    "--no-renames", // rename detection would read blobs (and fetch them lazily in a partial clone)
    "--diff-filter=AD",
    "--name-status",
    "--format=%x01%H%x1f%cI",
    "--no-show-signature",
    "HEAD",
    "--",
    ...globsToPathspecs(patterns),
  ];
  const histories = new Map<string, PathHistory>();
  let sha = "";
  let date = "";
  let status = "";
  for await (const batch of streamGitRecordBatches(dir, args)) {
    for (const record of batch) {
      if (record.length === 0) continue;
      if (record.startsWith(HEADER)) {
        const unit = record.indexOf(UNIT);
        sha = record.slice(1, unit);
        date = record.slice(unit + 1);
      } else if (status === "") {
        status = record.trim();
      } else {
        const path = record;
        let history = histories.get(path);
        if (history === undefined) {
          history = { addedSha: null, addedAt: null, removedSha: null, removedAt: null, settled: false };
          histories.set(path, history);
        }
        recordEvent(history, status, sha, date, boundary.has(sha));
        status = "";
      }
    }
  }
  return histories;
}
