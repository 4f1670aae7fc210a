import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compilePathMatcher,
  datedConfigFiles,
  globsToPathspecs,
  openGitRepository,
  readHeadGitattributes,
  readHeadPaths,
  readHeadTree,
} from "../../../src/sources/git/index.js";
import { readGitWindow } from "../../../src/scan/scan-git.js";
import { configPathPatterns } from "../../../src/detect/index.js";
import { fixtureText } from "../../support/fixtures.js";
import { fastImport } from "./fast-import.js";
import { commitAt, git, initRepo, removeDir, tempDir } from "./repo-helpers.js";

const PATTERNS = ["CLAUDE.md", "**/CLAUDE.md", "AGENTS.md", ".cursor/rules/**", ".claude/**"];
const PERSON = { name: "Test", email: "test@example.com", date: "2025-11-01T00:00:00Z" };

describe("config path globs select what git's own :(glob) pathspecs select", () => {
  let root: string;
  let dir: string;
  let paths: string[];
  beforeAll(() => {
    root = tempDir();
    dir = initRepo(`${root}/tree`);
    const real = ["cline__cline", "google-gemini__gemini-cli", "Aider-AI__aider"].flatMap((repo) =>
      fixtureText(repo, "files.txt").split("\n").filter(Boolean),
    );
    const tricky = [".github/agents/x/y.agent.md", ".github/agents/z.md", "CLAUDE.md.bak", "docs/CLAUDE.md", "a/b/.claude/x.json", ".cursorrules", ".cursor/rules/a/b.mdc"];
    const files = [...new Set([...real, ...tricky])].map((path) => ({ path, content: "" }));
    fastImport(dir, [{ author: PERSON, committer: PERSON, message: "tree", parents: [], files }]);
    git(dir, ["read-tree", "HEAD"]); // ls-files reads the index
    paths = gitSelects(["**"]);
  });
  afterAll(() => removeDir(root));

  const gitSelects = (patterns: string[]): string[] =>
    execFileSync("git", ["-C", dir, "ls-files", "-z", "--", ...globsToPathspecs(patterns)], { encoding: "utf8" })
      .split("\0")
      .filter(Boolean)
      .sort();

  it.each([
    [configPathPatterns()],
    [PATTERNS],
    [["**/AGENTS.md", ".clinerules/**", ".clinerules", "GEMINI.md", "**/GEMINI.md"]],
    [[".github/copilot-instructions.md", ".github/instructions/*.instructions.md", "**/.cursor/rules/*.mdc"]],
    [["?LAUDE.md", "[Cc]LAUDE.md", "*.md", "docs/*", "src/**/*.ts", ".github/workflows/*.yml"]],
  ])("readHeadPaths(%j) equals git ls-files", async (patterns) => {
    const ours = await readHeadPaths(dir, patterns);
    expect(ours).toEqual(gitSelects(patterns));
  });

  it("agrees with git on generated globs over real paths", () => {
    const segment = fc.constantFrom("src", "docs", ".claude", ".cursor", "rules", "CLAUDE.md", "*.md", "*", "?rc", "**", "a*", "[a-c]*");
    const glob = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));
    fc.assert(
      fc.property(glob, (pattern) => {
        const matches = compilePathMatcher([pattern]);
        expect(paths.filter(matches).sort()).toEqual(gitSelects([pattern]));
      }),
      { numRuns: 60 },
    );
  });
});

