// The statistics of `pnpm bench:ab` on known samples: exact where the answer is exact, within
// 4 SE of the binomial where it is a frequency over the resamples.
import { describe, expect, it } from "vitest";
import { bootstrapRatios, median, orderBalanced, ratioOfMedians } from "../_abStats";

const TIMES = [1.21, 1.18, 1.35, 1.19, 1.27, 1.22];

describe("median", () => {
  it("median(xs) takes the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("median([]) throws", () => {
    expect(() => median([])).toThrow(/empty/);
  });
});

describe("ratioOfMedians", () => {
  it("ratioOfMedians(a, a) gives ratio 1 and an interval around 1", () => {
    const r = ratioOfMedians(TIMES, TIMES);
    expect(r.ratio).toBe(1);
    expect(r.lo).toBeLessThan(1);
    expect(r.hi).toBeGreaterThan(1);
  });

  it("ratioOfMedians(a, b) with constant arms, B twice A, gives ratio 2 and the interval [2, 2]", () => {
    const r = ratioOfMedians([1.5, 1.5, 1.5, 1.5], [3, 3, 3, 3]);
    expect(r).toEqual({ ratio: 2, lo: 2, hi: 2, level: 0.95, resamples: 2000, seed: 1 });
  });

  it("ratioOfMedians(a, 2a) gives ratio 2 and, with the same seed, exactly twice the interval of (a, a)", () => {
    const same = ratioOfMedians(TIMES, TIMES);
    const doubled = ratioOfMedians(
      TIMES,
      TIMES.map((t) => 2 * t),
    );
    expect(doubled.ratio).toBe(2);
    expect(doubled.lo).toBe(2 * same.lo);
    expect(doubled.hi).toBe(2 * same.hi);
    expect(doubled.lo).toBeLessThan(2);
    expect(doubled.hi).toBeGreaterThan(2);
  });

  it("ratioOfMedians(a, b, {seed}) is reproducible with its seed and differs with another seed", () => {
    const b = TIMES.map((t, k) => t * (0.9 + 0.05 * k));
    expect(ratioOfMedians(TIMES, b, { seed: 7 })).toEqual(ratioOfMedians(TIMES, b, { seed: 7 }));
    expect(ratioOfMedians(TIMES, b, { seed: 7 })).not.toEqual(ratioOfMedians(TIMES, b, { seed: 8 }));
  });

  it("ratioOfMedians(a, b) keeps lo <= ratio <= hi and a 95% interval inside the 99% one", () => {
    const samples = [
      [TIMES, TIMES.map((t, k) => t * (1 + 0.1 * Math.sin(k)))],
      [
        [1, 2],
        [2, 1],
      ],
      [
        [0.5, 0.7, 3],
        [1, 1.1, 0.2, 5],
      ],
      [[2], [3]],
    ];
    for (const [a, b] of samples) {
      const r95 = ratioOfMedians(a, b);
      const r99 = ratioOfMedians(a, b, { level: 0.99 });
      expect(r95.lo).toBeLessThanOrEqual(r95.ratio);
      expect(r95.ratio).toBeLessThanOrEqual(r95.hi);
      expect(r99.lo).toBeLessThanOrEqual(r95.lo);
      expect(r95.hi).toBeLessThanOrEqual(r99.hi);
    }
  });

  it("ratioOfMedians(a, b) with A constant and B = [1, 2, 3] gives ratio 2 and the interval [1, 3]", () => {
    // median of 3 draws from {1, 2, 3} is 1 or 3 with probability 7/27 each: both ends lie
    // beyond the 2.5% and 97.5% quantiles.
    const r = ratioOfMedians([1, 1, 1], [1, 2, 3]);
    expect([r.ratio, r.lo, r.hi]).toEqual([2, 1, 3]);
  });

  it("ratioOfMedians refuses a time that is not finite and positive, naming the arm and index", () => {
    expect(() => ratioOfMedians([1, Number.NaN], [1, 1])).toThrow("arm A time [1] is NaN");
    expect(() => ratioOfMedians([1, 1], [1, 0])).toThrow("arm B time [1] is 0");
    expect(() => ratioOfMedians([], [1])).toThrow("arm A has no times");
    expect(() => ratioOfMedians([1], [1], { resamples: 0 })).toThrow("resamples is 0");
    expect(() => ratioOfMedians([1], [1], { level: 1 })).toThrow("level is 1");
  });
});

describe("bootstrapRatios", () => {
  it("bootstrapRatios(a, b) resamples with replacement: medians of 3 draws from {1,2,3} as 7:13:7 within 4 SE", () => {
    const n = 2000;
    const ratios = bootstrapRatios([1, 1, 1], [1, 2, 3], { resamples: n, seed: 3 });
    expect(ratios).toHaveLength(n);
    for (const [value, p] of [
      [1, 7 / 27],
      [2, 13 / 27],
      [3, 7 / 27],
    ]) {
      const share = ratios.filter((r) => r === value).length / n;
      expect(Math.abs(share - p), `share of ratio ${value}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it("bootstrapRatios(a, b) draws A and B independently: B's median can be high while A's is low", () => {
    const ratios = bootstrapRatios([1, 2, 3], [1, 2, 3], { resamples: 2000 });
    expect(Math.max(...ratios)).toBe(3);
    expect(Math.min(...ratios)).toBe(1 / 3);
  });
});

describe("orderBalanced", () => {
  it("orderBalanced(ratios) averages each order's geometric mean with equal weight", () => {
    const r = orderBalanced([1.2, 0.8, 1.2, 0.8, 1.2]);
    expect(r.abOrder).toBeCloseTo(1.2, 12);
    expect(r.baOrder).toBeCloseTo(0.8, 12);
    expect(r.balanced).toBeCloseTo(Math.sqrt(1.2 * 0.8), 12);
  });

  it("orderBalanced([r]) with one pair is that pair's ratio", () => {
    expect(orderBalanced([1.25])).toEqual({ balanced: 1.25, abOrder: 1.25, baOrder: undefined });
  });

  it("orderBalanced refuses an empty list and a ratio that is not finite and positive", () => {
    expect(() => orderBalanced([])).toThrow("no pairs");
    expect(() => orderBalanced([1, Number.POSITIVE_INFINITY])).toThrow("ratio [1] is Infinity");
  });
});
