// `agent-census report`: writes an adoption report (HTML, Markdown + SVG, CSV, JSON) for a
// cohort, an installation or all public repositories.
import type { Command } from "commander";
import { buildReportFigures, checkMonthRange, parseCompare, writeReport, type ReportScope } from "../publish/report/index.js";
import { EmptyReportError, InvalidMonthRangeError, UnknownCohortError } from "../publish/errors.js";
import { addMonths, monthOf } from "../publish/format.js";
import { CohortNotFoundError, InvalidStoreInputError, migrate, openDatabase } from "../store/index.js";
import { CliError, USAGE_EXIT_CODE } from "./errors.js";
import { printJson } from "./output.js";

interface ReportCommandOptions {
  cohort?: string;
  installation?: string;
  public?: boolean;
  from?: string;
  to?: string;
  out: string;
  json?: boolean;
  compare?: string;
  minActive?: string;
  seed?: string;
}

function positiveInteger(value: string | undefined, flag: string, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < (allowZero ? 0 : 1)) throw new CliError(`${flag} must be a ${allowZero ? "non-negative" : "positive"} integer, got "${value}"`, { exitCode: USAGE_EXIT_CODE });
  return n;
}

function scopeFrom(options: ReportCommandOptions): ReportScope {
  const chosen = [options.cohort !== undefined, options.installation !== undefined, options.public === true].filter(Boolean).length;
  if (chosen !== 1) {
    throw new CliError("choose exactly one scope: --cohort NAME, --installation ID or --public", { exitCode: USAGE_EXIT_CODE });
  }
  if (options.cohort !== undefined) return { kind: "cohort", name: options.cohort };
  if (options.installation !== undefined) {
    const id = Number(options.installation);
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new CliError(`--installation must be a numeric installation id, got "${options.installation}"`, { exitCode: USAGE_EXIT_CODE });
    }
    return { kind: "installation", id };
  }
  return { kind: "public" };
}

/** Publishing's and the store's actionable errors become one line; anything else keeps its stack. */
function asCliError(error: unknown): unknown {
  if (error instanceof InvalidMonthRangeError || error instanceof InvalidStoreInputError) {
    return new CliError(error.message, { cause: error, exitCode: USAGE_EXIT_CODE });
  }
  if (error instanceof UnknownCohortError || error instanceof CohortNotFoundError || error instanceof EmptyReportError) {
    return new CliError(error.message, { cause: error });
  }
  return error;
}

export async function runReport(options: ReportCommandOptions, now = new Date()): Promise<void> {
  const scope = scopeFrom(options);
  // Default range: the twelve months up to and including the current one.
  const to = options.to ?? monthOf(now);
  const from = options.from ?? addMonths(to, -11);
  // Bad arguments fail before the store is opened.
  let compare: { from: string; to: string } | undefined;
  try {
    checkMonthRange(from, to);
    compare = options.compare === undefined ? undefined : parseCompare(options.compare);
  } catch (error) {
    throw asCliError(error);
  }
  const minActive = positiveInteger(options.minActive, "--min-active", true);
  const seed = positiveInteger(options.seed, "--seed", true);
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
  try {
    await migrate(database);
    const figures = await buildReportFigures(database, { scope, from, to, now, compare, minActive, seed });
    const written = await writeReport(figures, options.out);
    if (options.json) {
      printJson({ ...figures, files: written.files });
      return;
    }
    console.log(figures.headline.sentence);
    console.log(`Report written to ${written.dir}:`);
    for (const file of written.files) console.log(`  ${file}`);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await database.close();
  }
}

export function registerReportCommand(command: Command): void {
  command
    .option("--cohort <name>", "a crawl cohort (its public members)")
    .option("--installation <id>", "one GitHub App installation (its own report; includes its private repositories)")
    .option("--public", "every public repository in the store")
    .option("--from <month>", "first month, YYYY-MM (default: eleven months before --to)")
    .option("--to <month>", "last month, YYYY-MM (default: the current month)")
    .option("--compare <from:to>", "the two months the headline compares, YYYY-MM:YYYY-MM (default: the first and last month with an active repository)")
    .option("--min-active <n>", "least active repositories a month needs before a change is claimed (default 10)")
    .option("--seed <n>", "seed of the ratio's bootstrap over repositories (default 1)")
    .option("--out <dir>", "folder to write into", "report")
    .option("--json", "print every figure as JSON")
    .action(async (options: ReportCommandOptions) => runReport(options));
}
