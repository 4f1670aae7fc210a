// Turns a scan target into a git directory we can read: a local clone in place (read-only),
// or a URL as a bare, blob-less partial clone in the cache that later scans only top up.
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { cachePathForUrl, isGitUrl } from "./cache-path.js";
import { GitCloneError, NotAGitRepositoryError, UnsafeRepositoryError } from "./errors.js";
import { runGit, runGitRaw } from "./run-git.js";

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
  /** For a clone: what this call transferred. */
  transfer?: "cloned" | "fetched";
  /** For a clone: false when the server ignored the blob filter (the clone holds blobs). */
  partial?: boolean;
}

export interface OpenOptions {
  /** Where URL targets are cloned: `<cacheDir>/<host>/<path>.git`. */
  cacheDir: string;
  /** Start of the window: a clone needs no history before it. */
  since: Date;
}

export async function openGitRepository(target: string, options: OpenOptions): Promise<GitRepository> {
  if (isGitUrl(target)) return openClone(target, options);
  const dir = resolve(target);
  return { dir, origin: "local", ...(await describeLocal(dir)) };
}

/** Checks `dir` is the top of a repository (never a folder inside one) and reads its HEAD. */
async function describeLocal(dir: string): Promise<{ head: HeadState; shallow: boolean }> {
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists) throw new NotAGitRepositoryError(dir);
  // The ceiling stops git from walking up: a plain folder inside some other clone is refused,
  // not silently read as that clone.
  const probe = await runGitRaw(dir, ["rev-parse", "--is-shallow-repository"], {
    env: { GIT_CEILING_DIRECTORIES: dirname(dir) },
  });
  if (probe.exitCode !== 0) {
    if (/dubious ownership/.test(probe.stderr)) throw new UnsafeRepositoryError(dir);
    throw new NotAGitRepositoryError(dir);
  }
  const shallow = probe.stdout.toString("latin1").trim() === "true";
  return { head: await readHeadState(dir), shallow };
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
  let partial = true;
  let transfer: "cloned" | "fetched";
  if (cached) {
    await fetchNew(dir, url, options.since);
    transfer = "fetched";
  } else {
    partial = await cloneInto(dir, url, options.since);
    transfer = "cloned";
  }
  const described = await describeLocal(dir);
  return { dir, origin: "clone", ...described, transfer, partial };
}

const SINCE_KEY = "census.since";

/**
 * Clones into a temporary sibling and renames it into place, so a killed clone never leaves a
 * half-filled cache entry and two workers cloning the same URL do not collide.
 * Returns false when the server ignored the blob filter.
 */
async function cloneInto(dir: string, url: string, since: Date): Promise<boolean> {
  await mkdir(dirname(dir), { recursive: true });
  const temporary = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const stderr = await cloneWithFallbacks(url, temporary, since);
    await runGit(temporary, ["config", SINCE_KEY, since.toISOString()]);
    try {
      await rename(temporary, dir);
    } catch (error) {
      // Another worker finished the same clone first: theirs is as good as ours.
      if (!isExistsError(error)) throw error;
      await fetchNew(dir, url, since);
    }
    return !/filtering not recognized by server/.test(stderr);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/**
 * Tries the cheapest clone first. A window with no commits makes the server refuse
 * `--shallow-since` ("no commits selected"): the HEAD tree is still needed, so take depth 1.
 * A server without shallow support gets a full (still blob-less where it can) clone.
 * A server without filter support only warns, and git clones with blobs.
 */
async function cloneWithFallbacks(url: string, dir: string, since: Date): Promise<string> {
  const base = ["clone", "--bare", "--single-branch", "--no-tags", "--filter=blob:none"];
  const attempts = [[`--shallow-since=${since.toISOString()}`], ["--depth=1"], []];
  let last = "";
  for (const limit of attempts) {
    const result = await runGitRaw(undefined, [...base, ...limit, "--", url, dir]);
    if (result.exitCode === 0) return result.stderr;
    last = result.stderr;
    await rm(dir, { recursive: true, force: true });
    if (!/shallow|deepen|depth/i.test(result.stderr)) break;
  }
  throw new GitCloneError(url, last);
}

/**
 * Tops up the cache with what is new on the remote's default branch. Git negotiates from what
 * the clone already holds, so only new commits and their trees travel. A window that now
 * starts earlier than the clone's deepens it.
 */
async function fetchNew(dir: string, url: string, since: Date): Promise<void> {
  const head = await readHeadState(dir);
  const branch = head.branch ?? "HEAD";
  const target = branch === "HEAD" ? "HEAD" : `refs/heads/${branch}`;
  const stored = await runGitRaw(dir, ["config", "--get", SINCE_KEY]);
  const storedSince = stored.exitCode === 0 ? new Date(stored.stdout.toString("utf8").trim()) : null;
  const deepen = storedSince !== null && since < storedSince ? [`--shallow-since=${since.toISOString()}`] : [];
  const result = await runGitRaw(dir, ["fetch", "--no-tags", "--quiet", ...deepen, "origin", `+HEAD:${target}`]);
  if (result.exitCode !== 0) throw new GitCloneError(url, result.stderr);
  if (deepen.length > 0) await runGit(dir, ["config", SINCE_KEY, since.toISOString()]);
}

function isExistsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOTEMPTY" || code === "EEXIST";
}
