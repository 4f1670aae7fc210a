// The only place that starts git. Every call is a plain `git` process: no library, no shell.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { GitCommandError, GitNotFoundError } from "./errors.js";

// Variables that would point git at another repository than the one we name with -C.
const LOCATION_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_CEILING_DIRECTORIES",
  "GIT_DISCOVERY_ACROSS_FILESYSTEM",
  "GIT_PREFIX",
];

// User config must not change what we parse: signatures, mailmap and colours would alter the output.
const FIXED_CONFIG = ["-c", "log.showSignature=false", "-c", "color.ui=never", "-c", "core.quotePath=false"];

export interface GitRunOptions {
  /** Extra environment (e.g. GIT_CEILING_DIRECTORIES for discovery). */
  env?: Record<string, string>;
  /** Written to git's stdin (e.g. revisions for --stdin); stdin is closed after it. */
  input?: string;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
}

function gitEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of LOCATION_VARIABLES) delete env[name];
  // Read-only callers: never take optional locks (no index refresh on someone's checkout),
  // never prompt for credentials, and keep messages in English so errors can be classified.
  env.GIT_OPTIONAL_LOCKS = "0";
  env.GIT_TERMINAL_PROMPT = "0";
  // git log flushes after every commit when writing to a pipe: one tiny read per commit costs
  // Node more than parsing the commit. Let stdio fill its buffer instead.
  env.GIT_FLUSH = "0";
  env.LC_ALL = "C";
  env.LANGUAGE = "C";
  return { ...env, ...extra };
}

function startGit(cwd: string | undefined, args: readonly string[], options: GitRunOptions): ChildProcessWithoutNullStreams {
  const fullArgs = cwd === undefined ? [...FIXED_CONFIG, ...args] : ["-C", cwd, ...FIXED_CONFIG, ...args];
  return spawn("git", fullArgs, { env: gitEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
}

/** Runs git to completion and returns its output; never throws for a non-zero exit. */
export function runGitRaw(cwd: string | undefined, args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = startGit(cwd, args, options);
    child.stdin.end(options.input);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new GitNotFoundError(error) : error),
    );
    child.on("close", (exitCode) =>
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), exitCode }),
    );
  });
}

/** Runs git and returns stdout; a non-zero exit becomes a GitCommandError. */
export async function runGit(cwd: string | undefined, args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
  const result = await runGitRaw(cwd, args, options);
  if (result.exitCode !== 0) throw new GitCommandError(args, result.exitCode, result.stderr);
  return result.stdout;
}

/**
 * Streams git's stdout as NUL-terminated records, decoded as UTF-8 (invalid bytes become
 * U+FFFD) in batches: each pipe chunk's complete records are decoded with one call and split
 * with one native split, which costs far less than a decode or a yield per record (UTF-8 never
 * puts a 0x00 byte inside a character, so decoding many records at once changes nothing).
 * Holds no more than one chunk plus one partial record (see streamGitRecordText).
 */
export async function* streamGitRecordBatches(
  cwd: string,
  args: readonly string[],
  options: GitRunOptions = {},
): AsyncGenerator<string[]> {
  for await (const text of streamGitRecordText(cwd, args, options)) {
    const records = text.split("\0");
    records.pop();
    yield records;
  }
}

/**
 * Streams git's stdout as blocks of whole records: each block is one decoded string of
 * records that each end with "\0" (the last record, unterminated by git, gets one), for
 * parsers that walk a block with indexOf instead of holding a string per record.
 * Holds no more than one chunk plus one partial record: `for await` pauses the pipe, so git
 * blocks on a full pipe while the consumer works (bounded memory on any history size).
 * A consumer that stops early kills git.
 */
