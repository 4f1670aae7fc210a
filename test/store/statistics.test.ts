import { describe, expect, it } from "vitest";
import { proportion, wilsonInterval } from "../../src/store/index.js";

describe("wilsonInterval", () => {
  // Reference values: Wilson (1927) score interval, as tabulated by Newcombe (1998), Table I,
  // and R's prop.test(correct = FALSE) / statsmodels proportion_confint(method="wilson").
  it.each([
    [0, 10, 0, 0.2775],
    [1, 10, 0.0179, 0.4042],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
  ])("k=%i of n=%i gives [%f, %f]", (k, n, lo, hi) => {
    const [low, high] = wilsonInterval(k, n);
    expect(low).toBeCloseTo(lo, 4);
    expect(high).toBeCloseTo(hi, 4);
  });

  it("gives no information for an empty denominator", () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it("is symmetric: k of n mirrors n-k of n", () => {
    const [lo, hi] = wilsonInterval(3, 40);
    const [mlo, mhi] = wilsonInterval(37, 40);
    expect(lo).toBeCloseTo(1 - mhi, 12);
    expect(hi).toBeCloseTo(1 - mlo, 12);
  });

  it("narrows with a wider z only the other way round", () => {
    const [lo95, hi95] = wilsonInterval(30, 100);
    const [lo99, hi99] = wilsonInterval(30, 100, 2.576);
    expect(lo99).toBeLessThan(lo95);
    expect(hi99).toBeGreaterThan(hi95);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(5, 3)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 3)).toThrow(RangeError);
  });

  it("proportion reports share 0 for an empty denominator", () => {
    expect(proportion(0, 0)).toEqual({ count: 0, share: null, ci95: null });
    expect(proportion(1, 4).share).toBe(0.25);
  });
});
