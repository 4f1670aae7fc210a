// The headline sentence: how the share moved between two months (by default the first and last
// with data), claiming a change only when its 95% interval supports one (compare.ts).

import { wilsonInterval, type MonthlyShareRow } from "../../store/index.js";
import { formatCount, formatPercent, monthLabel } from "../format.js";
import type { Comparison } from "./compare.js";

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
  /** The two months compared, with the difference's and the ratio's intervals and the verdict. */
  comparison: Comparison | null;
}

/** A month with active repositories (the caller filters): its share and interval exist. */
function end(row: { month: string; count: number; activeRepos: number }): HeadlineEnd {
  return { month: row.month, share: row.count / row.activeRepos, count: row.count, activeRepos: row.activeRepos, ci95: wilsonInterval(row.count, row.activeRepos) };
}

/**
 * With a comparison, its two months and its sentence. Without one (a single month with data), that
 * month's share. A month without a denominator has no share, and quoting 0% for it would invent a
 * trend, so only months with active repositories are used.
 */
export function buildHeadline(months: MonthlyShareRow[], comparison: Comparison | null): Headline | null {
  if (comparison && comparison.from.activeRepos > 0 && comparison.to.activeRepos > 0) {
    const first = end(comparison.from);
    const last = end(comparison.to);
    return { first, last, ratio: first.share > 0 ? last.share / first.share : null, sentence: comparison.sentence, comparison };
  }
  const row = months.filter((m) => m.activeRepos > 0).at(-1);
  if (!row) return null;
  const only = end({ month: row.month, count: row.withAgent.any.count, activeRepos: row.activeRepos });
  return {
    first: only,
    last: only,
    ratio: null,
    sentence:
      comparison?.sentence ??
      `${formatPercent(only.share)} of active projects (${formatCount(only.count)} of ${formatCount(only.activeRepos)}) ` +
      `had agent activity in ${monthLabel(only.month)}.`,
    comparison,
  };
}
