// Per-signal precision: every catalog signal has a stable id, the store keeps it on every piece
// of evidence whatever path wrote it, `audit sample` draws evidence per signal (never from a
// private repository for a public report), `audit import` stores verdicts, and reports give each
// signal's precision with its Wilson interval and list the signals never reviewed.

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerAuditCommand } from "../../src/cli/audit.js";
import { CliError, USAGE_EXIT_CODE } from "../../src/cli/errors.js";
import { classifyPaths } from "../../src/detect/index.js";
import { catalogSignals } from "../../src/publish/audit/signals.js";
import { parseReviewCsv, renderReviewCsv } from "../../src/publish/audit/review-csv.js";
import { buildReportFigures, writeReport } from "../../src/publish/report/index.js";
import { observeCommit, observeConfigFiles, observePullRequests } from "../../src/scan/observe.js";
import {
  acceptPush,
  importSignalReviews,
  migrate,
  openDatabase,
  recordScan,
  sampleEvidence,
  type Database,
  type RepositoryFacts,
} from "../../src/store/index.js";
import { loadFixture } from "../support/fixtures.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

const fixture = loadFixture("anthropics__claude-code-action");

const facts = (githubId: number, owner: string, name: string, visibility: RepositoryFacts["visibility"]): RepositoryFacts => ({
  githubId,
  host: "github.com",
  owner,
  name,
  visibility,
  fork: false,
  archived: false,
  stars: 100,
  language: "TypeScript",
  createdAt: null,
  pushedAt: null,
  defaultBranch: "main",
});

const agentPullRequest = {
  number: 77,
  authorLogin: "copilot-swe-agent[bot]",
  headRef: "copilot/fix-77",
  title: "Fix the flaky test",
  body: null,
  createdAt: "2025-11-03T10:00:00Z",
  mergedAt: null,
};

/** The real fixture's commits and config files, recorded as a public and as a private repository. */
async function seedAuditWorld(database: Database): Promise<void> {
  // The commits with evidence and a few plain ones keep the store small (the whole fixture is 763).
  const observed = fixture.commits.map((commit) => observeCommit(commit));
  const commits = [...observed.filter((c) => c.evidence.length > 0), ...observed.filter((c) => c.evidence.length === 0).slice(0, 30)];
  const configFiles = observeConfigFiles(fixture.files.map((path) => ({ path, addedAt: "2025-06-01T00:00:00Z" })));
  for (const [repo, id] of [
    [facts(7001, "anthropics", "claude-code-action", "public"), 7001],
    [facts(7002, "hidden-corp", "secret-audit-x9", "private"), 7002],
  ] as const) {
    await recordScan(database, {
      repo,
      tracking: {},
      window: { since: new Date("2020-01-01T00:00:00Z") },
      mode: "window",
      head: commits[0]?.sha ?? null,
      commits,
      configFiles,
      pullRequests: observePullRequests([{ ...agentPullRequest, number: id }]),
      cost: { graphqlPoints: 0, httpRequests: 0 },
      startedAt: new Date("2026-01-01T00:00:00Z"),
      finishedAt: new Date("2026-01-01T00:00:01Z"),
    });
  }
}

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedAuditWorld(database);
});

afterAll(async () => database?.cleanup());

