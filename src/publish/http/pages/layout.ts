// The dashboard's page frame: navigation, the shared stylesheet, and the chart embedding.

import type { ChartDefinition } from "../../figures/charts.js";
import { baseCss, pointsTableHtml } from "../../figures/html.js";
import { escapeHtml } from "../../format.js";
import type { TopLevelSpec } from "vega-lite";

export interface PageChart {
  id: string;
  spec: TopLevelSpec;
}

/** JSON inside a <script> element: "<" escaped so no data can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * Charts are embedded in the browser with vega-embed (hover tooltips) from the same specs the
 * static report renders to SVG on the server.
 */
function chartScripts(charts: PageChart[]): string {
  if (charts.length === 0) return "";
  const specs = Object.fromEntries(charts.map((c) => [c.id, c.spec]));
  return `<script src="/assets/vega.min.js"></script><script src="/assets/vega-lite.min.js"></script><script src="/assets/vega-embed.min.js"></script>
<script type="application/json" id="chart-specs">${scriptJson(specs)}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById("chart-specs").textContent);
  var pending = Object.keys(specs).map(function (id) {
    return vegaEmbed("#chart-" + id, specs[id], { renderer: "svg", actions: false }).then(function () {
      document.getElementById("chart-" + id).setAttribute("data-rendered", "true");
    });
  });
  Promise.all(pending).then(function () { document.body.setAttribute("data-charts-rendered", "true"); });
})();
</script>`;
}

export function chartHtml(chart: ChartDefinition): string {
  return (
    `<section id="${escapeHtml(chart.id)}"><h2>${escapeHtml(chart.title)}</h2>` +
    `<div class="chart" id="chart-${escapeHtml(chart.id)}"></div><p class="caption">${escapeHtml(chart.caption)}</p>` +
    `${pointsTableHtml(chart.points, "Figures (numerators and denominators)", chart.id === "share")}</section>`
  );
}

export function pageHtml(title: string, body: string, charts: PageChart[] = []): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · agent-census</title><style>${baseCss}</style></head>
<body>
<nav><a href="/">Ecosystem</a><a href="/agents">Agents</a><a href="/repos">Repositories</a><a href="/api/v1">API</a></nav>
${body}
${chartScripts(charts)}
</body></html>
`;
}

/** Cohort and month-range chooser (a plain GET form: every view has a shareable URL). */
export function rangeFormHtml(action: string, query: { cohort?: string; from: string; to: string }, cohorts: string[]): string {
  const options = [`<option value="">all public repositories</option>`]
    .concat(cohorts.map((name) => `<option value="${escapeHtml(name)}"${name === query.cohort ? " selected" : ""}>cohort ${escapeHtml(name)}</option>`))
    .join("");
  return (
    `<form class="range" method="get" action="${escapeHtml(action)}">` +
    `<label>Population<select name="cohort">${options}</select></label>` +
    `<label>From<input type="month" name="from" value="${escapeHtml(query.from)}"></label>` +
    `<label>To<input type="month" name="to" value="${escapeHtml(query.to)}"></label>` +
    `<button type="submit">Show</button></form>`
  );
}
