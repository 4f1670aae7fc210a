// report.md: the same story for a README or blog post, charts as SVG files beside it.

import type { MonthlyShareRow, Proportion } from "../../store/index.js";
import { agentName } from "../../agents/index.js";
import { comparisonCaption, comparisonRows } from "../figures/compare.js";
import { methodology } from "../figures/methodology.js";
import { precisionMarkdown } from "../figures/precision.js";
import { rankAgents } from "../figures/series.js";
import { formatCount, formatInterval, formatPercent, monthLabel, noData } from "../format.js";
import type { ReportFigures } from "./build.js";
import type { RenderedChart, RenderedMeasureCharts } from "./html.js";
import {
  firstSeenHeader,
  firstSeenRows,
  intensityHeader,
  intensityRows,
  measureCaptions,
  retentionHeader,
  retentionRows,
} from "../figures/measures.js";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const pct = (p: Proportion) => (p.share === null ? noData : `${formatPercent(p.share)} (${formatCount(p.count)})`);
const ci = (p: Proportion) => formatInterval(p.ci95);

function table(header: string[], rows: string[][]): string {
  return [`| ${header.map(cell).join(" | ")} |`, `|${header.map(() => " --- ").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

function shareTable(months: MonthlyShareRow[]): string {
  return table(
    ["month", "active repos", "with agent activity (lower bound)", "95% CI", "upper bound (strong + weak)", "review assistants"],
    months.map((m) => [monthLabel(m.month), formatCount(m.activeRepos), pct(m.withAgent.any), ci(m.withAgent.any), pct(m.upperBound), pct(m.assistants.any)]),
  );
}

function channelTable(months: MonthlyShareRow[]): string {
  return table(
    ["month", "active repos", "agent commits", "agent pull requests", "agent config files"],
    months.map((m) => [monthLabel(m.month), formatCount(m.activeRepos), pct(m.withAgent.commit), pct(m.withAgent.pr), pct(m.withAgent.config)]),
  );
}

function agentTable(months: MonthlyShareRow[], pick: (row: MonthlyShareRow) => Record<string, Proportion>): string {
  const first = months.find((m) => m.activeRepos > 0);
  const last = [...months].reverse().find((m) => m.activeRepos > 0);
  if (!first || !last) return "";
  const agents = rankAgents(months, pick);
  if (agents.length === 0) return "_none seen in this range_";
  const at = (row: MonthlyShareRow, agent: string) => {
    const p = pick(row)[agent];
    return p ? `${pct(p)} of ${formatCount(row.activeRepos)}` : `0 of ${formatCount(row.activeRepos)}`;
  };
  return table(
    ["agent", monthLabel(first.month), monthLabel(last.month)],
    agents.map((agent) => [agentName(agent), at(first, agent), at(last, agent)]),
  );
}

export function renderReportMarkdown(figures: ReportFigures, charts: RenderedChart[], chartFile: (id: string) => string, measures: RenderedMeasureCharts): string {
  const p = figures.population;
  const parts: string[] = [
    `# ${figures.title}`,
    `**${figures.headline.sentence}**`,
    `Population: ${p.label} — ${formatCount(p.repositories)} repositories; ${monthLabel(figures.from)} to ${monthLabel(figures.to)} (UTC). ` +
      `Each month's denominator is the number of those repositories active that month.`,
  ];
  if (p.definition !== null) parts.push(`Frozen definition${p.frozenAt ? ` (frozen ${p.frozenAt.slice(0, 10)})` : ""}:\n\n\`\`\`json\n${JSON.stringify(p.definition, null, 2)}\n\`\`\``);
  const comparison = figures.headline.comparison;
  if (comparison) {
    parts.push(
      `## Change between ${monthLabel(comparison.from.month)} and ${monthLabel(comparison.to.month)}`,
      table(["", "figure"], comparisonRows(comparison)),
      `_${comparisonCaption(comparison)}_`,
    );
  }
  const tables: Record<string, string> = {
    share: shareTable(figures.months),
    channels: channelTable(figures.months),
    agents: agentTable(figures.months, (m) => m.perAgent),
    assistants: agentTable(figures.months, (m) => m.assistants.perAgent),
  };
  for (const { chart } of charts) {
    parts.push(`## ${chart.title}`, `![${chart.title}](${chartFile(chart.id)})`, `_${chart.caption}_`, tables[chart.id] ?? "");
  }
  const m = figures.measures;
  parts.push(
    `## ${measures.firstSeen.title}`,
    `![${measures.firstSeen.title}](${chartFile(measures.firstSeen.id)})`,
    `_${measureCaptions.firstSeen}_`,
    table(firstSeenHeader, firstSeenRows(m)),
    "## Retention of adopters",
    `_${measureCaptions.retention}_`,
    m.retention.length === 0 ? "_No repository's first agent activity falls in this range._" : table(retentionHeader, retentionRows(m)),
    `## ${measures.intensity.title}`,
    `![${measures.intensity.title}](${chartFile(measures.intensity.id)})`,
    `_${measureCaptions.intensity}_`,
    table(intensityHeader, intensityRows(m)),
  );
  parts.push("## Methodology");
  for (const section of methodology) {
    parts.push(`### ${section.heading}`, ...section.paragraphs);
    if (section.items) parts.push(section.items.map((i) => `- ${i}`).join("\n"));
  }
  parts.push(precisionMarkdown(figures.precision, table));
  parts.push(`_Generated ${figures.generatedAt} by agent-census. Every figure is in data.csv and data.json beside this file._`);
  return `${parts.filter((part) => part !== "").join("\n\n")}\n`;
}
