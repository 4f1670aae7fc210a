import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GitCloneError,
  NotAGitRepositoryError,
  cachePathForUrl,
  datedConfigFiles,
  isGitUrl,
  openGitRepository,
  readCommits,
  readHeadPaths,
} from "../../../src/sources/git/index.js";
import { collect, commitAt, git, initRepo, removeDir, tempDir } from "./repo-helpers.js";

const PATTERNS = ["CLAUDE.md", "**/CLAUDE.md", "AGENTS.md", ".cursor/rules/**", ".claude/**"];
const SINCE = new Date("2025-10-01T00:00:00Z");

/** Every file under .git with its size and mtime, the status and the refs: what a write would change. */
function snapshot(dir: string): string {
  const lines: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const info = statSync(path);
        lines.push(`${path} ${info.size} ${info.mtimeMs}`);
      }
    }
  };
  walk(join(dir, ".git"));
  lines.sort();
  lines.push(git(dir, ["status", "--porcelain"]), git(dir, ["for-each-ref"]));
  return lines.join("\n");
}

function objectTypes(gitDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  const out = git(gitDir, ["cat-file", "--batch-all-objects", "--batch-check=%(objecttype)"]);
  for (const type of out.trim().split("\n").filter(Boolean)) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function commitObjects(gitDir: string): Set<string> {
  const out = git(gitDir, ["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)"]);
  return new Set(
    out
      .split("\n")
      .filter((line) => line.startsWith("commit "))
      .map((line) => line.slice(7)),
  );
}

/** A source repository: history before and inside the window, config files and a merge. */
function makeSource(dir: string): void {
  initRepo(dir);
  git(dir, ["config", "uploadpack.allowFilter", "true"]);
  commitAt(dir, "2025-06-01T10:00:00+02:00", "initial", { "README.md": "hello", "CLAUDE.md": "old rules" });
  commitAt(dir, "2025-09-20T10:00:00Z", "before the window", { "src/a.ts": "a" });
  commitAt(dir, "2025-10-05T10:00:00-07:00", "add cursor rules", { ".cursor/rules/style.mdc": "rules" });
  git(dir, ["checkout", "-q", "-b", "side"]);
  commitAt(dir, "2025-10-06T10:00:00Z", "side work\n\nCo-Authored-By: Claude <noreply@anthropic.com>", {
    "src/b.ts": "b",
  });
  git(dir, ["checkout", "-q", "main"]);
  commitAt(dir, "2025-10-07T10:00:00Z", "main work", { "src/c.ts": "c" });
  git(dir, ["merge", "-q", "--no-ff", "-m", "Merge side", "side"], {
    GIT_AUTHOR_DATE: "2025-10-08T10:00:00Z",
    GIT_COMMITTER_DATE: "2025-10-08T10:00:00Z",
  });
}

describe("a local path is read in place", () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
  });
  afterAll(() => removeDir(root));

  it("a full scan leaves the repository untouched (files, index, refs, status)", async () => {
    const dir = `${root}/my project`;
    makeSource(dir);
    writeFileSync(join(dir, "README.md"), "uncommitted edit");
    writeFileSync(join(dir, "untracked.txt"), "x");
    const before = snapshot(dir);
    const repository = await openGitRepository(dir, { cacheDir: `${root}/cache` });
    expect(repository).toMatchObject({ dir, origin: "local", shallow: false, head: { state: "commit", branch: "main" } });
    expect(await collect(readCommits(dir, { since: SINCE }))).toHaveLength(4);
    expect(await readHeadPaths(dir, PATTERNS)).toEqual([".cursor/rules/style.mdc", "CLAUDE.md"]);
    await datedConfigFiles(dir, PATTERNS);
    expect(snapshot(dir)).toBe(before);
  });

  it("refuses a folder that is not a repository, a missing one, and a folder inside a repository", async () => {
    const plain = `${root}/plain folder`;
    mkdirSync(plain);
    const inside = `${root}/my project/src`;
    for (const target of [plain, `${root}/missing`, inside]) {
      await expect(openGitRepository(target, { cacheDir: `${root}/cache` })).rejects.toBeInstanceOf(
        NotAGitRepositoryError,
      );
    }
  });

  it("reports an empty repository as an unborn HEAD with nothing to read", async () => {
    const dir = initRepo(`${root}/empty repo`);
    const repository = await openGitRepository(dir, { cacheDir: `${root}/cache` });
    expect(repository.head).toEqual({ state: "unborn", branch: "main" });
    expect(await readHeadPaths(dir, PATTERNS)).toEqual([]);
    expect(await datedConfigFiles(dir, PATTERNS)).toEqual([]);
  });
});