describe("signal ids", () => {
  it("every catalog signal has one unique id, agent/kind/key", () => {
    const signals = catalogSignals();
    expect(signals.length).toBeGreaterThan(50);
    expect(new Set(signals.map((s) => s.id)).size).toBe(signals.length);
    for (const s of signals) expect(s.id).toMatch(new RegExp(`^${s.agent.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/[a-z-]+/.+`));
  });

  it("the detector names a catalog signal on every piece of evidence of a real repository", () => {
    const ids = new Set(catalogSignals().map((s) => s.id));
    const evidence = [...fixture.commits.flatMap((c) => observeCommit(c).evidence), ...classifyPaths(fixture.files).evidence];
    expect(evidence.length).toBeGreaterThan(10);
    for (const e of evidence) expect(ids, `${e.agent} ${e.kind} ${e.matched}`).toContain(e.signal);
  });

  it("the store keeps the signal on commits, pull requests and config files, scans and pushes alike", async () => {
    const missing = await database.executeSql<{ n: number }>(
      `SELECT (SELECT count(*) FROM commit_evidence WHERE signal IS NULL) + (SELECT count(*) FROM pull_request_evidence WHERE signal IS NULL)
         + (SELECT count(*) FROM config_files WHERE signal IS NULL) AS n`,
    );
    expect(Number(missing.rows[0]!.n)).toBe(0);
    const stored = await database.executeSql<{ c: number; p: number; f: number }>(
      "SELECT (SELECT count(*) FROM commit_evidence) AS c, (SELECT count(*) FROM pull_request_evidence) AS p, (SELECT count(*) FROM config_files) AS f",
    );
    for (const count of Object.values(stored.rows[0]!)) expect(Number(count)).toBeGreaterThan(0);

    // A webhook push goes through the push inbox (encoded, then decoded): the signal survives.
    const pushed = fixture.commits.find((c) => observeCommit(c).evidence.length > 0)!;
    await acceptPush(database, {
      repo: facts(7003, "anthropics", "pushed-here", "public"),
      before: "0".repeat(40),
      after: pushed.sha,
      forced: false,
      commits: [observeCommit(pushed)],
      configAdded: observeConfigFiles([{ path: "CLAUDE.md", addedAt: "2026-01-02T00:00:00Z" }]),
    });

    const rows = await database.executeSql<{ signal: string | null }>(
      "SELECT e.signal FROM commit_evidence e JOIN repositories r ON r.id = e.repo_id WHERE r.name = 'pushed-here' UNION ALL SELECT f.signal FROM config_files f JOIN repositories r ON r.id = f.repo_id WHERE r.name = 'pushed-here'",
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows.rows) expect(row.signal).toMatch(/^[a-z0-9-]+\/[a-z-]+\/.+/);
  });
});