describe("datedConfigFiles", () => {
  let root: string;
  let dir: string;
  const sha: Record<string, string> = {};
  beforeAll(() => {
    root = tempDir();
    dir = initRepo(`${root}/dated repo`);
    sha.agentsAdd = commitAt(dir, "2025-03-01T09:00:00+01:00", "add AGENTS.md", { "AGENTS.md": "a" });
    sha.agentsRemove = commitAt(dir, "2025-05-01T09:00:00+01:00", "drop AGENTS.md", { "AGENTS.md": null });
    sha.claudeAdd = commitAt(dir, "2025-06-01T09:00:00+02:00", "add CLAUDE.md", { "CLAUDE.md": "c", "README.md": "r" });
    sha.settingsAdd = commitAt(dir, "2025-07-01T09:00:00Z", "add settings", { ".claude/settings.json": "{}" });
    sha.settingsRemove = commitAt(dir, "2025-08-01T09:00:00Z", "drop settings", { ".claude/settings.json": null });
    sha.rulesAdd = commitAt(dir, "2025-10-05T09:00:00-07:00", "add rules", { ".cursor/rules/a.mdc": "r" });
    git(dir, ["checkout", "-q", "-b", "side"]);
    sha.docsAdd = commitAt(dir, "2025-10-10T09:00:00Z", "docs rules", { "docs/CLAUDE.md": "d" });
    git(dir, ["checkout", "-q", "main"]);
    git(dir, ["merge", "-q", "--no-ff", "-m", "Merge side", "side"], {
      GIT_AUTHOR_DATE: "2025-10-11T09:00:00Z",
      GIT_COMMITTER_DATE: "2025-10-11T09:00:00Z",
    });
    sha.docsMerge = git(dir, ["rev-parse", "HEAD"]).trim();
    sha.rulesRemove = commitAt(dir, "2025-10-20T09:00:00Z", "drop rules", { ".cursor/rules/a.mdc": null });
    sha.settingsReadd = commitAt(dir, "2025-11-01T09:00:00Z", "settings again", { ".claude/settings.json": "{1}" });
    commitAt(dir, "2025-11-02T09:00:00Z", "touch CLAUDE.md", { "CLAUDE.md": "changed" });
  });
  afterAll(() => removeDir(root));

  it("dates the files at HEAD by the (latest) commit that added them to the branch; removed files are not listed", async () => {
    expect(await datedConfigFiles(dir, PATTERNS)).toEqual([
      { path: ".claude/settings.json", addedSha: sha.settingsReadd, addedAt: "2025-11-01T09:00:00+00:00" },
      { path: "CLAUDE.md", addedSha: sha.claudeAdd, addedAt: "2025-06-01T09:00:00+02:00" },
      // Written on a side branch on the 10th, on the default branch from the merge on the 11th.
      { path: "docs/CLAUDE.md", addedSha: sha.docsMerge, addedAt: "2025-10-11T09:00:00+00:00" },
    ]);
  });

  it("in a shallow clone, a file added before the boundary is undated, one added after is dated", async () => {
    const clone = `${root}/shallow clone`;
    execFileSync("git", ["clone", "-q", "--bare", "--shallow-since=2025-09-15", `file://${dir}`, clone]);
    const files = await datedConfigFiles(clone, PATTERNS);
    expect(files.find((file) => file.path === "CLAUDE.md")).toMatchObject({ addedSha: null, addedAt: null });
    expect(files.find((file) => file.path === "docs/CLAUDE.md")).toMatchObject({ addedSha: sha.docsMerge });
    expect(files.find((file) => file.path === ".cursor/rules/a.mdc")).toBeUndefined();
    // The scan reads the boundary once, when it opens the clone, and dates the same way.
    const repository = await openGitRepository(clone, { cacheDir: `${root}/cache` });
    expect(repository.shallow).toBe(true);
    expect(repository.shallowCommits.size).toBeGreaterThan(0);
    const window = await readGitWindow(repository.dir, { since: new Date("2025-09-15T00:00:00Z"), shallowCommits: repository.shallowCommits });
    // (The scan asks with the catalog's globs: compare the files both lists hold.)
    for (const path of ["CLAUDE.md", "docs/CLAUDE.md"]) {
      expect(window.configFiles.find((file) => file.path === path)).toEqual(files.find((file) => file.path === path));
    }
  });

  it("lists HEAD's tree once: its config paths, and whether a .gitattributes is there to read", async () => {
    expect(await readHeadTree(dir, PATTERNS)).toEqual({ configPaths: [".claude/settings.json", "CLAUDE.md", "docs/CLAUDE.md"], hasGitattributes: false });
    expect(await readHeadGitattributes(dir)).toBeNull();
    const attributed = initRepo(`${root}/attributed`);
    commitAt(attributed, "2025-11-01T09:00:00Z", "attributes", { ".gitattributes": "vendor/** linguist-vendored\n", "vendor/CLAUDE.md": "v" });
    expect(await readHeadTree(attributed, PATTERNS)).toEqual({ configPaths: ["vendor/CLAUDE.md"], hasGitattributes: true });
    expect(await readHeadGitattributes(attributed)).toBe("vendor/** linguist-vendored\n");
    const empty = initRepo(`${root}/empty`);
    expect(await readHeadTree(empty, PATTERNS)).toEqual({ configPaths: [], hasGitattributes: false });
    expect(await readHeadGitattributes(empty)).toBeNull();
  });

  it("survives non-UTF-8 file names (listed, undated: no literal path can name them)", async () => {
    const odd = initRepo(`${root}/odd names`);
    const latin1Dir = Buffer.from("caf\xe9/CLAUDE.md", "latin1");
    fastImport(odd, [{ author: PERSON, committer: PERSON, message: "odd", parents: [], files: [{ path: latin1Dir, content: "x" }] }]);
    const files = await datedConfigFiles(odd, PATTERNS);
    expect(files).toHaveLength(1);
    expect(files[0]).toEqual({ path: "caf\uFFFD/CLAUDE.md", addedSha: null, addedAt: null });
  });
});

