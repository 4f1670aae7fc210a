// Beyond the share: first seen, retention and intensity, per scope, in the report, the dashboard
// and the API — checked by hand on the seeded world and against a recount from the stored rows.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportFigures, writeReport } from "../../src/publish/report/index.js";
import type { AdoptionMeasures } from "../../src/publish/figures/measures.js";
import { addMonths } from "../../src/publish/format.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startPublicServer, type TestServer } from "./server.js";
import { cohortName, installationId, seedNow, seedPublishWorld } from "./seed.js";

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPublishWorld(database);
  server = await startPublicServer(database, { now: () => seedNow });
});

afterAll(async () => {
  await server?.close();
  await database?.cleanup();
});

const cohortReport = () => buildReportFigures(database, { scope: { kind: "cohort", name: cohortName }, from: "2025-10", to: "2026-02", now: seedNow });

/** The three measures recounted in plain code from the stored repo_months rows of a scope. */
async function recount(where: string, from: string, to: string): Promise<AdoptionMeasures> {
  const { rows } = await database.executeSql<{ repo_id: number; month: string; commits: number; agent_commits: number; agent: boolean }>(
    `SELECT rm.repo_id, to_char(rm.month, 'YYYY-MM') AS month, rm.commits, rm.agent_commits, (rm.coding_commit OR rm.coding_pr OR rm.coding_config) AS agent
     FROM repo_months rm JOIN repositories r ON r.id = rm.repo_id WHERE ${where}`,
  );
  const agentMonths = new Map<number, string[]>();
  for (const row of rows.filter((r) => r.agent)) agentMonths.set(row.repo_id, [...(agentMonths.get(row.repo_id) ?? []), row.month].sort());
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  const active = (m: string) => rows.filter((r) => r.month === m).length;
  const firsts = [...agentMonths.values()].map((list) => ({ first: list[0]!, next: list[1] ?? null }));
  const quantile = (sorted: number[], p: number) => {
    const pos = (sorted.length - 1) * p;
    return sorted[Math.floor(pos)]! + (sorted[Math.ceil(pos)]! - sorted[Math.floor(pos)]!) * (pos - Math.floor(pos));
  };
  return {
    firstSeen: months.map((m) => ({ month: m, newAdopters: active(m) === 0 ? null : firsts.filter((f) => f.first === m).length, activeRepos: active(m) })),
    retention: months
      .filter((m) => firsts.some((f) => f.first === m))
      .map((m) => {
        const adopters = firsts.filter((f) => f.first === m);
        const within = (k: number) => {
          if (addMonths(m, k) > to) return null;
          const count = adopters.filter((f) => f.next !== null && f.next <= addMonths(m, k)).length;
          return { count, share: count / adopters.length };
        };
        return { month: m, adopters: adopters.length, within: { 1: within(1), 3: within(3), 6: within(6) } };
      }),
    intensity: months.map((m) => {
      const ratios = rows.filter((r) => r.month === m && r.agent).map((r) => r.agent_commits / r.commits).sort((a, b) => a - b);
      return ratios.length === 0
        ? { month: m, agentRepos: 0, median: null, p75: null, p90: null }
        : { month: m, agentRepos: ratios.length, median: quantile(ratios, 0.5), p75: quantile(ratios, 0.75), p90: quantile(ratios, 0.9) };
    }),
  } as unknown as AdoptionMeasures;
}

/** Only what the recount computes (the report adds intervals). */
const comparable = (m: AdoptionMeasures) => ({
  firstSeen: m.firstSeen,
  retention: m.retention.map((r) => ({
    month: r.month,
    adopters: r.adopters,
    within: Object.fromEntries(Object.entries(r.within).map(([k, p]) => [k, p === null ? null : { count: p.count, share: p.share }])),
  })),
  intensity: m.intensity.map((i) => ({ ...i, median: i.median === null ? null : expect.closeTo(i.median, 12), p75: i.p75 === null ? null : expect.closeTo(i.p75, 12), p90: i.p90 === null ? null : expect.closeTo(i.p90, 12) })),
});

