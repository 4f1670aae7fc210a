// `agent-census scan <owner/repo | git URL | local path>`: scan one repository and print what it found.
import { existsSync } from "node:fs";
import type { Command } from "commander";
import type { ScanSummary } from "../scan/summary.js";
import { isGitUrl } from "../sources/git/cache-path.js";
import type { Database } from "../store/index.js";
import { CliError } from "./errors.js";
import { printJson, renderTable } from "./output.js";

const OWNER_REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export type ScanTarget = { kind: "github"; owner: string; name: string } | { kind: "git"; target: string };

/** owner/repo means GitHub, unless a local folder of that name exists; URLs and paths mean git. */
export function parseScanTarget(target: string): ScanTarget {
  if (isGitUrl(target)) return { kind: "git", target };
  if (OWNER_REPO.test(target) && !existsSync(target)) {
    const [owner = "", name = ""] = target.split("/");
    return { kind: "github", owner, name };
  }
  if (!existsSync(target)) throw new CliError(`${target} is neither owner/repo, a git URL, nor an existing folder`);
  return { kind: "git", target };
}

export function parseSince(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}$/.test(value) ? `${value}-01T00:00:00Z` : /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new CliError(`--since ${value}: expected a date like 2025-10-01`);
  return date;
}

export function formatScanSummary(summary: ScanSummary): string {
  const lines = [`${summary.repository} (${summary.backend}, ${summary.mode} scan since ${summary.since.slice(0, 10)})`];
  if (summary.outcome !== "ok") {
    lines.push(`${summary.outcome}: ${summary.message ?? ""}`);
    return lines.join("\n");
  }
  lines.push(
    `${summary.agentCommits} of ${summary.commits} non-merge commits carry strong coding-agent evidence` +
      (summary.agents.length > 0 ? `; agents: ${summary.agents.join(", ")}` : ""),
  );
  if (summary.months.length > 0) {
    const rows = summary.months.map((month) => [
      month.month,
      month.commits,
      month.agentCommits,
      month.commits === 0 ? "" : `${((100 * month.agentCommits) / month.commits).toFixed(1)}%`,
      Object.entries(month.perAgent).map(([agent, count]) => `${agent} ${count}`).join(", "),
    ]);
    lines.push(renderTable(["month", "commits", "agent commits", "share", "per agent"], rows));
  }
  if (summary.configFiles.length > 0) {
    lines.push(renderTable(["config file", "agent", "strength", "added"], summary.configFiles.map((file) => [file.path, file.agent, file.strength, file.addedAt?.slice(0, 10) ?? "before window"])));
  }
  if (summary.pullRequests.length > 0) {
    lines.push(renderTable(["agent PR", "opened", "state", "agents"], summary.pullRequests.map((pr) => [`#${pr.number}`, pr.createdAt.slice(0, 10), pr.state, pr.agents.join(", ")])));
  }
  if (summary.backend === "github") lines.push(`API cost: ${summary.cost.graphqlPoints} GraphQL points, ${summary.cost.httpRequests} HTTP requests`);
  if (!summary.stored) lines.push("(not stored: --no-store)");
  return lines.join("\n");
}

interface ScanOptions {
  since: string;
  json?: boolean;
  store: boolean;
  public?: boolean;
  fullClone?: boolean;
}

export async function runScan(targetText: string, options: ScanOptions, database: Database | null): Promise<ScanSummary> {
  // Loaded here, not at the top: `agent-census --help` and the other subcommands never pay for them.
  const { loadConfig } = await import("../config.js");
  const config = loadConfig();
  const since = parseSince(options.since);
  const target = parseScanTarget(targetText);
  if (target.kind === "git") {
    const { scanGitTarget } = await import("../scan/scan-git.js");
    return scanGitTarget(target.target, {
      since,
      cacheDir: config.cacheDir,
      database,
      visibility: options.public ? "public" : "private",
      ...(options.fullClone ? { fullClone: true } : {}),
    });
  }
  if (config.githubTokens.length === 0 && !config.githubApiUrl) {
    throw new CliError(`scanning ${targetText} through the GitHub API needs GITHUB_TOKEN; or scan a local clone: agent-census scan ./path`);
  }
  const [{ createGitHubClient }, { scanGitHubRepositories }] = await Promise.all([import("../sources/github/index.js"), import("../scan/scan-github.js")]);
  const client = createGitHubClient({ token: config.githubTokens[0], baseUrl: config.githubApiUrl });
  for await (const summary of scanGitHubRepositories([{ owner: target.owner, name: target.name }], { client, database, since })) {
    return summary;
  }
  throw new CliError(`GitHub returned nothing for ${targetText}`);
}

export function registerScanCommand(command: Command): void {
  command
    .argument("<target>", "owner/repo, https://… or file://… git URL, or a local path")
    .option("--since <date>", "start of the window (committer date, UTC)", "2025-10-01")
    .option("--json", "print the result as JSON")
    .option("--no-store", "print only; do not record the scan in the database")
    .option("--public", "for git targets: the repository is public (its data may appear in public reports)")
    .option("--full-clone", "for git URLs: clone file contents too, for a server that refuses partial (blob-less) clone")
    .action(async (target: string, options: ScanOptions) => {
      const database = options.store ? await (await import("./database.js")).openMigratedDatabase() : null;
      try {
        const summary = await runScan(target, options, database);
        if (options.json) printJson(summary);
        else console.log(formatScanSummary(summary));
        if (summary.outcome !== "ok" && summary.outcome !== "empty") process.exitCode = 1;
      } finally {
        await database?.close();
      }
    });
}
