import nock from "nock";
import { Probot } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAppJobs } from "../../src/jobs/app-jobs.js";
import type { InstallationOctokit } from "../../src/jobs/backfill.js";
import { parseOrgConfig, reportIsDue } from "../../src/jobs/org-report-config.js";
import { runOrgReport, type OrgReportDependencies } from "../../src/jobs/org-report-job.js";
import { openJobQueue, type JobQueue } from "../../src/jobs/queue.js";
import { reportMarker } from "../../src/publish/org-report/index.js";
import { observeCommit, observeConfigFiles } from "../../src/scan/observe.js";
import { acceptPush, recordScan, type RepositoryFacts } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { loadFixture } from "../support/fixtures.js";
import { silentLog, TestOctokit } from "./harness.js";

const INSTALLATION = 31;
const NOW = new Date("2026-08-25T12:00:00Z");
// Real commits with Claude Code and Cursor trailers, from August 2026.
const commits = loadFixture("anthropics__claude-code-action").commits.filter((commit) => commit.committer.date.startsWith("2026-0"));

function facts(githubId: number, name: string, visibility: "public" | "private"): RepositoryFacts {
  return { githubId, host: "github.com", owner: "acme", name, visibility, fork: false, archived: false, stars: 0, language: null, createdAt: null, pushedAt: null, defaultBranch: "main" };
}

async function seed(database: TestDatabase, repo: RepositoryFacts, configPath: string): Promise<void> {
  await recordScan(database, {
    repo,
    tracking: { installationId: INSTALLATION },
    window: { since: new Date("2025-10-01T00:00:00Z") },
    mode: "window",
    head: commits[0]?.sha ?? null,
    commits: commits.map((commit) => observeCommit(commit)),
    configFiles: observeConfigFiles([{ path: configPath, addedAt: "2026-05-01T00:00:00Z" }]),
    pullRequests: [],
    cost: { graphqlPoints: 1, httpRequests: 1 },
    startedAt: NOW,
    finishedAt: NOW,
  });
}

const api = () => nock("https://api.github.com");
const configFile = /\/repos\/acme\/\.github\/contents\/.*agent-census\.yml/;

function replyConfig(yamlText: string | null) {
  const scope = api().get(configFile);
  return yamlText === null ? scope.reply(404, { message: "Not Found" }) : scope.reply(200, yamlText, { "content-type": "text/plain; charset=utf-8" });
}

/** The report issue's creation in acme/engineering (private or public): returns a reader of its body. */
function expectIssueCreated(number: number, visibility: "public" | "private"): () => string {
  api().get("/repos/acme/engineering").reply(200, { private: visibility === "private", visibility });
  api().get("/repos/acme/engineering/issues").query(true).reply(200, []);
  let body = "";
  api()
    .post("/repos/acme/engineering/issues", (request: { body: string }) => {
      body = request.body;
      return true;
    })
    .reply(201, { number });
  return () => body;
}

