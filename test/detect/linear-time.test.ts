// The detector must not stall on huge or hostile input. Rather than timing one run against a
// wall-clock budget, compare how the cost grows: linear work grows ~8× when the input does,
// catastrophic backtracking grows ≥64×. The bound sits between the two (a loaded machine's GC and
// scheduling have pushed a linear case to 35×; a quadratic one cannot stay under 64×).
import { describe, expect, it } from "vitest";
import { classifyCommit, classifyPullRequest, classifyPaths } from "../../src/detect/index.js";
import type { CommitInput } from "../../src/detect/types.js";

const person = { name: "A", email: "a@example.org", date: "2026-01-01T00:00:00Z" };
const commit = (message: string): CommitInput => ({ sha: "c".repeat(40), parents: [], author: person, committer: person, message });

function secondsFor(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 5; attempt++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best / 1000;
}

const hostile: Record<string, (size: number) => string> = {
  "one long line of trailer keys": (size) => "Co-authored-by: ".repeat(size / 16),
  "many trailer lines without an address": (size) => "Co-authored-by: Claude <noreply@anthropic.com\n".repeat(size / 46),
  "repeated marker openings": (size) => "🤖 Generated with [Claude Code](https://claude.ai/code".repeat(size / 54),
  "a marker line padded with spaces": (size) => `Generated with [Claude Code](${" ".repeat(size)}`,
  "nested brackets and angle brackets": (size) => "<[(<[(".repeat(size / 6),
  "repeated link openings": (size) => "https://claude.ai/code/session_https://ampcode.com/threads/T-".repeat(size / 62),
  "links glued together without spaces": (size) => "https://chatgpt.com/codex/tasks/task_e_".repeat(size / 40),
  "tool-naming trailers of every agent": (size) => "Assisted-by: Crush via crush Claude Code claude-code/x\n".repeat(size / 54),
  "random printable text": (size) => Array.from({ length: size }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 95))).join(""),
};

describe("classification runs in linear time", () => {
  for (const [name, make] of Object.entries(hostile)) {
    it(`on ${name} (128 KB vs 1 MB)`, () => {
      const small = make(128 * 1024);
      const large = make(1024 * 1024);
      // Warm up the JIT, and flatten both inputs (String.repeat builds a rope that the first
      // read flattens, a one-off cost that is not the classifier's).
      classifyCommit(commit(small));
      classifyCommit(commit(large));
      const growth = secondsFor(() => classifyCommit(commit(large))) / Math.max(secondsFor(() => classifyCommit(commit(small))), 1e-4);
      expect(growth, `cost grew ${growth.toFixed(1)}× for 8× the input`).toBeLessThan(48);
      const prGrowth =
        secondsFor(() => classifyPullRequest({ number: 1, authorLogin: null, headRef: large.slice(0, 1000), title: "", body: large, createdAt: "2026-01-01T00:00:00Z" })) /
        Math.max(secondsFor(() => classifyPullRequest({ number: 1, authorLogin: null, headRef: small.slice(0, 1000), title: "", body: small, createdAt: "2026-01-01T00:00:00Z" })), 1e-4);
      expect(prGrowth).toBeLessThan(48);
    });
  }

  it("classifies a 1 MB message with 20,000 trailers and still finds the agent", () => {
    const trailers = Array.from({ length: 20_000 }, (_, i) => `Co-authored-by: Person ${i} <p${i}@example.org>`).join("\n");
    const verdict = classifyCommit(commit(`Squash\n\n${trailers}\nCo-authored-by: Claude <noreply@anthropic.com>`));
    expect(verdict.agents).toEqual(["claude-code"]);
  });

  it("classifies 100,000 paths with deep folders", () => {
    const paths = Array.from({ length: 100_000 }, (_, i) => `${"deep/".repeat(i % 40)}file-${i}.ts`);
    paths.push("a/b/c/CLAUDE.md");
    expect(classifyPaths(paths).evidence.map((e) => e.agent)).toEqual(["claude-code"]);
  });
});