export async function* streamGitRecordText(
  cwd: string,
  args: readonly string[],
  options: GitStreamOptions = {},
): AsyncGenerator<string> {
  const child = options.blockBuffered ? await startBlockBufferedGit(cwd, args, options) : startGit(cwd, args, options);
  child.stdin.end(options.input);
  const err: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new GitNotFoundError(error) : error),
    );
    child.on("close", (code) => resolve(code));
  });
  // Surface a spawn failure even if the consumer never reads.
  exited.catch(() => undefined);
  let finished = false;
  try {
    // The start of a record that spans chunks (a long message spans several).
    let pending: Buffer[] = [];
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const lastEnd = chunk.lastIndexOf(0);
      if (lastEnd === -1) {
        pending.push(chunk);
        continue;
      }
      let start = 0;
      if (pending.length > 0) {
        const firstEnd = chunk.indexOf(0);
        yield Buffer.concat([...pending, chunk.subarray(0, firstEnd + 1)]).toString("utf8");
        start = firstEnd + 1;
      }
      while (start <= lastEnd) {
        const end = blockEnd(chunk, start, lastEnd);
        yield chunk.toString("utf8", start, end);
        start = end;
      }
      // The tail's copy lets the chunk be collected.
      pending = lastEnd + 1 < chunk.length ? [Buffer.from(chunk.subarray(lastEnd + 1))] : [];
    }
    const exitCode = await exited;
    finished = true;
    const stderr = Buffer.concat(err).toString("utf8");
    // stdbuf's own exit status when it could not start git.
    if (exitCode === 127 && options.blockBuffered && stderr.includes("stdbuf")) throw new GitNotFoundError(new Error(stderr.trim()));
    if (exitCode !== 0) throw new GitCommandError(args, exitCode, stderr);
    if (pending.length > 0) yield `${Buffer.concat(pending).toString("utf8")}\0`;
  } finally {
    if (!finished && child.exitCode === null) child.kill();
  }
}

// A decoded block stays under V8's large-object size even when it is two-byte (one character
// outside Latin-1 makes it so): large objects are allocated and freed one by one, and only by
// full collections, which costs more than the decode itself.
const BLOCK_BYTES = 32 * 1024;

/** The end (after its NUL) of the last whole record within BLOCK_BYTES of start, or of the first. */
function blockEnd(chunk: Buffer, start: number, lastEnd: number): number {
  if (lastEnd - start < BLOCK_BYTES) return lastEnd + 1;
  const end = chunk.lastIndexOf(0, start + BLOCK_BYTES);
  return (end >= start ? end : chunk.indexOf(0, start)) + 1;
}

export interface GitStreamOptions extends GitRunOptions {
  /**
   * For long reads consumed to the end (never for a walk stopped at its first results): git's
   * stdio writes to a pipe in 4 KB pieces, and every piece wakes this process for one small
   * read, which costs both sides more CPU than parsing what it carries. Where coreutils'
   * `stdbuf` exists, git writes in blocks of STDOUT_BLOCK instead and each read takes 64 KB.
   */
  blockBuffered?: boolean;
}

// Large enough that a read takes a full 64 KB, small enough that one write fits in the socket's
// buffer: git keeps walking while this process works on the block before.
const STDOUT_BLOCK = "128K";

async function startBlockBufferedGit(
  cwd: string,
  args: readonly string[],
  options: GitRunOptions,
): Promise<ChildProcessWithoutNullStreams> {
  const stdbuf = await findStdbuf();
  if (stdbuf === null) return startGit(cwd, args, options);
  const fullArgs = [`-o${STDOUT_BLOCK}`, "git", "-C", cwd, ...FIXED_CONFIG, ...args];
  return spawn(stdbuf, fullArgs, { env: gitEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
}

let stdbufPath: Promise<string | null> | undefined;

/** coreutils' stdbuf on PATH (Linux, most Unix with coreutils), looked up once. */
function findStdbuf(): Promise<string | null> {
  stdbufPath ??= (async () => {
    if (process.platform === "win32") return null;
    for (const directory of (process.env.PATH ?? "").split(delimiter)) {
      if (directory === "") continue;
      const candidate = join(directory, "stdbuf");
      if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
    }
    return null;
  })();
  return stdbufPath;
}
