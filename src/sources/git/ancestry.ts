// Whether a stored cursor is still in the default branch's history: after a force-push it is
// not, and the scan must read the whole window again instead of only what is new.
import { runGitRaw } from "./run-git.js";

export async function isAncestorOfHead(dir: string, sha: string): Promise<boolean> {
  const result = await runGitRaw(dir, ["merge-base", "--is-ancestor", sha, "HEAD"]);
  return result.exitCode === 0;
}
