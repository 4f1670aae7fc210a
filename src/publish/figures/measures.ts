// Beyond the share: first seen (new adopters per month), retention (do adopters show agent
// activity again within 1, 3 and 6 months) and intensity (how much of an adopter's work is agent
// commits). Definitions in methodology.ts and docs/methodology.md.

import type { TopLevelSpec } from "vega-lite";
import { countBarsSpec, quantileLinesSpec, type CountBar, type QuantilePoint } from "../charts/specs.js";
import { adoptionMeasureRows, proportion, type AdoptionMeasuresRows, type Database, type MonthlyShareRow, type Proportion, type ShareScope } from "../../store/index.js";
import { addMonths, escapeHtml, formatCount, formatInterval, formatShare, monthLabel, noData } from "../format.js";

export const retentionHorizons = [1, 3, 6] as const;

export interface FirstSeenMonth {
  month: string;
  /** null when no repository of the scope was active that month (no data, not zero). */
  newAdopters: number | null;
  activeRepos: number;
}

export interface RetentionCohort {
  /** The month of the adopters' first agent activity. */
  month: string;
  adopters: number;
  /** Keyed by horizon in months; null while the window has not closed within the range (not yet known). */
  within: Record<(typeof retentionHorizons)[number], Proportion | null>;
}

export interface IntensityMonth {
  month: string;
  /** Repositories with agent activity that month: the population of the quantiles. */
  agentRepos: number;
  /** Quantiles of (agent commits ÷ non-merge commits) per repository; null when agentRepos is 0. */
  median: number | null;
  p75: number | null;
  p90: number | null;
}

export interface AdoptionMeasures {
  firstSeen: FirstSeenMonth[];
  retention: RetentionCohort[];
  intensity: IntensityMonth[];
}

export async function adoptionMeasures(
  database: Database,
  scope: ShareScope,
  range: { from: string; to: string },
  months: readonly MonthlyShareRow[],
): Promise<AdoptionMeasures> {
  return measuresFromRows(await adoptionMeasureRows(database, { scope, ...range }), range, months);
}

/** The store's rows of the three measures over the scope's months (activeRepos marks months without data). */
export function measuresFromRows(rows: AdoptionMeasuresRows, range: { from: string; to: string }, months: readonly MonthlyShareRow[]): AdoptionMeasures {
  const firstSeen = new Map(rows.firstSeen.map((r) => [r.month, r.newAdopters]));
  const intensity = new Map(rows.intensity.map((r) => [r.month, r]));
  return {
    firstSeen: months.map((m) => ({ month: m.month, newAdopters: m.activeRepos === 0 ? null : (firstSeen.get(m.month) ?? 0), activeRepos: m.activeRepos })),
    retention: rows.returns.map((r) => ({
      month: r.month,
      adopters: r.adopters,
      within: Object.fromEntries(
        retentionHorizons.map((k) => [k, addMonths(r.month, k) <= range.to ? proportion(r.againWithin[k - 1] ?? 0, r.adopters) : null]),
      ) as RetentionCohort["within"],
    })),
    intensity: months.map((m) => {
      const q = intensity.get(m.month);
      return q ? { month: m.month, agentRepos: q.agentRepos, median: q.median, p75: q.p75, p90: q.p90 } : { month: m.month, agentRepos: 0, median: null, p75: null, p90: null };
    }),
  };
}

// ─── Rendering: rows for Markdown and HTML tables ──────────────────────────────────────────────

const within = (p: Proportion | null) => (p === null ? "— (window not closed)" : `${formatShare(p.share)} (${formatCount(p.count)}), 95% CI ${formatInterval(p.ci95)}`);

export const firstSeenHeader = ["month", "new adopters", "active repos"];
export const firstSeenRows = (m: AdoptionMeasures) =>
  m.firstSeen.map((f) => [monthLabel(f.month), f.newAdopters === null ? noData : formatCount(f.newAdopters), formatCount(f.activeRepos)]);