describe("config files dated from the window's own log", () => {
  let root: string;
  let dir: string;
  const sha: Record<string, string> = {};
  beforeAll(() => {
    root = tempDir();
    dir = initRepo(`${root}/one pass`);
    sha.agentsAdd = commitAt(dir, "2025-02-01T09:00:00Z", "add AGENTS.md", { "AGENTS.md": "a", "src/a.ts": "1" });
    sha.oldRuleAdd = commitAt(dir, "2025-03-01T09:00:00Z", "add a rule", { ".cursor/rules/old.mdc": "o" });
    commitAt(dir, "2025-04-01T09:00:00Z", "unrelated", { "src/b.ts": "2" });
    // In the window: a rename (a delete and an add: rename detection would read blobs), a file
    // in a subfolder, a file that comes, goes and comes back, and a removal.
    git(dir, ["mv", ".cursor/rules/old.mdc", ".cursor/rules/new.mdc"]);
    sha.rename = commitAt(dir, "2025-10-02T09:00:00Z", "rename the rule");
    sha.nestedAdd = commitAt(dir, "2025-10-03T09:00:00Z", "nested", { "packages/app/CLAUDE.md": "n" });
    commitAt(dir, "2025-10-04T09:00:00Z", "first claude", { "CLAUDE.md": "1" });
    commitAt(dir, "2025-10-05T09:00:00Z", "drop claude", { "CLAUDE.md": null });
    sha.claudeReadd = commitAt(dir, "2025-10-06T09:00:00Z", "claude again", { "CLAUDE.md": "2" });
    commitAt(dir, "2025-10-07T09:00:00Z", "edit claude", { "CLAUDE.md": "3", "src/a.ts": "3" });
  });
  afterAll(() => removeDir(root));

  it("dates re-added, renamed and nested files by their newest add; older adds by a walk below the window", async () => {
    expect(await datedConfigFiles(dir, PATTERNS)).toEqual([
      { path: ".cursor/rules/new.mdc", addedSha: sha.rename, addedAt: "2025-10-02T09:00:00+00:00" },
      { path: "AGENTS.md", addedSha: sha.agentsAdd, addedAt: "2025-02-01T09:00:00+00:00" },
      { path: "CLAUDE.md", addedSha: sha.claudeReadd, addedAt: "2025-10-06T09:00:00+00:00" },
      { path: "packages/app/CLAUDE.md", addedSha: sha.nestedAdd, addedAt: "2025-10-03T09:00:00+00:00" },
    ]);
  });

  it("agrees with git's own newest add per file", async () => {
    for (const file of (await datedConfigFiles(dir, PATTERNS))) {
      const newestAdd = git(dir, ["log", "-1", "--no-renames", "--diff-filter=A", "--format=%H", "HEAD", "--", file.path]).trim();
      expect(file.addedSha, file.path).toBe(newestAdd);
    }
  });

  it("an incremental read dates new files from the new commits and reads below the cursor only for unknown ones", async () => {
    const cursor = git(dir, ["rev-parse", "HEAD"]).trim();
    const geminiAdd = commitAt(dir, "2025-10-08T09:00:00Z", "gemini", { "GEMINI.md": "g" });
    const patterns = [...PATTERNS, "GEMINI.md"];
    const known = new Set(["AGENTS.md", "CLAUDE.md", ".cursor/rules/new.mdc"]);
    const files = await datedConfigFiles(dir, patterns, { stopAt: cursor, knownAdds: known });
    expect(files.find((f) => f.path === "GEMINI.md")).toMatchObject({ addedSha: geminiAdd });
    // Known: left undated (the store keeps its date); unknown (a pattern the catalog just gained): found below the cursor.
    expect(files.find((f) => f.path === "AGENTS.md")).toMatchObject({ addedSha: null });
    expect(files.find((f) => f.path === "packages/app/CLAUDE.md")).toMatchObject({ addedSha: sha.nestedAdd });
    git(dir, ["reset", "-q", "--hard", cursor]);
  });

  it("with nothing new, dates unknown files from HEAD down", async () => {
    const head = git(dir, ["rev-parse", "HEAD"]).trim();
    const files = await datedConfigFiles(dir, PATTERNS, { stopAt: head, knownAdds: new Set(["CLAUDE.md"]) });
    expect(files.map((f) => [f.path, f.addedSha])).toEqual([
      [".cursor/rules/new.mdc", sha.rename],
      ["AGENTS.md", sha.agentsAdd],
      ["CLAUDE.md", null],
      ["packages/app/CLAUDE.md", sha.nestedAdd],
    ]);
  });
});

