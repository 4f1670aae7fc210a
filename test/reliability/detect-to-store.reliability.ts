// Whatever the detector accepts, the store must be able to keep: hostile commit messages and
// pull requests (NULs, lone surrogates, 200-character cuts through an emoji) are classified and
// recorded; every write succeeds and the agent commit is counted. A NUL that Postgres refuses
// would otherwise fail a hostile repository's scan on every retry.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyCommit, classifyPullRequest } from "../../src/detect/index.js";
import { recordScan, repoTimeline, type RepositoryFacts } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { recordFigures } from "./support/figures.js";
import { hostileText } from "./support/hostile-text.js";

const AREA = "detection fuzz";
const RUNS = 60;

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.cleanup();
});

const repo = (id: number): RepositoryFacts => ({ githubId: 6_000_000 + id, host: "github.com", owner: "fuzz", name: `repo-${id}`, visibility: "public", fork: false, archived: false, stars: 0, language: null, createdAt: null, pushedAt: null, defaultBranch: "main" });

/** Agent trailers and markers with hostile text inside the name or after the marker. */
const hostileEvidenceLine = fc.oneof(
  fc.tuple(hostileText(4), fc.constantFrom("\u0000", "\ud800", "🤖".repeat(120), "\u0000\u0000")).map(([noise, poison]) => `Co-authored-by: Claude ${noise}${poison} <noreply@anthropic.com>`),
  fc.tuple(fc.integer({ min: 150, max: 230 }), fc.constantFrom("🤖", "😀", "\ud83d")).map(([pad, emoji]) => `Co-authored-by: ${"A".repeat(pad)}${emoji.repeat(20)} <noreply@anthropic.com>`),
  hostileText(3).map((noise) => `🤖 Generated with [Claude Code](https://claude.ai/code) ${noise}\u0000`),
);

describe("detector output the store can keep", () => {
  it("records every hostile commit's evidence and counts it", async () => {
    const samples = fc.sample(hostileEvidenceLine, { numRuns: RUNS, seed: 80 });
    const failures: string[] = [];
    let counted = 0;
    for (const [index, line] of samples.entries()) {
      const person = { name: "Dev", email: "dev@example.org", date: "2026-01-05T00:00:00Z" };
      const sha = index.toString(16).padStart(40, "c");
      const verdict = classifyCommit({ sha, parents: [], author: person, committer: person, message: `Fix\n\n${line}` });
      const pr = classifyPullRequest({ number: index + 1, authorLogin: null, headRef: `claude/fix-${index}`, title: line, body: line, createdAt: "2026-01-05T00:00:00Z" });
      if (verdict.agents.length === 0) continue; // the hostile text hid the trailer: nothing to keep
      try {
        await recordScan(database, {
          repo: repo(index),
          tracking: {},
          window: { since: new Date("2025-10-01T00:00:00Z") },
          mode: "window",
          head: sha,
          commits: [{ sha, committedAt: new Date("2026-01-05T00:00:00Z"), isMerge: false, evidence: verdict.evidence }],
          configFiles: null,
          pullRequests: pr.evidence.length > 0 ? [{ number: index + 1, createdAt: new Date("2026-01-05T00:00:00Z"), mergedAt: null, state: "open", headRef: `claude/fix-${index}`, authorLogin: null, evidence: pr.evidence }] : [],
          cost: { graphqlPoints: 0, httpRequests: 0 },
          startedAt: new Date(),
          finishedAt: new Date(),
        });
        const timeline = await repoTimeline(database, { githubId: 6_000_000 + index });
        if (timeline?.months[0]?.agentCommits === 1) counted += 1;
        else failures.push(`${JSON.stringify(line.slice(0, 80))}: stored but not counted`);
      } catch (error) {
        failures.push(`${JSON.stringify(line.slice(0, 80))}: ${(error as Error).message.split("\n")[0]?.slice(0, 120)} (cause: ${String((error as { cause?: unknown }).cause).slice(0, 120)})`);
      }
    }
    recordFigures(AREA, "hostile evidence into the store", { badInputsTried: samples.length, recordsLost: failures.length });
    expect(counted).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});
