// The picture issue 16's researcher recorded from 55 public Go repositories, kept as a test of the
// report: 21 active repositories in October 2025, 2 with agent activity (9.5%, 95% CI 2.7–28.9%);
// 13 active in August 2026, 8 with agent activity (61.5%, 35.5–82.3%). The store is filled through
// its write API with that many repositories, and the report must print those figures.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportFigures } from "../../src/publish/report/index.js";
import { recordScan, type ObservedCommit, type RepositoryFacts } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

let database: TestDatabase;

/** [active repositories, of which with agent activity] per month, as observed. */
const observed: Record<string, [number, number]> = { "2025-10": [21, 2], "2026-08": [13, 8] };

function facts(index: number): RepositoryFacts {
  return {
    githubId: 5000 + index,
    host: "github.com",
    owner: "gosample",
    name: `module-${index}`,
    url: `https://github.com/gosample/module-${index}`,
    visibility: "public",
    fork: false,
    archived: false,
    stars: 10,
    language: "Go",
    createdAt: new Date("2020-01-01T00:00:00Z"),
    pushedAt: new Date("2026-08-30T00:00:00Z"),
    defaultBranch: "main",
  };
}

function commit(index: number, month: string, agent: boolean): ObservedCommit {
  return {
    sha: `${index}${month.replace("-", "")}`.padEnd(40, "a"),
    committedAt: new Date(`${month}-15T12:00:00Z`),
    isMerge: false,
    evidence: agent ? [{ agent: "claude-code", kind: "trailer", strength: "strong", matched: "Co-Authored-By: Claude <noreply@anthropic.com>" }] : [],
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  // 25 repositories: the first 21 active in October (2 with an agent trailer), the first 13 active in
  // August (8 with one), so the same repositories appear in both months, as in a real sample.
  for (let index = 0; index < 25; index += 1) {
    const commits: ObservedCommit[] = [];
    for (const [month, [active, withAgent]] of Object.entries(observed)) {
      if (index < active) commits.push(commit(index, month, index < withAgent));
    }
    await recordScan(database, {
      repo: facts(index),
      tracking: {},
      window: { since: new Date("2025-10-01T00:00:00Z") },
      mode: "window",
      head: commits.at(-1)?.sha ?? null,
      commits,
      configFiles: [],
      pullRequests: [],
      cost: { graphqlPoints: 0, httpRequests: 0 },
      startedAt: new Date("2026-09-01T00:00:00Z"),
      finishedAt: new Date("2026-09-01T00:00:01Z"),
    });
  }
});

afterAll(async () => {
  await database.cleanup();
});

describe("the report over issue 16's 55 Go repositories", () => {
  it("prints 9.5% (2.7–28.9%) in October 2025 and 61.5% (35.5–82.3%) in August 2026", async () => {
    const figures = await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-10", to: "2026-08", now: new Date("2026-09-02T00:00:00Z") });
    const month = (name: string) => figures.months.find((row) => row.month === name)!;
    const percent = (value: number) => (value * 100).toFixed(1);
    const october = month("2025-10");
    expect([october.activeRepos, october.withAgent.any.count]).toEqual([21, 2]);
    expect([october.withAgent.any.share, ...october.withAgent.any.ci95!].map((v) => percent(v!))).toEqual(["9.5", "2.7", "28.9"]);
    const august = month("2026-08");
    expect([august.activeRepos, august.withAgent.any.count]).toEqual([13, 8]);
    expect([august.withAgent.any.share, ...august.withAgent.any.ci95!].map((v) => percent(v!))).toEqual(["61.5", "35.5", "82.3"]);
  });
});
