#!/usr/bin/env node
// The agent-census command line: one file per subcommand, each a thin shell over the modules.
import { Command, CommanderError } from "commander";
import { registerAgentsCommand } from "./agents.js";
import { registerDetectCommand } from "./detect.js";
import { CliError, USAGE_EXIT_CODE } from "./errors.js";
import { registerMigrateCommand } from "./migrate.js";
import { registerScanCommand } from "./scan.js";
import { registerCrawlCommand } from "./crawl.js";
import { registerWorkerCommand } from "./worker.js";
import { registerStatusCommand } from "./status.js";
import { registerPushesCommand } from "./pushes.js";
import { registerStartCommand } from "./start.js";
import { registerReportCommand } from "./report.js";

export function buildProgram(): Command {
  const program = new Command()
    .name("agent-census")
    .description("Measure how coding agents are adopted in software projects")
    .option("--debug", "print stack traces for errors")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();
  registerAgentsCommand(program);
  registerDetectCommand(program);
  registerScanCommand(program);
  registerMigrateCommand(program);
  registerCrawlCommand(program);
  registerWorkerCommand(program);
  registerStatusCommand(program);
  registerPushesCommand(program);
  registerStartCommand(program);
  registerReportCommand(program);
  return program;
}

/** Turns any failure into one line on stderr and an exit code; stacks only with --debug. */
export function reportFailure(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (unknown option, missing argument, --help).
    return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`agent-census: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else if (!(error instanceof CliError)) process.stderr.write("(run with --debug for details)\n");
  return error instanceof CliError ? error.exitCode : 1;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // `agent-census agents | head` closes the pipe early: that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const program = buildProgram();
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = reportFailure(error, debug);
  }
}

await main();
