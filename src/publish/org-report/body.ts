// The org's report issue body, in GitHub Markdown: the monthly share as a Mermaid xychart (GitHub
// renders it), per-agent figures, the repositories with most agent activity, the config files
// found, and the methodology. It reads the store only.
//
// Privacy: when the issue lives in a public repository, private repositories are never named and
// none of their per-repository figures appear; they still count in the org-wide share (a single
// aggregate), which the org's own members can already see.
import { agentClassOf, agentName } from "../../agents/index.js";
import {
  installationSummary,
  listRepositories,
  monthlyShare,
  repoTimeline,
  type Database,
  type MonthlyShareRow,
  type RepositoryRow,
  type RepoTimeline,
} from "../../store/index.js";
import { addMonths, formatInterval, formatShare, monthLabel, monthOf } from "../format.js";
import { reportMarker } from "./marker.js";

export interface OrgReportOptions {
  installationId: number;
  /** The org (or user) login the installation belongs to. */
  account: string;
  /** The report goes into a public repository: name no private repository. */
  publicAudience: boolean;
  now: Date;
  /** Months shown (default 12, ending with the current month). */
  months?: number;
  /** Repositories listed in the "most agent activity" table (default 10). */
  topRepositories?: number;
}

interface RepositoryActivity {
  repository: RepositoryRow;
  agentCommits: number;
  agentPullRequests: number;
  agents: string[];
  configFiles: Array<{ path: string; agent: string; addedAt: Date | null }>;
}

const percent = (share: number | null) => (share === null ? 0 : Math.round(share * 1000) / 10);

/**
 * Mermaid's xychart has no way to leave a gap, and drawing a month without an active repository
 * at 0% would invent a drop: such months are left out of the chart (the table marks them "—").
 */
function shareChart(allRows: readonly MonthlyShareRow[]): string {
  const rows = allRows.filter((row) => row.activeRepos > 0);
  const skipped = allRows.length - rows.length;
  const labels = rows.map((row) => `"${monthLabel(row.month)}"`).join(", ");
  const top = Math.max(10, Math.ceil(Math.max(...rows.map((row) => percent(row.upperBound.share)), 0) / 10) * 10);
  return [
    "```mermaid",
    "xychart-beta",
    '  title "Active repositories with coding-agent activity (%)"',
    `  x-axis [${labels}]`,
    `  y-axis "Share of active repositories (%)" 0 --> ${Math.min(100, top)}`,
    `  bar [${rows.map((row) => percent(row.withAgent.any.share)).join(", ")}]`,
    `  line [${rows.map((row) => percent(row.upperBound.share)).join(", ")}]`,
    "```",
    "",
    "Bars: strong signals (the lower bound). Line: with weak signals added (the upper bound)." +
      (skipped > 0 ? ` ${skipped} ${skipped === 1 ? "month" : "months"} without an active repository ${skipped === 1 ? "has" : "have"} no share and ${skipped === 1 ? "is" : "are"} left out (no data is not zero).` : ""),
  ].join("\n");
}

function shareTable(rows: readonly MonthlyShareRow[]): string {
  const lines = ["| Month | Active repos | With agent activity | Share | 95% CI | Commits | PRs | Config | Upper bound |", "|---|---:|---:|---:|---|---:|---:|---:|---:|"];
  for (const row of rows) {
    const any = row.withAgent.any;
    lines.push(
      `| ${monthLabel(row.month)} | ${row.activeRepos} | ${any.count} | ${formatShare(any.share)} | ${formatInterval(any.ci95)} | ${row.withAgent.commit.count} | ${row.withAgent.pr.count} | ${row.withAgent.config.count} | ${formatShare(row.upperBound.share)} |`,
    );
  }
  return lines.join("\n");
}

function agentTable(summary: Awaited<ReturnType<typeof installationSummary>>, latest: MonthlyShareRow | undefined): string {
  const agents = Object.entries(summary.perAgent).sort(([, a], [, b]) => b.repos - a.repos || b.commits - a.commits);
  if (agents.length === 0) return "_No agent activity found yet._";
  const lines = ["| Agent | Kind | Repositories (ever) | Agent commits | Active repos with it, latest month |", "|---|---|---:|---:|---:|"];
  for (const [id, figures] of agents) {
    const latestShare = latest ? (latest.perAgent[id] ?? latest.assistants.perAgent[id]) : undefined;
    const kind = figures.agentClass === "coding-agent" ? "coding agent" : "review assistant";
    lines.push(`| ${agentName(id)} | ${kind} | ${figures.repos} | ${figures.commits} | ${latestShare ? latestShare.count : 0} |`);
  }
  return lines.join("\n");
}

function activityOf(timeline: RepoTimeline): RepositoryActivity {
  const agents = new Set<string>();
  let agentCommits = 0;
  for (const month of timeline.months) {
    agentCommits += month.agentCommits;
    for (const [id, agent] of Object.entries(month.agents)) if (!agent.weakOnly && agentClassOf(id) === "coding-agent") agents.add(id);
  }
  const configFiles = timeline.configFiles
    .filter((file) => file.removedAt === null && file.strength === "strong")
    .map((file) => ({ path: file.path, agent: file.agent, addedAt: file.addedAt }));
  return { repository: timeline.repository, agentCommits, agentPullRequests: timeline.pullRequests.length, agents: [...agents].sort(), configFiles };
}

async function repositoryActivity(database: Database, installationId: number): Promise<RepositoryActivity[]> {
  const activities: RepositoryActivity[] = [];
  for (let afterRepoId = 0; ; ) {
    const page = await listRepositories(database, { installationId, afterRepoId, limit: 500 });
    for (const repository of page) {
      const timeline = await repoTimeline(database, { repoId: repository.repoId });
      if (timeline) activities.push(activityOf(timeline));
    }
    const last = page.at(-1);
    if (!last || page.length < 500) break;
    afterRepoId = last.repoId;
  }
  return activities;
}

