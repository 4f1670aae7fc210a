// Intervals for a change between two months' shares: Newcombe's for the difference, a seeded
// bootstrap over repositories (or, for large scopes, Katz's log interval) for the ratio.
// docs/statistics.md explains each choice.

import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { wilsonInterval, type PairedMonthState } from "../../store/index.js";

export interface Counts {
  count: number;
  total: number;
}

/**
 * Newcombe's hybrid score interval (his method 10, 1998) for p2 − p1: each share's Wilson
 * interval combined in quadrature. Good coverage at small n and near 0, where the Wald interval
 * fails. It treats the two months as independent samples; when they share repositories the
 * months are positively correlated and the interval is, if anything, too wide (conservative).
 */
export function newcombeDifference(first: Counts, second: Counts): { estimate: number; ci95: [number, number] } {
  const p1 = first.count / first.total;
  const p2 = second.count / second.total;
  const [l1, u1] = wilsonInterval(first.count, first.total);
  const [l2, u2] = wilsonInterval(second.count, second.total);
  const estimate = p2 - p1;
  return {
    estimate,
    ci95: [estimate - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), estimate + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)],
  };
}

export interface RatioInterval {
  /** Lower and upper 95% bounds; the upper bound is null when unbounded (the first share can resample to 0). */
  ci95: [number, number | null];
  method: "bootstrap" | "katz-log";
  /** Bootstrap only: how many resamples, and the PRNG seed (xoroshiro128+, pure-rand) that reproduces them. */
  replicates: number | null;
  seed: number | null;
}

const stateIndex = { inactive: 0, active: 1, agent: 2 } as const;

/** The 2.5% and 97.5% nearest-rank quantiles (no interpolation: the upper one may be Infinity). */
function percentileInterval(sorted: Float64Array): [number, number] {
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return [at(0.025), at(0.975)];
}

/**
 * Percentile bootstrap of share(to) ÷ share(from), resampling REPOSITORIES with replacement (a
 * repository active in both months stays one unit, so the months' correlation is kept). Each
 * resample draws as many repositories as the scope has in either month, from the counts per
 * state pair. A resample in which a month has no active repository is drawn again; one where both
 * shares are 0 counts as no change (1), one where only the first is 0 as unbounded (Infinity).
 */
export function bootstrapRatio(states: readonly PairedMonthState[], seed: number, replicates = 2000): RatioInterval {
  const cells = states.filter((s) => s.repos > 0);
  const cumulative: number[] = [];
  let total = 0;
  for (const cell of cells) cumulative.push((total += cell.repos));
  if (total === 0) throw new RangeError("bootstrapRatio needs at least one repository");
  const from = cells.map((c) => stateIndex[c.from]);
  const to = cells.map((c) => stateIndex[c.to]);
  const rng = xoroshiro128plus(seed);
  const ratios = new Float64Array(replicates);
  const maxRedraws = replicates * 10;
  let redraws = 0;
  for (let r = 0; r < replicates; ) {
    let nA = 0, kA = 0, nB = 0, kB = 0;
    for (let i = 0; i < total; i += 1) {
      const pick = uniformInt(rng, 1, total);
      let cell = 0;
      while (cumulative[cell]! < pick) cell += 1;
      const a = from[cell]!;
      const b = to[cell]!;
      if (a > 0) nA += 1;
      if (a === 2) kA += 1;
      if (b > 0) nB += 1;
      if (b === 2) kB += 1;
    }
    if (nA === 0 || nB === 0) {
      redraws += 1;
      if (redraws > maxRedraws) throw new RangeError("bootstrapRatio: almost every resample leaves a month without an active repository");
      continue;
    }
    ratios[r] = kA === 0 ? (kB === 0 ? 1 : Infinity) : kB / nB / (kA / nA);
    r += 1;
  }
  ratios.sort();
  const [low, high] = percentileInterval(ratios);
  return { ci95: [low, Number.isFinite(high) ? high : null], method: "bootstrap", replicates, seed };
}

/**
 * Katz's log interval for a ratio of two proportions (1978): exp(log r ± 1.96·√(1/k2 − 1/n2 + 1/k1 − 1/n1)).
 * Used instead of the bootstrap for scopes too large to resample cheaply, where the two agree; it
 * treats the months as independent, so shared repositories make it conservative. Needs k1, k2 > 0.
 */
export function katzRatio(first: Counts, second: Counts): RatioInterval | null {
  if (first.count === 0 || second.count === 0) return null;
  const ratio = second.count / second.total / (first.count / first.total);
  const se = Math.sqrt(1 / second.count - 1 / second.total + 1 / first.count - 1 / first.total);
  return { ci95: [ratio * Math.exp(-1.96 * se), ratio * Math.exp(1.96 * se)], method: "katz-log", replicates: null, seed: null };
}
