import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compilePathMatcher,
  datedConfigFiles,
  globsToPathspecs,
  openGitRepository,
  readHeadPaths,
} from "../../../src/sources/git/index.js";
import { configPathPatterns } from "../../../src/detect/index.js";
import { FIXTURES_DIR } from "../../support/fixtures.js";
import { fastImport } from "./fast-import.js";
import { commitAt, git, initRepo, removeDir, tempDir } from "./repo-helpers.js";

const PATTERNS = ["CLAUDE.md", "**/CLAUDE.md", "AGENTS.md", ".cursor/rules/**", ".claude/**"];
const SINCE = new Date("2025-10-01T00:00:00Z");
const PERSON = { name: "Test", email: "test@example.com", date: "2025-11-01T00:00:00Z" };

describe("config path globs select what git's own :(glob) pathspecs select", () => {
  let root: string;
  let dir: string;
  let paths: string[];
  beforeAll(() => {
    root = tempDir();
    dir = initRepo(`${root}/tree`);
    const real = ["cline__cline", "google-gemini__gemini-cli", "Aider-AI__aider"].flatMap((repo) =>
      readFileSync(join(FIXTURES_DIR, repo, "files.txt"), "utf8").split("\n").filter(Boolean),
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
    sha.rulesRemove = commitAt(dir, "2025-10-20T09:00:00Z", "drop rules", { ".cursor/rules/a.mdc": null });
    sha.settingsReadd = commitAt(dir, "2025-11-01T09:00:00Z", "settings again", { ".claude/settings.json": "{1}" });
    commitAt(dir, "2025-11-02T09:00:00Z", "touch CLAUDE.md", { "CLAUDE.md": "changed" });
  });
  afterAll(() => removeDir(root));

  it("dates present files by their (latest) adding commit and reports removals in the window", async () => {
    expect(await datedConfigFiles(dir, PATTERNS, { since: SINCE })).toEqual([
      { path: ".claude/settings.json", present: true, addedSha: sha.settingsReadd, addedAt: "2025-11-01T09:00:00+00:00", removedSha: null, removedAt: null },
      { path: ".cursor/rules/a.mdc", present: false, addedSha: sha.rulesAdd, addedAt: "2025-10-05T09:00:00-07:00", removedSha: sha.rulesRemove, removedAt: "2025-10-20T09:00:00+00:00" },
      { path: "CLAUDE.md", present: true, addedSha: sha.claudeAdd, addedAt: "2025-06-01T09:00:00+02:00", removedSha: null, removedAt: null },
      { path: "docs/CLAUDE.md", present: true, addedSha: sha.docsAdd, addedAt: "2025-10-10T09:00:00+00:00", removedSha: null, removedAt: null },
    ]);
  });

  it("without a window reports removals of any age", async () => {
    const files = await datedConfigFiles(dir, PATTERNS);
    expect(files.find((file) => file.path === "AGENTS.md")).toEqual({
      path: "AGENTS.md",
      present: false,
      addedSha: sha.agentsAdd,
      addedAt: "2025-03-01T09:00:00+01:00",
      removedSha: sha.agentsRemove,
      removedAt: "2025-05-01T09:00:00+01:00",
    });
  });

  it("in a shallow clone, a file added before the boundary is undated, one added after is dated", async () => {
    git(dir, ["config", "uploadpack.allowFilter", "true"]);
    const clone = await openGitRepository(`file://${dir}`, { cacheDir: `${root}/cache`, since: SINCE });
    expect(clone.shallow).toBe(true);
    const files = await datedConfigFiles(clone.dir, PATTERNS, { since: SINCE });
    expect(files.find((file) => file.path === "CLAUDE.md")).toMatchObject({ present: true, addedSha: null, addedAt: null });
    expect(files.find((file) => file.path === "docs/CLAUDE.md")).toMatchObject({ addedSha: sha.docsAdd });
    expect(files.find((file) => file.path === ".cursor/rules/a.mdc")).toMatchObject({ present: false, removedSha: sha.rulesRemove });
  });

  it("survives non-UTF-8 file names", async () => {
    const odd = initRepo(`${root}/odd names`);
    const latin1Dir = Buffer.from("caf\xe9/CLAUDE.md", "latin1");
    fastImport(odd, [{ author: PERSON, committer: PERSON, message: "odd", parents: [], files: [{ path: latin1Dir, content: "x" }] }]);
    const files = await datedConfigFiles(odd, PATTERNS);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: "caf\uFFFD/CLAUDE.md", present: true, addedAt: "2025-11-01T00:00:00+00:00" });
  });
});