const fullName = (repository: RepositoryRow) => `${repository.owner}/${repository.name}`;

function topTable(activities: readonly RepositoryActivity[], limit: number, hidden: number): string {
  const ranked = activities
    .filter((activity) => activity.agentCommits > 0 || activity.agentPullRequests > 0 || activity.configFiles.length > 0)
    .sort((a, b) => b.agentCommits - a.agentCommits || b.agentPullRequests - a.agentPullRequests || fullName(a.repository).localeCompare(fullName(b.repository)))
    .slice(0, limit);
  const note = hidden > 0 ? `\n\n${hidden} private ${hidden === 1 ? "repository" : "repositories"} with agent activity ${hidden === 1 ? "is" : "are"} not named: this issue is in a public repository.` : "";
  if (ranked.length === 0) return `_None yet._${note}`;
  const lines = ["| Repository | Agent commits | Agent PRs | Config files | Agents |", "|---|---:|---:|---:|---|"];
  for (const activity of ranked) {
    lines.push(`| ${fullName(activity.repository)} | ${activity.agentCommits} | ${activity.agentPullRequests} | ${activity.configFiles.length} | ${activity.agents.map(agentName).join(", ") || "—"} |`);
  }
  return lines.join("\n") + note;
}

function configTable(activities: readonly RepositoryActivity[], hidden: number): string {
  const rows = activities.flatMap((activity) => activity.configFiles.map((file) => ({ repository: fullName(activity.repository), ...file })));
  rows.sort((a, b) => a.repository.localeCompare(b.repository) || a.path.localeCompare(b.path));
  const note = hidden > 0 ? `\n\nConfig files in ${hidden} private ${hidden === 1 ? "repository are" : "repositories are"} not listed: this issue is in a public repository.` : "";
  if (rows.length === 0) return `_No agent config files found._${note}`;
  const lines = ["| Repository | File | Agent | Added |", "|---|---|---|---|"];
  for (const row of rows.slice(0, 100)) lines.push(`| ${row.repository} | \`${row.path}\` | ${agentName(row.agent)} | ${row.addedAt ? row.addedAt.toISOString().slice(0, 10) : "—"} |`);
  if (rows.length > 100) lines.push(`\n…and ${rows.length - 100} more.`);
  return lines.join("\n") + note;
}

const METHODOLOGY = [
  "- **Active repository** in a month: at least one non-merge commit on its default branch whose committer date falls in that month (UTC). Active repositories are the denominator.",
  "- **Agent activity**: an agent commit (a vendor's co-author trailer or generated-with marker, or an agent bot as author or committer), an agent pull request opened that month, or a strong agent config file (CLAUDE.md, .cursor/rules, AGENTS.md, …) on the default branch by the month's end.",
  "- **Share** = repos with agent activity ÷ active repos, with a 95% Wilson interval. Strong signals give the headline (a lower bound); adding weak signals gives the upper bound.",
  "- Review assistants (a suggestion from Copilot code review, CodeRabbit, … applied by a person) are listed apart and never counted as coding agents.",
  "- Every channel undercounts: attribution trailers can be switched off and squash merges drop them, so commits, pull requests and config files are combined.",
].join("\n");

/** The issue title; kept stable so people can find the issue. */
export function orgReportTitle(account: string): string {
  return `Coding agent adoption in ${account}`;
}

export async function buildOrgReportBody(database: Database, options: OrgReportOptions): Promise<string> {
  const to = monthOf(options.now);
  const from = addMonths(to, -((options.months ?? 12) - 1));
  const allRows = await monthlyShare(database, { scope: { kind: "installation", id: options.installationId }, from, to });
  // Months before the first active one say nothing (history starts at the backfill date).
  const firstActive = allRows.findIndex((row) => row.activeRepos > 0);
  const rows = firstActive < 0 ? [] : allRows.slice(firstActive);
  const summary = await installationSummary(database, options.installationId);
  const activities = await repositoryActivity(database, options.installationId);
  const isHidden = (activity: RepositoryActivity) => options.publicAudience && activity.repository.visibility !== "public";
  const visible = activities.filter((activity) => !isHidden(activity));
  const hiddenActive = activities.filter((activity) => isHidden(activity) && (activity.agentCommits > 0 || activity.agentPullRequests > 0 || activity.configFiles.length > 0)).length;
  const hiddenConfig = activities.filter((activity) => isHidden(activity) && activity.configFiles.length > 0).length;
  const latest = rows.at(-1);
  const repositories = summary.repositories;
  return [
    reportMarker(options.now),
    `_Updated ${options.now.toISOString().slice(0, 10)} by agent-census from ${repositories.total} ${repositories.total === 1 ? "repository" : "repositories"} this app is installed on (${repositories.public} public, ${repositories.private} private). This issue is rewritten on the schedule set in \`.github/agent-census.yml\`._`,
    "",
    "## Share of active repositories with coding-agent activity",
    "",
    rows.length > 0 ? shareChart(rows) : "_No activity recorded yet._",
    "",
    rows.length > 0 ? shareTable(rows) : "",
    "",
    "## Per agent",
    "",
    agentTable(summary, latest),
    "",
    "## Repositories with the most agent activity",
    "",
    topTable(visible, options.topRepositories ?? 10, hiddenActive),
    "",
    "## Agent config files found",
    "",
    configTable(visible, hiddenConfig),
    "",
    "## Methodology",
    "",
    METHODOLOGY,
    "",
  ].join("\n");
}
