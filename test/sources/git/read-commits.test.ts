import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommitInput } from "../../../src/detect/types.js";
import { CursorNotFoundError, readCommits } from "../../../src/sources/git/index.js";
import { fastImport, fixtureCommits, replayOrder } from "./fast-import.js";
import { collect, commitAt, git, initRepo, removeDir, tempDir } from "./repo-helpers.js";

const EPOCH = new Date("2000-01-01T00:00:00Z");

// cline/cline carries agent trailers and markers; Aider-AI/aider adds merges to the DAG.
describe.each([
  { repo: "cline__cline", merges: false },
  { repo: "Aider-AI__aider", merges: true },
])("readCommits on 200 real $repo commits replayed with fast-import", ({ repo, merges }) => {
  let root: string;
  let dir: string;
  let expected: CommitInput[];

  beforeAll(() => {
    root = tempDir();
    dir = initRepo(`${root}/${repo} clone`);
    const { replay, order } = replayOrder(fixtureCommits(repo, 200));
    const shas = fastImport(dir, replay);
    const shaOf = new Map(order.map((commit, i) => [commit.sha, shas[i]!]));
    expected = order.map((commit) => ({
      ...commit,
      sha: shaOf.get(commit.sha)!,
      parents: commit.parents.filter((p) => shaOf.has(p)).map((p) => shaOf.get(p)!),
    }));
  });
  afterAll(() => removeDir(root));

  it("streams every commit with byte-exact message, identities, ISO dates with offset and parents", async () => {
    const commits = await collect(readCommits(dir, { since: EPOCH }));
    expect(commits).toHaveLength(200);
    const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
    for (const want of expected) expect(bySha.get(want.sha)).toEqual(want);
    expect(expected.some((commit) => commit.parents.length === 2)).toBe(merges);
  });

  it("keeps only commits whose committer date is on or after since", async () => {
    const since = new Date(expected[100]!.committer.date);
    const commits = await collect(readCommits(dir, { since }));
    const want = expected.filter((commit) => Date.parse(commit.committer.date) >= since.getTime());
    expect(commits.map((c) => c.sha).sort()).toEqual(want.map((c) => c.sha).sort());
    expect(want.length).toBeLessThan(200);
  });

  it("with stopAt reads only the commits not reachable from the cursor", async () => {
    const cursor = expected[150]!.sha;
    const reachable = new Set(git(dir, ["rev-list", cursor]).trim().split("\n"));
    const commits = await collect(readCommits(dir, { since: EPOCH, stopAt: cursor }));
    const want = expected.filter((commit) => !reachable.has(commit.sha));
    expect(commits.map((c) => c.sha).sort()).toEqual(want.map((c) => c.sha).sort());
    expect(commits.length).toBeGreaterThan(0);
  });

  it("stops git when the consumer stops early", async () => {
    const first: CommitInput[] = [];
    for await (const commit of readCommits(dir, { since: EPOCH })) {
      first.push(commit);
      if (first.length === 3) break;
    }
    expect(first.map((c) => c.sha)).toEqual(git(dir, ["rev-list", "-3", "HEAD"]).trim().split("\n"));
  });
});

