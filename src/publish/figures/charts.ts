// The report's charts, defined once: the static report renders them to SVG files and the
// dashboard embeds the same specs in the browser.

import type { TopLevelSpec } from "vega-lite";
import type { MonthlyShareRow } from "../../store/index.js";
import { bandedLinesSpec, linesSpec } from "../charts/specs.js";
import { agentSeries, assistantSeries, channelSeries, headlineSeries, type SeriesPoint } from "./series.js";

export interface ChartDefinition {
  /** File stem and element id: "share", "channels", "agents", "assistants". */
  id: string;
  title: string;
  /** One sentence under the chart saying how to read it. */
  caption: string;
  spec: TopLevelSpec;
  /** The figures drawn, with numerators and denominators, for the table beside the chart. */
  points: SeriesPoint[];
}

/** Agents drawn per chart; the rest stay in data.csv / data.json and the tables. */
const maxAgentsDrawn = 8;

export function shareCharts(months: MonthlyShareRow[]): ChartDefinition[] {
  const headline = headlineSeries(months);
  const channels = channelSeries(months);
  const agents = agentSeries(months, maxAgentsDrawn);
  const assistants = assistantSeries(months, maxAgentsDrawn);
  const charts: ChartDefinition[] = [
    {
      id: "share",
      title: "Share of active repositories with coding-agent activity",
      caption:
        "Solid line: strong signals in any channel (the headline, a lower bound), with its 95% Wilson interval as a band. " +
        "Dashed line: strong or weak signals (an upper bound).",
      spec: bandedLinesSpec(headline, { title: "Share of active repositories with coding-agent activity", bandSeries: "lower-bound" }),
      points: headline,
    },
    {
      id: "channels",
      title: "By signal: commits, pull requests, config files",
      caption: "Each channel alone (strong signals). A repository can show in several; each undercounts on its own.",
      spec: linesSpec(channels, "By signal: commits, pull requests, config files"),
      points: channels,
    },
  ];
  if (agents.length > 0) {
    charts.push({
      id: "agents",
      title: "By coding agent",
      caption: "Share of active repositories with a strong signal of each coding agent: which agents drive the growth.",
      spec: linesSpec(agents, "By coding agent"),
      points: agents,
    });
  }
  charts.push({
    id: "assistants",
    title: "Review assistants (reported beside, not in the headline)",
    caption: "AI review assistants whose suggestions were committed. AI assistance, not agent activity: never counted in the headline.",
    spec: linesSpec(assistants, "Review assistants (not in the headline)"),
    points: assistants,
  });
  return charts;
}
