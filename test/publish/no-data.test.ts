// No data is not zero: a month in which no repository of the scope was active has no share. The
// report, the dashboard, the API and the org issue all say so (a gap, "—", null) instead of 0%.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSvg } from "../../src/publish/charts/render-svg.js";
import { linesSpec } from "../../src/publish/charts/specs.js";
import { seriesPoint } from "../../src/publish/figures/series.js";
import { proportion } from "../../src/store/index.js";
import { buildOrgReportBody } from "../../src/publish/org-report/index.js";
import { buildReportFigures, writeReport } from "../../src/publish/report/index.js";
import type { MonthlyShareRow } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startPublicServer, type TestServer } from "./server.js";
import { cohortName, installationId, seedNow, seedPublishWorld } from "./seed.js";

let database: TestDatabase;
let server: TestServer;
let outDir: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPublishWorld(database);
  server = await startPublicServer(database, { now: () => seedNow });
  outDir = await mkdtemp(join(tmpdir(), "agent-census-no-data-"));
});

afterAll(async () => {
  await server?.close();
  await database?.cleanup();
  await rm(outDir, { recursive: true, force: true });
});

// The cohort's members are active Oct 2025 – Feb 2026 (only alpha-lib in Feb); none in Mar or Apr.
const report = () => buildReportFigures(database, { scope: { kind: "cohort", name: cohortName }, from: "2025-10", to: "2026-04", now: seedNow });

describe("a month without an active repository", () => {
  it("has no share and no interval in the report's figures, and the headline ends at the last month with data", async () => {
    const figures = await report();
    const march = figures.months.find((m) => m.month === "2026-03")!;
    expect(march.activeRepos).toBe(0);
    expect(march.withAgent.any).toEqual({ count: 0, share: null, ci95: null });
    expect(march.upperBound.share).toBeNull();
    expect(figures.headline.last.month).toBe("2026-02");
    const points = figures.series.filter((p) => p.month === "2026-03");
    expect(points.length).toBeGreaterThan(0);
    for (const point of points) expect(point).toMatchObject({ share: null, ciLow: null, ciHigh: null, shareText: "—" });
  });

  it("is null in data.json, an empty field in data.csv, “—” in report.md, and a gap in the chart", async () => {
    const figures = await report();
    await writeReport(figures, outDir);
    const json = JSON.parse(await readFile(join(outDir, "data.json"), "utf8")) as { months: MonthlyShareRow[] };
    expect(json.months.find((m) => m.month === "2026-04")!.withAgent.any).toEqual({ count: 0, share: null, ci95: null });

    const csv = (await readFile(join(outDir, "data.csv"), "utf8")).trim().split("\n");
    const march = csv.find((line) => line.startsWith("2026-03,headline,lower-bound,"))!;
    expect(march.split(",").slice(-5)).toEqual(["0", "0", "", "", ""]);

    const md = await readFile(join(outDir, "report.md"), "utf8");
    expect(md).toContain("| Mar 2026 | 0 | — | — | — | — |");
    expect(md).not.toMatch(/Mar 2026 \| 0 \| 0\.0%/);

    // Vega breaks the line at the missing months: the headline series is drawn as one path over
    // five months, ending at Feb, with no point at 0% for March or April.
    const svg = await readFile(join(outDir, "chart-share.svg"), "utf8");
    expect(svg).not.toContain(">0.0%</text>");
    expect(svg).not.toContain(">—</text>");
  });

  it("breaks a chart's line instead of joining its neighbours or dropping to 0", async () => {
    const months: Array<[string, number, number]> = [["2026-01", 2, 10], ["2026-02", 0, 0], ["2026-03", 3, 10]];
    const points = months.map(([month, count, active]) => seriesPoint({ month, activeRepos: active }, "channel", "commit", "agent commits", proportion(count, active)));
    const svg = await renderSvg(linesSpec(points, "gap"));
    const line = /aria-roledescription="line mark" d="([^"]*)"/.exec(svg)![1]!;
    // Two separate sub-paths (M…Z M…Z), no segment (L) drawn through February.
    expect(line.match(/M/g)).toHaveLength(2);
    expect(line).not.toContain("L");
  });

  it("is null in the API and “—” on the dashboard", async () => {
    const api = (await (await fetch(`${server.url}/api/v1/share?cohort=${cohortName}&from=2025-10&to=2026-04`)).json()) as { months: MonthlyShareRow[] };
    const april = api.months.find((m) => m.month === "2026-04")!;
    expect(april.activeRepos).toBe(0);
    expect(april.withAgent.any.share).toBeNull();
    expect(april.withAgent.any.ci95).toBeNull();

    const page = await (await fetch(`${server.url}/?cohort=${cohortName}&from=2025-10&to=2026-04`)).text();
    expect(page).toMatch(/<td>Mar 2026<\/td><td>any strong signal \(headline, lower bound\)<\/td><td class="num">—<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">—<\/td>/);
  });

  it("is “—” in the org issue's table and left out of its chart, not drawn at 0%", async () => {
    // The installation's repositories: eta-archive active in Jun 2025 only, then nothing until
    // the private cohort member in Oct 2025. Jul–Sep 2025 have no active repository.
    const body = await buildOrgReportBody(database, { installationId, account: "openproj", publicAudience: false, now: new Date("2026-02-15T00:00:00Z") });
    expect(body).toContain("| Jul 2025 | 0 | 0 | — | — |");
    const xAxis = /x-axis \[(.*)\]/.exec(body)![1]!;
    expect(xAxis).toContain('"Jun 2025"');
    expect(xAxis).not.toContain('"Jul 2025"');
    expect(body).toMatch(/3 months without an active repository have no share and are left out/);
  });
});