describe("sampling", () => {
  it("draws at most n per signal, the same sample for the same seed", async () => {
    const a = await sampleEvidence(database, { perSignal: 3, seed: 11, publicOnly: false });
    const b = await sampleEvidence(database, { perSignal: 3, seed: 11, publicOnly: false });
    const c = await sampleEvidence(database, { perSignal: 3, seed: 12, publicOnly: false });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const perSignal = new Map<string, number>();
    for (const e of a) perSignal.set(e.signal, (perSignal.get(e.signal) ?? 0) + 1);
    expect(Math.max(...perSignal.values())).toBeLessThanOrEqual(3);
    expect(new Set(a.map((e) => e.channel))).toEqual(new Set(["commit", "pr", "config"]));
  });

  it("a sample for a public report never holds a private repository", async () => {
    const all = await sampleEvidence(database, { perSignal: 1000, seed: 1, publicOnly: false });
    expect(all.some((e) => e.owner === "hidden-corp")).toBe(true);
    const publicOnly = await sampleEvidence(database, { perSignal: 1000, seed: 1, publicOnly: true });
    expect(publicOnly.length).toBeGreaterThan(0);
    const csv = renderReviewCsv(publicOnly);
    for (const marker of ["hidden-corp", "secret-audit-x9", "7002"]) expect(csv).not.toContain(marker);
  });

  it("the CSV carries the matched text, a link to the commit, PR or file, the repository and the signal", async () => {
    const sample = await sampleEvidence(database, { perSignal: 2, seed: 3, publicOnly: true });
    const rows = parse(renderReviewCsv(sample), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(["signal", "agent", "channel", "repository", "link", "ref", "matched", "repo_id", "correct", "note"]);
    const commit = rows.find((r) => r.channel === "commit")!;
    expect(commit.link).toBe(`https://github.com/${commit.repository}/commit/${commit.ref}`);
    expect(commit.matched!.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.channel === "pr")!.link).toMatch(/^https:\/\/github\.com\/anthropics\/(claude-code-action|pushed-here)\/pull\/\d+$/);
    expect(rows.find((r) => r.channel === "config")!.link).toMatch(/\/blob\/HEAD\//);
  });
});

describe("verdicts and precision", () => {
  it("imports verdicts and reports per-signal precision with its Wilson interval, sample size and the signals never reviewed", async () => {
    const sample = await sampleEvidence(database, { perSignal: 30, seed: 5, publicOnly: false });
    const rows = parse(renderReviewCsv(sample), { columns: true }) as Array<Record<string, string>>;
    const target = rows[0]!.signal;
    // The reviewer marks the first signal's evidence: all correct but one; the private repository's
    // evidence is marked wrong, and must not move the public report's figure.
    let wrongGiven = false;
    for (const row of rows) {
      if (row.signal !== target) continue;
      if (row.repository === "hidden-corp/secret-audit-x9") row.correct = "no";
      else if (!wrongGiven) {
        row.correct = "no";
        wrongGiven = true;
      } else row.correct = "yes";
    }
    const text = [Object.keys(rows[0]!).join(","), ...rows.map((r) => Object.values(r).map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(","))].join("\n");
    const parsed = parseReviewCsv(text);
    expect(parsed.unmarked).toBe(rows.filter((r) => r.signal !== target).length);
    await importSignalReviews(database, parsed.reviews);

    const publicReviewed = rows.filter((r) => r.signal === target && r.repository !== "hidden-corp/secret-audit-x9").length;
    const figures = await buildReportFigures(database, { scope: { kind: "public" }, from: "2025-01", to: "2025-12" });
    const precision = figures.precision.signals.find((s) => s.signal === target)!;
    expect(precision.reviewed).toBe(publicReviewed);
    expect(precision.correct).toBe(publicReviewed - 1);
    expect(precision.ci95[1]).toBeLessThanOrEqual(1);
    expect(figures.precision.neverReviewed).not.toContain(target);
    expect(figures.precision.neverReviewed.length).toBe(catalogSignals().length - 1);

    const out = await mkdtemp(join(tmpdir(), "agent-census-audit-"));
    try {
      await writeReport(figures, out);
      const md = await readFile(join(out, "report.md"), "utf8");
      expect(md).toContain("### Per-signal precision");
      expect(md).toContain(`| ${target} |`);
      expect(md).toContain(`${publicReviewed - 1} of ${publicReviewed}`);
      expect(md).toMatch(new RegExp(`${catalogSignals().length - 1} of ${catalogSignals().length} catalog signals have never been reviewed`));
      const html = await readFile(join(out, "report.html"), "utf8");
      expect(html).toContain("Per-signal precision");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("refuses a review file with a verdict that is not yes or no, naming the line", () => {
    const sample = "signal,agent,channel,repository,link,ref,matched,repo_id,correct,note\nclaude-code/trailer/x,claude-code,commit,a/b,,abc,m,1,maybe,\n";
    expect(() => parseReviewCsv(sample)).toThrow(/line 2: correct must be yes or no, got "maybe"/);
  });
});

describe("agent-census audit", () => {
  let dataDir: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "agent-census-audit-cli-"));
    const store = await openDatabase({ dataDir });
    await migrate(store);
    await seedAuditWorld(store);
    await store.close();
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dataDir;
  });

  afterAll(async () => {
    if (saved.DATABASE_URL !== undefined) process.env.DATABASE_URL = saved.DATABASE_URL;
    if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved.DATA_DIR;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<{ stdout: string; error: unknown }> {
    const program = new Command().exitOverride();
    registerAuditCommand(program.command("audit").exitOverride());
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      await program.parseAsync(["node", "agent-census", "audit", ...args]);
      return { stdout: lines.join("\n"), error: null };
    } catch (error) {
      return { stdout: lines.join("\n"), error };
    } finally {
      log.mockRestore();
    }
  }

  it("samples with --public into a CSV and imports the marked file", async () => {
    const out = join(dataDir, "review.csv");
    const sampled = await run("sample", "--signals", "all", "--per-signal", "30", "--seed", "9", "--public", "--out", out);
    expect(sampled.error).toBeNull();
    expect(sampled.stdout).toMatch(/^\d+ pieces of evidence from \d+ signals written to .*review\.csv \(public repositories only\)/);
    const text = await readFile(out, "utf8");
    expect(text).not.toContain("hidden-corp");
    const marked = text.replace(/,,\n/, ",yes,\n");
    await writeFile(out, marked);
    const imported = await run("import", out);
    expect(imported.error).toBeNull();
    expect(imported.stdout).toMatch(/^1 verdicts stored \(1 correct, 0 wrong\); \d+ rows left unmarked\.$/);
  });

  it("refuses unknown signal ids and a bad file with one clear line", async () => {
    const unknown = await run("sample", "--signals", "nope/trailer/x", "--out", join(dataDir, "x.csv"));
    expect(unknown.error).toBeInstanceOf(CliError);
    expect((unknown.error as CliError).exitCode).toBe(USAGE_EXIT_CODE);
    expect((unknown.error as CliError).message).toContain("unknown: nope/trailer/x");
    await writeFile(join(dataDir, "bad.csv"), "signal,agent\nx,y\n");
    const bad = await run("import", join(dataDir, "bad.csv"));
    expect((bad.error as CliError).message).toMatch(/bad\.csv: review file has no "channel" column/);
  });
});
