import { describe, expect, it } from "vitest";
import { catalog } from "../../src/agents/catalog.js";
import { classifyCommit, compiledCatalog } from "../../src/detect/index.js";
import type { CommitInput } from "../../src/detect/types.js";
import { loadFixture } from "../support/fixtures.js";

const DATE = "2026-01-02T03:04:05+01:00";
const human = { name: "Ada Example", email: "ada@example.org", date: DATE };
const commit = (message: string, overrides: Partial<CommitInput> = {}): CommitInput => ({
  sha: "a".repeat(40),
  parents: ["b".repeat(40)],
  author: human,
  committer: human,
  message,
  ...overrides,
});

describe("classifyCommit", () => {
  it("reads trailer keys case-insensitively", () => {
    for (const key of ["Co-Authored-By", "co-authored-by", "CO-AUTHORED-BY", "Co-authored-by"]) {
      expect(classifyCommit(commit(`Fix\n\n${key}: Claude <noreply@anthropic.com>`)).agents).toEqual(["claude-code"]);
    }
  });

  it("handles CRLF line endings and trailing whitespace", () => {
    const message = "Fix the build\r\n\r\n🤖 Generated with [Claude Code](https://claude.ai/code)\r\n\r\nCo-Authored-By: Claude <noreply@anthropic.com>  \r\n";
    const verdict = classifyCommit(commit(message));
    expect(verdict.agents).toEqual(["claude-code"]);
    expect(verdict.evidence.map((e) => e.kind).sort()).toEqual(["marker", "trailer"]);
    expect(verdict.evidence.every((e) => !e.matched.includes("\r"))).toBe(true);
  });

  it("matches model-name variants by address, not by a list of models", () => {
    for (const name of ["Claude Opus 4.6 (1M context)", "Claude Sonnet 4.6", "Claude Fable 5", "Claude Opus 7 [beta]"]) {
      expect(classifyCommit(commit(`Fix\n\nCo-Authored-By: ${name} <noreply@anthropic.com>`)).agents).toEqual(["claude-code"]);
    }
  });

  it("keeps unicode names and messages intact", () => {
    const message = "修复: 处理 ünïcödé 🥪\n\nCo-authored-by: Max Paulus 🥪 <max@example.org>\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>";
    const verdict = classifyCommit(commit(message, { author: { ...human, name: "Zoë Ñandú 🦀" } }));
    expect(verdict.agents).toEqual(["cursor"]);
  });

  it("finds every agent in a squash-merge body with many trailers (real cline/cline commit)", () => {
    const fixture = loadFixture("cline__cline");
    const squash = fixture.commits.find((c) => c.sha === "1de61b178aec844e0aa362474274ccbf6acf9403");
    expect(squash).toBeDefined();
    expect(classifyCommit(squash!).agents).toEqual(["claude-code", "cursor"]);
  });

  it("does not count prose that mentions an agent or its trailer", () => {
    const messages = [
      "feat: add co-authored-by commit attribution",
      "docs: CLAUDE.md says never add Co-Authored-By: Claude <noreply@anthropic.com>",
      "Support the Generated with [Claude Code](https://claude.ai/code) footer in the changelog parser",
      "chore: try Cursor and Copilot for a week",
    ];
    for (const message of messages) expect(classifyCommit(commit(message)).evidence, message).toEqual([]);
  });

  it("does not count human co-authors or look-alike names", () => {
    const message = [
      "Pair programming",
      "",
      "Co-authored-by: Devin Smith <devin@example.com>",
      "Co-authored-by: Claude Monet <claude@monet.example>",
      "Co-authored-by: Jules Verne <161369871+jules@users.noreply.github.com.evil>",
      "Co-authored-by: Cursor Fan <cursoragent@cursor.com.example>",
    ].join("\n");
    const verdict = classifyCommit(commit(message, { author: { ...human, name: "Devin Jones", email: "devin@devin.example" } }));
    expect(verdict.evidence).toEqual([]);
  });

  it("does not count release and dependency bots", () => {
    for (const bot of [
      { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" },
      { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com" },
      { name: "gemini-cli-robot", email: "gemini-cli-robot@google.com" },
      { name: "renovate[bot]", email: "29139614+renovate[bot]@users.noreply.github.com" },
    ]) {
      expect(classifyCommit(commit("chore(deps): bump", { author: { ...bot, date: DATE } })).evidence).toEqual([]);
    }
  });

  it("tells the Copilot coding agent from Copilot code review by the account id", () => {
    const agent = classifyCommit(commit("Fix\n\nCo-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>"));
    const review = classifyCommit(commit("Apply suggestion from @Copilot\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>"));
    expect(agent.agents).toEqual(["copilot"]);
    expect(review.agents).toEqual(["copilot-review"]);
  });

  it("reports VS Code's Copilot co-author as weak evidence only", () => {
    const verdict = classifyCommit(commit("Fix\n\nCo-authored-by: Copilot <copilot@github.com>"));
    expect(verdict.agents).toEqual([]);
    expect(verdict.weakAgents).toEqual(["copilot"]);
  });

  it("detects agents by author and committer identity, with the login when a source has it", () => {
    const bot = { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com", date: DATE, login: "Copilot" };
    expect(classifyCommit(commit("Initial plan", { author: bot })).agents).toEqual(["copilot"]);
    const aider = { name: "Ada Example (aider)", email: "ada@example.org", date: DATE };
    const verdict = classifyCommit(commit("fix: typo", { author: aider, committer: aider }));
    expect(verdict.agents).toEqual(["aider"]);
    expect(verdict.evidence.every((e) => !e.matched.includes("ada@example.org"))).toBe(true);
  });

  it("treats aider's subject prefix only on the first line", () => {
    expect(classifyCommit(commit("aider: fix: handle empty input")).agents).toEqual(["aider"]);
    expect(classifyCommit(commit("Release notes\n\naider: fix: handle empty input")).agents).toEqual([]);
  });

  it("never reports a NUL, which Postgres text cannot store", () => {
    const verdict = classifyCommit(commit("Fix\n\nCo-authored-by: Claude \u0000 <noreply@anthropic.com>"));
    expect(verdict.agents).toEqual(["claude-code"]);
    expect(verdict.evidence.every((e) => !e.matched.includes("\u0000"))).toBe(true);
  });

  it("caps the matched text and never reports a human's address", () => {
    const long = `Co-authored-by: Claude ${"x".repeat(500)} <noreply@anthropic.com>`;
    const verdict = classifyCommit(commit(`Fix\n\n${long}\nCo-authored-by: Ada <ada@example.org>`));
    expect(verdict.agents).toEqual(["claude-code"]);
    for (const item of verdict.evidence) {
      expect(item.matched.length).toBeLessThanOrEqual(200);
      expect(item.matched).not.toContain("ada@example.org");
    }
  });
});

describe("a catalog of one's own", () => {
  it("classifies with only its entries, compiled once", () => {
    const claudeOnly = catalog.filter((entry) => entry.id === "claude-code");
    const dated = { name: "Dev", email: "dev@example.com", date: "2026-01-01T00:00:00Z" };
    const commit: CommitInput = {
      sha: "c".repeat(40),
      parents: [],
      author: dated,
      committer: dated,
      message: "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n",
    };
    expect(classifyCommit(commit, claudeOnly).agents).toEqual(["claude-code"]);
    expect(compiledCatalog(claudeOnly)).toBe(compiledCatalog(claudeOnly));
    expect(classifyCommit(commit).agents).toEqual(expect.arrayContaining(["claude-code", "cursor"]));
  });
});
