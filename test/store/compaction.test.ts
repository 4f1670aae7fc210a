// Compaction deletes old months' commit rows and evidence; every figure the reports, API,
// dashboard and badges give stays the same, and later writes never recompute a compacted month
// out of the facts that are gone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildOrgReportBody } from "../../src/publish/org-report/index.js";
import { buildReportFigures, type ReportScope } from "../../src/publish/report/index.js";
import {
  compactCommitFacts,
  compactionCutoff,
  getScanCursor,
  InvalidStoreInputError,
  installationSummary,
  monthlyShare,
  rebuildCounters,
  recordPush,
  recordScan,
  repoTimeline,
  setVisibility,
  type ObservedCommit,
} from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { cohortName, installationId, privateRepos, publicRepos, publishWorldScans, seedPublishWorld } from "../publish/seed.js";
import { startPublicServer } from "../publish/server.js";
import { commit, strong } from "./builders.js";

/** The reference date: 4 months of retention keep 2025-12 onwards; 2025-06, -10 and -11 are compacted. */
const now = new Date("2026-04-30T12:00:00Z");
const retention = { olderThanMonths: 4, now };
const allRepos = [...publicRepos, ...privateRepos];
const range = "from=2025-06&to=2026-02";

let database: TestDatabase;

beforeEach(async () => {
  database = await openTestDatabase();
  await seedPublishWorld(database);
});

afterEach(async () => {
  await database?.cleanup();
});

async function rows(text: string): Promise<unknown[]> {
  return (await database.executeSql(text)).rows;
}

