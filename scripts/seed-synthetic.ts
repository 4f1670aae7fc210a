// Seeds a store with synthetic repositories and their derived monthly rows, for benchmarks only.
//
//   npm run seed:synthetic -- --repos 1000000 --months 12 [--reset]
//   npm run seed:synthetic -- --recount      (only rebuild the scope counters of a seeded database)
//
// Needs DATABASE_URL (a real Postgres; use a separate database such as agent_census_bench). Rows
// are generated inside Postgres with generate_series (no round trips), so the rate printed is
// the server's bulk-insert rate. Facts (commits, evidence) are not generated: the monthly share
// reads only the derived tables, which is what the benchmark measures.

import { parseArgs } from "node:util";
import { migrate, openDatabase, rebuildCounters, type Database } from "../src/store/index.js";

export interface SeedOptions {
  repos: number;
  months: number;
  /** Last seeded month, "YYYY-MM" (default 2026-10). */
  lastMonth?: string;
  reset?: boolean;
  log?: (line: string) => void;
}

export const syntheticCohort = "synthetic-every-third-repo";
const agents = ["claude-code", "copilot", "cursor", "codex", "devin", "jules", "aider", "gemini-cli"];
const assistants = ["coderabbit", "copilot-review", "gemini-code-assist"];

export async function seedSynthetic(database: Database, options: SeedOptions): Promise<{ rows: number; seconds: number }> {
  const log = options.log ?? console.log;
  const last = `${options.lastMonth ?? "2026-10"}-01`;
  const existing = await database.executeSql<{ n: string }>("SELECT count(*) AS n FROM repositories");
  if (Number(existing.rows[0]?.n ?? 0) > 0) {
    if (!options.reset) throw new Error("the store is not empty: pass --reset to replace its contents with synthetic data");
    await database.executeSql(
      `TRUNCATE repositories, installation_repositories, cohorts, cohort_members, commits, commit_evidence, pull_requests,
       pull_request_evidence, config_files, scans, repo_months, repo_month_agents, month_counts, month_agent_counts RESTART IDENTITY`,
    );
  }
  const started = performance.now();
  let rows = 0;
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const result = await database.executeSql<{ n: string }>(`WITH inserted AS (${text} RETURNING 1) SELECT count(*) AS n FROM inserted`, values);
    const n = Number(result.rows[0]?.n ?? 0);
    rows += n;
    const seconds = (performance.now() - t) / 1000;
    log(`${label}: ${n.toLocaleString("en")} rows in ${seconds.toFixed(1)} s (${Math.round(n / seconds).toLocaleString("en")} rows/s)`);
  };
  await database.executeSql("SELECT setseed(0.42)");
  // 90% public; owners shared by ~20 repos each.
  await step(
    "repositories",
    `INSERT INTO repositories (github_id, host, owner, name, visibility, fork, archived, stars, language, status, scanned_at, head)
     SELECT g, 'github.com', 'owner' || (g / 20), 'repo' || g, CASE WHEN g % 10 = 0 THEN 'private' ELSE 'public' END,
            g % 17 = 0, g % 23 = 0, ((g::bigint * 7919) % 5000)::int, 'TypeScript', 'active', now(), md5(g::text)
     FROM generate_series(1, $1::int) g`,
    [options.repos],
  );
  await database.executeSql(`INSERT INTO cohorts (name, definition, frozen_at) VALUES ($1, $2::jsonb, now())`, [
    syntheticCohort,
    JSON.stringify({ synthetic: true, rule: "repo id divisible by 3" }),
  ]);
  await step("cohort members", `INSERT INTO cohort_members (cohort_id, repo_id) SELECT 1, g FROM generate_series(3, $1::int, 3) g`, [options.repos]);
  await step(
    "installation repositories",
    `INSERT INTO installation_repositories (installation_id, repo_id) SELECT 1, g FROM generate_series(1, least($1::int, 1000)) g`,
    [options.repos],
  );
  // Each repo is active in a month with probability 0.55; adoption grows month by month.
  await step(
    "repo_months",
    `INSERT INTO repo_months (repo_id, month, is_public, commits, agent_commits, coding_commit, coding_pr, coding_config, coding_upper,
                              assistant_commit, assistant_pr, assistant_config, assistant_upper)
     SELECT r, month, r % 10 <> 0, commits, CASE WHEN c THEN 1 + commits / 4 ELSE 0 END, c, p, f, c OR p OR f OR w, a, false, false, a
     FROM (
       SELECT r, ($2::date - make_interval(months => m))::date AS month, 1 + (random() * 40)::int AS commits,
              random() < 0.02 + 0.01 * ($3::int - m) AS c, random() < 0.01 + 0.005 * ($3::int - m) AS p,
              random() < 0.03 + 0.01 * ($3::int - m) AS f, random() < 0.03 AS w, random() < 0.04 AS a
       FROM generate_series(1, $1::int) r CROSS JOIN generate_series(0, $3::int - 1) m
       WHERE random() < 0.55
     ) s`,
    [options.repos, last, options.months],
  );
  await step(
    "repo_month_agents",
    `INSERT INTO repo_month_agents (repo_id, month, agent, agent_class, is_public, commits, via_commit, via_pr, via_config, weak)
     SELECT repo_id, month, ($1::text[])[1 + (repo_id * 31 + extract(month FROM month)::int) % array_length($1::text[], 1)], 'coding-agent',
            is_public, agent_commits, coding_commit, coding_pr, coding_config, coding_upper AND NOT (coding_commit OR coding_pr OR coding_config)
     FROM repo_months WHERE coding_upper
     UNION ALL
     SELECT repo_id, month, ($2::text[])[1 + repo_id % array_length($2::text[], 1)], 'review-assistant', is_public, 1, true, false, false, false
     FROM repo_months WHERE assistant_commit`,
    [agents, assistants],
  );
  const counting = performance.now();
  await rebuildCounters(database);
  log(`scope counters rebuilt in ${((performance.now() - counting) / 1000).toFixed(1)} s`);
  const seconds = (performance.now() - started) / 1000;
  log(`seeded ${rows.toLocaleString("en")} rows in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds).toLocaleString("en")} rows/s`);
  // Fresh statistics and a set visibility map, as a long-running database would have.
  const t = performance.now();
  await database.executeSql("VACUUM ANALYZE repo_months");
  await database.executeSql("VACUUM ANALYZE repo_month_agents");
  await database.executeSql("VACUUM ANALYZE cohort_members");
  await database.executeSql("VACUUM ANALYZE installation_repositories");
  log(`vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { rows, seconds };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { repos: { type: "string", default: "100000" }, months: { type: "string", default: "12" }, "last-month": { type: "string" }, reset: { type: "boolean", default: false }, recount: { type: "boolean", default: false } },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL to a Postgres database for synthetic data (e.g. postgres://root@127.0.0.1:5432/agent_census_bench)");
  const database = await openDatabase({ url });
  try {
    await migrate(database);
    if (values.recount) {
      // An already seeded database after a schema upgrade: only rebuild the scope counters.
      const started = performance.now();
      await rebuildCounters(database);
      console.log(`scope counters rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    await seedSynthetic(database, { repos: Number(values.repos), months: Number(values.months), lastMonth: values["last-month"], reset: values.reset });
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
