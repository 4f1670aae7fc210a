// Pure statistics shared by the store's reads and by publishing.

/**
 * Wilson score interval for k successes out of n (z = 1.96 for 95%). Chosen over the normal
 * approximation because adoption shares are often near 0 and per-org denominators small, where
 * the normal interval collapses to zero width or leaves [0, 1]. n = 0 carries no information: [0, 1].
 */
export function wilsonInterval(k: number, n: number, z = 1.96): [number, number] {
  if (!Number.isFinite(k) || !Number.isFinite(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilsonInterval needs 0 <= k <= n, got k=${k}, n=${n}`);
  }
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Clamp the rounding noise at the edges (k = 0 or k = n give exactly 0 or 1).
  return [k === 0 ? 0 : Math.max(0, centre - halfWidth), k === n ? 1 : Math.min(1, centre + halfWidth)];
}

/**
 * count out of total as a share with its 95% Wilson interval. No data is not zero: with total 0
 * the share and its interval are null, so charts leave a gap and tables print "—".
 */
export function proportion(count: number, total: number): { count: number; share: number | null; ci95: [number, number] | null } {
  if (total === 0) return { count, share: null, ci95: null };
  return { count, share: count / total, ci95: wilsonInterval(count, total) };
}
