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

/** The URL could not be cloned or fetched: git's own reason, and what to do about it. */
export class GitCloneError extends Error {
  override readonly name = "GitCloneError";
  readonly url: string;
  readonly stderr: string;
  /** git's last error line, without credentials. */
  readonly reason: string;
  /** What the user can do, or null when we cannot tell. */
  readonly hint: string | null;

  constructor(url: string, stderr: string, context: { fullClone?: boolean; fetching?: boolean } = {}) {
    // A URL may carry a token (https://x-access-token:…@host): never keep it, in the message
    // or in a field a logger would serialise.
    const reason = redactCredentials(gitErrorLine(stderr));
    const hint = cloneHint(stderr, context.fullClone === true);
    super(`could not ${context.fetching ? "fetch" : "clone"} ${redactCredentials(url)}: ${reason}${hint ? ` (${hint})` : ""}`);
    this.url = redactCredentials(url);
    this.stderr = redactCredentials(stderr);
    this.reason = reason;
    this.hint = hint;
  }
}

/**
 * git's reason for a failed clone: its first `fatal:` line (then its first `error:` line). The
 * progress lines before it ("Cloning into bare repository '…'...") say nothing about the cause,
 * and the fatal lines after it are generic ("Could not read from remote repository.", "early EOF").
 */
export function gitErrorLine(stderr: string): string {
  const lines = stderr.split(/\r?\n|\r/).map((line) => line.trim()).filter((line) => line.length > 0);
  const line =
    lines.find((l) => /^fatal:/i.test(l)) ??
    lines.find((l) => /^error:/i.test(l)) ??
    lines.filter((l) => !/^(Cloning into|warning:|hint:|remote: (Counting|Compressing|Enumerating|Total))/.test(l)).at(-1);
  return line?.replace(/^(fatal|error):\s*/i, "") ?? "git gave no reason";
}

/** What to do about a failed clone, read from what git said. */
export function cloneHint(stderr: string, fullClone: boolean): string | null {
  if (!fullClone && /filter|partial clone|promisor/i.test(stderr) && !/filtering not recognized by server, ignoring/.test(stderr)) {
    return "the server does not support partial clone: retry with --full-clone";
  }
  if (/not found|does not appear to be a git repository|does not exist|HTTP 404|error: 404/i.test(stderr)) {
    return "check the URL; a private repository also answers 'not found' without credentials";
  }
  if (/Authentication failed|could not read Username|HTTP 40[13]|Permission denied|terminal prompts disabled/i.test(stderr)) {
    return "the server wants credentials: use a credential helper or a token in the URL";
  }
  if (/Could not resolve host|Connection refused|timed out|Failed to connect|Network is unreachable/i.test(stderr)) {
    return "the server cannot be reached: check the host name and the network";
  }
  if (/did not receive expected object|bad object|corrupt|index-pack failed|pack-objects died|unable to read|early EOF|missing (blob|tree|commit)/i.test(stderr)) {
    return "the remote repository is damaged or the transfer broke off: retry, and if it fails again the remote needs git fsck";
  }
  return null;
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
