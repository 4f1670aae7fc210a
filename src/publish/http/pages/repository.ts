// Per-repository pages: the public repositories index and one repository's timeline.

import { agentName } from "../../../agents/index.js";
import { repoCommitsSpec, type RepoMonthBar } from "../../charts/specs.js";
import { escapeHtml, formatCount, formatPercent, monthLabel } from "../../format.js";
import type { RepositoryPage } from "../../read/public-repositories.js";
import type { RepositoryView } from "../../views/repository.js";
import { agentPath, badgePath, repoPath } from "./ecosystem.js";
import { pageHtml } from "./layout.js";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");

function commitBars(view: RepositoryView): RepoMonthBar[] {
  return view.months.flatMap((m) => [
    { month: m.month, monthLabel: monthLabel(m.month), kind: "agent commits", commits: m.agentCommits },
    { month: m.month, monthLabel: monthLabel(m.month), kind: "other commits", commits: m.commits - m.agentCommits },
  ]);
}

function monthsTable(view: RepositoryView): string {
  const rows = view.months
    .map((m) => {
      const agents = Object.entries(m.agents)
        .map(([id, a]) => {
          const via = [a.commit && "commits", a.pr && "PR", a.config && "config", a.weakOnly && "weak only"].filter(Boolean).join(", ");
          return `<a href="${agentPath(id)}">${escapeHtml(agentName(id))}</a> (${escapeHtml(via)})`;
        })
        .join("; ");
      return `<tr><td>${escapeHtml(monthLabel(m.month))}</td><td class="num">${formatCount(m.commits)}</td><td class="num">${formatCount(m.agentCommits)}</td><td>${m.agentActivity ? "yes" : "no"}</td><td>${agents}</td></tr>`;
    })
    .join("");
  return `<table><thead><tr><th>month</th><th>non-merge commits</th><th>agent commits</th><th>counts as agent activity</th><th>agents</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function configTable(view: RepositoryView): string {
  if (view.configFiles.length === 0) return "<p>No agent config file seen.</p>";
  const rows = view.configFiles
    .map(
      (f) =>
        `<tr><td><code>${escapeHtml(f.path)}</code></td><td>${escapeHtml(agentName(f.agent))}</td><td>${f.strength}</td>` +
        `<td>${day(f.addedAt ?? f.firstSeenAt)}</td><td>${day(f.removedAt)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>path</th><th>agent</th><th>strength</th><th>added</th><th>removed</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function pullRequestTable(view: RepositoryView): string {
  if (view.pullRequests.length === 0) return "<p>No agent pull request seen.</p>";
  const rows = view.pullRequests
    .map(
      (p) =>
        `<tr><td class="num">#${p.number}</td><td>${p.agents.map((a) => escapeHtml(agentName(a))).join(", ") || "weak signals only"}</td>` +
        `<td>${day(p.createdAt)}</td><td>${escapeHtml(p.state)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>pull request</th><th>agents</th><th>opened</th><th>state</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function repositoryPage(view: RepositoryView): string {
  const r = view.repository;
  const fullName = `${r.owner}/${r.name}`;
  const badge = badgePath(r.owner, r.name, r.host);
  const share = view.last90Days;
  const chart = { id: "commits", spec: repoCommitsSpec(commitBars(view), `${fullName}: non-merge commits per month`) };
  const body = [
    `<h1>${escapeHtml(fullName)}</h1>`,
    `<p>${r.url ? `<a href="${escapeHtml(r.url)}">${escapeHtml(r.url)}</a> · ` : ""}${formatCount(r.stars)} stars${r.language ? ` · ${escapeHtml(r.language)}` : ""}${
      r.cohorts.length ? ` · cohorts: ${r.cohorts.map(escapeHtml).join(", ")}` : ""
    }</p>`,
    `<p><img src="${escapeHtml(badge)}" alt="agent commits badge"> Agent commits over the last 90 days: ` +
      `${share.commits === 0 ? "no commits" : `${formatPercent(share.share)} (${formatCount(share.agentCommits)} of ${formatCount(share.commits)} non-merge commits)`}.</p>`,
    `<p class="muted">Badge Markdown: <code>${escapeHtml(`![agent commits](${badge})`)}</code></p>`,
    `<section id="commits"><h2>Timeline</h2><div class="chart" id="chart-commits"></div>${monthsTable(view)}</section>`,
    `<h2>Agent config files</h2>${configTable(view)}`,
    `<h2>Agent pull requests</h2>${pullRequestTable(view)}`,
  ].join("\n");
  return pageHtml(fullName, body, [chart]);
}

export function repositoriesIndexPage(page: RepositoryPage): string {
  const rows = page.repositories
    .map(
      (r) =>
        `<tr><td><a href="${repoPath(r.owner, r.name, r.host)}">${escapeHtml(`${r.owner}/${r.name}`)}</a></td><td>${r.agents.map((a) => escapeHtml(agentName(a))).join(", ")}</td>` +
        `<td>${r.lastActiveMonth ? escapeHtml(monthLabel(r.lastActiveMonth)) : "—"}</td><td class="num">${formatCount(r.stars)}</td></tr>`,
    )
    .join("");
  const next = page.next === null ? "" : `<p><a href="/repos?after=${page.next}">next page</a></p>`;
  return pageHtml(
    "Repositories",
    `<h1>Public repositories</h1><table><thead><tr><th>repository</th><th>agents</th><th>last active</th><th>stars</th></tr></thead><tbody>${rows}</tbody></table>${next}`,
  );
}
