// Changes with their uncertainty: the headline claims "rose", "fell" or "more than doubled" only
// when the 95% interval says so. Figures from issue 17 (0 of 14 vs 4 of 8) and from issue 16's run
// over 55 real Go repositories (2 of 21 in Oct 2025 vs 8 of 13 in Aug 2026).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapRatio, katzRatio, newcombeDifference } from "../../src/publish/figures/intervals.js";
import { formatTimes, judgeComparison, type CompareEnd } from "../../src/publish/figures/compare.js";
import { buildReportFigures, parseCompare } from "../../src/publish/report/index.js";
import { InvalidMonthRangeError } from "../../src/publish/errors.js";
import { pairedMonthStates, proportion, recordScan, type Database, type PairedMonthState } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

const end = (month: string, count: number, activeRepos: number): CompareEnd => { const { share, ci95 } = proportion(count, activeRepos); return { month, count, activeRepos, share, ci95 }; };

describe("the intervals", () => {
  it("Newcombe's hybrid score interval matches his published example (56/70 − 48/80: 0.0524 to 0.3339)", () => {
    const d = newcombeDifference({ count: 48, total: 80 }, { count: 56, total: 70 });
    expect(d.estimate).toBeCloseTo(0.2, 10);
    expect(d.ci95[0]).toBeCloseTo(0.0524, 4);
    expect(d.ci95[1]).toBeCloseTo(0.3339, 4);
  });

  it("Katz's log interval brackets the ratio and needs both counts above zero", () => {
    const r = katzRatio({ count: 100, total: 1000 }, { count: 250, total: 1000 })!;
    expect(r.ci95[0]).toBeLessThan(2.5);
    expect(r.ci95[1]!).toBeGreaterThan(2.5);
    expect(r.ci95[0]).toBeGreaterThan(2); // 10% → 25% over 1,000 repositories each: more than doubled
    expect(katzRatio({ count: 0, total: 14 }, { count: 4, total: 8 })).toBeNull();
  });

  it("the bootstrap is reproducible with its seed and moves with another", () => {
    const states: PairedMonthState[] = [
      { from: "agent", to: "agent", repos: 2 },
      { from: "active", to: "agent", repos: 6 },
      { from: "active", to: "active", repos: 2 },
      { from: "active", to: "inactive", repos: 11 },
      { from: "inactive", to: "active", repos: 3 },
    ];
    const a = bootstrapRatio(states, 42);
    expect(bootstrapRatio(states, 42)).toEqual(a);
    expect(bootstrapRatio(states, 43).ci95).not.toEqual(a.ci95);
    expect(a).toMatchObject({ method: "bootstrap", replicates: 2000, seed: 42 });
  });
});

describe("the verdict", () => {
  it("0 of 14 vs 4 of 8 claims no change: too few active repositories to tell", () => {
    const c = judgeComparison(end("2025-10", 0, 14), end("2026-08", 4, 8), null);
    expect(c.verdict).toBe("too few to tell");
    expect(c.sentence).toBe(
      "The share of active projects with agent activity was 0.0% (0 of 14) in Oct 2025 and 50.0% (4 of 8) in Aug 2026: " +
        "too few active repositories to tell whether it changed (n = 14 and 8).",
    );
    expect(c.sentence).not.toMatch(/rose|fell|doubled|went from/);
    // The difference and its interval are still published beside the verdict.
    expect(c.difference!.estimate).toBeCloseTo(0.5, 10);
  });

  it("a change whose interval includes zero is not claimed, however many repositories", () => {
    const c = judgeComparison(end("2025-10", 50, 500), end("2026-08", 60, 500), null);
    expect(c.difference!.ci95[0]).toBeLessThan(0);
    expect(c.verdict).toBe("too few to tell");
    expect(c.reason).toContain("includes zero");
  });

  it("a clear fall says fell; a clear rise below ×2 says rose", () => {
    expect(judgeComparison(end("2025-10", 300, 1000), end("2026-08", 200, 1000), null).verdict).toBe("fell");
    const rose = judgeComparison(end("2025-10", 200, 1000), end("2026-08", 300, 1000), null);
    expect(rose.verdict).toBe("rose");
    expect(rose.sentence).toMatch(/^The share of active projects with agent activity rose from 20\.0% \(200 of 1,000\) in Oct 2025 to 30\.0% \(300 of 1,000\) in Aug 2026 \(\+10\.0 points, 95% CI \+6\.\d to \+13\.\d\)\.$/);
  });

  it("a month without an active repository has no difference to claim", () => {
    const c = judgeComparison(end("2025-10", 3, 30), end("2026-08", 0, 0), null);
    expect(c.difference).toBeNull();
    expect(c.verdict).toBe("too few to tell");
    expect(c.sentence).toContain("no share in Aug 2026 (no active repository)");
  });
});

