// Times `agent-census report` over 1,000,000 synthetic repositories × 12 months on real Postgres.
//
//   npx tsx scripts/bench-report.ts [--repos 1000000] [--months 12] [--reseed]
//
// Uses BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/agent_census_bench) and its own
// schema, bench_report, so it never touches the store benchmark's data; seeds it once with the
// store's synthetic seeder (scripts/seed-synthetic.ts) and reuses it on later runs. Prints the
// time of each phase and the process's peak RSS. Target: under 5 s and under 500 MB.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildReportFigures, renderCharts, writeReport, type ReportScope } from "../src/publish/report/index.js";
import { agentView } from "../src/publish/views/agent.js";
import { ecosystemView } from "../src/publish/views/ecosystem.js";
import { repositoryView } from "../src/publish/views/repository.js";
import { migrate, openDatabase, rebuildCounters, type Database } from "../src/store/index.js";
import { seedSynthetic, syntheticCohort } from "./seed-synthetic.js";

export interface ReportBenchFigure {
  scope: string;
  totalMs: number;
  figuresMs: number;
  chartsMs: number;
  writeMs: number;
}

export interface ReportBenchResult {
  repos: number;
  repoMonths: number;
  runs: ReportBenchFigure[];
  peakRssMb: number;
  /** The dashboard's views over the same data (ms), for information: no target was set. */
  dashboard: Record<string, number>;
}

export interface ReportBenchOptions {
  url?: string;
  repos?: number;
  months?: number;
  reseed?: boolean;
  log?: (line: string) => void;
}

const benchSchema = "bench_report";
const lastMonth = "2026-10";

async function ensureSeeded(database: Database, repos: number, months: number, reseed: boolean, log: (line: string) => void): Promise<number> {
  const count = async () =>
    Number((await database.executeSql<{ n: string }>("SELECT count(*) AS n FROM repositories")).rows[0]?.n ?? 0);
  if (reseed || (await count()) !== repos) {
    log(`seeding ${repos.toLocaleString("en")} synthetic repositories × ${months} months into schema ${benchSchema} …`);
    await seedSynthetic(database, { repos, months, lastMonth, reset: true, log: (line) => log(`  ${line}`) });
    // The seeder analyzes the derived tables only; the population counts join repositories.
    await database.executeSql("ANALYZE repositories");
    await database.executeSql("ANALYZE cohorts");
  }
  // Data seeded before the store kept scope counters has none yet: build them once.
  const counters = await database.executeSql<{ n: string }>("SELECT count(*) AS n FROM month_counts");
  if (Number(counters.rows[0]?.n ?? 0) === 0) {
    log("building the store's scope counters for the seeded data …");
    await rebuildCounters(database);
  }
  const rows = await database.executeSql<{ n: string }>("SELECT count(*) AS n FROM repo_months");
  return Number(rows.rows[0]?.n ?? 0);
}

/** Samples RSS while work runs: process.resourceUsage().maxRSS covers the whole process, seeding included. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

function monthsBack(last: string, count: number): string {
  const [year, month] = last.split("-").map(Number) as [number, number];
  const index = year * 12 + month - 1 - (count - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Each report as the command makes it: figures from the store, then charts and files. */
async function timeReports(
  database: Database,
  scopes: Array<[string, ReportScope]>,
  from: string,
  out: string,
  log: (line: string) => void,
): Promise<ReportBenchFigure[]> {
  const runs: ReportBenchFigure[] = [];
  for (const [name, scope] of scopes) {
    const start = performance.now();
    const figures = await buildReportFigures(database, { scope, from, to: lastMonth });
    const figuresDone = performance.now();
    // Charts are timed alone, then writeReport renders them again with the files (the command's real path).
    await renderCharts(figures);
    const chartsDone = performance.now();
    await writeReport(figures, join(out, name.replace(/\W+/g, "-")));
    const end = performance.now();
    const run = {
      scope: name,
      totalMs: figuresDone - start + (end - chartsDone),
      figuresMs: figuresDone - start,
      chartsMs: chartsDone - figuresDone,
      writeMs: end - chartsDone,
    };
    runs.push(run);
    log(
      `  report ${name}: ${run.totalMs.toFixed(0)} ms total (figures from Postgres ${run.figuresMs.toFixed(0)} ms, ` +
        `charts ${run.chartsMs.toFixed(0)} ms, charts + files ${run.writeMs.toFixed(0)} ms); headline: ${figures.headline.sentence}`,
    );
  }
  return runs;
}

/** The reads behind the dashboard's pages and API over the same million repositories. */
async function timeDashboardViews(database: Database, from: string, log: (line: string) => void): Promise<Record<string, number>> {
  const query = { from, to: lastMonth };
  const views: Array<[string, () => Promise<unknown>]> = [
    ["ecosystem view, all public", () => ecosystemView(database, query)],
    [`ecosystem view, cohort ${syntheticCohort}`, () => ecosystemView(database, { ...query, cohort: syntheticCohort })],
    ["agent view, claude-code", () => agentView(database, "claude-code", query)],
    ["repository view + badge figure", () => repositoryView(database, "owner0", "repo1", new Date(`${lastMonth}-28T00:00:00Z`))],
  ];
  const times: Record<string, number> = {};
  for (const [name, view] of views) {
    const start = performance.now();
    await view();
    times[name] = performance.now() - start;
    log(`  dashboard ${name}: ${times[name].toFixed(0)} ms`);
  }
  return times;
}

export async function benchReport(options: ReportBenchOptions = {}): Promise<ReportBenchResult> {
  const log = options.log ?? console.log;
  const url = options.url ?? process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/agent_census_bench";
  const repos = options.repos ?? 1_000_000;
  const months = options.months ?? 12;
  const database = await openDatabase({ url, schema: benchSchema });
  const out = await mkdtemp(join(tmpdir(), "agent-census-bench-report-"));
  try {
    await migrate(database);
    const repoMonths = await ensureSeeded(database, repos, months, options.reseed ?? false, log);
    const from = monthsBack(lastMonth, months);
    log(`report bench: ${repos.toLocaleString("en")} repos, ${repoMonths.toLocaleString("en")} repo_months rows, ${from}..${lastMonth}`);
    const scopes: Array<[string, ReportScope]> = [
      ["--public", { kind: "public" }],
      [`--cohort ${syntheticCohort}`, { kind: "cohort", name: syntheticCohort }],
    ];
    const sampler = rssSampler();
    let runs: ReportBenchFigure[];
    let peakRss: number;
    try {
      runs = await timeReports(database, scopes, from, out, log);
    } finally {
      peakRss = sampler.stop();
    }
    const peakRssMb = peakRss / 1024 / 1024;
    log(`  peak RSS during the reports: ${peakRssMb.toFixed(0)} MB (process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);
    log(`  target: under 5000 ms and under 500 MB per report`);
    const dashboard = await timeDashboardViews(database, from, log);
    return { repos, repoMonths, runs, peakRssMb, dashboard };
  } finally {
    await rm(out, { recursive: true, force: true });
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { repos: { type: "string", default: "1000000" }, months: { type: "string", default: "12" }, reseed: { type: "boolean", default: false } },
  });
  benchReport({ repos: Number(values.repos), months: Number(values.months), reseed: values.reseed }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
