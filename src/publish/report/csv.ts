// data.csv: one row per (month, series) with numerator, denominator, share and interval.

import type { SeriesPoint } from "../figures/series.js";

const columns = ["month", "group", "series", "label", "agent", "count", "active_repos", "share", "ci_low", "ci_high"] as const;

function field(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(points: SeriesPoint[]): string {
  const lines = points.map((p) =>
    [p.month, p.group, p.series, p.label, p.agent, p.count, p.activeRepos, p.share, p.ciLow, p.ciHigh].map(field).join(","),
  );
  return `${[columns.join(","), ...lines].join("\n")}\n`;
}
