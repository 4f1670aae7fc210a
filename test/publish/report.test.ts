import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CliError, USAGE_EXIT_CODE } from "../../src/cli/errors.js";
import { registerReportCommand } from "../../src/cli/report.js";
import { migrate, openDatabase } from "../../src/store/index.js";
import { buildReportFigures, writeReport } from "../../src/publish/report/index.js";
import { EmptyReportError, InvalidMonthRangeError, UnknownCohortError } from "../../src/publish/errors.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { cohortDefinition, cohortName, installationId, seedNow, seedPublishWorld } from "./seed.js";

let database: TestDatabase;
let outDir: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedPublishWorld(database);
  outDir = await mkdtemp(join(tmpdir(), "agent-census-report-"));
});

afterAll(async () => {
  await database.cleanup();
  await rm(outDir, { recursive: true, force: true });
});

const cohortReport = () =>
  buildReportFigures(database, { scope: { kind: "cohort", name: cohortName }, from: "2025-10", to: "2026-01", now: seedNow });

describe("report figures", () => {
  it("a cohort report counts only its public members, month by month, with the headline from first to last month", async () => {
    const figures = await cohortReport();
    // 5 public members are active every month; the private member is left out.
    expect(figures.months.map((m) => m.activeRepos)).toEqual([5, 5, 5, 5]);
    // alpha (trailers) every month; beta's Copilot PR in Dec and a Codex commit in Jan; gamma's CLAUDE.md from Jan.
    expect(figures.months.map((m) => m.withAgent.any.count)).toEqual([1, 1, 2, 3]);
    expect(figures.headline.sentence).toBe(
      "The share of active projects with agent activity was 20.0% (1 of 5) in Oct 2025 and 60.0% (3 of 5) in Jan 2026: too few active repositories to tell whether it changed (n = 5 and 5).",
    );
    expect(figures.population).toMatchObject({ repositories: 5, definition: cohortDefinition, includesPrivate: false });
  });

  it("keeps channels, bounds and review assistants apart", async () => {
    const figures = await cohortReport();
    const dec = figures.months[2]!;
    const jan = figures.months[3]!;
    const nov = figures.months[1]!;
    expect(dec.withAgent.pr.count).toBe(1);
    expect(jan.withAgent.config.count).toBe(1);
    expect(dec.upperBound.count).toBe(3); // epsilon's weak marker widens only the upper bound
    expect(nov.assistants.any.count).toBe(1); // delta's CodeRabbit commit
    expect(nov.withAgent.any.count).toBe(1); // ... and is not in the headline
    expect(Object.keys(nov.perAgent)).not.toContain("coderabbit");
  });

  it("an installation's own report includes its private repositories", async () => {
    const figures = await buildReportFigures(database, { scope: { kind: "installation", id: installationId }, from: "2026-01", to: "2026-01", now: seedNow });
    expect(figures.population.includesPrivate).toBe(true);
    expect(figures.months[0]!.activeRepos).toBe(3);
    expect(figures.months[0]!.perAgent.devin?.count).toBe(2);
  });

  it("refuses an unknown cohort, a backwards range and a range with no active repository", async () => {
    await expect(buildReportFigures(database, { scope: { kind: "cohort", name: "nope" }, from: "2025-10", to: "2026-01" })).rejects.toThrow(
      UnknownCohortError,
    );
    await expect(buildReportFigures(database, { scope: { kind: "public" }, from: "2026-01", to: "2025-10" })).rejects.toThrow(InvalidMonthRangeError);
    await expect(buildReportFigures(database, { scope: { kind: "public" }, from: "2020-01", to: "2020-06" })).rejects.toThrow(EmptyReportError);
  });
});

describe("report files", () => {
  it("writes a self-contained HTML page, Markdown with SVG charts beside it, and the data", async () => {
    const figures = await cohortReport();
    const written = await writeReport(figures, outDir);
    const names = (await readdir(outDir)).sort();
    expect(names).toEqual(expect.arrayContaining(["report.html", "report.md", "data.csv", "data.json", "chart-share.svg", "chart-channels.svg", "chart-agents.svg", "chart-assistants.svg"]));
    expect(written.files).toHaveLength(names.length);

    const html = await readFile(join(outDir, "report.html"), "utf8");
    expect(html).toContain(figures.headline.sentence);
    // Opens offline: no scripts, stylesheets, fonts or images fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|@import|@font-face|<img|src="http|url\(http/i);
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain("Methodology");
    expect(html).toContain("Squash merges");
    // The frozen definition is printed (jsonb may reorder its keys).
    for (const [key, value] of Object.entries(cohortDefinition)) expect(html).toContain(`&quot;${key}&quot;: ${JSON.stringify(value).replace(/"/g, "&quot;")}`);

    const md = await readFile(join(outDir, "report.md"), "utf8");
    for (const chart of ["share", "channels", "agents", "assistants"]) expect(md).toContain(`(chart-${chart}.svg)`);
    expect(md).toContain("| Jan 2026 | 5 | 60.0% (3) |");

    // The share chart is drawn by vega and labels the headline figures.
    const svg = await readFile(join(outDir, "chart-share.svg"), "utf8");
    expect(svg).toMatch(/^<svg/);
    for (const label of ["20.0%", "40.0%", "60.0%"]) expect(svg).toContain(`>${label}</text>`);
  });

  it("data.csv and data.json hold every figure with numerator and denominator", async () => {
    const figures = await cohortReport();
    await writeReport(figures, outDir);
    const csv = (await readFile(join(outDir, "data.csv"), "utf8")).trim().split("\n");
    expect(csv[0]).toBe("month,group,series,label,agent,count,active_repos,share,ci_low,ci_high");
    const janLower = csv.find((line) => line.startsWith("2026-01,headline,lower-bound,"))!.split(",");
    expect(janLower.slice(-5).map(Number)).toEqual([3, 5, 0.6, expect.closeTo(0.231, 3), expect.closeTo(0.882, 3)]);
    expect(csv).toHaveLength(1 + figures.series.length);

    const json = JSON.parse(await readFile(join(outDir, "data.json"), "utf8")) as typeof figures;
    expect(json.months).toEqual(figures.months);
    expect(json.headline.ratio).toBeCloseTo(3, 10);
  });
});

