// `agent-census compact --older-than MONTHS [--batch-size N] [--json]`: keep storage bounded by
// deleting the commit rows and evidence of months older than the retention. Every report, API
// answer and dashboard figure reads the month aggregates, which stay; those months become final
// (docs/storage.md). Safe to run while the app and workers write, and to run again.
import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { compactCommitFacts, minimumCompactionMonths, type CompactionResult } from "../store/index.js";
import { positiveInteger } from "./arguments.js";
import { openCrawlDatabase } from "./crawl.js";
import { CliError } from "./errors.js";
import { printJson } from "./output.js";

interface CompactOptions {
  olderThan: number;
  batchSize?: number;
  json?: boolean;
  schema?: string;
}

export function registerCompactCommand(command: Command): void {
  command
    .requiredOption("--older-than <months>", `delete commit facts of months more than this many whole months before the current one (at least ${minimumCompactionMonths})`, positiveInteger("--older-than"))
    .option("--batch-size <n>", "repositories per transaction", positiveInteger("--batch-size"))
    .option("--json", "print the result as JSON")
    .option("--schema <name>", "Postgres schema of the store (default public)")
    .action(async (options: CompactOptions) => {
      if (options.olderThan < minimumCompactionMonths) {
        throw new CliError(`--older-than must be at least ${minimumCompactionMonths} months: the repository badge counts the last 90 days from commit rows`, { exitCode: 2 });
      }
      if (options.batchSize === 0) throw new CliError("--batch-size must be at least 1", { exitCode: 2 });
      const database = await openCrawlDatabase(loadConfig(), options);
      try {
        const started = performance.now();
        const result = await compactCommitFacts(database, {
          olderThanMonths: options.olderThan,
          ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        });
        const seconds = (performance.now() - started) / 1000;
        if (options.json) printJson({ ...result, seconds });
        else console.log(summary(result, seconds));
      } finally {
        await database.close();
      }
    });
}

function summary(result: CompactionResult, seconds: number): string {
  const n = (value: number) => value.toLocaleString("en-US");
  if (result.commits === 0) return `nothing to compact before ${result.before} (${seconds.toFixed(1)} s)`;
  return `compacted months before ${result.before}: ${n(result.commits)} commit rows and ${n(result.evidence)} evidence rows of ${n(result.repositories)} repositories deleted in ${seconds.toFixed(1)} s (reports unchanged; on Postgres, VACUUM makes the space reusable)`;
}
