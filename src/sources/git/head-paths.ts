// The config files on the default branch: tree entries only, so it works on a blob-less clone.
import { readHeadState } from "./open-repository.js";
import { compilePathMatcher } from "../path-globs.js";
import { GitCommandError } from "./errors.js";
import { runGitRaw, streamGitRecordBatches } from "./run-git.js";

/** Paths at HEAD matching the config globs, sorted; empty for an unborn HEAD. */
export async function readHeadPaths(dir: string, patterns: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) return [];
  return (await readHeadTree(dir, patterns)).configPaths;
}

export interface HeadTree {
  /** Paths at HEAD matching the config globs, sorted. */
  configPaths: string[];
  /** Whether HEAD has a top-level .gitattributes (readHeadGitattributes is then worth a process). */
  hasGitattributes: boolean;
}

/** One listing of HEAD's tree: the config paths, and whether there is a .gitattributes to read. */
export async function readHeadTree(dir: string, patterns: readonly string[]): Promise<HeadTree> {
  const matches = compilePathMatcher(patterns);
  const configPaths: string[] = [];
  let hasGitattributes = false;
  // Non-UTF-8 file names decode with U+FFFD: they cannot be a catalog path anyway.
  const listing = streamGitRecordBatches(dir, ["ls-tree", "-r", "-z", "--full-tree", "--name-only", "HEAD"]);
  try {
    for await (const batch of listing) {
      for (const path of batch) {
        if (path === "") continue;
        if (path === ".gitattributes") hasGitattributes = true;
        if (patterns.length > 0 && matches(path)) configPaths.push(path);
      }
    }
  } catch (error) {
    // Only a failure asks why: an unborn HEAD has no tree.
    if (error instanceof GitCommandError && (await readHeadState(dir)).state === "unborn") return { configPaths: [], hasGitattributes: false };
    throw error;
  }
  return { configPaths: configPaths.sort(), hasGitattributes };
}

/**
 * The text of the repository's own top-level .gitattributes at HEAD, or null when it has none.
 * Its linguist-vendored / linguist-generated paths are not the repository's own config. In a
 * blob-less clone git fetches this one blob on demand.
 */
export async function readHeadGitattributes(dir: string): Promise<string | null> {
  const blob = await runGitRaw(dir, ["cat-file", "blob", "HEAD:.gitattributes"]);
  if (blob.exitCode === 0) return blob.stdout.toString("utf8");
  // No such file at HEAD, or no HEAD at all (git's messages are in English: LC_ALL=C).
  if (/does not exist in 'HEAD'|invalid object name 'HEAD'/.test(blob.stderr)) return null;
  throw new GitCommandError(["cat-file", "blob", "HEAD:.gitattributes"], blob.exitCode, blob.stderr);
}
