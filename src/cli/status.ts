// `agent-census status [--cohort NAME]`: a crawl's progress, read from the database, so it shows
// a crawl whose workers run elsewhere.
import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { formatCrawlStatus, readCrawlStatus } from "../jobs/crawl-status.js";
import { openCrawlDatabase, positiveInteger } from "./crawl.js";
import { CliError } from "./errors.js";
import { printJson } from "./output.js";

interface StatusOptions {
  cohort?: string;
  run?: number;
  json?: boolean;
  schema?: string;
}

export function registerStatusCommand(command: Command): void {
  command
    .option("--cohort <name>", "the cohort's latest run (default: the latest run of any cohort)")
    .option("--run <id>", "a run by its id", positiveInteger("--run"))
    .option("--json", "print as JSON")
    .option("--schema <name>", "Postgres schema of the store (default public)")
    .action(async (options: StatusOptions) => {
      const database = await openCrawlDatabase(loadConfig(), options);
      try {
        const status = await readCrawlStatus(database, { cohort: options.cohort, runId: options.run });
        if (!status) throw new CliError(options.cohort ? `no crawl of cohort "${options.cohort}" found` : "no crawl found: start one with agent-census crawl");
        if (options.json) printJson(status);
        else console.log(formatCrawlStatus(status));
      } finally {
        await database.close();
      }
    });
}
