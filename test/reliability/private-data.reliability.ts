// Private repositories never reach public output, checked by difference: the same public world is
// seeded into two stores, one of them also holding private repositories (installed ones, and a
// cohort member that went private) with distinctive names and large figures. Every public page,
// /api/v1 route, badge and public/cohort report file must be byte-identical between the two —
// so no private name AND no private figure (a count, a denominator, a share) leaks — and none
// may contain a private name.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../src/agents/index.js";
import { buildReportFigures, writeReport, type ReportScope } from "../../src/publish/report/index.js";
import { createCohort, recordPullRequests, recordScan, setVisibility, type Database, type Evidence, type ObservedCommit, type RepositoryFacts } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { startPublicServer, type TestServer } from "../publish/server.js";
import { recordFigures } from "./support/figures.js";

const AREA = "security: private data";
const NOW = new Date("2026-02-15T12:00:00Z");
const COHORT = "reliability-cohort";
const INSTALLATION = 31;
const MONTHS = ["2025-10", "2025-11", "2025-12", "2026-01"];
const RANGE = "from=2025-10&to=2026-01";
const PRIVATE_MARKERS = ["shadow-owner-q3", "umbra-service-k8", "nocturne-lib-z2", "devin/umbra-plan", ".devin/umbra.json", "cursoragent@umbra"];

const evidence = (agent: string): Evidence => ({ agent, kind: "trailer", strength: "strong", matched: `Co-authored-by: ${agent} <agent@example.com>` });

function facts(githubId: number, owner: string, name: string, visibility: RepositoryFacts["visibility"]): RepositoryFacts {
  return { githubId, host: "github.com", owner, name, visibility, fork: false, archived: false, stars: 100, language: "TypeScript", createdAt: new Date("2020-01-01T00:00:00Z"), pushedAt: new Date("2026-02-01T00:00:00Z"), defaultBranch: "main" };
}

function commits(githubId: number, perMonth: number, agentPerMonth: number, agent: string): ObservedCommit[] {
  return MONTHS.flatMap((month, m) =>
    Array.from({ length: perMonth }, (_, i) => ({
      sha: `${githubId.toString(16).padStart(8, "0")}${(m * 1000 + i).toString(16).padStart(32, "0")}`,
      committedAt: new Date(`${month}-${String(1 + (i % 27)).padStart(2, "0")}T09:00:00Z`),
      isMerge: false,
      evidence: i < agentPerMonth * (m + 1) / 2 ? [evidence(agent)] : [],
    })),
  );
}

async function scan(database: Database, repo: RepositoryFacts, tracking: { installationId?: number; cohort?: string }, observed: ObservedCommit[], configFiles: Array<{ path: string; agent: string }> = []): Promise<void> {
  await recordScan(database, {
    repo,
    tracking,
    window: { since: new Date("2025-10-01T00:00:00Z") },
    mode: "window",
    head: observed.at(-1)?.sha ?? null,
    commits: observed,
    configFiles: configFiles.map((file) => ({ ...file, strength: "strong", addedAt: new Date("2025-11-03T00:00:00Z") })),
    pullRequests: [],
    cost: { graphqlPoints: 1, httpRequests: 1 },
    startedAt: NOW,
    finishedAt: NOW,
  });
}

const publicRepos = [
  { id: 8101, owner: "openworks", name: "kettle", perMonth: 5, agentPerMonth: 1, agent: "claude-code", cohort: true, installed: false },
  { id: 8102, owner: "openworks", name: "lantern", perMonth: 4, agentPerMonth: 0, agent: "claude-code", cohort: true, installed: true },
  { id: 8103, owner: "freeform", name: "compass", perMonth: 6, agentPerMonth: 2, agent: "cursor", cohort: true, installed: false },
  { id: 8104, owner: "freeform", name: "sextant", perMonth: 3, agentPerMonth: 1, agent: "codex", cohort: false, installed: true },
];

/** The public world, then (when asked) the private one; public ids are the same in both stores. */
async function seed(database: Database, withPrivate: boolean): Promise<void> {
  await createCohort(database, { name: COHORT, definition: { source: "reliability" }, members: [], frozenAt: new Date("2025-09-30T00:00:00Z") });
  for (const repo of publicRepos) {
    const tracking = { ...(repo.cohort ? { cohort: COHORT } : {}), ...(repo.installed ? { installationId: INSTALLATION } : {}) };
    await scan(database, facts(repo.id, repo.owner, repo.name, "public"), tracking, commits(repo.id, repo.perMonth, repo.agentPerMonth, repo.agent), repo.id === 8101 ? [{ path: "CLAUDE.md", agent: "claude-code" }] : []);
  }
  if (!withPrivate) return;
  // A cohort member that went private after the cohort was frozen.
  await scan(database, facts(8201, "shadow-owner-q3", "nocturne-lib-z2", "public"), { cohort: COHORT }, commits(8201, 37, 30, "devin"), [{ path: ".devin/umbra.json", agent: "devin" }]);
  await setVisibility(database, { githubId: 8201 }, "private");
  // Private repositories of the installation, with large, distinctive figures.
  await scan(database, facts(8202, "shadow-owner-q3", "umbra-service-k8", "private"), { installationId: INSTALLATION }, commits(8202, 41, 33, "devin"));
  await scan(database, facts(8203, "openworks", "umbra-service-k8-internal", "internal"), { installationId: INSTALLATION }, commits(8203, 29, 29, "cursor"));
  await recordPullRequests(database, facts(8202, "shadow-owner-q3", "umbra-service-k8", "private"), [
    { number: 4242, createdAt: new Date("2025-12-02T00:00:00Z"), mergedAt: null, state: "open", headRef: "devin/umbra-plan", authorLogin: "devin-ai-integration[bot]", evidence: [{ agent: "devin", kind: "pr-branch", strength: "strong", matched: "devin/umbra-plan" }] },
  ], { installationId: INSTALLATION });
}

