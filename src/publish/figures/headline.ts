// The headline sentence: how the share moved from the first to the last month with data.

import { wilsonInterval, type MonthlyShareRow } from "../../store/index.js";
import { formatCount, formatPercent, formatRatio, monthLabel } from "../format.js";

export interface HeadlineEnd {
  month: string;
  share: number;
  count: number;
  activeRepos: number;
  ci95: [number, number];
}

export interface Headline {
  first: HeadlineEnd;
  last: HeadlineEnd;
  /** last.share ÷ first.share; null when the first share is 0 (no ratio to speak of). */
  ratio: number | null;
  sentence: string;
}

/** A month with active repositories (the caller filters): its share and interval exist. */
function end(row: MonthlyShareRow): HeadlineEnd {
  const any = row.withAgent.any;
  return { month: row.month, share: any.count / row.activeRepos, count: any.count, activeRepos: row.activeRepos, ci95: wilsonInterval(any.count, row.activeRepos) };
}

/**
 * Uses the first and last months that have active repositories: a month without a denominator
 * has no share, and quoting 0% for it would invent a trend.
 */
export function buildHeadline(months: MonthlyShareRow[]): Headline | null {
  const withData = months.filter((row) => row.activeRepos > 0);
  const firstRow = withData[0];
  const lastRow = withData.at(-1);
  if (!firstRow || !lastRow) return null;
  const first = end(firstRow);
  const last = end(lastRow);
  if (first.month === last.month) {
    return {
      first,
      last,
      ratio: null,
      sentence:
        `${formatPercent(first.share)} of active projects (${formatCount(first.count)} of ${formatCount(first.activeRepos)}) ` +
        `had agent activity in ${monthLabel(first.month)}.`,
    };
  }
  const ratio = first.share > 0 ? last.share / first.share : null;
  const sentence =
    `The share of active projects with agent activity went from ${formatPercent(first.share)} in ${monthLabel(first.month)} ` +
    `to ${formatPercent(last.share)} in ${monthLabel(last.month)}${ratio === null ? "" : `, ${formatRatio(ratio)}`}.`;
  return { first, last, ratio, sentence };
}
