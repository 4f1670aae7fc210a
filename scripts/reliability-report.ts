// `npm run test:reliability`: runs the reliability suite (vitest.reliability.config.ts) and prints
// one table of what it tried and what it found. Exits non-zero when a check failed or any record
// was lost or double-counted, or any secret or private figure leaked.
//
// Extra arguments go to vitest (e.g. `npm run test:reliability -- test/reliability/cli-errors`).
// With TEST_DATABASE_URL set the store faults run against real Postgres; without it they are
// skipped (PGlite has no server connection to lose) and the table says so.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Table from "cli-table3";
import { FIGURES_DIR_VARIABLE, type Figures, type LedgerLine } from "../test/reliability/support/figures.js";

interface VitestAssertion {
  fullName: string;
  status: "passed" | "failed" | "skipped" | "pending" | "todo";
  failureMessages: string[];
}
interface VitestFile {
  name: string;
  status: string;
  message?: string;
  assertionResults: VitestAssertion[];
}

const columns: Array<[keyof Figures, string]> = [
  ["deliveriesHeld", "deliveries held"],
  ["faultsSurvived", "faults survived"],
  ["badInputsTried", "bad inputs tried"],
  ["recordsLost", "records lost"],
  ["recordsDoubleCounted", "double-counted"],
  ["secretsLeaked", "secrets leaked"],
  ["privateLeaks", "private leaks"],
];
/** Figures that must be zero. */
const mustBeZero: Array<keyof Figures> = ["recordsLost", "recordsDoubleCounted", "secretsLeaked", "privateLeaks"];

function runVitest(figuresDir: string, resultsFile: string, extraArgs: string[]): number {
  const vitest = join(process.cwd(), "node_modules", ".bin", "vitest");
  const run = spawnSync(vitest, ["run", "-c", "vitest.reliability.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${resultsFile}`, ...extraArgs], {
    stdio: "inherit",
    env: { ...process.env, [FIGURES_DIR_VARIABLE]: figuresDir, RELIABILITY_FULL: "1" },
  });
  return run.status ?? 1;
}

/** `npm audit --omit=dev`: high and critical advisories, or why it could not be checked. */
function auditProductionDependencies(): { high: number; critical: number } | { unavailable: string } {
  const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", timeout: 120_000 });
  try {
    const report = JSON.parse(run.stdout) as { metadata?: { vulnerabilities?: Record<string, number> }; message?: string };
    const counts = report.metadata?.vulnerabilities;
    if (!counts) return { unavailable: (report.message ?? run.stderr.trim().split("\n")[0] ?? "no answer").slice(0, 160) };
    return { high: counts.high ?? 0, critical: counts.critical ?? 0 };
  } catch {
    return { unavailable: (run.stderr.trim().split("\n")[0] ?? "no answer").slice(0, 160) };
  }
}

function readLedger(dir: string): LedgerLine[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".jsonl"))
    .flatMap((name) => readFileSync(join(dir, name), "utf8").split("\n").filter(Boolean))
    .map((line) => JSON.parse(line) as LedgerLine);
}

function readResults(file: string): VitestFile[] {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { testResults: VitestFile[] }).testResults;
  } catch {
    return [];
  }
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "agent-census-reliability-"));
  const figuresDir = join(work, "figures");
  const resultsFile = join(work, "results.json");
  const vitestStatus = runVitest(figuresDir, resultsFile, process.argv.slice(2));
  const ledger = readLedger(figuresDir);
  const results = readResults(resultsFile);
  rmSync(work, { recursive: true, force: true });

  const files = [...new Set([...results.map((r) => relative(process.cwd(), r.name)), ...ledger.map((l) => l.file)])].sort();
  const totals: Figures = {};
  const table = new Table({
    head: ["check", "tests", ...columns.map(([, title]) => title)],
    style: { head: [], border: [] },
    // No rule between body rows, as the CLI's own tables.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const file of files) {
    const sums: Figures = {};
    for (const line of ledger.filter((l) => l.file === file)) {
      for (const [key] of columns) {
        const value = line.figures[key];
        if (value !== undefined) {
          sums[key] = (sums[key] ?? 0) + value;
          totals[key] = (totals[key] ?? 0) + value;
        }
      }
    }
    const result = results.find((r) => relative(process.cwd(), r.name) === file);
    const tests = result?.assertionResults ?? [];
    const count = (status: VitestAssertion["status"]) => tests.filter((t) => t.status === status).length;
    const skippedCount = count("skipped") + count("pending") + count("todo");
    const testsCell = `${count("passed")} passed` + (count("failed") ? `, ${count("failed")} FAILED` : "") + (skippedCount ? `, ${skippedCount} skipped` : "");
    table.push([file.replace(/^test\/reliability\//, ""), testsCell, ...columns.map(([key]) => (sums[key] === undefined ? "" : String(sums[key])))]);
  }
  table.push(["TOTAL", "", ...columns.map(([key]) => String(totals[key] ?? 0))]);

  console.log("\nagent-census reliability report\n");
  console.log(table.toString());

  const skips = ledger.filter((l) => l.skipped);
  if (skips.length > 0) {
    console.log("\nSkipped here:");
    for (const skip of skips) console.log(`  - ${skip.area} / ${skip.check}: ${skip.skipped}`);
  }
  const failures = results.flatMap((file) => [
    ...(file.status === "failed" && file.assertionResults.length === 0 ? [{ name: relative(process.cwd(), file.name), message: file.message ?? "failed to load" }] : []),
    ...file.assertionResults.filter((t) => t.status === "failed").map((t) => ({ name: t.fullName, message: t.failureMessages[0] ?? "" })),
  ]);
  if (failures.length > 0) {
    console.log("\nFailed checks:");
    for (const failure of failures) console.log(`  - ${failure.name}\n      ${failure.message.split("\n")[0]}`);
  }
  const audit = auditProductionDependencies();
  const auditFailed = "high" in audit && audit.high + audit.critical > 0;
  console.log(
    "unavailable" in audit
      ? `\nnpm audit --omit=dev: NOT CHECKED (${audit.unavailable})`
      : `\nnpm audit --omit=dev: ${audit.high} high, ${audit.critical} critical advisories${auditFailed ? " — run npm audit for the fixes" : ""}`,
  );
  const nonZero = mustBeZero.filter((key) => (totals[key] ?? 0) > 0);
  if (nonZero.length > 0) console.log(`\nMust be 0 but are not: ${nonZero.map((key) => `${key} = ${totals[key]}`).join(", ")}`);
  const ok = vitestStatus === 0 && failures.length === 0 && nonZero.length === 0 && !auditFailed;
  console.log(ok ? "\nAll reliability checks held." : "\nReliability checks did NOT all hold (see above).");
  process.exitCode = ok ? 0 : 1;
}

main();
