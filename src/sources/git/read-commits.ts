// Streams a repository's commits in the window as the detector's CommitInput, from one
// `git log` process, parsed at the Buffer level (no per-line regex). The same process can also
// list the files each commit added or deleted, so config files are dated without a second walk.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CommitInput } from "../../detect/types.js";
import { CursorNotFoundError, GitCommandError } from "./errors.js";
import { readHeadState } from "./open-repository.js";
import { runGit, runGitRaw, streamGitRecordText } from "./run-git.js";

export interface ReadCommitsOptions {
  /** Only commits whose committer date is on or after this instant. */
  since: Date;
  /** The cursor: only commits not reachable from this sha (a re-scan reads only what is new). */
  stopAt?: string;
  /** What to read from; the default branch's HEAD by default. */
  ref?: string;
  /** readCommitChangeBatches: which added or deleted paths to report (none without it). */
  watchPaths?: (path: string) => boolean;
  /** The shallow boundary (shallowBoundary), when the caller has already read it. */
  shallow?: ReadonlySet<string>;
}

/** A file a commit added or deleted, against its first parent (merges list none). */
export interface PathChange {
  status: "A" | "D";
  path: string;
  sha: string;
  /** The commit's committer date, ISO with offset. */
  date: string;
}

export interface CommitBatch {
  commits: CommitInput[];
  /** Newest first, as the commits: only the paths `watchPaths` selected. */
  changes: PathChange[];
}

const UNIT = "\x1f";
// sha, parents, author name/email/date, committer name/email/date, then the raw message last
// (it is the only field that may contain the separator).
const FORMAT = "%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B";

/** The `git log` arguments for the window; the benchmark runs the same ones as its baseline. */
export function commitLogArgs(options: ReadCommitsOptions): string[] {
  const ref = options.ref ?? "HEAD";
  const range = options.stopAt === undefined ? [ref] : [`^${options.stopAt}`, ref];
  return [
    // Commits with a legacy encoding header are re-encoded; bytes that are still not UTF-8
    // become U+FFFD when decoded below.
    "-c",
    "i18n.logOutputEncoding=UTF-8",
    "log",
    "-z",
    `--format=${FORMAT}`,
    // --since alone stops walking a line of history at its first older commit, which drops
    // newer commits behind a skewed clock (rebases, imported history). As a filter, every
    // reachable commit is checked.
    `--since-as-filter=${options.since.toISOString()}`,
    // Identities as recorded, not as a .mailmap rewrites them.
    "--no-use-mailmap",
    "--no-show-signature",
    ...range,
    "--",
  ];
}

/**
 * All commits reachable from `ref` (not from `stopAt`) with committer date ≥ since, newest
 * first in git's default order. An unborn HEAD (empty repository) yields nothing.
 */
export async function* readCommits(dir: string, options: ReadCommitsOptions): AsyncGenerator<CommitInput> {
  for await (const batch of readCommitBatches(dir, options)) yield* batch;
}

/**
 * The same commits in batches (one per pipe read, typically tens to hundreds): for scans of
 * large histories, where an await per commit costs more than parsing it.
 */
export async function* readCommitBatches(dir: string, options: ReadCommitsOptions): AsyncGenerator<CommitInput[]> {
  for await (const batch of readCommitChangeBatches(dir, { ...options, watchPaths: undefined })) yield batch.commits;
}

// Added to the window's log to list changed paths. `--root`, `--no-diff-merges` and
// `--no-renames` pin what user config could change (log.showRoot, log.diffMerges, diff.renames);
// rename detection would also read blobs. With -z, git prints after a commit's record one
// "\n" and then a NUL-terminated status and path per changed file.
const CHANGE_ARGS = ["--root", "--no-renames", "--no-diff-merges", "--name-status"];

/** commitLogArgs with the added and deleted paths of each commit listed after it. */
export function commitChangeLogArgs(options: ReadCommitsOptions): string[] {
  const args = commitLogArgs(options);
  args.splice(args.lastIndexOf("--"), 0, ...CHANGE_ARGS);
  return args;
}

/**
 * The commits of the window in batches and, from the same `git log` process, the watched files
 * each one added or deleted. Listing a commit's changed paths costs git a tree diff (trees
 * only: no blob is read, so a blob-less clone fetches nothing); walking history a second time
 * would cost it every commit again, which is most of what `git log` does.
 */
