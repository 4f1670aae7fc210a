// Streams a repository's commits in the window as the detector's CommitInput, from one
// `git log` process. It lists no files: config files are dated by their own walk, restricted to
// the catalog's paths (config-file-dates.ts), so the window's log costs what `git log` costs.
import type { CommitInput } from "../../detect/types.js";
import { CursorNotFoundError, GitCommandError } from "./errors.js";
import { readHeadState, readShallowFile } from "./open-repository.js";
import { runGit, runGitRaw, streamGitRecordText } from "./run-git.js";

export interface ReadCommitsOptions {
  /** Only commits whose committer date is on or after this instant. */
  since: Date;
  /** The cursor: only commits not reachable from this sha (a re-scan reads only what is new). */
  stopAt?: string;
  /** What to read from; the default branch's HEAD by default. */
  ref?: string;
  /** The shallow boundary (shallowBoundary), when the caller has already read it. */
  shallow?: ReadonlySet<string>;
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
  if (options.stopAt !== undefined) await assertCommitExists(dir, options.stopAt);
  const boundary = options.shallow ?? (await shallowBoundary(dir));
  try {
    // Each block is walked in place: a record is never a string of its own, only the fields
    // the detector and the store read are.
    for await (const text of streamGitRecordText(dir, commitLogArgs(options), { blockBuffered: true })) {
      const commits: CommitInput[] = [];
      for (let start = 0, end = text.indexOf("\0"); end !== -1; start = end + 1, end = text.indexOf("\0", start)) {
        if (end === start) continue;
        const commit = parseCommitAt(text, start, end);
        // git shows a shallow boundary commit without parents; the commit itself still names
        // them, and a merge must stay a merge for the "non-merge commit" count.
        if (boundary.size > 0 && boundary.has(commit.sha)) commit.parents = await recordedParents(dir, commit.sha);
        commits.push(commit);
      }
      if (commits.length > 0) yield commits;
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
  return readShallowFile(gitDir);
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
