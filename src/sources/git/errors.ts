// One error type per failure a user can act on; unknown git failures keep git's own message.

/** Removes credentials from any URL in a text: "https://user:token@host" → "https://***@host". */
export function redactCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, "$1***@");
}

/** The local path exists but is not (the top of) a git repository. */
export class NotAGitRepositoryError extends Error {
  override readonly name = "NotAGitRepositoryError";
  constructor(readonly path: string) {
    super(`${path} is not a git repository: pass the top folder of a clone, or a git URL`);
  }
}

/** git refuses a repository owned by another user (safe.directory); we do not override that. */
export class UnsafeRepositoryError extends Error {
  override readonly name = "UnsafeRepositoryError";
  constructor(readonly path: string) {
    super(
      `git refuses ${path}: it is owned by another user. If you trust it, run ` +
        `git config --global --add safe.directory '${path}'`,
    );
  }
}

/** The URL could not be cloned or fetched (unreachable, no access, not a repository). */
export class GitCloneError extends Error {
  override readonly name = "GitCloneError";
  readonly url: string;
  readonly stderr: string;

  constructor(url: string, stderr: string) {
    // A URL may carry a token (https://x-access-token:…@host): never keep it, in the message
    // or in a field a logger would serialise.
    super(`could not clone ${redactCredentials(url)}: ${redactCredentials(firstLine(stderr))}`);
    this.url = redactCredentials(url);
    this.stderr = redactCredentials(stderr);
  }
}

/** The stored cursor commit is not in the repository (force-push, shallow boundary): rescan the window. */
export class CursorNotFoundError extends Error {
  override readonly name = "CursorNotFoundError";
  constructor(readonly sha: string) {
    super(`cursor commit ${sha} is not in the repository (history rewritten?): scan the whole window again`);
  }
}

/** Any other git failure: the command and git's message, for a bug report. */
export class GitCommandError extends Error {
  override readonly name = "GitCommandError";
  readonly args: readonly string[];
  readonly stderr: string;

  constructor(
    args: readonly string[],
    readonly exitCode: number | null,
    stderr: string,
  ) {
    super(redactCredentials(`git ${args.slice(0, 3).join(" ")} failed (exit ${exitCode}): ${firstLine(stderr)}`));
    this.args = args.map(redactCredentials);
    this.stderr = redactCredentials(stderr);
  }
}

/** git is not installed or not on PATH. */
export class GitNotFoundError extends Error {
  override readonly name = "GitNotFoundError";
  constructor(cause: unknown) {
    super("git is not installed or not on PATH: install git 2.38 or newer", { cause });
  }
}

function firstLine(text: string): string {
  const line = text
    .split("\n")
    .map((l) => l.replace(/^(fatal|error): /, "").trim())
    .find((l) => l.length > 0 && !l.startsWith("warning:") && !l.startsWith("hint:"));
  return line ?? "no message from git";
}