// Issue 16's run: 21 repositories active in Oct 2025 (2 with agent activity), 13 in Aug 2026 (8).
// Ten of October's repositories are still active in August, three new ones joined.
async function seedIssue16(database: Database): Promise<void> {
  for (let i = 1; i <= 24; i += 1) {
    const months: Array<{ month: string; agent: boolean }> = [];
    if (i <= 21) months.push({ month: "2025-10", agent: i <= 2 });
    if (i <= 10 || i >= 22) months.push({ month: "2026-08", agent: i <= 8 });
    const commits = months.map(({ month, agent }, n) => ({
      sha: `${String(i).padStart(4, "0")}${month.replace("-", "")}${n}`.padEnd(40, "0"),
      committedAt: new Date(`${month}-10T12:00:00Z`),
      isMerge: false,
      evidence: agent ? [{ agent: "claude-code", kind: "trailer" as const, strength: "strong" as const, matched: "Co-Authored-By: Claude <noreply@anthropic.com>" }] : [],
    }));
    await recordScan(database, {
      repo: { githubId: 5000 + i, host: "github.com", owner: "go-sample", name: `repo-${i}`, visibility: "public", fork: false, archived: false, stars: 60, language: "Go", createdAt: null, pushedAt: null, defaultBranch: "main" },
      tracking: {},
      window: { since: new Date("2025-01-01T00:00:00Z") },
      mode: "window",
      head: commits.at(-1)!.sha,
      commits,
      configFiles: [],
      pullRequests: [],
      cost: { graphqlPoints: 0, httpRequests: 0 },
      startedAt: new Date("2026-09-01T00:00:00Z"),
      finishedAt: new Date("2026-09-01T00:00:01Z"),
    });
  }
}

describe("a report's headline over issue 16's figures", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedIssue16(database);
  });
  afterAll(async () => database?.cleanup());

  it("the repositories' paired states recount the stored rows", async () => {
    const states = await pairedMonthStates(database, { scope: { kind: "public" }, from: "2025-10", to: "2026-08" });
    const count = (from: string, to: string) => states.find((s) => s.from === from && s.to === to)?.repos ?? 0;
    expect(count("agent", "agent")).toBe(2);
    expect(count("active", "agent")).toBe(6);
    expect(count("active", "active")).toBe(2);
    expect(count("active", "inactive")).toBe(11);
    expect(count("inactive", "active")).toBe(3);
    expect(states.reduce((sum, s) => sum + s.repos, 0)).toBe(24);
  });

  it("compares the first and last month with data by default and claims the rise its intervals support", async () => {
    const figures = await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-10", to: "2026-11", now: new Date("2026-12-01T00:00:00Z") });
    const c = figures.headline.comparison!;
    expect([c.from.month, c.to.month]).toEqual(["2025-10", "2026-08"]);
    expect(c.from.ci95![0]).toBeCloseTo(0.027, 3);
    expect(c.from.ci95![1]).toBeCloseTo(0.289, 3);
    expect(c.to.ci95![0]).toBeCloseTo(0.355, 3);
    expect(c.to.ci95![1]).toBeCloseTo(0.823, 3);
    expect(c.difference!.estimate).toBeCloseTo(8 / 13 - 2 / 21, 10);
    expect(c.difference!.ci95[0]).toBeCloseTo(0.196, 2);
    expect(c.difference!.ci95[1]).toBeCloseTo(0.739, 2);
    expect(c.ratio).toMatchObject({ method: "bootstrap", seed: 1, replicates: 2000 });
    expect(c.ratio!.estimate).toBeCloseTo((8 / 13) / (2 / 21), 10);
    // The verdict follows the intervals: "more than doubled" only if the ratio's lower bound passes ×2.
    // Resampling repositories, the first month's 2 agent repositories can vanish: the upper bound is unbounded.
    expect(c.ratio!.ci95[0]).toBeGreaterThan(2);
    expect(c.ratio!.ci95[1]).toBeNull();
    expect(c.verdict).toBe("more than doubled");
    expect(figures.headline.sentence).toBe(c.sentence);
    expect(figures.headline.sentence).toBe(
      `The share of active projects with agent activity more than doubled from 9.5% (2 of 21) in Oct 2025 to 61.5% (8 of 13) in Aug 2026 (×6.5, 95% CI ${formatTimes(c.ratio!.ci95[0])}–∞).`,
    );
  });

  it("a higher --min-active turns the same figures into too few to tell", async () => {
    const figures = await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-10", to: "2026-11", minActive: 20 });
    expect(figures.headline.comparison!.verdict).toBe("too few to tell");
    expect(figures.headline.sentence).toContain("too few active repositories to tell whether it changed (n = 21 and 13)");
  });

  it("--compare picks the months; the same seed gives the same interval", async () => {
    const a = await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-01", to: "2026-12", compare: parseCompare("2025-10:2026-08"), seed: 7 });
    const b = await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-01", to: "2026-12", compare: parseCompare("2025-10:2026-08"), seed: 7 });
    expect(a.headline.comparison!.ratio!.ci95).toEqual(b.headline.comparison!.ratio!.ci95);
    expect(a.headline.comparison!.ratio!.seed).toBe(7);
    expect(() => parseCompare("2026-08:2025-10")).toThrow(InvalidMonthRangeError);
    expect(() => parseCompare("2025-10")).toThrow(InvalidMonthRangeError);
  });
});
