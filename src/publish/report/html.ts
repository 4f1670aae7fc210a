// report.html: one self-contained page (inline CSS and SVG, no scripts, no fonts) that opens offline.

import type { ChartDefinition } from "../figures/charts.js";
import { baseCss, comparisonHtml, headlineHtml, methodologyHtml, pointsTableHtml } from "../figures/html.js";
import { measuresHtml } from "../figures/measures.js";
import { precisionHtml } from "../figures/precision.js";
import { escapeHtml, formatCount, monthLabel } from "../format.js";
import type { ReportFigures } from "./build.js";

export interface RenderedChart {
  chart: ChartDefinition;
  svg: string;
}

export interface RenderedMeasureCharts {
  firstSeen: { id: string; title: string; svg: string };
  intensity: { id: string; title: string; svg: string };
}

export function populationHtml(figures: ReportFigures): string {
  const p = figures.population;
  const definition =
    p.definition === null
      ? ""
      : `<p>Frozen definition${p.frozenAt ? ` (frozen ${escapeHtml(p.frozenAt.slice(0, 10))})` : ""}:</p><pre>${escapeHtml(JSON.stringify(p.definition, null, 2))}</pre>`;
  return (
    `<p><strong>Population:</strong> ${escapeHtml(p.label)} — ${formatCount(p.repositories)} repositories. ` +
    `<strong>Months:</strong> ${escapeHtml(monthLabel(figures.from))} to ${escapeHtml(monthLabel(figures.to))} (UTC). ` +
    `Each month's denominator is the number of those repositories active that month.</p>${definition}`
  );
}

export function renderReportHtml(figures: ReportFigures, charts: RenderedChart[], measures: RenderedMeasureCharts): string {
  const sections = charts
    .map(
      ({ chart, svg }) =>
        `<section id="${escapeHtml(chart.id)}"><h2>${escapeHtml(chart.title)}</h2><figure>${svg}` +
        `<figcaption class="caption">${escapeHtml(chart.caption)}</figcaption></figure>` +
        // The headline chart's figures are shown open: the denominator stands beside every share.
        `${pointsTableHtml(chart.points, "Figures behind this chart (numerators and denominators)", chart.id === "share")}</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(figures.title)}</title><style>${baseCss}</style></head>
<body>
<h1>${escapeHtml(figures.title)}</h1>
${headlineHtml(figures.headline)}
${populationHtml(figures)}
${comparisonHtml(figures.headline.comparison)}
${sections}
${measuresHtml(figures.measures, { firstSeen: `<figure>${measures.firstSeen.svg}</figure>`, intensity: `<figure>${measures.intensity.svg}</figure>` })}
<section id="methodology"><h2>Methodology</h2>${methodologyHtml()}${precisionHtml(figures.precision)}</section>
<p class="muted">Generated ${escapeHtml(figures.generatedAt)} by agent-census. Every figure is in data.csv and data.json beside this page.</p>
</body></html>
`;
}
