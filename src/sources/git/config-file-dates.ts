// Dates config files by the commit that brought them onto the default branch, and notices the
// ones removed. "Present on the default branch by the end of M" is about the branch, not about
// where a file was written: a file added on a side branch on 31 July and merged on 1 August
// arrives in August. So the walk follows first parents only, and diffs each commit (a merge too)
// against its first parent: the merge is the commit that added the file to the branch.
//
// The walk is its own `git log`, restricted to the files at HEAD that the catalog names, as
// literal paths: git then diffs only the trees those paths lie in, and stops following a file
// once it is dated. (The catalog's own globs as pathspecs cost git 45× more: "**/AGENTS.md" must
// be matched against every changed entry of every tree; 7.5 s against 0.16 s on a 33,000-commit
// history that merges pull requests.) The window's commit log (read-commits.ts) lists no files.
import { readHeadPaths } from "./head-paths.js";
import { shallowBoundary } from "./read-commits.js";
import { streamGitRecordBatches } from "./run-git.js";

/** A config file on the default branch at HEAD. */
export interface DatedConfigFile {
  path: string;
  /**
   * The first-parent commit that added the file (the newest add, if it came and went). Null:
   * before the clone's shallow boundary, or before the range when the caller already knows the add.
   */
  addedSha: string | null;
  /** Committer date (ISO with offset) of the adding commit; null as for addedSha. */
  addedAt: string | null;
}

export interface DatedConfigOptions {
  /** Read only what is not reachable from this commit (the stored cursor). */
  stopAt?: string;
  /**
   * Paths whose add an earlier scan already dated: when the range does not add them again,
   * history older than the range is not read for them (they come back undated).
   */
  knownAdds?: ReadonlySet<string>;
  /** The shallow boundary, when the caller has read it (spares a git process). */
  shallow?: ReadonlySet<string>;
}

/** The newest add of each path (null sha and date: at a shallow boundary, the add predates the clone). */
type Adds = Map<string, { addedSha: string | null; addedAt: string | null }>;

/** The config files at HEAD, dated by the first-parent commit that added them. */
export async function datedConfigFiles(dir: string, patterns: readonly string[], options: DatedConfigOptions = {}): Promise<DatedConfigFile[]> {
  return dateHeadPaths(dir, await readHeadPaths(dir, patterns), options);
}

/** Dates paths known to be at HEAD (readHeadTree's config paths) by the commit that added them. */
export async function dateHeadPaths(dir: string, atHead: readonly string[], options: DatedConfigOptions = {}): Promise<DatedConfigFile[]> {
  if (atHead.length === 0) return [];
  const shallow = options.shallow ?? (await shallowBoundary(dir));
  // A file name that is not UTF-8 decoded with U+FFFD: no literal pathspec can name it.
  const nameable = atHead.filter((path) => !path.includes("\uFFFD"));
  const adds: Adds = new Map();
  // The range first: what is new since the cursor, or the whole first-parent line.
  await walkFirstParents(dir, options.stopAt === undefined ? ["HEAD"] : ["HEAD", `^${options.stopAt}`], nameable, adds, shallow);
  if (options.stopAt !== undefined) {
    // Below the cursor, only for files whose add neither the range nor the store knows.
    const unknown = nameable.filter((path) => !adds.has(path) && !options.knownAdds?.has(path));
    if (unknown.length > 0) await walkFirstParents(dir, [options.stopAt], unknown, adds, shallow);
  }
  return atHead.map((path) => ({ path, addedSha: adds.get(path)?.addedSha ?? null, addedAt: adds.get(path)?.addedAt ?? null }));
}

const HEADER = "\x01";
const UNIT = "\x1f";

/**
 * The newest add of each path along the first-parent line from `revisions`, newest first.
 * Leaving the loop once every path is dated stops git: nothing older can change an answer.
 */
async function walkFirstParents(dir: string, revisions: readonly string[], paths: readonly string[], adds: Adds, shallow: ReadonlySet<string>): Promise<void> {
  if (paths.length === 0) return;
  const pending = new Set(paths.filter((path) => !adds.has(path)));
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
    "--diff-filter=A",
    "--name-status",
    "--format=%x01%H%x1f%cI",
    "--no-show-signature",
    "--stdin",
    "--",
    ...paths.map((path) => `:(literal)${path}`),
  ];
  let sha = "";
  let date = "";
  let status = "";
  for await (const batch of streamGitRecordBatches(dir, args, { input: `${revisions.join("\n")}\n` })) {
    for (const record of batch) {
      if (record.length === 0) continue;
      if (record.startsWith(HEADER)) {
        const unit = record.indexOf(UNIT);
        sha = record.slice(1, unit);
        date = record.slice(unit + 1).trimEnd();
      } else if (status === "") {
        status = record.trim();
      } else {
        // At a shallow boundary git diffs against nothing: the real add predates the clone.
        if (pending.delete(record)) adds.set(record, shallow.has(sha) ? { addedSha: null, addedAt: null } : { addedSha: sha, addedAt: date });
        status = "";
      }
    }
    if (pending.size === 0) return;
  }
}
