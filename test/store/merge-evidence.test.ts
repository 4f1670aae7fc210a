// A merge commit's own message can carry agent evidence its merged commits do not (a pull
// request's description kept in the merge message; 11 such merges in ghostty). It marks the
// repository's agent activity in the merge's month, through scans and pushes alike, and never
// adds a commit or an agent commit to any count.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { monthlyShare, recordPush, recordScan, repoTimeline } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan } from "./builders.js";

const marker = { agent: "claude-code", kind: "marker", strength: "strong", matched: "🤖 Generated with [Claude Code](https://claude.com/claude-code)" } as const;

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase({ classOf });
});
afterEach(async () => {
  await database.cleanup();
});

async function august() {
  const [row] = await monthlyShare(database, { scope: { kind: "public" }, from: "2026-08", to: "2026-08" });
  return row!;
}

describe("a merge commit's own agent evidence", () => {
  it("makes the repository agent-active in the merge's month through a scan, counting no commit", async () => {
    const repo = repoFacts({ githubId: 1 });
    await recordScan(
      database,
      scan(repo, [
        commit("a".repeat(40), "2026-08-03T10:00:00Z"),
        commit("b".repeat(40), "2026-08-04T10:00:00Z"),
        commit("c".repeat(40), "2026-08-05T10:00:00Z", [marker], true),
      ]),
    );
    const row = await august();
    expect(row.activeRepos).toBe(1);
    expect(row.withAgent.any.count).toBe(1);
    expect(row.withAgent.commit.count).toBe(1);
    const timeline = await repoTimeline(database, { githubId: 1 });
    expect(timeline?.months.find((m) => m.month === "2026-08")).toMatchObject({ commits: 2, agentCommits: 0 });
  });

  it("does the same when the merge arrives in a push", async () => {
    const repo = repoFacts({ githubId: 2 });
    const first = commit("d".repeat(40), "2026-08-03T10:00:00Z");
    await recordScan(database, scan(repo, [first]));
    expect((await august()).withAgent.any.count).toBe(0);
    const merge = commit("e".repeat(40), "2026-08-06T10:00:00Z", [marker], true);
    await recordPush(database, { repo, before: first.sha, after: merge.sha, forced: false, commits: [merge] });
    const row = await august();
    expect(row.withAgent.any.count).toBe(1);
    expect((await repoTimeline(database, { githubId: 2 }))?.months.find((m) => m.month === "2026-08")).toMatchObject({ commits: 1, agentCommits: 0 });
  });

  it("a merge alone does not make a month active", async () => {
    const repo = repoFacts({ githubId: 3 });
    await recordScan(database, scan(repo, [commit("f".repeat(40), "2026-08-05T10:00:00Z", [marker], true)]));
    expect((await august()).activeRepos).toBe(0);
  });
});
