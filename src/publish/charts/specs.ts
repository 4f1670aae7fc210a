// Vega-Lite specs for every chart. The SAME functions feed the static report (rendered to SVG
// on the server by charts/render-svg.ts) and the dashboard (embedded in the browser with
// vega-embed), so a chart cannot drift between the two.

import type { TopLevelSpec } from "vega-lite";
import type { SeriesPoint } from "../figures/series.js";

export const chartWidth = 640;
export const chartHeight = 260;

const schema = "https://vega.github.io/schema/vega-lite/v6.json";

const tooltip = [
  { field: "monthLabel", title: "month" },
  { field: "label", title: "series" },
  { field: "shareText", title: "share" },
  { field: "ofText", title: "repositories" },
  { field: "ciText", title: "interval" },
];

function monthAxis(points: Array<{ month: string; monthLabel: string }>) {
  // Ordinal months in calendar order: no time-zone parsing, one tick per month.
  const order = [...new Map(points.map((p) => [p.month, p.monthLabel])).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return { field: "monthLabel", type: "ordinal" as const, sort: order.map(([, label]) => label), title: null, axis: { labelAngle: 0 } };
}

/**
 * A month without an active repository has share null: lines and bands break there instead of
 * dropping to zero or being drawn straight across (Vega-Lite's default filters invalid values,
 * which would join the neighbours). No data is not zero.
 */
const gapsForMissingMonths = { mark: { invalid: "break-paths-show-domains" as const } };

const shareAxis = (title: string) => ({ field: "share", type: "quantitative" as const, title, axis: { format: ".0%" } });

export interface BandedLinesOptions {
  title: string;
  /** The series drawn with its 95% interval as a band and labelled with its values. */
  bandSeries: string;
  yTitle?: string;
}

/**
 * Lines per series, one of them with its 95% Wilson interval as a band and its values printed
 * above the points (the figures a reader quotes). Upper-bound series are dashed.
 */
export function bandedLinesSpec(points: SeriesPoint[], options: BandedLinesOptions): TopLevelSpec {
  const x = monthAxis(points);
  const isBand = { field: "series", equal: options.bandSeries };
  const color = { field: "label", type: "nominal" as const, title: null, legend: { orient: "bottom" as const, direction: "vertical" as const, labelLimit: 0 } };
  return {
    $schema: schema,
    title: options.title,
    width: chartWidth,
    height: chartHeight,
    data: { values: points },
    config: gapsForMissingMonths,
    layer: [
      {
        transform: [{ filter: isBand }],
        mark: { type: "area", opacity: 0.2 },
        encoding: { x, y: { ...shareAxis(options.yTitle ?? "share of active repos"), field: "ciLow" }, y2: { field: "ciHigh" }, color },
      },
      {
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: shareAxis(options.yTitle ?? "share of active repos"),
          color,
          strokeDash: { condition: { test: "datum.series === 'upper-bound'", value: [5, 3] }, value: [1, 0] },
          tooltip,
        },
      },
      {
        transform: [{ filter: isBand }],
        mark: { type: "text", dy: -10, fontSize: 10 },
        encoding: { x, y: shareAxis(options.yTitle ?? "share of active repos"), text: { field: "shareText" } },
      },
    ],
  } as TopLevelSpec;
}

/** Several series as plain lines with hover values (channels, agents, assistants). */
export function linesSpec(points: SeriesPoint[], title: string): TopLevelSpec {
  const x = monthAxis(points);
  return {
    $schema: schema,
    title,
    width: chartWidth,
    height: chartHeight,
    data: { values: points },
    config: gapsForMissingMonths,
    mark: { type: "line", point: true },
    encoding: {
      x,
      y: shareAxis("share of active repos"),
      color: { field: "label", type: "nominal", title: null, legend: { orient: "bottom", columns: 3, labelLimit: 0 } },
      tooltip,
    },
  } as TopLevelSpec;
}

export interface RepoMonthBar {
  month: string;
  monthLabel: string;
  /** "agent commits" or "other commits". */
  kind: string;
  commits: number;
}

/** One repository's non-merge commits per month, the agent-authored ones stacked apart. */
export function repoCommitsSpec(bars: RepoMonthBar[], title: string): TopLevelSpec {
  const x = monthAxis(bars);
  return {
    $schema: schema,
    title,
    width: chartWidth,
    height: chartHeight,
    data: { values: bars },
    mark: { type: "bar", tooltip: true },
    encoding: {
      x,
      y: { field: "commits", type: "quantitative", title: "non-merge commits", stack: "zero", axis: { format: "d", tickMinStep: 1 } },
      color: {
        field: "kind",
        type: "nominal",
        title: null,
        scale: { domain: ["agent commits", "other commits"], range: ["#d62728", "#9ecae1"] },
        legend: { orient: "bottom" },
      },
      order: { field: "kind", sort: "ascending" },
      tooltip: [
        { field: "monthLabel", title: "month" },
        { field: "kind", title: "kind" },
        { field: "commits", title: "commits" },
      ],
    },
  } as TopLevelSpec;
}

export interface CountBar {
  month: string;
  monthLabel: string;
  /** null: no data that month (a missing bar, not a bar at 0). */
  count: number | null;
  text: string;
}

/** A count per month as bars (first seen: new adopters). */
export function countBarsSpec(bars: CountBar[], title: string, yTitle: string): TopLevelSpec {
  const x = monthAxis(bars);
  return {
    $schema: schema,
    title,
    width: chartWidth,
    height: chartHeight,
    data: { values: bars },
    config: gapsForMissingMonths,
    mark: { type: "bar", color: "#4c78a8" },
    encoding: {
      x,
      y: { field: "count", type: "quantitative", title: yTitle, axis: { format: "d", tickMinStep: 1 } },
      tooltip: [
        { field: "monthLabel", title: "month" },
        { field: "text", title: "repositories" },
      ],
    },
  } as TopLevelSpec;
}

export interface QuantilePoint {
  month: string;
  monthLabel: string;
  label: string;
  /** null: no repository to take the quantile over that month (a gap). */
  value: number | null;
  text: string;
}

/** Quantiles per month as lines (intensity: median, p75, p90). */
export function quantileLinesSpec(points: QuantilePoint[], title: string, yTitle: string): TopLevelSpec {
  const x = monthAxis(points);
  return {
    $schema: schema,
    title,
    width: chartWidth,
    height: chartHeight,
    data: { values: points },
    config: gapsForMissingMonths,
    mark: { type: "line", point: true },
    encoding: {
      x,
      y: { field: "value", type: "quantitative", title: yTitle, axis: { format: ".0%" }, scale: { domain: [0, 1] } },
      color: { field: "label", type: "nominal", title: null, sort: ["median", "75th percentile", "90th percentile"], legend: { orient: "bottom" } },
      tooltip: [
        { field: "monthLabel", title: "month" },
        { field: "label", title: "quantile" },
        { field: "text", title: "value" },
      ],
    },
  } as TopLevelSpec;
}