describe("a URL becomes a bare, blob-less partial clone of the whole commit graph", () => {
  let root: string;
  let source: string;
  let url: string;
  let cacheDir: string;
  beforeAll(() => {
    root = tempDir();
    source = `${root}/source repo`;
    makeSource(source);
    url = `file://${source}`;
    cacheDir = `${root}/cache dir`;
  });
  afterAll(() => removeDir(root));

  it("clones every commit of the branch (no shallow cut), and reads the same commits and paths as the source", async () => {
    const repository = await openGitRepository(url, { cacheDir });
    expect(repository).toMatchObject({ origin: "clone", transfer: "cloned", partial: true, shallow: false });
    expect(repository.dir).toBe(cachePathForUrl(cacheDir, url));
    const fromClone = await collect(readCommits(repository.dir, { since: SINCE }));
    const fromSource = await collect(readCommits(source, { since: SINCE }));
    expect(fromClone).toEqual(fromSource);
    expect(await readHeadPaths(repository.dir, PATTERNS)).toEqual(await readHeadPaths(source, PATTERNS));
    expect(commitObjects(repository.dir)).toEqual(new Set(git(source, ["rev-list", "HEAD"]).trim().split("\n")));
  });

  it("keeps in-window commits that sit behind an older-dated commit on a merged branch", async () => {
    // A side branch whose newest commit carries an older committer date than its parent (a
    // rebase, an imported patch, a skewed clock). A clone cut at the window's start stops at
    // that older commit and never sees the in-window one behind it.
    const skewed = `${root}/skewed source`;
    initRepo(skewed);
    git(skewed, ["config", "uploadpack.allowFilter", "true"]);
    commitAt(skewed, "2025-08-01T10:00:00Z", "base", { "README.md": "r" });
    git(skewed, ["checkout", "-q", "-b", "side"]);
    const hidden = commitAt(skewed, "2025-10-03T10:00:00Z", "in the window\n\nCo-Authored-By: Claude <noreply@anthropic.com>", { "a.txt": "a" });
    commitAt(skewed, "2025-09-15T10:00:00Z", "older date on top", { "b.txt": "b" });
    git(skewed, ["checkout", "-q", "main"]);
    commitAt(skewed, "2025-10-04T10:00:00Z", "main work", { "c.txt": "c" });
    git(skewed, ["merge", "-q", "--no-ff", "-m", "Merge side", "side"], { GIT_AUTHOR_DATE: "2025-10-05T10:00:00Z", GIT_COMMITTER_DATE: "2025-10-05T10:00:00Z" });
    const repository = await openGitRepository(`file://${skewed}`, { cacheDir });
    const shas = (await collect(readCommits(repository.dir, { since: SINCE }))).map((commit) => commit.sha);
    expect(shas).toContain(hidden);
    expect(shas).toEqual((await collect(readCommits(skewed, { since: SINCE }))).map((commit) => commit.sha));
    expect(shas).toHaveLength(3);
  });

  it("holds no blobs, even after a full scan (no lazy fetch)", async () => {
    const { dir } = await openGitRepository(url, { cacheDir });
    await collect(readCommits(dir, { since: SINCE }));
    await readHeadPaths(dir, PATTERNS);
    const dated = await datedConfigFiles(dir, PATTERNS);
    expect(dated.map((file) => file.path)).toEqual([".cursor/rules/style.mdc", "CLAUDE.md"]);
    const types = objectTypes(dir);
    expect(types.get("blob")).toBeUndefined();
    expect(types.get("commit")).toBeGreaterThan(0);
    expect(types.get("tree")).toBeGreaterThan(0);
  });

  it("a second scan fetches only the new commits", async () => {
    const first = await openGitRepository(url, { cacheDir });
    const before = commitObjects(first.dir);
    const oldHead = first.head.state === "commit" ? first.head.sha : "";
    const added = [
      commitAt(source, "2025-11-01T10:00:00Z", "new one", { "AGENTS.md": "agents" }),
      commitAt(source, "2025-11-02T10:00:00Z", "new two"),
    ];
    const second = await openGitRepository(url, { cacheDir });
    expect(second).toMatchObject({ transfer: "fetched", head: { state: "commit", sha: added[1] } });
    const after = commitObjects(second.dir);
    expect([...after].filter((sha) => !before.has(sha)).sort()).toEqual([...added].sort());
    const fresh = await collect(readCommits(second.dir, { since: SINCE, stopAt: oldHead }));
    expect(fresh.map((commit) => commit.sha)).toEqual([...added].reverse());
    expect(objectTypes(second.dir).get("blob")).toBeUndefined();
  });

  it("a window with no commits reads none, and still sees the HEAD tree", async () => {
    const since = new Date("2030-01-01T00:00:00Z");
    const repository = await openGitRepository(url, { cacheDir: `${root}/future cache` });
    expect(repository.head.state).toBe("commit");
    expect(await collect(readCommits(repository.dir, { since }))).toEqual([]);
    expect(await readHeadPaths(repository.dir, PATTERNS)).toEqual(await readHeadPaths(source, PATTERNS));
  });

  it("a server without filter support still clones, and says the clone holds blobs", async () => {
    const plain = `${root}/no filter`;
    makeSource(plain);
    git(plain, ["config", "uploadpack.allowFilter", "false"]);
    const repository = await openGitRepository(`file://${plain}`, { cacheDir });
    expect(repository.partial).toBe(false);
    expect(await collect(readCommits(repository.dir, { since: SINCE }))).toHaveLength(4);
  });

  it("clones an empty repository to an unborn HEAD", async () => {
    const empty = initRepo(`${root}/empty remote`);
    const repository = await openGitRepository(`file://${empty}`, { cacheDir });
    expect(repository.head.state).toBe("unborn");
    expect(await collect(readCommits(repository.dir, { since: SINCE }))).toEqual([]);
  });

  it("an unreachable URL is a GitCloneError with git's reason and what to do, and leaves no cache entry", async () => {
    const missing = `file://${root}/no such repo`;
    const error = await openGitRepository(missing, { cacheDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitCloneError);
    expect((error as GitCloneError).message).toMatch(/does not appear to be a git repository/);
    expect((error as GitCloneError).message).not.toMatch(/Cloning into/);
    expect((error as GitCloneError).hint).toMatch(/check the URL/);
    expect(() => statSync(cachePathForUrl(cacheDir, missing))).toThrow();
  });

  it("an HTTP 404 names the status and the likely cause, without the URL's credentials", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("Not Found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const error = (await openGitRepository(`http://user:s3cr3t-token@127.0.0.1:${port}/owner/gone.git`, { cacheDir }).catch((e: unknown) => e)) as GitCloneError;
      expect(error).toBeInstanceOf(GitCloneError);
      expect(error.reason).toMatch(/not found/);
      expect(error.hint).toMatch(/check the URL/);
      expect(`${error.message} ${error.stderr} ${error.url}`).not.toContain("s3cr3t-token");
    } finally {
      server.close();
    }
  });

  it("a corrupt remote says the remote is damaged", async () => {
    const broken = `${root}/broken remote`;
    makeSource(broken);
    // Lose one tree object the history needs: the server cannot pack what it does not have.
    const tree = git(broken, ["rev-parse", "HEAD~1^{tree}"]).trim();
    rmSync(join(broken, ".git/objects", tree.slice(0, 2), tree.slice(2)));
    const error = (await openGitRepository(`file://${broken}`, { cacheDir: `${root}/broken cache` }).catch((e: unknown) => e)) as GitCloneError;
    expect(error).toBeInstanceOf(GitCloneError);
    expect(error.reason).not.toMatch(/^Cloning into/);
    expect(error.hint).toMatch(/damaged/);
  });

  it("--full-clone clones blobs too", async () => {
    const repository = await openGitRepository(url, { cacheDir: `${root}/full cache`, fullClone: true });
    expect(repository.partial).toBe(false);
    expect(objectTypes(repository.dir).get("blob")).toBeGreaterThan(0);
  });
});

describe("cache paths", () => {
  it("maps https, scp-like and file URLs to <host>/<path>.git without credentials or traversal", () => {
    expect(cachePathForUrl("/c", "https://user:tok@github.com/cline/cline.git")).toBe("/c/github.com/cline/cline.git");
    expect(cachePathForUrl("/c", "git@github.example.com:org/sub/repo.git")).toBe("/c/github.example.com/org/sub/repo.git");
    expect(cachePathForUrl("/c", "file:///tmp/a b/../repo")).toBe("/c/file/tmp/repo.git");
    expect(cachePathForUrl("/c", "https://ghe.local:8443/o/r")).toBe("/c/ghe.local_8443/o/r.git");
  });

  it("tells URLs from local paths", () => {
    expect(["https://github.com/a/b", "file:///x", "git@github.com:a/b.git", "ssh://git@h/a"].every(isGitUrl)).toBe(true);
    expect(["./repo", "/home/me/repo", "C:\\repo", "owner/repo", "dir with:colon"].some(isGitUrl)).toBe(false);
  });
});
