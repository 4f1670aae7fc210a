// Flattens the store's monthly rows into long-format series: one row per (month, series),
// each with its numerator, denominator and interval. The charts, data.csv and the API's
// tables all read these rows, so every drawn figure has its denominator beside it.

import { proportion, type MonthlyShareRow, type Proportion } from "../../store/index.js";
import { agentName } from "../../agents/index.js";
import { formatCount, formatInterval, formatShare, monthLabel } from "../format.js";

/** Which family a series belongs to. "assistant*" series are never part of the headline. */
export type SeriesGroup = "headline" | "channel" | "agent" | "assistant";

export interface SeriesPoint {
  month: string;
  monthLabel: string;
  group: SeriesGroup;
  /** Machine name: "lower-bound", "upper-bound", "commit", "pr", "config", an agent id, "assistants". */
  series: string;
  /** What a reader sees in the legend. */
  label: string;
  agent: string | null;
  count: number;
  activeRepos: number;
  /** null when no repository was active that month: no data is not zero (a gap in charts). */
  share: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  shareText: string;
  /** "12 of 180 active repos", for tooltips and tables. */
  ofText: string;
  /** "95% CI 4.2%–9.8%". */
  ciText: string;
}

/** One figure of one series in one month, with the texts tooltips and tables show. */
export function seriesPoint(
  month: { month: string; activeRepos: number },
  group: SeriesGroup,
  series: string,
  label: string,
  value: Proportion,
  agent: string | null = null,
): SeriesPoint {
  return {
    month: month.month,
    monthLabel: monthLabel(month.month),
    group,
    series,
    label,
    agent,
    count: value.count,
    activeRepos: month.activeRepos,
    share: value.share,
    ciLow: value.ci95?.[0] ?? null,
    ciHigh: value.ci95?.[1] ?? null,
    shareText: formatShare(value.share),
    ofText: month.activeRepos === 0 ? "no active repository" : `${formatCount(value.count)} of ${formatCount(month.activeRepos)} active repos`,
    ciText: `95% CI ${formatInterval(value.ci95)}`,
  };
}

export const seriesLabels = {
  lowerBound: "any strong signal (headline, lower bound)",
  upperBound: "strong or weak signals (upper bound)",
  commit: "agent commits",
  pr: "agent pull requests",
  config: "agent config files",
  assistants: "review assistants (any)",
} as const;

export function headlineSeries(months: MonthlyShareRow[]): SeriesPoint[] {
  return months.flatMap((row) => [
    seriesPoint(row, "headline", "lower-bound", seriesLabels.lowerBound, row.withAgent.any),
    seriesPoint(row, "headline", "upper-bound", seriesLabels.upperBound, row.upperBound),
  ]);
}

export function channelSeries(months: MonthlyShareRow[]): SeriesPoint[] {
  return months.flatMap((row) => [
    seriesPoint(row, "channel", "commit", seriesLabels.commit, row.withAgent.commit),
    seriesPoint(row, "channel", "pr", seriesLabels.pr, row.withAgent.pr),
    seriesPoint(row, "channel", "config", seriesLabels.config, row.withAgent.config),
  ]);
}

/** Agents ranked by the repositories they reach over the whole range (most first). */
export function rankAgents(months: MonthlyShareRow[], pick: (row: MonthlyShareRow) => Record<string, Proportion>): string[] {
  const totals = new Map<string, number>();
  for (const row of months) {
    for (const [agent, value] of Object.entries(pick(row))) totals.set(agent, (totals.get(agent) ?? 0) + value.count);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([agent]) => agent);
}

/** Per-agent series for every agent seen (months where an agent has no repos count as 0). */
export function agentSeries(months: MonthlyShareRow[], limit = Infinity): SeriesPoint[] {
  const agents = rankAgents(months, (row) => row.perAgent).slice(0, limit);
  return months.flatMap((row) =>
    agents.map((agent) => seriesPoint(row, "agent", agent, agentName(agent), row.perAgent[agent] ?? proportion(0, row.activeRepos), agent)),
  );
}

export function assistantSeries(months: MonthlyShareRow[], limit = Infinity): SeriesPoint[] {
  const agents = rankAgents(months, (row) => row.assistants.perAgent).slice(0, limit);
  return months.flatMap((row) => [
    seriesPoint(row, "assistant", "assistants", seriesLabels.assistants, row.assistants.any),
    ...agents.map((agent) =>
      seriesPoint(row, "assistant", agent, agentName(agent), row.assistants.perAgent[agent] ?? proportion(0, row.activeRepos), agent),
    ),
  ]);
}

/** Every series, for data.csv / data.json. */
export function allSeries(months: MonthlyShareRow[]): SeriesPoint[] {
  return [...headlineSeries(months), ...channelSeries(months), ...agentSeries(months), ...assistantSeries(months)];
}
