// A change between two months, with what it takes to judge it: both shares with their intervals,
// the difference (Newcombe) and the ratio (bootstrap over repositories), and a headline that says
// "rose", "fell" or "more than doubled" only when the 95% interval says so.

import { monthlyShare, pairedMonthStates, type Database, type MonthlyShareRow, type PairedMonthState, type ShareScope } from "../../store/index.js";
import { formatCount, formatInterval, formatPercent, monthLabel, noData } from "../format.js";
import { bootstrapRatio, katzRatio, newcombeDifference, type RatioInterval } from "./intervals.js";

export interface CompareEnd {
  month: string;
  count: number;
  activeRepos: number;
  /** null when no repository was active that month. */
  share: number | null;
  ci95: [number, number] | null;
}

export type Verdict = "more than doubled" | "rose" | "fell" | "too few to tell";

export interface Comparison {
  from: CompareEnd;
  to: CompareEnd;
  /** The least active repositories a month needs before a change is claimed (--min-active). */
  minActive: number;
  /** to.share − from.share with Newcombe's 95% interval; null when a month has no active repository. */
  difference: { estimate: number; ci95: [number, number] } | null;
  /** to.share ÷ from.share (null when from.share is 0 or missing) and its 95% interval. */
  ratio: ({ estimate: number | null } & RatioInterval) | null;
  verdict: Verdict;
  /** Why a change was or was not claimed, in one clause. */
  reason: string;
  sentence: string;
}

export interface CompareOptions {
  minActive?: number;
  /** Seeds the bootstrap's generator (default 1): the same seed gives the same interval. */
  seed?: number;
  replicates?: number;
}

export const defaultMinActive = 10;

/**
 * Above this many repositories (active in either month) the bootstrap's cost — one draw per
 * repository per resample, 9 ns each measured with pure-rand — passes a third of a second at
 * 2,000 resamples, and Katz's log interval, which the bootstrap converges to, is used instead.
 */
export const bootstrapLimit = 20_000;

function end(row: MonthlyShareRow): CompareEnd {
  const any = row.withAgent.any;
  return { month: row.month, count: any.count, activeRepos: row.activeRepos, share: any.share, ci95: any.ci95 };
}

const describe = (e: CompareEnd) =>
  e.share === null
    ? `no share in ${monthLabel(e.month)} (no active repository)`
    : `${formatPercent(e.share)} (${formatCount(e.count)} of ${formatCount(e.activeRepos)}) in ${monthLabel(e.month)}`;
const points = (d: number) => `${d >= 0 ? "+" : "−"}${Math.abs(d * 100).toFixed(1)}`;
export const formatTimes = (r: number | null) => (r === null || !Number.isFinite(r) ? "∞" : `×${r.toFixed(1)}`);

/** The decision and its wording, from figures only (pure: tests feed it the numbers). */
export function judgeComparison(
  from: CompareEnd,
  to: CompareEnd,
  states: readonly PairedMonthState[] | null,
  options: CompareOptions = {},
): Comparison {
  const minActive = options.minActive ?? defaultMinActive;
  const bothActive = from.activeRepos > 0 && to.activeRepos > 0;
  const difference = bothActive ? newcombeDifference({ count: from.count, total: from.activeRepos }, { count: to.count, total: to.activeRepos }) : null;
  let ratio: Comparison["ratio"] = null;
  if (bothActive) {
    const estimate = from.count === 0 ? null : to.count / to.activeRepos / (from.count / from.activeRepos);
    // From a share of 0 there is no ratio to speak of (every resample's would be unbounded).
    const interval = from.count === 0 ? null : states
      ? bootstrapRatio(states, options.seed ?? 1, options.replicates)
      : katzRatio({ count: from.count, total: from.activeRepos }, { count: to.count, total: to.activeRepos });
    ratio = interval ? { estimate, ...interval } : null;
  }
  const n = `n = ${formatCount(from.activeRepos)} and ${formatCount(to.activeRepos)}`;
  let verdict: Verdict = "too few to tell";
  let reason: string;
  if (!difference || from.activeRepos < minActive || to.activeRepos < minActive) {
    reason = `a month needs at least ${formatCount(minActive)} active repositories before a change is claimed`;
  } else if (ratio && ratio.ci95[0] > 2 && from.count > 0) {
    verdict = "more than doubled";
    reason = `the ratio's 95% interval, ${formatTimes(ratio.ci95[0])} to ${formatTimes(ratio.ci95[1])}, lies above ×2`;
  } else if (difference.ci95[0] > 0) {
    verdict = "rose";
    reason = `the difference's 95% interval, ${points(difference.ci95[0])} to ${points(difference.ci95[1])} points, lies above zero`;
  } else if (difference.ci95[1] < 0) {
    verdict = "fell";
    reason = `the difference's 95% interval, ${points(difference.ci95[0])} to ${points(difference.ci95[1])} points, lies below zero`;
  } else {
    reason = `the difference's 95% interval, ${points(difference.ci95[0])} to ${points(difference.ci95[1])} points, includes zero`;
  }
  const subject = "The share of active projects with agent activity";
  const sentence =
    verdict === "too few to tell"
      ? `${subject} was ${describe(from)} and ${describe(to)}: too few active repositories to tell whether it changed (${n}).`
      : `${subject} ${verdict} from ${describe(from)} to ${describe(to)}` +
        (verdict === "more than doubled" && ratio ? ` (${formatTimes(ratio.estimate)}, 95% CI ${formatTimes(ratio.ci95[0])}–${formatTimes(ratio.ci95[1])}).` : ` (${points(difference!.estimate)} points, 95% CI ${points(difference!.ci95[0])} to ${points(difference!.ci95[1])}).`);
  return { from, to, minActive, difference, ratio, verdict, reason, sentence };
}

