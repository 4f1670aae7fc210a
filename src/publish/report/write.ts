// Writes a report folder: report.html, report.md with its SVG charts, data.csv and data.json.

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderSvg } from "../charts/render-svg.js";
import { shareCharts } from "../figures/charts.js";
import type { ReportFigures } from "./build.js";
import { renderCsv } from "./csv.js";
import { renderReportHtml, type RenderedChart } from "./html.js";
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

export async function writeReport(figures: ReportFigures, dir: string): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const charts = await renderCharts(figures);
  const outputs = new Map<string, string>([
    ["report.html", renderReportHtml(figures, charts)],
    ["report.md", renderReportMarkdown(figures, charts, chartFile)],
    ["data.csv", renderCsv(figures.series)],
    ["data.json", `${JSON.stringify(figures, null, 2)}\n`],
    ...charts.map(({ chart, svg }) => [chartFile(chart.id), svg] as [string, string]),
  ]);
  for (const [name, content] of outputs) await writeFile(join(dir, name), content, "utf8");
  return { dir, files: [...outputs.keys()].map((name) => join(dir, name)) };
}