describe("the org's report issue", () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let dependencies: OrgReportDependencies;
  const warnings: string[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    database = await openTestDatabase();
    queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false });
    await seed(database, facts(1, "public-one", "public"), "AGENTS.md");
    await seed(database, facts(2, "secret-sauce", "private"), ".cursor/rules/secret-rule.mdc");
    const probot = new Probot({ githubToken: "test-token", log: silentLog, Octokit: TestOctokit });
    dependencies = {
      database,
      jobs: createAppJobs(queue.boss),
      octokitFor: async (id) => (await probot.auth(id)) as unknown as InstallationOctokit,
      appOctokit: async () => (await probot.auth()) as unknown as InstallationOctokit,
      log: { info: () => {}, debug: () => {}, error: () => {}, warn: (_: unknown, message?: string) => void warnings.push(message ?? "") } as OrgReportDependencies["log"],
      now: () => NOW,
    };
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await queue?.stop();
    await database?.cleanup();
  });
  beforeEach(() => {
    nock.cleanAll();
    warnings.length = 0;
  });

  it("writes nothing into an org without the config file", async () => {
    replyConfig(null);
    expect(await runOrgReport({ kind: "installation", installationId: INSTALLATION, account: "acme" }, dependencies)).toBe("not-configured");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("creates the report in a public repository without naming a private one", async () => {
    replyConfig("report:\n  repository: acme/engineering\n  schedule: weekly\n");
    const created = expectIssueCreated(7, "public");
    expect(await runOrgReport({ kind: "installation", installationId: INSTALLATION, account: "acme" }, dependencies)).toBe("created");
    const body = created();
    expect(nock.pendingMocks()).toEqual([]);
    expect(body).toContain("xychart-beta");
    expect(body).toContain("acme/public-one");
    expect(body).toContain("AGENTS.md");
    expect(body).not.toContain("secret-sauce");
    expect(body).not.toContain("secret-rule");
    expect(body).toMatch(/1 private repository with agent activity is not named/);
    expect(body).toContain("## Methodology");
    expect(body.startsWith(reportMarker(NOW))).toBe(true);
  });

  it("names private repositories when the report repository is private", async () => {
    replyConfig("report:\n  repository: acme/engineering\n");
    const created = expectIssueCreated(8, "private");
    expect(await runOrgReport({ kind: "installation", installationId: INSTALLATION, account: "acme" }, dependencies)).toBe("created");
    const body = created();
    expect(body).toContain("acme/secret-sauce");
    expect(body).toContain(".cursor/rules/secret-rule.mdc");
  });

  it("keeps updating the one issue it wrote: not before the schedule is due, at once when forced", async () => {
    const existing = { number: 7, body: `${reportMarker(new Date("2026-08-22T00:00:00Z"))}\nold`, user: { type: "Bot" } };
    const personQuotingTheMarker = { number: 3, body: reportMarker(new Date("2026-01-01T00:00:00Z")), user: { type: "User" } };
    replyConfig("report:\n  repository: acme/engineering\n  schedule: weekly\n");
    api().get("/repos/acme/engineering").reply(200, { private: true });
    api().get("/repos/acme/engineering/issues").query(true).reply(200, [personQuotingTheMarker, existing]);
    expect(await runOrgReport({ kind: "installation", installationId: INSTALLATION, account: "acme" }, dependencies)).toBe("not-due");

    replyConfig("report:\n  repository: acme/engineering\n  schedule: weekly\n");
    api().get("/repos/acme/engineering").reply(200, { private: true });
    api().get("/repos/acme/engineering/issues").query(true).reply(200, [personQuotingTheMarker, existing]);
    const patched = api().patch("/repos/acme/engineering/issues/7").reply(200, { number: 7 });
    expect(await runOrgReport({ kind: "installation", installationId: INSTALLATION, account: "acme", force: true }, dependencies)).toBe("updated");
    expect(patched.isDone()).toBe(true);
  });

  it("says clearly what is wrong with a bad config file, and writes nothing", async () => {
    replyConfig("report:\n  repository: acme/engineering\n  schedule: hourly\n");
    expect(await runOrgReport({ kind: "installation", installationId: INSTALLATION, account: "acme" }, dependencies)).toBe("invalid-config");
    expect(warnings.join("\n")).toContain('report.schedule must be "daily", "weekly" or "monthly"');
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe("the org's report after a burst of pushes", () => {
  it("counts a push answered just before it ran", async () => {
    nock.disableNetConnect();
    const database = await openTestDatabase();
    const queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false });
    try {
      const probot = new Probot({ githubToken: "test-token", log: silentLog, Octokit: TestOctokit });
      const dependencies: OrgReportDependencies = {
        database,
        jobs: createAppJobs(queue.boss),
        octokitFor: async (id) => (await probot.auth(id)) as unknown as InstallationOctokit,
        appOctokit: async () => (await probot.auth()) as unknown as InstallationOctokit,
        log: silentLog as unknown as OrgReportDependencies["log"],
        now: () => NOW,
      };
      await seed(database, facts(1, "public-one", "public"), "AGENTS.md");
      // Answered the moment before the report runs: it was written before the answer.
      const pushed = commits.slice(0, 10);
      await acceptPush(database, { repo: facts(3, "pushed-just-now", "public"), installationId: INSTALLATION, before: "0".repeat(40), after: pushed.at(-1)!.sha, forced: false, commits: pushed.map((commit) => observeCommit(commit)) });
      replyConfig("report:\n  repository: acme/engineering\n");
      const body = expectIssueCreated(9, "private");
      expect(await runOrgReport({ kind: "installation", installationId: INSTALLATION, account: "acme" }, dependencies)).toBe("created");
      expect(body()).toContain("acme/pushed-just-now");
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
      await queue.stop();
      await database.cleanup();
    }
  });
});

describe("the org config file", () => {
  it("accepts the documented example and defaults the schedule to weekly", () => {
    expect(parseOrgConfig({ report: { repository: "acme/engineering" } }, "acme", ".github/agent-census.yml")).toEqual({ repository: "acme/engineering", schedule: "weekly" });
    expect(parseOrgConfig({}, "acme", ".github/agent-census.yml")).toBeNull();
  });

  it("names the bad key and what it should be", () => {
    expect(() => parseOrgConfig({ report: { repository: "engineering" } }, "acme", "x.yml")).toThrow(/report\.repository: report\.repository must look like owner\/name/);
    expect(() => parseOrgConfig({ report: { repository: "other/engineering" } }, "acme", "x.yml")).toThrow(/must be a repository of acme, not other\/engineering/);
    expect(() => parseOrgConfig({ report: { repository: "acme/x", shedule: "daily" } }, "acme", "x.yml")).toThrow(/shedule/);
    expect(() => parseOrgConfig({ reprot: {} }, "acme", "x.yml")).toThrow(/reprot/);
  });

  it("is due by its schedule", () => {
    const now = new Date("2026-08-25T06:17:00Z");
    expect(reportIsDue("daily", new Date("2026-08-25T00:00:00Z"), now)).toBe(false);
    expect(reportIsDue("daily", new Date("2026-08-24T00:00:00Z"), now)).toBe(true);
    expect(reportIsDue("weekly", new Date("2026-08-19T00:00:00Z"), now)).toBe(false);
    expect(reportIsDue("weekly", new Date("2026-08-18T00:00:00Z"), now)).toBe(true);
    expect(reportIsDue("monthly", new Date("2026-08-01T00:00:00Z"), now)).toBe(false);
    expect(reportIsDue("monthly", new Date("2026-07-31T00:00:00Z"), now)).toBe(true);
    expect(reportIsDue("weekly", null, now)).toBe(true);
  });
});