/**
 * Compares two months of a scope. The months' figures come from monthlyShare; the repositories'
 * paired states (for the bootstrap) only when the scope is small enough to resample.
 */
export async function compareMonths(
  database: Database,
  scope: ShareScope,
  months: { from: string; to: string },
  options: CompareOptions = {},
): Promise<Comparison> {
  const [[fromRow], [toRow]] = await Promise.all([
    monthlyShare(database, { scope, from: months.from, to: months.from }),
    monthlyShare(database, { scope, from: months.to, to: months.to }),
  ]);
  const from = end(fromRow!);
  const to = end(toRow!);
  const resample = from.activeRepos > 0 && to.activeRepos > 0 && from.activeRepos + to.activeRepos <= bootstrapLimit && from.month !== to.month;
  const states = resample ? await pairedMonthStates(database, { scope, from: months.from, to: months.to }) : null;
  return judgeComparison(from, to, states, options);
}

/** The first and last months with an active repository: the default comparison. */
export function defaultCompareMonths(months: readonly MonthlyShareRow[]): { from: string; to: string } | null {
  const withData = months.filter((row) => row.activeRepos > 0);
  const first = withData[0];
  const last = withData.at(-1);
  return first && last && first.month !== last.month ? { from: first.month, to: last.month } : null;
}

const ratioMethod = (ratio: NonNullable<Comparison["ratio"]>) =>
  ratio.method === "bootstrap"
    ? `percentile bootstrap over repositories, ${formatCount(ratio.replicates ?? 0)} resamples, seed ${ratio.seed}`
    : "Katz's log interval (scope too large to resample)";

/** The comparison as label/value rows, for the report's and the dashboard's tables. */
export function comparisonRows(c: Comparison): Array<[string, string]> {
  const month = (e: CompareEnd): [string, string] => [
    monthLabel(e.month),
    e.share === null ? "— (no active repository)" : `${formatPercent(e.share)} (${formatCount(e.count)} of ${formatCount(e.activeRepos)}), 95% CI ${formatInterval(e.ci95)}`,
  ];
  return [
    month(c.from),
    month(c.to),
    ["difference", c.difference ? `${points(c.difference.estimate)} points, 95% CI ${points(c.difference.ci95[0])} to ${points(c.difference.ci95[1])} (Newcombe)` : noData],
    [
      "ratio",
      c.ratio ? `${c.ratio.estimate === null ? "— (first share 0)" : formatTimes(c.ratio.estimate)}, 95% CI ${formatTimes(c.ratio.ci95[0])} to ${formatTimes(c.ratio.ci95[1])} (${ratioMethod(c.ratio)})` : noData,
    ],
    ["verdict", c.verdict],
  ];
}

export function comparisonCaption(c: Comparison): string {
  return `Verdict "${c.verdict}": ${c.reason}. A change is claimed only when its 95% interval supports it and each month has at least ${formatCount(c.minActive)} active repositories (--min-active).`;
}
