#!/usr/bin/env node
// The agent-census command line: one file per subcommand, each a thin shell over the modules.
import { setFlagsFromString } from "node:v8";
import { Command, CommanderError } from "commander";
import { CliError, USAGE_EXIT_CODE } from "./errors.js";

/**
 * Every subcommand, with the one line `--help` shows. A subcommand's module (and with it Probot,
 * pg-boss, PGlite, the charts…) is imported only when that subcommand runs, so `--help` and
 * `agents` start in a fraction of a second.
 */
interface Subcommand {
  name: string;
  summary: string;
  load: () => Promise<(command: Command) => void>;
  /** Runs until stopped (a server, a worker): it keeps the JIT's optimising tier, see `main`. */
  longRunning?: true;
}

const subcommands: Subcommand[] = [
  { name: "agents", summary: "list the agent catalog: every agent and the signals that detect it", load: async () => (await import("./agents.js")).registerAgentsCommand },
  { name: "detect", summary: "classify commits read as JSON lines on stdin (the fixtures' commits.jsonl format)", load: async () => (await import("./detect.js")).registerDetectCommand },
  { name: "scan", summary: "scan one repository: owner/repo (GitHub API), a git URL, or a local clone", load: async () => (await import("./scan.js")).registerScanCommand },
  { name: "migrate", summary: "apply the database migrations (DATABASE_URL, or the embedded database in DATA_DIR)", load: async () => (await import("./migrate.js")).registerMigrateCommand },
  { name: "crawl", summary: "freeze a cohort of public repositories and scan it through the job queue", load: async () => (await import("./crawl.js")).registerCrawlCommand, longRunning: true },
  { name: "worker", summary: "work crawl jobs from the queue at DATABASE_URL until interrupted", load: async () => (await import("./worker.js")).registerWorkerCommand, longRunning: true },
  { name: "status", summary: "show a crawl's progress: repos done / total, rate, ETA, API budget left, errors", load: async () => (await import("./status.js")).registerStatusCommand },
  { name: "compact", summary: "keep storage bounded: delete commit-level facts older than N months (reports read the month aggregates, which stay)", load: async () => (await import("./compact.js")).registerCompactCommand },
  { name: "pushes", summary: "pushes the store refused (dead letters) and their reasons; --requeue writes them again", load: async () => (await import("./pushes.js")).registerPushesCommand },
  { name: "serve", summary: "serve the dashboard, /api/v1 and badges over the store, read-only, without a GitHub App", load: async () => (await import("./serve.js")).registerServeCommand, longRunning: true },
  { name: "start", summary: "run the GitHub App: webhooks, dashboard, API and the job worker (Probot's setup flow without APP_ID/PRIVATE_KEY)", load: async () => (await import("./start.js")).registerStartCommand, longRunning: true },
  { name: "audit", summary: "per-signal precision: sample evidence for people to review, and import their verdicts", load: async () => (await import("./audit.js")).registerAuditCommand },
  { name: "report", summary: "write an adoption report: report.html, report.md with SVG charts, data.csv and data.json", load: async () => (await import("./report.js")).registerReportCommand },
];

function newProgram(): Command {
  return new Command()
    .name("agent-census")
    .description("Measure how coding agents are adopted in software projects")
    .option("--debug", "print stack traces for errors")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();
}

/** The program with the subcommand named in argv fully defined, and the others listed for --help. */
function chosenSubcommand(argv: string[]): string | undefined {
  const words = argv.slice(2).filter((arg) => !arg.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = newProgram();
  const chosen = chosenSubcommand(argv);
  for (const subcommand of subcommands) {
    const command = program.command(subcommand.name).description(subcommand.summary);
    if (subcommand.name === chosen) (await subcommand.load())(command);
    else command.allowUnknownOption().allowExcessArguments();
  }
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
  // A one-shot command on the embedded store spends most of its time starting PGlite, whose
  // WebAssembly V8 compiles twice: quickly (Liftoff), then optimised (TurboFan) on background
  // threads the main thread waits for. For a command that ends in seconds the second tier never
  // pays back: `scan` of 100 commits into the embedded store took 2.6 s with it and 1.7 s without
  // (docs/benchmarks.md). Servers and workers keep it. Must run before PGlite compiles its module.
  if (!subcommands.find((subcommand) => subcommand.name === chosenSubcommand(argv))?.longRunning) setFlagsFromString("--liftoff-only");
  const program = await buildProgram(argv);
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = reportFailure(error, debug);
  }
}

await main();