export async function* readCommitChangeBatches(dir: string, options: ReadCommitsOptions): AsyncGenerator<CommitBatch> {
  if (options.stopAt !== undefined) await assertCommitExists(dir, options.stopAt);
  const boundary = options.shallow ?? (await shallowBoundary(dir));
  const watch = options.watchPaths;
  const args = watch === undefined ? commitLogArgs(options) : commitChangeLogArgs(options);
  let current: CommitInput | null = null;
  // The status record just read; the next record is its path.
  let status = "";
  try {
    // Each block is walked in place: a record is never a string of its own, only the fields
    // the detector and the store read are.
    for await (const text of streamGitRecordText(dir, args, { blockBuffered: true })) {
      const commits: CommitInput[] = [];
      const changes: PathChange[] = [];
      for (let start = 0, end = text.indexOf("\0"); end !== -1; start = end + 1, end = text.indexOf("\0", start)) {
        if (status !== "") {
          if (status === "A" || status === "D") {
            const path = text.slice(start, end);
            if (watch!(path)) changes.push({ status, path, sha: current!.sha, date: current!.committer.date });
          }
          status = "";
          continue;
        }
        if (end === start) continue;
        // A status is one letter (the first of a commit's list after a newline); a commit
        // record starts with a full sha.
        if (watch !== undefined && end - start <= 2) {
          status = text.charAt(end - 1);
          continue;
        }
        const commit = parseCommitAt(text, start, end);
        // git shows a shallow boundary commit without parents; the commit itself still names
        // them, and a merge must stay a merge for the "non-merge commit" count.
        if (boundary.size > 0 && boundary.has(commit.sha)) commit.parents = await recordedParents(dir, commit.sha);
        commits.push(commit);
        current = commit;
      }
      if (commits.length > 0 || changes.length > 0) yield { commits, changes };
    }
  } catch (error) {
    // Asked only when git fails: each process started is a fork of this (possibly large) process.
    if (error instanceof GitCommandError && (options.ref ?? "HEAD") === "HEAD" && (await readHeadState(dir)).state === "unborn") return;
    throw error;
  }
}

/** Parses one `-z` record of FORMAT; returns null for an empty record. */
export function parseCommitRecord(record: string): CommitInput | null {
  return record.length === 0 ? null : parseCommitAt(record, 0, record.length);
}

/** The commit whose FORMAT record is text[start, end): fields are slices of text, read once. */
function parseCommitAt(text: string, start: number, end: number): CommitInput {
  const sha = unitAfter(text, start - 1, end);
  const parents = unitAfter(text, sha, end);
  const authorName = unitAfter(text, parents, end);
  const authorEmail = unitAfter(text, authorName, end);
  const authorDate = unitAfter(text, authorEmail, end);
  const committerName = unitAfter(text, authorDate, end);
  const committerEmail = unitAfter(text, committerName, end);
  const committerDate = unitAfter(text, committerEmail, end);
  // git ends a message with one newline; the API (and our fixtures) do not.
  const messageEnd = end > committerDate + 1 && text.charCodeAt(end - 1) === 10 ? end - 1 : end;
  const parentList = text.slice(sha + 1, parents);
  return {
    sha: text.slice(start, sha),
    parents: parentList === "" ? [] : parentList.includes(" ") ? parentList.split(" ") : [parentList],
    author: { name: text.slice(parents + 1, authorName), email: text.slice(authorName + 1, authorEmail), date: text.slice(authorEmail + 1, authorDate) },
    committer: {
      name: text.slice(authorDate + 1, committerName),
      email: text.slice(committerName + 1, committerEmail),
      date: text.slice(committerEmail + 1, committerDate),
    },
    message: text.slice(committerDate + 1, messageEnd),
  };
}

/** Where the field after the separator at `previous` ends (the next separator). */
function unitAfter(text: string, previous: number, end: number): number {
  const at = text.indexOf(UNIT, previous + 1);
  if (at === -1 || at >= end) throw new Error(`unexpected git log record: ${text.slice(previous + 1, Math.min(end, previous + 81))}`);
  return at;
}

async function assertCommitExists(dir: string, sha: string): Promise<void> {
  const result = await runGitRaw(dir, ["cat-file", "-e", `${sha}^{commit}`]);
  if (result.exitCode !== 0) throw new CursorNotFoundError(sha);
}

/** The commits at a shallow clone's boundary (empty for a full repository). */
export async function shallowBoundary(dir: string): Promise<Set<string>> {
  const gitDir = (await runGit(dir, ["rev-parse", "--absolute-git-dir"])).toString("utf8").trim();
  const text = await readFile(join(gitDir, "shallow"), "latin1").catch(() => "");
  return new Set(text.split("\n").filter((line) => line.length > 0));
}

async function recordedParents(dir: string, sha: string): Promise<string[]> {
  const raw = (await runGit(dir, ["cat-file", "commit", sha])).toString("latin1");
  const headerEnd = raw.indexOf("\n\n");
  const header = headerEnd === -1 ? raw : raw.slice(0, headerEnd);
  return header
    .split("\n")
    .filter((line) => line.startsWith("parent "))
    .map((line) => line.slice("parent ".length));
}