describe("readCommits edge cases", () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
  });
  afterAll(() => removeDir(root));

  it("finds a new commit hidden behind an older-dated commit (committer clock skew)", async () => {
    const dir = initRepo(`${root}/skew`);
    commitAt(dir, "2025-09-01T00:00:00Z", "before the window");
    const newInside = commitAt(dir, "2025-11-01T00:00:00Z", "inside, behind the skewed one");
    const skewed = commitAt(dir, "2025-09-15T00:00:00Z", "skewed clock, before the window");
    const tip = commitAt(dir, "2025-11-02T00:00:00Z", "inside");
    const commits = await collect(readCommits(dir, { since: new Date("2025-10-01T00:00:00Z") }));
    expect(commits.map((c) => c.sha)).toEqual([tip, newInside]);
    expect(commits.map((c) => c.sha)).not.toContain(skewed);
  });

  it("a message far larger than a pipe chunk, full of multi-byte characters, arrives intact", async () => {
    const dir = initRepo(`${root}/huge message`);
    const person = { name: "Zoë Ünïcode 😀", email: "z@example.com", date: "2025-11-01T00:00:00+05:30" };
    const big = `feat: big\n\n${"ä€😀 line of text\n".repeat(20_000)}Co-Authored-By: Claude <noreply@anthropic.com>`;
    const small = Array.from({ length: 50 }, (_, i) => ({ author: person, committer: person, message: `small ${i} ✓` }));
    const shas = fastImport(dir, [
      { author: person, committer: person, message: big, parents: [] },
      ...small.map((commit, i) => ({ ...commit, parents: [i] })),
    ]);
    const commits = await collect(readCommits(dir, { since: EPOCH }));
    expect(commits).toHaveLength(51);
    expect(commits.at(-1)).toEqual({ sha: shas[0], parents: [], author: person, committer: person, message: big });
    expect(commits.slice(0, 50).map((commit) => commit.message)).toEqual(small.map((commit) => commit.message).reverse());
  });

  it("an empty repository yields no commits", async () => {
    const dir = initRepo(`${root}/empty`);
    expect(await collect(readCommits(dir, { since: EPOCH }))).toEqual([]);
  });

  it("reads from a detached HEAD", async () => {
    const dir = initRepo(`${root}/detached`);
    const first = commitAt(dir, "2025-11-01T00:00:00Z", "one");
    commitAt(dir, "2025-11-02T00:00:00Z", "two");
    git(dir, ["checkout", "-q", "--detach", first]);
    const commits = await collect(readCommits(dir, { since: EPOCH }));
    expect(commits.map((c) => c.sha)).toEqual([first]);
  });

  it("an unknown cursor is a CursorNotFoundError", async () => {
    const dir = initRepo(`${root}/cursor`);
    commitAt(dir, "2025-11-01T00:00:00Z", "one");
    await expect(collect(readCommits(dir, { since: EPOCH, stopAt: "0".repeat(40) }))).rejects.toBeInstanceOf(
      CursorNotFoundError,
    );
  });

  it("decodes non-UTF-8 names and messages with replacement characters instead of crashing", async () => {
    const dir = initRepo(`${root}/latin1`);
    const latin1 = Buffer.from("Caf\xe9 \xfcber fix", "latin1");
    const raw = Buffer.concat([
      Buffer.from("commit refs/heads/main\nauthor Jos\xe9 <j@example.com> 1762000000 +0100\n", "latin1"),
      Buffer.from("committer Test <t@example.com> 1762000000 +0100\n"),
      Buffer.from(`data ${latin1.length + 1}\n`),
      latin1,
      Buffer.from("\n\n"),
    ]);
    execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: raw });
    const [commit] = await collect(readCommits(dir, { since: EPOCH }));
    expect(commit?.message).toBe("Caf\uFFFD \uFFFDber fix");
    expect(commit?.author.name).toBe("Jos\uFFFD");
    expect(commit?.author.date).toBe("2025-11-01T13:26:40+01:00");
  });

  it("re-encodes a commit that declares a legacy encoding", async () => {
    const dir = initRepo(`${root}/encoding`);
    const latin1 = Buffer.from("na\xefve r\xe9sum\xe9", "latin1");
    const commitText = Buffer.concat([
      Buffer.from("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"),
      Buffer.from("author A <a@example.com> 1762000000 +0000\ncommitter A <a@example.com> 1762000000 +0000\n"),
      Buffer.from("encoding ISO-8859-1\n\n"),
      latin1,
      Buffer.from("\n"),
    ]);
    git(dir, ["hash-object", "-w", "-t", "tree", "/dev/null"]);
    const sha = execFileSync("git", ["hash-object", "-w", "-t", "commit", "--stdin"], { cwd: dir, input: commitText })
      .toString()
      .trim();
    git(dir, ["update-ref", "refs/heads/main", sha]);
    const [commit] = await collect(readCommits(dir, { since: EPOCH }));
    expect(commit?.message).toBe("naïve résumé");
  });
});
