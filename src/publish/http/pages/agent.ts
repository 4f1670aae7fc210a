// Per-agent pages: the catalog index and one agent's share over time and its repositories.

import { bandedLinesSpec } from "../../charts/specs.js";
import type { ChartDefinition } from "../../figures/charts.js";
import { seriesPoint, type SeriesPoint } from "../../figures/series.js";
import { escapeHtml, formatCount, monthLabel } from "../../format.js";
import type { AgentInfo, AgentView } from "../../views/agent.js";
import { agentPath, repoPath } from "./ecosystem.js";
import { chartHtml, pageHtml, rangeFormHtml } from "./layout.js";

function agentPoints(view: AgentView): SeriesPoint[] {
  const group = view.agent.class === "review-assistant" ? "assistant" : "agent";
  return view.months.map((m) => seriesPoint(m, group, view.agent.id, view.agent.name, m, view.agent.id));
}

export function agentPage(view: AgentView, cohorts: string[]): string {
  const points = agentPoints(view);
  const chart: ChartDefinition = {
    id: "agent",
    title: `Share of active public repositories with ${view.agent.name}`,
    caption: "Strong signals of this agent in any channel, with the 95% Wilson interval as a band.",
    spec: bandedLinesSpec(points, { title: `Share of active repositories with ${view.agent.name}`, bandSeries: view.agent.id }),
    points,
  };
  const kind = view.agent.class === "review-assistant" ? "review assistant (reported beside the headline, never in it)" : "coding agent";
  const repos =
    view.repositories.length === 0
      ? "<p>No public repository with a strong signal of this agent in this range.</p>"
      : `<table><thead><tr><th>repository</th><th>latest month seen</th><th>agent commits that month</th></tr></thead><tbody>${view.repositories
          .map(
            (r) =>
              `<tr><td><a href="${repoPath(r.owner, r.name, r.host)}">${escapeHtml(`${r.owner}/${r.name}`)}</a></td>` +
              `<td>${escapeHtml(monthLabel(r.lastAgentMonth))}</td><td class="num">${formatCount(r.agentCommits)}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  const body = [
    `<h1>${escapeHtml(view.agent.name)}</h1>`,
    `<p>${escapeHtml(view.agent.vendor)} · ${escapeHtml(kind)}${view.agent.homepage ? ` · <a href="${escapeHtml(view.agent.homepage)}">homepage</a>` : ""}</p>`,
    rangeFormHtml(agentPath(view.agent.id), view.query, cohorts),
    chartHtml(chart),
    `<h2>Public repositories</h2>${repos}`,
  ].join("\n");
  return pageHtml(view.agent.name, body, [{ id: chart.id, spec: chart.spec }]);
}

export function agentsIndexPage(agents: AgentInfo[]): string {
  const rows = agents
    .map((a) => `<tr><td><a href="${agentPath(a.id)}">${escapeHtml(a.name)}</a></td><td>${escapeHtml(a.vendor)}</td><td>${escapeHtml(a.class)}</td></tr>`)
    .join("");
  return pageHtml("Agents", `<h1>Agents</h1><table><thead><tr><th>agent</th><th>vendor</th><th>class</th></tr></thead><tbody>${rows}</tbody></table>`);
}
