// `npm run bench -- storage` (issue 20 item 5): bytes per repository-month on Postgres, before and
// after compacting the commit-level facts older than the retention, and what the compaction costs.
//
// REPOS repositories (default 2,000) with MONTHS months of history (default 36, ending 2026-11) are
// written through the store's own write path (one window scan each, as a backfill writes them):
// each is active in a month with probability 0.55, with a long-tailed number of commits (median 6,
// a few hundred at most), 10 % merges, and agent commits (one strong trailer, a tenth with a weak
// marker too) growing from 1 % to 15 % of commits over the history. Then it compacts everything older
// than RETENTION months (default 12) before 2026-12-05, checks that the share and the adoption
// measures read the same, and measures the tables after the delete, after VACUUM (the space is
// reusable, the files keep their size) and after VACUUM FULL (the files shrink).
//
//   BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/test npx tsx scripts/bench-storage.ts
//   env: REPOS=2000 MONTHS=36 RETENTION=12
import { isDeepStrictEqual } from "node:util";
import { pathToFileURL } from "node:url";
import {
  adoptionMeasureRows,
  compactCommitFacts,
  migrate,
  monthlyShare,
  openDatabase,
  recordScan,
  type Database,
  type ObservedCommit,
} from "../src/store/index.js";
import { freshSchema, storage, type StorageFigures } from "./lib/store-size.js";

const SCHEMA = "bench_storage";
const NOW = new Date("2026-12-05T00:00:00Z");
const LAST_MONTH = Date.UTC(2026, 10, 1);
const classOf = () => "coding-agent" as const;
const factTables = ["commits", "commit_evidence"];
const aggregateTables = ["repo_months", "repo_month_agents", "month_counts", "month_agent_counts"];

const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A small seeded generator (mulberry32): the same world on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (next: () => number) => Array.from({ length: 40 }, () => Math.floor(next() * 16).toString(16)).join("");

function historyOf(index: number, months: number): ObservedCommit[] {
  const next = random(index + 1);
  const commits: ObservedCommit[] = [];
  for (let m = months - 1; m >= 0; m--) {
    if (next() >= 0.55) continue;
    const start = new Date(LAST_MONTH);
    start.setUTCMonth(start.getUTCMonth() - m);
    // Log-normal: median 6 commits, a long tail capped at 300.
    const count = Math.min(300, Math.max(1, Math.round(Math.exp(Math.log(6) + 1.1 * Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next())))));
    const agentShare = 0.01 + (0.14 * (months - 1 - m)) / Math.max(1, months - 1);
    for (let c = 0; c < count; c++) {
      const agent = next() < agentShare;
      commits.push({
        sha: hex(next),
        committedAt: new Date(start.getTime() + Math.floor(next() * 27 * 86_400_000)),
        isMerge: next() < 0.1,
        evidence: agent
          ? [
              { agent: "claude-code", kind: "trailer", strength: "strong", matched: "Co-Authored-By: Claude <noreply@anthropic.com>", signal: "claude-code/trailer/co-authored-by" },
              ...(next() < 0.1 ? [{ agent: "cursor", kind: "marker" as const, strength: "weak" as const, matched: "cursor", signal: "cursor/marker/mention" }] : []),
            ]
          : [],
      });
    }
  }
  return commits.sort((a, b) => a.committedAt.getTime() - b.committedAt.getTime());
}

async function seed(database: Database, repos: number, months: number): Promise<number> {
  let commits = 0;
  for (let index = 0; index < repos; index++) {
    const history = historyOf(index, months);
    commits += history.length;
    await recordScan(database, {
      repo: {
        githubId: 50_000_000 + index,
        host: "github.com",
        owner: `owner-${index % 400}`,
        name: `repository-${index}`,
        visibility: "public",
        fork: false,
        archived: false,
        stars: index % 5000,
        language: "TypeScript",
        createdAt: new Date("2020-01-01T00:00:00Z"),
        pushedAt: history.at(-1)?.committedAt ?? null,
        defaultBranch: "main",
      },
      tracking: {},
      window: { since: new Date("2020-01-01T00:00:00Z") },
      mode: "window",
      head: history.at(-1)?.sha ?? null,
      commits: history,
      configFiles: [],
      pullRequests: [],
      cost: { graphqlPoints: 1, httpRequests: 1 },
      startedAt: NOW,
      finishedAt: NOW,
    });
  }
  return commits;
}

