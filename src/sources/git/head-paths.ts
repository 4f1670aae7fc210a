// The config files on the default branch: tree entries only, so it works on a blob-less clone.
import { readHeadState } from "./open-repository.js";
import { compilePathMatcher } from "../path-globs.js";
import { GitCommandError } from "./errors.js";
import { runGit, runGitRaw, streamGitRecordBatches } from "./run-git.js";

/** Paths at HEAD matching the config globs, sorted; empty for an unborn HEAD. */
export async function readHeadPaths(dir: string, patterns: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) return [];
  const matches = compilePathMatcher(patterns);
  const paths: string[] = [];
  // Non-UTF-8 file names decode with U+FFFD: they cannot be a catalog path anyway.
  const listing = streamGitRecordBatches(dir, ["ls-tree", "-r", "-z", "--full-tree", "--name-only", "HEAD"]);
  try {
    for await (const batch of listing) {
      for (const path of batch) if (path !== "" && matches(path)) paths.push(path);
    }
  } catch (error) {
    // Only a failure asks why: an unborn HEAD has no tree.
    if (error instanceof GitCommandError && (await readHeadState(dir)).state === "unborn") return [];
    throw error;
  }
  return paths.sort();
}

/**
 * The text of the repository's own top-level .gitattributes at HEAD, or null when it has none.
 * Its linguist-vendored / linguist-generated paths are not the repository's own config. In a
 * blob-less clone git fetches this one blob on demand.
 */
export async function readHeadGitattributes(dir: string): Promise<string | null> {
  const blob = await runGitRaw(dir, ["rev-parse", "-q", "--verify", "HEAD:.gitattributes"]);
  if (blob.exitCode !== 0) return null;
  return (await runGit(dir, ["cat-file", "blob", blob.stdout.toString("latin1").trim()])).toString("utf8");
}
