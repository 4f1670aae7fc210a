// Turns a scan target into a git directory we can read: a local clone in place (read-only),
// or a URL as a bare, blob-less partial clone in the cache that later scans only top up.
//
// The clone holds the branch's whole commit graph, never a shallow cut at the window's start: a
// shallow clone stops each line of history at its first commit older than the cut, which hides
// in-window commits merged from branches behind it (htop's October 2025: 1 commit through a
// shallow clone, 33 in a full one). Commits and trees are small; blobs stay on the server.
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { cachePathForUrl, isGitUrl } from "./cache-path.js";
import { GitCloneError, NotAGitRepositoryError, UnsafeRepositoryError } from "./errors.js";
import { runGitRaw } from "./run-git.js";

export type HeadState =
  /** HEAD names a commit. `branch` is null when HEAD is detached. */
  | { state: "commit"; sha: string; branch: string | null }
  /** No commit yet (an empty repository, or HEAD on a branch that does not exist). */
  | { state: "unborn"; branch: string | null };

export interface GitRepository {
  /** The directory to pass to readCommits and friends (a work tree or a bare git dir). */
  dir: string;
  origin: "local" | "clone";
  head: HeadState;
  /** Whether history is cut at a shallow boundary (commits before it are unknown). */
  shallow: boolean;
  /** The commits at the shallow boundary (empty for a whole history). */
  shallowCommits: ReadonlySet<string>;
  /** For a clone: what this call transferred. */
  transfer?: "cloned" | "fetched";
  /** For a clone: false when the server ignored the blob filter (the clone holds blobs). */
  partial?: boolean;
}

export interface OpenOptions {
  /** Where URL targets are cloned: `<cacheDir>/<host>/<path>.git`. */
  cacheDir: string;
  /** Clone blobs too, for a server that refuses partial clone (`scan --full-clone`). */
  fullClone?: boolean;
}

export async function openGitRepository(target: string, options: OpenOptions): Promise<GitRepository> {
  if (isGitUrl(target)) return openClone(target, options);
  const dir = resolve(target);
  return { dir, origin: "local", ...(await describeLocal(dir)) };
}

/**
 * Checks `dir` is the top of a repository (never a folder inside one) and reads its HEAD and
 * shallow boundary. Two git processes, started together: each start costs this process 5–9 ms
 * of blocked main thread on the machines we measured, so a scan asks git as little as it can.
 */
async function describeLocal(dir: string): Promise<{ head: HeadState; shallow: boolean; shallowCommits: ReadonlySet<string> }> {
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists) throw new NotAGitRepositoryError(dir);
  // The ceiling stops git from walking up: a plain folder inside some other clone is refused,
  // not silently read as that clone.
  const env = { GIT_CEILING_DIRECTORIES: dirname(dir) };
  const [probe, symbolic] = await Promise.all([
    // Prints "true"/"false", the git dir, then HEAD's commit; exits 1 (after the first two) when
    // HEAD is unborn, 128 when this is no repository.
    runGitRaw(dir, ["rev-parse", "--is-shallow-repository", "--absolute-git-dir", "-q", "--verify", "HEAD^{commit}"], { env }),
    runGitRaw(dir, ["symbolic-ref", "-q", "HEAD"], { env }),
  ]);
  const [shallowLine, gitDir, sha] = probe.stdout.toString("utf8").split("\n");
  if ((probe.exitCode !== 0 && probe.exitCode !== 1) || gitDir === undefined || gitDir === "") {
    if (/dubious ownership/.test(probe.stderr)) throw new UnsafeRepositoryError(dir);
    throw new NotAGitRepositoryError(dir);
  }
  const branch = symbolic.exitCode === 0 ? symbolic.stdout.toString("utf8").trim().replace(/^refs\/heads\//, "") : null;
  const head: HeadState = probe.exitCode === 0 && sha ? { state: "commit", sha, branch } : { state: "unborn", branch };
  const shallow = shallowLine === "true";
  return { head, shallow, shallowCommits: shallow ? await readShallowFile(gitDir) : new Set() };
}

/** The commits listed in a shallow clone's `shallow` file. */
export async function readShallowFile(gitDir: string): Promise<Set<string>> {
  const text = await readFile(join(gitDir, "shallow"), "latin1").catch(() => "");
  return new Set(text.split("\n").filter((line) => line.length > 0));
}

export async function readHeadState(dir: string): Promise<HeadState> {
  const [symbolic, commit] = await Promise.all([
    runGitRaw(dir, ["symbolic-ref", "-q", "HEAD"]),
    runGitRaw(dir, ["rev-parse", "-q", "--verify", "HEAD^{commit}"]),
  ]);
  const branch = symbolic.exitCode === 0 ? symbolic.stdout.toString("utf8").trim().replace(/^refs\/heads\//, "") : null;
  if (commit.exitCode !== 0) return { state: "unborn", branch };
  return { state: "commit", sha: commit.stdout.toString("latin1").trim(), branch };
}

async function openClone(url: string, options: OpenOptions): Promise<GitRepository> {
  const dir = cachePathForUrl(options.cacheDir, url);
  const cached = await stat(dir).then((s) => s.isDirectory(), () => false);
  let partial = options.fullClone !== true;
  let transfer: "cloned" | "fetched";
  if (cached) {
    await fetchNew(dir, url);
    transfer = "fetched";
  } else {
    partial = await cloneInto(dir, url, options.fullClone === true);
    transfer = "cloned";
  }
  const described = await describeLocal(dir);
  return { dir, origin: "clone", ...described, transfer, partial };
}

/**
 * Clones into a temporary sibling and renames it into place, so a killed clone never leaves a
 * half-filled cache entry and two workers cloning the same URL do not collide.
 * Returns false when the clone holds blobs (asked to, or the server ignored the blob filter).
 */
async function cloneInto(dir: string, url: string, fullClone: boolean): Promise<boolean> {
  await mkdir(dirname(dir), { recursive: true });
  const temporary = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const filter = fullClone ? [] : ["--filter=blob:none"];
    const result = await runGitRaw(undefined, ["clone", "--bare", "--single-branch", "--no-tags", ...filter, "--", url, temporary]);
    if (result.exitCode !== 0) throw new GitCloneError(url, result.stderr, { fullClone });
    try {
      await rename(temporary, dir);
    } catch (error) {
      // Another worker finished the same clone first: theirs is as good as ours.
      if (!isExistsError(error)) throw error;
      await fetchNew(dir, url);
    }
    return !fullClone && !/filtering not recognized by server/.test(result.stderr);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/**
 * Tops up the cache with what is new on the remote's default branch. Git negotiates from what
 * the clone already holds, so only new commits and their trees travel. A cache an older version
 * cloned shallow is deepened to the whole graph once.
 */
async function fetchNew(dir: string, url: string): Promise<void> {
  const [head, shallow] = await Promise.all([readHeadState(dir), runGitRaw(dir, ["rev-parse", "--is-shallow-repository"])]);
  const branch = head.branch ?? "HEAD";
  const target = branch === "HEAD" ? "HEAD" : `refs/heads/${branch}`;
  const unshallow = shallow.stdout.toString("latin1").trim() === "true" ? ["--unshallow"] : [];
  const result = await runGitRaw(dir, ["fetch", "--no-tags", "--quiet", ...unshallow, "origin", `+HEAD:${target}`]);
  if (result.exitCode !== 0) throw new GitCloneError(url, result.stderr, { fetching: true });
}

function isExistsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOTEMPTY" || code === "EEXIST";
}
