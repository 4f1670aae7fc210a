// Every signal in the catalog is tested with its own real example string, and every near miss
// is checked not to count. Adding an agent adds its tests here automatically.
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/agents/index.js";
import type { AgentEntry, IdentitySignal } from "../../src/agents/index.js";
import { classifyCommit, classifyPaths, classifyPullRequest, parseNameAndEmail } from "../../src/detect/index.js";
import type { CommitInput, Evidence } from "../../src/detect/types.js";

const DATE = "2026-03-04T05:06:07+00:00";
const human = { name: "Ada Example", email: "ada@example.org", date: DATE };

function commit(message: string, overrides: Partial<CommitInput> = {}): CommitInput {
  return { sha: "0".repeat(40), parents: ["1".repeat(40)], author: human, committer: human, message, ...overrides };
}

const isTrailer = (text: string) => /^co-authored-by:/i.test(text.trim());

function evidenceForIdentityExample(signal: IdentitySignal): Evidence[] {
  if (isTrailer(signal.example)) return classifyCommit(commit(`Fix the parser\n\n${signal.example}`)).evidence;
  const person = parseNameAndEmail(signal.example);
  if (!person) throw new Error(`identity example is neither a trailer nor "Name <email>": ${signal.example}`);
  const role = signal.roles?.[0] ?? "author";
  return classifyCommit(commit("Fix the parser", { [role]: { ...person, date: DATE } })).evidence;
}

function has(evidence: Evidence[], agent: string, strength: string, kind?: string): boolean {
  return evidence.some((e) => e.agent === agent && e.strength === strength && (!kind || e.kind === kind));
}

describe("the agent catalog", () => {
  it("holds at least 25 agents with unique ids, names, vendors, homepages and a class", () => {
    expect(catalog.length).toBeGreaterThanOrEqual(25);
    expect(new Set(catalog.map((entry) => entry.id)).size).toBe(catalog.length);
    for (const entry of catalog) {
      expect(entry.name.length).toBeGreaterThan(0);
      expect(entry.vendor.length).toBeGreaterThan(0);
      expect(entry.homepage).toMatch(/^https:\/\//);
      expect(["coding-agent", "review-assistant"]).toContain(entry.class);
    }
  });

  it("uses the agent ids of the labelled fixtures", () => {
    const ids = new Set(catalog.map((entry) => entry.id));
    const fixtureIds = [
      "claude-code", "copilot", "cursor", "codex", "devin", "jules", "aider", "openhands", "amp", "opencode",
      "factory", "cline", "gemini-cli", "copilot-review", "gemini-code-assist", "ellipsis", "greptile",
      "coderabbit", "agents-md", "windsurf", "roo-code", "junie", "kiro", "amazon-q", "goose", "zed", "mcp",
    ];
    for (const id of fixtureIds) expect(ids, id).toContain(id);
  });

  it("classes review assistants apart from coding agents", () => {
    const assistants = catalog.filter((entry) => entry.class === "review-assistant").map((entry) => entry.id);
    expect(assistants).toEqual(
      expect.arrayContaining(["copilot-review", "gemini-code-assist", "ellipsis", "greptile", "coderabbit"]),
    );
    expect(assistants).not.toContain("claude-code");
  });
});

describe.each(catalog.map((entry): [string, AgentEntry] => [entry.id, entry]))("catalog entry %s", (id, entry) => {
  for (const signal of entry.identities ?? []) {
    it(`identity example is detected: ${signal.example}`, () => {
      const evidence = evidenceForIdentityExample(signal);
      expect(has(evidence, id, signal.strength, isTrailer(signal.example) ? "trailer" : "identity"), JSON.stringify(evidence)).toBe(true);
    });
  }
  for (const signal of entry.markers ?? []) {
    it(`marker example is detected: ${signal.example}`, () => {
      const message = signal.firstLineOnly ? signal.example : `Add retries\n\nLonger body.\n\n${signal.example}`;
      expect(has(classifyCommit(commit(message)).evidence, id, signal.strength, "marker")).toBe(true);
    });
    if (!signal.firstLineOnly) {
      it(`marker in prose is not evidence: ${signal.example}`, () => {
        const message = `docs: explain why "${signal.example}" lines appear in our log`;
        expect(classifyCommit(commit(message)).evidence.filter((e) => e.agent === id)).toEqual([]);
      });
    }
  }
  for (const signal of entry.trailerKeys ?? []) {
    it(`trailer key example is detected: ${signal.example}`, () => {
      expect(has(classifyCommit(commit(`Refactor\n\n${signal.example}`)).evidence, id, signal.strength, "trailer")).toBe(true);
    });
  }
  const pr = { number: 7, title: "Fix", body: null, createdAt: DATE, headRef: "feature/x", authorLogin: "ada" };
  for (const author of entry.pullRequests?.authorLogins ?? []) {
    it(`pull request author example is detected: ${author.example}`, () => {
      expect(has(classifyPullRequest({ ...pr, authorLogin: author.example }).evidence, id, author.strength, "pr-author")).toBe(true);
    });
  }
  for (const branch of entry.pullRequests?.branchPrefixes ?? []) {
    it(`pull request branch example is detected: ${branch.example}`, () => {
      expect(has(classifyPullRequest({ ...pr, headRef: branch.example }).evidence, id, branch.strength, "pr-branch")).toBe(true);
    });
  }
  for (const marker of entry.pullRequests?.bodyMarkers ?? []) {
    it(`pull request body example is detected: ${marker.example}`, () => {
      const body = `## Summary\nFixes the bug.\n\n${marker.example}\n`;
      expect(has(classifyPullRequest({ ...pr, body }).evidence, id, marker.strength, "pr-body")).toBe(true);
    });
  }
  for (const signal of entry.configPaths ?? []) {
    it(`config path example is detected: ${signal.example}`, () => {
      const evidence = classifyPaths([signal.example]).evidence;
      expect(has(evidence, id, signal.strength, "config"), JSON.stringify(evidence)).toBe(true);
    });
  }
  for (const nearMiss of entry.nearMisses ?? []) {
    it(`near miss is not evidence of ${id}: ${nearMiss}`, () => {
      // A near miss written "Name <email>" is tried as the commit's author and committer too.
      const looksLikeIdentity = /^[^:<>]+<[^<>\s]+>$/.test(nearMiss.trim());
      const person = looksLikeIdentity ? parseNameAndEmail(nearMiss) : null;
      const asAuthor = person ? { ...person, date: DATE } : human;
      const evidence = [
        ...classifyCommit(commit(`Update docs\n\n${nearMiss}`, { author: asAuthor, committer: asAuthor })).evidence,
        ...classifyCommit(commit(nearMiss)).evidence,
        ...classifyPaths([nearMiss]).evidence,
        ...classifyPullRequest({ ...pr, body: nearMiss }).evidence,
      ];
      expect(evidence.filter((e) => e.agent === id)).toEqual([]);
    });
  }
});