describe("first seen, retention and intensity", () => {
  it("count the seeded cohort by hand", async () => {
    const { measures } = await cohortReport();
    // alpha-lib's trailers from Oct 2025, beta-cli's Copilot PR in Dec, gamma-docs's CLAUDE.md in Jan.
    expect(measures.firstSeen.map((f) => f.newAdopters)).toEqual([1, 0, 1, 1, 0]);
    const [oct, dec, jan] = measures.retention;
    expect(oct).toMatchObject({ month: "2025-10", adopters: 1, within: { 1: { count: 1, share: 1 }, 3: { count: 1 }, 6: null } });
    expect(dec).toMatchObject({ month: "2025-12", adopters: 1, within: { 1: { count: 1 }, 3: null, 6: null } });
    // gamma-docs is not active in Feb 2026: its config file shows no activity without a commit.
    expect(jan).toMatchObject({ month: "2026-01", adopters: 1, within: { 1: { count: 0, share: 0 }, 3: null, 6: null } });
    expect(jan!.within[1]!.ci95![1]).toBeGreaterThan(0.7);
    // Jan 2026: alpha 3 of 4 commits, beta 1 of 3, gamma 0 of 2.
    const january = measures.intensity.find((i) => i.month === "2026-01")!;
    expect(january.agentRepos).toBe(3);
    expect(january.median).toBeCloseTo(1 / 3, 12);
    expect(january.p75).toBeCloseTo(1 / 3 + (0.75 - 1 / 3) * 0.5, 12);
    expect(january.p90).toBeCloseTo(1 / 3 + (0.75 - 1 / 3) * 0.8, 12);
  });

  it("match a recount from the stored rows in the public, cohort and installation scopes", async () => {
    const cases: Array<[Parameters<typeof buildReportFigures>[1]["scope"], string]> = [
      [{ kind: "public" }, "r.visibility = 'public'"],
      [{ kind: "cohort", name: cohortName }, `r.visibility = 'public' AND rm.repo_id IN (SELECT repo_id FROM cohort_members cm JOIN cohorts c ON c.id = cm.cohort_id WHERE c.name = '${cohortName}')`],
      [{ kind: "installation", id: installationId }, `rm.repo_id IN (SELECT repo_id FROM installation_repositories WHERE installation_id = ${installationId})`],
    ];
    for (const [scope, where] of cases) {
      const figures = await buildReportFigures(database, { scope, from: "2025-06", to: "2026-04", now: seedNow });
      expect(comparable(figures.measures), scope.kind).toEqual(comparable(await recount(where, "2025-06", "2026-04")));
    }
  });

  it("a private repository never counts in a public scope's measures", async () => {
    const publicFigures = await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-10", to: "2026-02" });
    const installation = await buildReportFigures(database, { scope: { kind: "installation", id: installationId }, from: "2025-10", to: "2026-02" });
    // The private cohort member adopted Devin in Oct 2025: in the installation's own report only.
    expect(publicFigures.measures.firstSeen[0]!.newAdopters).toBe(1);
    expect(installation.measures.firstSeen[0]!.newAdopters).toBe(1);
    expect(installation.measures.retention[0]!.month).toBe("2025-10");
    expect(publicFigures.measures.intensity[0]!.agentRepos).toBe(1);
    expect(publicFigures.measures.intensity[0]!.median).toBe(0.25); // alpha-lib's 1 of 4, not Devin's 7 of 7
    expect(installation.measures.intensity[0]!.agentRepos).toBe(1);
    expect(installation.measures.intensity[0]!.median).toBe(1); // 7 of 7 Devin commits
  });

  it("are in report.md, report.html and the charts beside them, data.json, the API and the dashboard", async () => {
    const figures = await cohortReport();
    const out = await mkdtemp(join(tmpdir(), "agent-census-measures-"));
    try {
      await writeReport(figures, out);
      const md = await readFile(join(out, "report.md"), "utf8");
      expect(md).toContain("## First seen: new adopters per month");
      expect(md).toContain("(chart-first-seen.svg)");
      expect(md).toContain("| Oct 2025 | 1 | 100.0% (1), 95% CI 20.7%–100.0% | 100.0% (1), 95% CI 20.7%–100.0% | — (window not closed) |");
      expect(md).toContain("| Jan 2026 | 3 | 33.3% | 54.2% | 66.7% |");
      const html = await readFile(join(out, "report.html"), "utf8");
      for (const id of ["first-seen", "retention", "intensity"]) expect(html).toContain(`<section id="${id}">`);
      expect(await readFile(join(out, "chart-intensity.svg"), "utf8")).toMatch(/^<svg/);
      const json = JSON.parse(await readFile(join(out, "data.json"), "utf8")) as { measures: AdoptionMeasures };
      expect(json.measures.firstSeen).toEqual(figures.measures.firstSeen);
    } finally {
      await rm(out, { recursive: true, force: true });
    }

    const api = (await (await fetch(`${server.url}/api/v1/adoption?cohort=${cohortName}&from=2025-10&to=2026-02`)).json()) as AdoptionMeasures;
    expect(api.firstSeen.map((f) => f.newAdopters)).toEqual([1, 0, 1, 1, 0]);
    expect(api.retention[0]!.within[6]).toBeNull();
    const page = await (await fetch(`${server.url}/?cohort=${cohortName}&from=2025-10&to=2026-02`)).text();
    for (const id of ["chart-first-seen", "chart-intensity"]) expect(page).toContain(`id="${id}"`);
    expect(page).toContain("Retention of adopters");
  });
});