describe("public output with and without private repositories", () => {
  let withPrivate: TestDatabase;
  let publicOnly: TestDatabase;
  let servers: [TestServer, TestServer];
  const outDir = { value: "" };

  beforeAll(async () => {
    [withPrivate, publicOnly] = await Promise.all([openTestDatabase(), openTestDatabase()]);
    await seed(withPrivate, true);
    await seed(publicOnly, false);
    servers = [await startPublicServer(withPrivate, { now: () => NOW }), await startPublicServer(publicOnly, { now: () => NOW })];
    outDir.value = await mkdtemp(join(tmpdir(), "agent-census-private-"));
  });
  afterAll(async () => {
    for (const server of servers ?? []) await server.close();
    await withPrivate?.cleanup();
    await publicOnly?.cleanup();
    if (outDir.value) await rm(outDir.value, { recursive: true, force: true });
  });

  it("every page, API route and badge reachable from the dashboard is identical, and names nothing private", async () => {
    const get = async (server: TestServer, path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { status: response.status, body: await response.text() };
    };
    const seeds = [
      "/", `/?${RANGE}`, `/?cohort=${COHORT}&${RANGE}`, "/agents", "/repos", "/api/v1", "/api/v1/cohorts", `/api/v1/share?${RANGE}`, `/api/v1/share?cohort=${COHORT}&${RANGE}`,
      `/api/v1/agents?${RANGE}`, "/api/v1/repos?limit=500", "/api/v1/repos?limit=2", ...catalog.map((a) => `/api/v1/agents/${a.id}?${RANGE}`), ...catalog.map((a) => `/agents/${a.id}`),
      ...publicRepos.flatMap((r) => [`/repos/${r.owner}/${r.name}`, `/api/v1/repos/${r.owner}/${r.name}`, `/badge/${r.owner}/${r.name}.svg`]),
      ...[["shadow-owner-q3", "nocturne-lib-z2"], ["shadow-owner-q3", "umbra-service-k8"], ["openworks", "umbra-service-k8-internal"]].flatMap(([o, n]) => [`/repos/${o}/${n}`, `/api/v1/repos/${o}/${n}`, `/badge/${o}/${n}.svg`]),
    ];
    const seen = new Set<string>();
    const queue = [...seeds];
    const differing: string[] = [];
    const named: string[] = [];
    while (queue.length > 0 && seen.size < 2_000) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const [a, b] = [await get(servers[0], path), await get(servers[1], path)];
      if (a.status !== b.status || a.body !== b.body) differing.push(`${path} (${a.status} vs ${b.status})`);
      for (const marker of PRIVATE_MARKERS) if (a.body.includes(marker)) named.push(`${path} shows ${marker}`);
      for (const match of a.body.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
        const link = match[1]!.replace(/&amp;/g, "&");
        if (!link.startsWith("/assets/")) queue.push(link);
      }
    }
    recordFigures(AREA, "dashboard, API, badges", { badInputsTried: seen.size, privateLeaks: differing.length + named.length });
    expect(seen.size).toBeGreaterThan(seeds.length / 2);
    expect(named).toEqual([]);
    expect(differing, "public output that changes when private repositories exist").toEqual([]);
  });

  it("the public and cohort report files are identical, and name nothing private", async () => {
    const scopes: ReportScope[] = [{ kind: "public" }, { kind: "cohort", name: COHORT }];
    const differing: string[] = [];
    const named: string[] = [];
    let files = 0;
    for (const scope of scopes) {
      const dirs = [join(outDir.value, `${scope.kind}-with`), join(outDir.value, `${scope.kind}-without`)];
      await writeReport(await buildReportFigures(withPrivate, { scope, from: "2025-10", to: "2026-01", now: NOW }), dirs[0]!);
      await writeReport(await buildReportFigures(publicOnly, { scope, from: "2025-10", to: "2026-01", now: NOW }), dirs[1]!);
      for (const name of (await readdir(dirs[0]!)).sort()) {
        files += 1;
        const [a, b] = [await readFile(join(dirs[0]!, name), "utf8"), await readFile(join(dirs[1]!, name), "utf8").catch(() => "(missing)")];
        if (a !== b) differing.push(`${scope.kind}/${name}`);
        for (const marker of PRIVATE_MARKERS) if (a.includes(marker)) named.push(`${scope.kind}/${name} shows ${marker}`);
      }
    }
    recordFigures(AREA, "report files", { badInputsTried: files, privateLeaks: differing.length + named.length });
    expect(files).toBeGreaterThanOrEqual(8);
    expect(named).toEqual([]);
    expect(differing, "report files that change when private repositories exist").toEqual([]);
  });
});
