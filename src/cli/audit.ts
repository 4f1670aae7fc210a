// `agent-census audit`: draws evidence from the store for a person to mark correct or not
// (`audit sample`), and stores their verdicts (`audit import`), from which reports give each
// signal's precision with its Wilson interval.
import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { catalogSignals } from "../publish/audit/signals.js";
import { parseReviewCsv, renderReviewCsv } from "../publish/audit/review-csv.js";
import { InvalidReviewFileError } from "../publish/errors.js";
import { importSignalReviews, migrate, openDatabase, sampleEvidence, type Database } from "../store/index.js";
import { CliError, USAGE_EXIT_CODE } from "./errors.js";

interface SampleCommandOptions {
  signals: string;
  perSignal: string;
  seed: string;
  out: string;
  public?: boolean;
}

function integerOption(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new CliError(`${flag} must be an integer ≥ ${min}, got "${value}"`, { exitCode: USAGE_EXIT_CODE });
  return n;
}

/** "all", or signal ids (comma-separated) each of which the catalog knows. */
function signalsOption(value: string): string[] | undefined {
  if (value === "all") return undefined;
  const known = new Set(catalogSignals().map((s) => s.id));
  const ids = value.split(",").map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !known.has(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new CliError(`--signals must be "all" or catalog signal ids (agent/kind/key); unknown: ${unknown.join(", ") || value}`, { exitCode: USAGE_EXIT_CODE });
  }
  return ids;
}

async function withStore<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function runAuditSample(options: SampleCommandOptions): Promise<void> {
  const signals = signalsOption(options.signals);
  const perSignal = integerOption(options.perSignal, "--per-signal", 1);
  const seed = integerOption(options.seed, "--seed", 0);
  const sample = await withStore((database) => sampleEvidence(database, { signals, perSignal, seed, publicOnly: options.public === true }));
  await writeFile(options.out, renderReviewCsv(sample), "utf8");
  const drawn = new Set(sample.map((e) => e.signal)).size;
  console.log(
    `${sample.length} pieces of evidence from ${drawn} ${drawn === 1 ? "signal" : "signals"} written to ${options.out}` +
      `${options.public ? " (public repositories only)" : ""}. Mark the "correct" column yes or no, then: agent-census audit import ${options.out}`,
  );
}

export async function runAuditImport(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error, exitCode: USAGE_EXIT_CODE });
  }
  let parsed: ReturnType<typeof parseReviewCsv>;
  try {
    parsed = parseReviewCsv(text);
  } catch (error) {
    if (error instanceof InvalidReviewFileError) throw new CliError(`${file}: ${error.message}`, { cause: error, exitCode: USAGE_EXIT_CODE });
    throw error;
  }
  const stored = await withStore((database) => importSignalReviews(database, parsed.reviews));
  const correct = parsed.reviews.filter((r) => r.correct).length;
  console.log(`${stored} verdicts stored (${correct} correct, ${stored - correct} wrong)${parsed.unmarked > 0 ? `; ${parsed.unmarked} rows left unmarked` : ""}.`);
}

export function registerAuditCommand(command: Command): void {
  command
    .command("sample")
    .description("draw evidence per signal into a CSV for a person to mark correct or not")
    .option("--signals <ids>", 'catalog signal ids, comma-separated, or "all"', "all")
    .option("--per-signal <n>", "pieces of evidence drawn per signal (at most)", "30")
    .option("--seed <n>", "seed of the draw: the same seed over the same store draws the same sample", "1")
    .option("--out <file>", "CSV file to write", "review.csv")
    .option("--public", "public repositories only: for a sample behind a public report (private and internal ones never appear)")
    .action(async (options: SampleCommandOptions) => runAuditSample(options));
  command
    .command("import <file>")
    .description("store the verdicts of a marked review.csv (a review of the same evidence again replaces the earlier one)")
    .action(async (file: string) => runAuditImport(file));
}
