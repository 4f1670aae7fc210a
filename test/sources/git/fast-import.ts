// Builds real git repositories for tests and benchmarks: `git fast-import` writes thousands of
// commits with chosen identities, dates and byte-exact messages in well under a second.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommitInput, Person } from "../../../src/detect/types.js";
import { loadFixture } from "../../support/fixtures.js";

export interface ReplayCommit {
  author: Person;
  committer: Person;
  /** The message as the API shows it; git stores it with one trailing newline. */
  message: string | Buffer;
  /** Indexes (into the same list) of parent commits, which must come earlier in the list. */
  parents: number[];
  /** Files to write (content) or delete (null). */
  files?: Array<{ path: string | Buffer; content: string | null }>;
}

/** "2026-08-22T13:03:18-07:00" → "1787425398 -0700", git's raw date. */
export function rawGitDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  const match = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  const offset = match === null ? "+0000" : `${match[1]}${match[2]}${match[3]}`;
  return `${seconds} ${offset}`;
}

function identityLine(kind: "author" | "committer", person: Person): Buffer {
  return Buffer.from(`${kind} ${person.name} <${person.email}> ${rawGitDate(person.date)}\n`, "utf8");
}

function dataBlock(content: string | Buffer): Buffer[] {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return [Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from("\n")];
}

/** The fast-import stream for `commits` on `branch`; mark i+1 is commit i. */
export function fastImportStream(commits: readonly ReplayCommit[], branch = "refs/heads/main"): Buffer {
  const parts: Buffer[] = [];
  commits.forEach((commit, index) => {
    // Without "from", fast-import continues the branch; a root commit needs the branch reset.
    if (commit.parents.length === 0) parts.push(Buffer.from(`reset ${branch}\n`));
    parts.push(Buffer.from(`commit ${branch}\nmark :${index + 1}\n`));
    parts.push(identityLine("author", commit.author), identityLine("committer", commit.committer));
    const message = typeof commit.message === "string" ? Buffer.from(commit.message, "utf8") : commit.message;
    parts.push(...dataBlock(Buffer.concat([message, Buffer.from("\n")])));
    const [first, ...rest] = commit.parents;
    if (first !== undefined) parts.push(Buffer.from(`from :${first + 1}\n`));
    for (const parent of rest) parts.push(Buffer.from(`merge :${parent + 1}\n`));
    for (const file of commit.files ?? []) {
      const path = typeof file.path === "string" ? Buffer.from(file.path, "utf8") : file.path;
      if (file.content === null) parts.push(Buffer.from("D "), path, Buffer.from("\n"));
      else {
        parts.push(Buffer.from("M 100644 inline "), path, Buffer.from("\n"));
        parts.push(...dataBlock(file.content));
      }
    }
    parts.push(Buffer.from("\n"));
  });
  return Buffer.concat(parts);
}

/** Imports `commits` into the repository at `dir` (already `git init`ed); returns their shas. */
export function fastImport(dir: string, commits: readonly ReplayCommit[], branch = "refs/heads/main"): string[] {
  const marks = join(dir, ".git-marks-" + process.pid);
  execFileSync("git", ["fast-import", "--quiet", "--force", `--export-marks=${marks}`], {
    cwd: dir,
    input: fastImportStream(commits, branch),
    stdio: ["pipe", "ignore", "pipe"],
    maxBuffer: 1 << 30,
  });
  const shas = new Array<string>(commits.length);
  for (const line of readFileSync(marks, "latin1").split("\n")) {
    const [mark, sha] = line.split(" ");
    if (mark !== undefined && sha !== undefined) shas[Number(mark.slice(1)) - 1] = sha;
  }
  execFileSync("rm", ["-f", marks]);
  return shas;
}

/** The newest `count` commits of a fixture repository, newest first, as stored. */
export function fixtureCommits(slug: string, count: number): CommitInput[] {
  return loadFixture(slug).commits.slice(0, count);
}

/**
 * Fixture commits (newest first) in an order fast-import accepts (parents first), keeping the
 * DAG: a parent outside the sample is dropped, so the oldest commits become roots.
 */
export function replayOrder(commits: readonly CommitInput[]): { replay: ReplayCommit[]; order: CommitInput[] } {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const index = new Map<string, number>();
  const order: CommitInput[] = [];
  const visit = (commit: CommitInput): void => {
    if (index.has(commit.sha)) return;
    for (const parent of commit.parents) {
      const known = bySha.get(parent);
      if (known !== undefined) visit(known);
    }
    index.set(commit.sha, order.length);
    order.push(commit);
  };
  for (const commit of [...commits].reverse()) visit(commit);
  const replay = order.map((commit) => ({
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    parents: commit.parents.filter((p) => index.has(p)).map((p) => index.get(p)!),
  }));
  return { replay, order };
}
