// The ecosystem page: the headline, the charts with their figures, agents and repositories.

import { shareCharts } from "../../figures/charts.js";
import { comparisonHtml, headlineHtml, methodologyHtml } from "../../figures/html.js";
import { measureCharts, measuresHtml } from "../../figures/measures.js";
import { precisionHtml } from "../../figures/precision.js";
import { rankAgents } from "../../figures/series.js";
import { agentName } from "../../../agents/index.js";
import { escapeHtml, formatCount, monthLabel } from "../../format.js";
import type { EcosystemView } from "../../views/ecosystem.js";
import { chartHtml, pageHtml, rangeFormHtml } from "./layout.js";

/**
 * A repository's page. GitHub's repositories are named by owner/name; a repository known only by
 * its git URL (a local clone, another host) may share that name, so its host goes in the query.
 */
export const repoPath = (owner: string, name: string, host = GITHUB_HOST) => `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}${hostQuery(host)}`;
export const badgePath = (owner: string, name: string, host = GITHUB_HOST) =>
  `/badge/${encodeURIComponent(owner)}/${encodeURIComponent(name)}.svg${hostQuery(host)}`;
const GITHUB_HOST = "github.com";
function hostQuery(host: string): string {
  return host === GITHUB_HOST ? "" : `?host=${encodeURIComponent(host)}`;
}
export const agentPath = (id: string) => `/agents/${encodeURIComponent(id)}`;

function populationHtml(view: EcosystemView): string {
  const range = `${monthLabel(view.query.from)} to ${monthLabel(view.query.to)}`;
  if (!view.cohort) {
    return `<p>Population: all public repositories in the store (crawl cohorts and public installed repositories) — ${formatCount(view.repositories)} repositories; ${escapeHtml(range)}.</p>`;
  }
  return (
    `<p>Population: cohort <strong>${escapeHtml(view.cohort.name)}</strong> — ${formatCount(view.repositories)} public repositories; ${escapeHtml(range)}. ` +
    `Frozen ${escapeHtml(view.cohort.frozenAt.slice(0, 10))} with the definition:</p><pre>${escapeHtml(JSON.stringify(view.cohort.definition, null, 2))}</pre>`
  );
}

function recentHtml(view: EcosystemView): string {
  if (view.recentRepositories.length === 0) return "<p>No public repository with agent activity in this range.</p>";
  const rows = view.recentRepositories
    .map(
      (r) =>
        `<tr><td><a href="${repoPath(r.owner, r.name, r.host)}">${escapeHtml(`${r.owner}/${r.name}`)}</a></td>` +
        `<td>${r.agents.map((a) => `<a href="${agentPath(a)}">${escapeHtml(agentName(a))}</a>`).join(", ")}</td>` +
        `<td>${escapeHtml(monthLabel(r.lastAgentMonth))}</td><td class="num">${formatCount(r.agentCommits)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>repository</th><th>agents</th><th>last agent month</th><th>agent commits that month</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function agentsHtml(view: EcosystemView): string {
  const agents = [...rankAgents(view.months, (m) => m.perAgent), ...rankAgents(view.months, (m) => m.assistants.perAgent)];
  if (agents.length === 0) return "<p>No agent seen in this range.</p>";
  return `<ul>${agents.map((a) => `<li><a href="${agentPath(a)}">${escapeHtml(agentName(a))}</a></li>`).join("")}</ul>`;
}

/** An empty store: what to do, never a blank chart. */
function emptyStorePage(): string {
  const body = [
    "<h1>No public repository in the store yet</h1>",
    '<section class="empty-state"><p>The dashboard shows public repositories once agent-census has scanned some. Fill the store from a terminal, then reload this page:</p>',
    "<pre>agent-census scan ~/src/some-project --public     # a local clone, no token needed\n" +
      "GITHUB_TOKEN=… agent-census scan owner/name       # a public repository through the GitHub API\n" +
      'GITHUB_TOKENS=… agent-census crawl --cohort NAME --search "stars:>=50 pushed:>=2025-10-01"</pre>',
    "<p>A local clone counts as private unless you pass <code>--public</code>: private repositories never appear here.</p></section>",
  ].join("\n");
  return pageHtml("No repositories yet", body);
}

export function ecosystemPage(view: EcosystemView, cohorts: string[]): string {
  if (!view.cohort && view.repositories === 0) return emptyStorePage();
  const charts = shareCharts(view.months);
  const title = view.cohort ? `Coding-agent adoption in cohort ${view.cohort.name}` : "Coding-agent adoption in public repositories";
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    rangeFormHtml("/", view.query, cohorts),
    view.headline ? headlineHtml(view.headline) : "<p class=\"headline\">No active repository in this range.</p>",
    populationHtml(view),
    comparisonHtml(view.headline?.comparison ?? null),
    ...charts.map(chartHtml),
    measuresHtml(view.measures, { firstSeen: '<div class="chart" id="chart-first-seen"></div>', intensity: '<div class="chart" id="chart-intensity"></div>' }),
    `<h2>Agents seen</h2>${agentsHtml(view)}`,
    `<h2>Repositories with agent activity</h2>${recentHtml(view)}`,
    `<h2>Methodology</h2><details><summary>Definitions, what each signal can see, blind spots, per-signal precision</summary>${methodologyHtml()}${precisionHtml(view.precision)}</details>`,
  ].join("\n");
  const measures = measureCharts(view.measures);
  return pageHtml(title, body, [...charts.map((c) => ({ id: c.id, spec: c.spec })), measures.firstSeen, measures.intensity]);
}