describe("a file written on a branch is dated by the merge that brought it to the default branch", () => {
  let root: string;
  afterAll(() => removeDir(root));

  it("dates a file added below the window on a branch the window merges by the merge", async () => {
    root = tempDir();
    const dir = initRepo(`${root}/merged edge`);
    commitAt(dir, "2025-08-01T09:00:00Z", "base", { "README.md": "r" });
    git(dir, ["checkout", "-q", "-b", "side"]);
    const sideAdd = commitAt(dir, "2025-09-01T09:00:00Z", "side adds AGENTS.md", { "AGENTS.md": "a" });
    git(dir, ["checkout", "-q", "main"]);
    const mainAdd = commitAt(dir, "2025-09-15T09:00:00Z", "main adds CLAUDE.md", { "CLAUDE.md": "c" });
    commitAt(dir, "2025-10-02T09:00:00Z", "in the window", { "src/a.ts": "2" });
    git(dir, ["merge", "-q", "--no-ff", "-m", "Merge side", "side"], {
      GIT_AUTHOR_DATE: "2025-10-03T09:00:00Z",
      GIT_COMMITTER_DATE: "2025-10-03T09:00:00Z",
    });
    const merge = git(dir, ["rev-parse", "HEAD"]).trim();
    commitAt(dir, "2025-10-04T09:00:00Z", "after the merge", { "src/a.ts": "3" });
    const files = await datedConfigFiles(dir, PATTERNS);
    expect(files.map((file) => [file.path, file.addedSha, file.addedAt])).toEqual([
      ["AGENTS.md", merge, "2025-10-03T09:00:00+00:00"],
      ["CLAUDE.md", mainAdd, "2025-09-15T09:00:00+00:00"],
    ]);
    expect(sideAdd).not.toBe(merge);
  });
});