function sum(figures: StorageFigures, tables: readonly string[]): number {
  return tables.reduce((total, table) => total + (figures.bytes[table] ?? 0), 0);
}

function describe(label: string, figures: StorageFigures, repoMonths: number, log: (line: string) => void): void {
  const per = (bytes: number) => fmt(bytes / repoMonths);
  log(
    `  ${label}: ${fmt(figures.totalBytes / 1048576, 1)} MB, ${per(figures.totalBytes)} B per repository-month` +
      ` (commit facts ${per(sum(figures, factTables))} B: ${fmt(figures.rows.commits ?? 0)} commits, ${fmt(figures.rows.commit_evidence ?? 0)} evidence rows;` +
      ` month aggregates ${per(sum(figures, aggregateTables))} B)`,
  );
}

async function published(database: Database, from: string, to: string): Promise<unknown> {
  return {
    share: await monthlyShare(database, { scope: { kind: "public" }, from, to }),
    measures: await adoptionMeasureRows(database, { scope: { kind: "public" }, from, to }),
  };
}

export async function benchStorage(options: { log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? console.log;
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    log("  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a Postgres server");
    return;
  }
  const repos = Number(process.env.REPOS ?? 2000);
  const months = Number(process.env.MONTHS ?? 36);
  const retention = Number(process.env.RETENTION ?? 12);
  await freshSchema(url, SCHEMA);
  const database = await openDatabase({ url, schema: SCHEMA, classOf });
  try {
    await migrate(database);
    const seeding = performance.now();
    const commits = await seed(database, repos, months);
    log(`  seeded ${fmt(repos)} repositories, ${months} months, ${fmt(commits)} commits through recordScan in ${fmt((performance.now() - seeding) / 1000, 1)} s`);
    await database.executeSql("VACUUM ANALYZE");
    const repoMonths = Number((await database.executeSql<{ n: string }>("SELECT count(*) AS n FROM repo_months")).rows[0]?.n ?? 0);
    const range = (await database.executeSql<{ from: string; to: string }>("SELECT to_char(min(month), 'YYYY-MM') AS from, to_char(max(month), 'YYYY-MM') AS to FROM repo_months")).rows[0]!;
    log(`  ${fmt(repoMonths)} repository-months (active: ≥ 1 non-merge commit), ${range.from}..${range.to}`);
    const before = await storage(database);
    describe("before compaction", before, repoMonths, log);
    const figures = await published(database, range.from, range.to);

    const started = performance.now();
    const result = await compactCommitFacts(database, { olderThanMonths: retention, now: NOW });
    const seconds = (performance.now() - started) / 1000;
    log(
      `  compact --older-than ${retention} (months before ${result.before}): ${fmt(result.commits)} commits and ${fmt(result.evidence)} evidence rows` +
        ` of ${fmt(result.repositories)} repositories in ${fmt(seconds, 1)} s (${fmt(result.commits / seconds)} commits/s)`,
    );
    log(`  share and adoption measures unchanged: ${isDeepStrictEqual(await published(database, range.from, range.to), figures) ? "yes" : "NO"}`);
    describe("after the delete", await storage(database), repoMonths, log);
    await database.executeSql("VACUUM ANALYZE");
    describe("after VACUUM (space reusable)", await storage(database), repoMonths, log);
    const vacuumFull = performance.now();
    await database.executeSql("VACUUM FULL");
    const full = await storage(database);
    describe(`after VACUUM FULL (${fmt((performance.now() - vacuumFull) / 1000, 1)} s)`, full, repoMonths, log);
    const held = Number((await database.executeSql<{ n: string }>(`SELECT count(*) AS n FROM repo_months WHERE month >= '${result.before}-01'`)).rows[0]?.n ?? 0);
    log(
      `  steady state: a compacted repository-month keeps ${fmt(sum(full, aggregateTables) / repoMonths)} B of aggregates;` +
        ` a held one adds ${fmt(sum(before, factTables) / repoMonths)} B of commit facts (${fmt(held)} held of ${fmt(repoMonths)})`,
    );
  } finally {
    await database.close();
    await freshSchema(url, SCHEMA);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  benchStorage().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
