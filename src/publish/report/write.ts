// Writes a report folder: report.html, report.md with its SVG charts, data.csv and data.json.

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderSvg } from "../charts/render-svg.js";
import { shareCharts } from "../figures/charts.js";
import type { ReportFigures } from "./build.js";
import { renderCsv } from "./csv.js";
import { measureCharts } from "../figures/measures.js";
import { renderReportHtml, type RenderedChart, type RenderedMeasureCharts } from "./html.js";
import { renderReportMarkdown } from "./markdown.js";

export interface WrittenReport {
  dir: string;
  files: string[];
}

const chartFile = (id: string) => `chart-${id}.svg`;

export async function renderCharts(figures: ReportFigures): Promise<RenderedChart[]> {
  const charts = shareCharts(figures.months);
  return Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart.spec) })));
}

/** The first-seen and intensity charts, as SVG (retention is a table). */
export async function renderMeasureCharts(figures: ReportFigures): Promise<RenderedMeasureCharts> {
  const charts = measureCharts(figures.measures);
  const [firstSeen, intensity] = await Promise.all([renderSvg(charts.firstSeen.spec), renderSvg(charts.intensity.spec)]);
  return { firstSeen: { id: charts.firstSeen.id, title: charts.firstSeen.title, svg: firstSeen }, intensity: { id: charts.intensity.id, title: charts.intensity.title, svg: intensity } };
}

export async function writeReport(figures: ReportFigures, dir: string): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const [charts, measures] = await Promise.all([renderCharts(figures), renderMeasureCharts(figures)]);
  const outputs = new Map<string, string>([
    ["report.html", renderReportHtml(figures, charts, measures)],
    ["report.md", renderReportMarkdown(figures, charts, chartFile, measures)],
    ["data.csv", renderCsv(figures.series)],
    ["data.json", `${JSON.stringify(figures, null, 2)}\n`],
    ...charts.map(({ chart, svg }) => [chartFile(chart.id), svg] as [string, string]),
    [chartFile(measures.firstSeen.id), measures.firstSeen.svg],
    [chartFile(measures.intensity.id), measures.intensity.svg],
  ]);
  for (const [name, content] of outputs) await writeFile(join(dir, name), content, "utf8");
  return { dir, files: [...outputs.keys()].map((name) => join(dir, name)) };
}
