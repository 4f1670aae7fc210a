// Temporary repositories for the git backend's tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function tempDir(prefix = "census git "): string {
  // A space in every path: the backend must never split or quote paths through a shell.
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync("git", ["-C", dir, ...args], {
    encoding: "utf8",
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function initRepo(dir: string, branch = "main"): string {
  execFileSync("git", ["init", "-q", "-b", branch, dir]);
  git(dir, ["config", "user.name", "Test"]);
  git(dir, ["config", "user.email", "test@example.com"]);
  return dir;
}

/** A commit with fixed dates; `files` are written (content) or removed (null) first. */
export function commitAt(
  dir: string,
  committerDate: string,
  message: string,
  files: Record<string, string | null> = {},
): string {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) git(dir, ["rm", "-q", "--", path]);
    else {
      execFileSync("sh", ["-c", 'mkdir -p "$(dirname "$1")" && printf %s "$2" > "$1"', "sh", join(dir, path), content]);
      git(dir, ["add", "--", path]);
    }
  }
  git(dir, ["commit", "-q", "--allow-empty", "-m", message], {
    GIT_AUTHOR_DATE: committerDate,
    GIT_COMMITTER_DATE: committerDate,
  });
  return git(dir, ["rev-parse", "HEAD"]).trim();
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