export const retentionHeader = ["first agent month", "adopters", ...retentionHorizons.map((k) => `again within ${k} ${k === 1 ? "month" : "months"}`)];
export const retentionRows = (m: AdoptionMeasures) =>
  m.retention.map((r) => [monthLabel(r.month), formatCount(r.adopters), ...retentionHorizons.map((k) => within(r.within[k]))]);

export const intensityHeader = ["month", "repos with agent activity", "median", "p75", "p90"];
export const intensityRows = (m: AdoptionMeasures) =>
  m.intensity.map((i) => [monthLabel(i.month), formatCount(i.agentRepos), formatShare(i.median), formatShare(i.p75), formatShare(i.p90)]);

export const measureCaptions = {
  firstSeen: "New adopters: repositories whose first agent activity (a strong coding-agent signal in any channel, in an active month) in the stored history falls in the month.",
  retention:
    "Of the repositories whose first agent activity falls in the month, the share with agent activity again within the next 1, 3 and 6 months. A window that has not closed by the end of the range is not yet known (—).",
  intensity:
    "Among repositories with agent activity in the month, the share of their non-merge default-branch commits that are agent commits: median, 75th and 90th percentile. A repository with only an agent config file or pull request counts as 0%.",
};

export function measuresHtml(m: AdoptionMeasures, charts: { firstSeen: string; intensity: string }): string {
  const table = (header: string[], rows: string[][]) =>
    `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>` +
    rows.map((row) => `<tr>${row.map((cell, i) => `<td${i > 0 ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("") +
    "</tbody></table>";
  return [
    `<section id="first-seen"><h2>First seen: new adopters per month</h2>${charts.firstSeen}<p class="caption">${escapeHtml(measureCaptions.firstSeen)}</p>` +
      `<details><summary>Figures</summary>${table(firstSeenHeader, firstSeenRows(m))}</details></section>`,
    `<section id="retention"><h2>Retention of adopters</h2><p class="caption">${escapeHtml(measureCaptions.retention)}</p>` +
      `${m.retention.length === 0 ? "<p>No repository's first agent activity falls in this range.</p>" : table(retentionHeader, retentionRows(m))}</section>`,
    `<section id="intensity"><h2>Intensity: agent commits' share of an adopter's commits</h2>${charts.intensity}<p class="caption">${escapeHtml(measureCaptions.intensity)}</p>` +
      `<details><summary>Figures</summary>${table(intensityHeader, intensityRows(m))}</details></section>`,
  ].join("\n");
}

// ─── Charts ─────────────────────────────────────────────────────────────────────────────────────

export function measureCharts(m: AdoptionMeasures): { firstSeen: MeasureChart; intensity: MeasureChart } {
  const bars: CountBar[] = m.firstSeen.map((f) => ({
    month: f.month,
    monthLabel: monthLabel(f.month),
    count: f.newAdopters,
    text: f.newAdopters === null ? "no active repository" : `${formatCount(f.newAdopters)} new adopters (${formatCount(f.activeRepos)} active repos)`,
  }));
  const quantiles: QuantilePoint[] = m.intensity.flatMap((i) =>
    (["median", "p75", "p90"] as const).map((q) => ({
      month: i.month,
      monthLabel: monthLabel(i.month),
      label: q === "median" ? "median" : q === "p75" ? "75th percentile" : "90th percentile",
      value: i[q],
      text: `${formatShare(i[q])} of commits (${formatCount(i.agentRepos)} repos with agent activity)`,
    })),
  );
  return {
    firstSeen: { id: "first-seen", title: "First seen: new adopters per month", spec: countBarsSpec(bars, "First seen: new adopters per month", "new adopters") },
    intensity: {
      id: "intensity",
      title: "Intensity: agent commits' share of an adopter's commits",
      spec: quantileLinesSpec(quantiles, "Intensity: agent commits' share of an adopter's commits", "share of the repository's commits"),
    },
  };
}

export interface MeasureChart {
  id: string;
  title: string;
  spec: TopLevelSpec;
}
