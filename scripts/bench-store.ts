// Times the monthly-share query against a plain count(*) over the same per-month table.
//
//   DATABASE_URL=postgres://root@127.0.0.1:5432/agent_census_bench npx tsx scripts/bench-store.ts
//
// Seed first (npm run seed:synthetic -- --repos 1000000 --months 12). `npm run bench` calls
// benchStore() too. Target: the monthly share over 1,000,000 repos × 12 months under 1 s.

import { monthlyShare, openDatabase, type Database, type ShareScope } from "../src/store/index.js";
import { syntheticCohort } from "./seed-synthetic.js";

export interface StoreBenchFigure {
  name: string;
  medianMs: number;
  /** Median divided by the plain count(*) median over the same months. */
  ratioToCount: number;
}

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm the cache and the plan
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function monthRange(database: Database): Promise<{ from: string; to: string; rows: number; repos: number }> {
  const { rows } = await database.executeSql<{ from: string; to: string; rows: string; repos: string }>(
    `SELECT to_char(min(month), 'YYYY-MM') AS from, to_char(max(month), 'YYYY-MM') AS to, count(*) AS rows,
            (SELECT count(*) FROM repositories) AS repos FROM repo_months`,
  );
  const row = rows[0];
  if (!row?.from || !row.to) throw new Error("repo_months is empty: seed it first (npm run seed:synthetic)");
  return { from: row.from, to: row.to, rows: Number(row.rows), repos: Number(row.repos) };
}

export async function benchStore(options: { url?: string; runs?: number; log?: (line: string) => void } = {}): Promise<StoreBenchFigure[]> {
  const log = options.log ?? console.log;
  const url = options.url ?? process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL to the seeded benchmark database (e.g. postgres://root@127.0.0.1:5432/agent_census_bench)");
  const runs = options.runs ?? 5;
  const database = await openDatabase({ url });
  try {
    const { from, to, rows, repos } = await monthRange(database);
    log(`store bench: ${repos.toLocaleString("en")} repos, ${rows.toLocaleString("en")} repo_months rows, ${from}..${to}, median of ${runs}`);
    const countMs = await medianMs(runs, () =>
      database.executeSql(
        "SELECT month, count(*) FROM repo_months WHERE month BETWEEN $1::date AND $2::date GROUP BY month",
        [`${from}-01`, `${to}-01`],
      ),
    );
    log(`  plain count(*) per month over repo_months: ${countMs.toFixed(0)} ms`);
    const figures: StoreBenchFigure[] = [];
    const scopes: Array<[string, ShareScope]> = [
      ["monthlyShare, all public repos", { kind: "public" }],
      [`monthlyShare, cohort ${syntheticCohort}`, { kind: "cohort", name: syntheticCohort }],
      ["monthlyShare, installation 1", { kind: "installation", id: 1 }],
    ];
    for (const [name, scope] of scopes) {
      const ms = await medianMs(runs, () => monthlyShare(database, { scope, from, to }));
      figures.push({ name, medianMs: ms, ratioToCount: ms / countMs });
      log(`  ${name}: ${ms.toFixed(0)} ms (${(ms / countMs).toFixed(2)}× the plain count)`);
    }
    return [{ name: "plain count(*) per month", medianMs: countMs, ratioToCount: 1 }, ...figures];
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchStore().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