describe("agent-census report", () => {
  let dataDir: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

  beforeAll(async () => {
    // The command opens its own store from the environment: a PGlite folder seeded beforehand.
    dataDir = await mkdtemp(join(tmpdir(), "agent-census-cli-"));
    const store = await openDatabase({ dataDir });
    await migrate(store);
    await seedPublishWorld(store);
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
    registerReportCommand(program.command("report"));
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    try {
      await program.parseAsync(["node", "agent-census", "report", ...args]);
      return { stdout: lines.join("\n"), error: null };
    } catch (error) {
      return { stdout: lines.join("\n"), error };
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
  }

  it("writes the files and prints the headline and where they are", async () => {
    const out = join(outDir, "cli");
    const { stdout, error } = await run("--cohort", cohortName, "--from", "2025-10", "--to", "2026-01", "--out", out);
    expect(error).toBeNull();
    expect(stdout).toContain("was 20.0% (1 of 5) in Oct 2025 and 60.0% (3 of 5) in Jan 2026: too few active repositories to tell");
    expect(stdout).toContain(join(out, "report.html"));
    expect((await readdir(out)).sort()).toContain("data.csv");
  });

  it("--compare and --min-active choose the months and the denominator a claim needs", async () => {
    const { stdout, error } = await run("--cohort", cohortName, "--from", "2025-10", "--to", "2026-01", "--compare", "2025-11:2026-01", "--min-active", "3", "--out", join(outDir, "cli-compare"));
    expect(error).toBeNull();
    expect(stdout).toContain("was 20.0% (1 of 5) in Nov 2025 and 60.0% (3 of 5) in Jan 2026: too few active repositories to tell whether it changed (n = 5 and 5).");
    const md = await readFile(join(outDir, "cli-compare", "report.md"), "utf8");
    expect(md).toContain("## Change between Nov 2025 and Jan 2026");
    expect(md).toMatch(/\| difference \| \+40\.0 points, 95% CI −\d+\.\d to \+\d+\.\d \(Newcombe\) \|/);
    expect(md).toContain("includes zero");
  });

  it("--json prints every figure", async () => {
    const { stdout, error } = await run("--public", "--from", "2026-01", "--to", "2026-01", "--out", join(outDir, "cli-json"), "--json");
    expect(error).toBeNull();
    const figures = JSON.parse(stdout) as { months: Array<{ activeRepos: number }>; files: string[] };
    expect(figures.months[0]!.activeRepos).toBe(6);
    expect(figures.files).toContain(join(outDir, "cli-json", "data.json"));
  });

  it("fails with one clear line and a non-zero exit code", async () => {
    const cases: Array<[string[], RegExp, number]> = [
      [["--cohort", "no-such-cohort"], /unknown cohort "no-such-cohort"/, 1],
      [["--public", "--from", "2019-01", "--to", "2019-03"], /no active repository .* between Jan 2019 and Mar 2019/, 1],
      [["--public", "--from", "2026-03", "--to", "2026-01"], /--from 2026-03 is after --to 2026-01/, USAGE_EXIT_CODE],
      [["--public", "--from", "last-year"], /--from must be a month like 2025-10/, USAGE_EXIT_CODE],
      [["--public", "--cohort", cohortName], /choose exactly one scope/, USAGE_EXIT_CODE],
      [["--installation", "abc"], /--installation must be a numeric installation id/, USAGE_EXIT_CODE],
      [["--public", "--compare", "2026-01"], /--compare must be two months like 2025-10:2026-08/, USAGE_EXIT_CODE],
      [["--public", "--compare", "2026-01:2025-10"], /the first month must come before the second/, USAGE_EXIT_CODE],
      [["--public", "--min-active", "-3"], /--min-active must be a non-negative integer/, USAGE_EXIT_CODE],
    ];
    for (const [args, message, exitCode] of cases) {
      const { error } = await run(...args, "--out", join(outDir, "cli-fail"));
      expect(error, args.join(" ")).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(message);
      expect((error as CliError).message).not.toContain("\n");
      expect((error as CliError).exitCode).toBe(exitCode);
    }
  });
});