/** Everything the publishing side shows, read through its own entry points, plus the derived tables themselves. */
async function published(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const scopes: ReportScope[] = [{ kind: "public" }, { kind: "cohort", name: cohortName }, { kind: "installation", id: installationId }];
  for (const scope of scopes) out[`report:${JSON.stringify(scope)}`] = await buildReportFigures(database, { scope, from: "2025-06", to: "2026-02", now });
  out.orgReport = await buildOrgReportBody(database, { installationId, account: "openproj", publicAudience: false, now });
  out.installation = await installationSummary(database, installationId);
  for (const repo of allRepos) {
    const ref = { githubId: repo.githubId };
    const timeline = await repoTimeline(database, ref);
    // Scans are the log of what ran (a replayed scan adds one), not a figure.
    out[`timeline:${repo.name}`] = timeline && { ...timeline, scans: undefined };
    out[`cursor:${repo.name}`] = await getScanCursor(database, ref);
  }
  const server = await startPublicServer(database, { now: () => now });
  try {
    const paths = [
      `/api/v1/share?${range}`,
      `/api/v1/share?cohort=${cohortName}&${range}`,
      `/api/v1/adoption?${range}`,
      `/api/v1/agents?${range}`,
      `/api/v1/agents/claude-code?${range}`,
      "/api/v1/repos",
      `/?${range}`,
      ...publicRepos.flatMap((r) => [`/api/v1/repos/${r.owner}/${r.name}`, `/repos/${r.owner}/${r.name}`, `/badge/${r.owner}/${r.name}.svg`]),
    ];
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`);
      out[path] = `${response.status} ${await response.text()}`;
    }
  } finally {
    await server.close();
  }
  out.repoMonths = await rows("SELECT * FROM repo_months ORDER BY repo_id, month");
  out.repoMonthAgents = await rows("SELECT * FROM repo_month_agents ORDER BY repo_id, month, agent");
  out.monthCounts = await rows("SELECT * FROM month_counts WHERE active <> 0 OR coding_upper <> 0 OR assistant_upper <> 0 ORDER BY scope, month, shard");
  out.monthAgentCounts = await rows("SELECT * FROM month_agent_counts WHERE repos <> 0 ORDER BY scope, month, shard, agent");
  return out;
}

async function commitMonths(): Promise<Record<string, number>> {
  const found = await database.executeSql<{ month: string; n: number }>(
    "SELECT to_char(committed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS n FROM commits GROUP BY 1 ORDER BY 1",
  );
  return Object.fromEntries(found.rows.map((row) => [row.month, Number(row.n)]));
}

describe("compaction", () => {
  it("deletes old months' commits and evidence, keeps recent ones and each head, and changes no published figure", async () => {
    const before = await published();
    const monthsBefore = await commitMonths();
    const result = await compactCommitFacts(database, retention);
    expect(result.before).toBe("2025-12");
    expect(result.commits).toBe(monthsBefore["2025-10"]! + monthsBefore["2025-11"]! + monthsBefore["2025-06"]! - 1);
    expect(result.evidence).toBeGreaterThan(0);
    const monthsAfter = await commitMonths();
    // eta-archive's only commits are in 2025-06: its head stays (an incremental scan starts from its date).
    expect(monthsAfter["2025-06"]).toBe(1);
    expect(monthsAfter["2025-10"]).toBeUndefined();
    expect(monthsAfter["2025-11"]).toBeUndefined();
    for (const month of ["2025-12", "2026-01", "2026-02"]) expect(monthsAfter[month]).toBe(monthsBefore[month]);
    const oldEvidence = await rows(`SELECT e.sha FROM commit_evidence e LEFT JOIN commits c ON c.repo_id = e.repo_id AND c.sha = e.sha WHERE c.sha IS NULL`);
    expect(oldEvidence).toEqual([]);
    expect(await published()).toEqual(before);
  });

  it("is idempotent: a second run deletes nothing and changes nothing", async () => {
    await compactCommitFacts(database, retention);
    const once = await published();
    expect(await compactCommitFacts(database, { ...retention, batchSize: 2 })).toMatchObject({ repositories: 0, commits: 0, evidence: 0 });
    expect(await published()).toEqual(once);
  });

  it("works in batches of repositories and reports progress", async () => {
    const progress: number[] = [];
    const whole = await compactCommitFacts(database, { ...retention, batchSize: 3, onProgress: (p) => progress.push(p.commits) });
    expect(progress.length).toBe(Math.ceil(allRepos.length / 3));
    expect(progress.at(-1)).toBe(whole.commits);
  });

  it("refuses a retention shorter than the badge's window", async () => {
    await expect(compactCommitFacts(database, { olderThanMonths: 3, now })).rejects.toBeInstanceOf(InvalidStoreInputError);
    expect(compactionCutoff(new Date("2026-12-05T00:00:00Z"), 24)).toBe("2024-12-01");
    expect(compactionCutoff(new Date("2026-01-31T23:59:59Z"), 4)).toBe("2025-09-01");
  });
});

describe("writes after a compaction", () => {
  const alpha = publicRepos.find((r) => r.name === "alpha-lib")!;
  const alphaScan = () => publishWorldScans().find((s) => s.repo.githubId === alpha.githubId)!;

  it("replaying every scan (a window over compacted months) stores no old commit again and changes nothing", async () => {
    await compactCommitFacts(database, retention);
    const compacted = await published();
    const monthsCompacted = await commitMonths();
    for (const scan of publishWorldScans()) await recordScan(database, scan);
    expect(await commitMonths()).toEqual(monthsCompacted);
    const replayed = await published();
    // Only the scans table grew (one row per replayed scan): every figure is the same.
    expect(replayed).toEqual(compacted);
  });

  it("an incremental scan (every month recomputed) leaves compacted months as they were and counts the new commit", async () => {
    await compactCommitFacts(database, retention);
    const share = () => monthlyShare(database, { scope: { kind: "public" }, from: "2025-06", to: "2026-03" });
    const before = await share();
    const previous = alphaScan();
    await recordScan(database, {
      ...previous,
      mode: "incremental",
      window: { since: new Date("2026-02-01T00:00:00Z") },
      head: "a1ba0000000000000000000000000000000000new",
      commits: [commit("a1ba0000000000000000000000000000000000new", "2026-03-04T00:00:00Z", [strong("claude-code")])],
      configFiles: null,
      pullRequests: [],
    });
    const after = await share();
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(after.at(-1)!.activeRepos).toBe(before.at(-1)!.activeRepos + 1);
  });

  it("a push of a commit dated in a compacted month changes nothing there (the month is final)", async () => {
    await compactCommitFacts(database, retention);
    const oldMonth = () => rows(`SELECT rm.* FROM repo_months rm JOIN repositories r ON r.id = rm.repo_id WHERE r.github_id = ${alpha.githubId} AND rm.month = '2025-11-01'`);
    const before = await oldMonth();
    const counters = await rows("SELECT * FROM month_counts WHERE month = '2025-11-01' ORDER BY scope, shard");
    const head = (await getScanCursor(database, { githubId: alpha.githubId }))!.head!;
    const late: ObservedCommit = commit("1a7e000000000000000000000000000000000000", "2025-11-20T00:00:00Z", [strong("codex")]);
    const result = await recordPush(database, { repo: alphaScan().repo, before: head, after: late.sha, forced: false, commits: [late] });
    expect(result.needsRescan).toBe(false);
    expect(await oldMonth()).toEqual(before);
    expect(await rows("SELECT * FROM month_counts WHERE month = '2025-11-01' ORDER BY scope, shard")).toEqual(counters);
    expect(await rows(`SELECT sha FROM commits WHERE sha = '${late.sha}'`)).toEqual([]);
  });

  it("a force-push rescan over every month changes only the months still held", async () => {
    await compactCommitFacts(database, retention);
    const share = () => monthlyShare(database, { scope: { kind: "cohort", name: cohortName }, from: "2025-06", to: "2026-02" });
    const before = await share();
    const previous = alphaScan();
    // History rewritten: alpha's January commits are gone from the branch.
    const kept = previous.commits.filter((c) => !c.committedAt.toISOString().startsWith("2026-01"));
    await recordScan(database, { ...previous, commits: kept, finishedAt: new Date("2026-04-01T00:00:00Z"), startedAt: new Date("2026-04-01T00:00:00Z") });
    const after = await share();
    const heldSince = (rows: typeof before, held: boolean) => rows.filter((m) => (m.month >= "2025-12") === held);
    expect(heldSince(after, false)).toEqual(heldSince(before, false)); // compacted months as they were
    const january = after.findIndex((m) => m.month === "2026-01");
    expect(after[january]!.activeRepos).toBe(before[january]!.activeRepos - 1);
  });

  it("a visibility change still moves compacted months between scopes, through a scan or the webhook", async () => {
    await compactCommitFacts(database, retention);
    const share = () => monthlyShare(database, { scope: { kind: "public" }, from: "2025-10", to: "2025-11" });
    const before = await share();
    const previous = alphaScan();
    await recordScan(database, { ...previous, repo: { ...previous.repo, visibility: "private" } });
    const hidden = await share();
    expect(hidden.map((m) => m.activeRepos)).toEqual(before.map((m) => m.activeRepos - 1));
    await setVisibility(database, { githubId: alpha.githubId }, "public");
    expect(await share()).toEqual(before);
    // The counters kept in step are exactly what a rebuild from the derived rows gives.
    const kept = await rows("SELECT * FROM month_counts WHERE active <> 0 ORDER BY scope, month, shard");
    await rebuildCounters(database);
    expect(await rows("SELECT * FROM month_counts WHERE active <> 0 ORDER BY scope, month, shard")).toEqual(kept);
  });
});

