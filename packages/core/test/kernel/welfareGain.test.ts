import { describe, expect, it } from "vitest";
import { WelfareOptions, outcomeGain } from "../../src/kernel/_welfareGain";
import { ClosedFormScratch, closedFormApplies, closedFormGain, dilogarithm } from "../../src/kernel/_welfareClosedForm";
import { keyedExponential, keyedUniform, streamKey } from "../../src/random/keyed";

/** The gain's integral (docs/model.md 3.3.13) by brute force: midpoints in x = ln y, step 0.002 over [-60, 60]. */
function bruteForce(logRatio: readonly number[], pi: readonly number[]): number {
  const r = logRatio.map(Math.exp);
  let total = 0;
  const h = 0.002;
  for (let x = -60 + h / 2; x < 60; x += h) {
    const y = Math.exp(x);
    let C = 0;
    let numerator = 0;
    for (let j = 0; j < r.length; j++) {
      const d = pi[j] + y;
      C += (r[j] * pi[j]) / d;
      numerator += ((pi[j] * Math.log1p(y / pi[j]) * r[j] * pi[j]) / d) * (1 / d);
    }
    total += (numerator / ((1 + C) * (1 + C))) * y * h;
  }
  return total;
}

function options(logRatio: readonly number[], pi: readonly number[]): WelfareOptions {
  const o = new WelfareOptions(logRatio.length);
  logRatio.forEach((v, j) => o.add(v, pi[j]));
  return o;
}

describe("outcomeGain", () => {
  it("outcomeGain(options, 0) with one chance pi for all options is pi ln(1 + sum e^(V_j - V_stay))", () => {
    // The same number computed in another order (relative to the best option): equal to rounding.
    const closed = 0.35 * Math.log(1 + Math.exp(0.4) + Math.exp(-1));
    expect(Math.abs(outcomeGain(options([0.4, -1], [0.35, 0.35]), 0) - closed)).toBeLessThan(1e-15);
    expect(Math.abs(outcomeGain(options([0.4], [1]), -0.4) - Math.log(2))).toBeLessThan(1e-15);
  });

  it("outcomeGain(options, 0) agrees with the brute-force integral to 2e-9 relative, chances up to 300 apart", () => {
    const cases: Array<[number[], number[]]> = [
      [
        [0.3, -0.2],
        [0.4, 1],
      ],
      [
        [-4.93, 1.5, -2.63],
        [1, 0.0037, 0.0068],
      ],
      [
        [5.54, -3.64, 5.97, 5.05],
        [0.0055, 1, 0.0603, 0.0075],
      ],
      [
        [-6.57, 4.09],
        [1, 0.0038],
      ],
      [
        [2, 2, -1],
        [0.2, 0.9, 0.5],
      ],
    ];
    for (const [logRatio, pi] of cases) {
      const exact = bruteForce(logRatio, pi);
      expect(Math.abs(outcomeGain(options(logRatio, pi), 0) - exact) / exact, `${logRatio} ${pi}`).toBeLessThan(2e-9);
    }
  });

  it("outcomeGain(options, shift) agrees with the integral to 5e-8 for age shifts within 2 and beyond", () => {
    const logRatio = [-0.81, 5.44, -4.19, -0.97];
    const pi = [0.0032, 0.0083, 0.2651, 1];
    const o = options(logRatio, pi);
    for (const shift of [0, -0.7, -2, 1.3, 2, -2.5]) {
      const exact = bruteForce(
        logRatio.map((v) => v + shift),
        pi,
      );
      expect(Math.abs(outcomeGain(o, shift) - exact) / exact, `shift ${shift}`).toBeLessThan(5e-8);
    }
  });

  it("WelfareOptions.add merges options of equal chance into one of value ln(e^V_a + e^V_b)", () => {
    const merged = options([0.2, -0.4, 1], [0.3, 0.3, 0.9]);
    expect(merged.count).toBe(2);
    const separate = options([Math.log(Math.exp(0.2) + Math.exp(-0.4)), 1], [0.3, 0.9]);
    expect(Math.abs(outcomeGain(merged, 0) - outcomeGain(separate, 0))).toBeLessThan(1e-14);
    expect(Math.abs(outcomeGain(merged, 0) - bruteForce([0.2, -0.4, 1], [0.3, 0.3, 0.9]))).toBeLessThan(1e-8);
  });

  it("outcomeGain equals the mean realised gain of the rule on 1,000,000 independent draws (4 SE)", () => {
    // Stay (value 0), B (0.3, chance 0.4), C (-0.2, chance 1): try the largest ln(pi e^u_j + (1 - pi) e^u_stay),
    // admitted with chance pi, else stay. Gain = realised utility - (V_stay + Euler's constant).
    const N = 1_000_000;
    const V = [0, 0.3, -0.2];
    const pi = [1, 0.4, 1];
    const keys = [0, 1, 2].map((k) => streamKey(5, 0, 90, k));
    const extra = streamKey(5, 0, 91, 0);
    const admit = streamKey(5, 0, 92, 0);
    let sum = 0;
    let sumSq = 0;
    for (let id = 0; id < N; id++) {
      const u = V.map((v, k) => v - Math.log(keyedExponential(keys[k], extra, id)));
      let best = u[0];
      let choice = 0;
      for (let j = 1; j < 3; j++) {
        const worth = Math.log(pi[j] * Math.exp(u[j]) + (1 - pi[j]) * Math.exp(u[0]));
        if (worth > best) [best, choice] = [worth, j];
      }
      const outcome = choice > 0 && keyedUniform(admit, id) < pi[choice] ? u[choice] : u[0];
      sum += outcome;
      sumSq += outcome * outcome;
    }
    const mean = sum / N;
    const se = Math.sqrt((sumSq / N - mean * mean) / (N - 1));
    const gain = outcomeGain(options([0.3, -0.2], [0.4, 1]), 0);
    expect(Math.abs(gain - (mean - 0.5772156649015329)), `gain ${gain}, realised ${mean}`).toBeLessThan(4 * se);
  });

  it("outcomeGain stays finite where e^(V_j - V_stay) overflows: about pi times the best option's value", () => {
    const gain = outcomeGain(options([800, 790], [0.4, 1]), 0);
    expect(Number.isFinite(gain)).toBe(true);
    expect(gain).toBeGreaterThan(0.4 * 800);
    expect(gain).toBeLessThan(0.4 * 800 + 1);
    expect(outcomeGain(options([], []), 0)).toBe(0);
    // A subnormal chance (a threshold rule's low = 5e-324, found by the fuzz test) adds nothing.
    const subnormal = outcomeGain(options([0.3, -0.2], [5e-324, 0.6]), 0);
    expect(Math.abs(subnormal - 0.6 * Math.log1p(Math.exp(-0.2)))).toBeLessThan(1e-15);
    expect(outcomeGain(options([1], [0]), 0)).toBe(0);
  });

  it("dilogarithm(x) equals -integral_0^x ln(1 - t)/t dt to 1e-13 on each branch, and its known values", () => {
    // Simpson's rule with 20,000 panels on the integrand, smooth on [x, 0] for x < 1.
    const numeric = (x: number): number => {
      const n = 20_000;
      const h = x / n;
      const f = (t: number) => (t === 0 ? 1 : -Math.log1p(-t) / t);
      let sum = f(0) + f(x);
      for (let k = 1; k < n; k++) sum += (k % 2 ? 4 : 2) * f(k * h);
      return (sum * h) / 3;
    };
    for (const x of [-40, -3, -1, -0.3, 0.2, 0.5, 0.7, 0.95]) {
      expect(Math.abs(dilogarithm(x) - numeric(x)) / Math.abs(numeric(x)), `x = ${x}`).toBeLessThan(1e-13);
    }
    const pi2 = Math.PI * Math.PI;
    expect(Math.abs(dilogarithm(1) - pi2 / 6)).toBeLessThan(1e-15);
    expect(Math.abs(dilogarithm(-1) + pi2 / 12)).toBeLessThan(1e-15);
    expect(Math.abs(dilogarithm(0.5) - (pi2 / 12 - (Math.LN2 * Math.LN2) / 2))).toBeLessThan(1e-15);
  });

  it("closedFormGain agrees with the brute-force integral to 1e-9 relative on 150 random problems", () => {
    let seed = 20_261_129;
    const next = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const scratch = new ClosedFormScratch(6);
    let checked = 0;
    for (let trial = 0; trial < 150; trial++) {
      const m = 2 + Math.floor(next() * 4);
      const chances = Array.from({ length: m }, () => Math.exp(-6 * next())).sort((a, b) => a - b);
      const logRatio = chances.map(() => -6 + 12 * next());
      chances.forEach((p, g) => {
        scratch.p[g] = p;
        scratch.c[g] = Math.exp(logRatio[g]) * p;
      });
      if (!closedFormApplies(scratch.p, m)) continue;
      const exact = bruteForce(logRatio, chances);
      const gain = closedFormGain(scratch, m);
      expect(Math.abs(gain - exact) / exact, `${logRatio} ${chances}`).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(120);
  });

  it("closedFormApplies refuses chances within 0.1% of each other, and outcomeGain then integrates to 1e-8", () => {
    const p = Float64Array.of(0.3, 0.3002, 0.9);
    expect(closedFormApplies(p, 3)).toBe(false);
    expect(closedFormApplies(Float64Array.of(0.3, 0.301, 0.9), 3)).toBe(true);
    const logRatio = [0.5, -0.2, -1];
    const exact = bruteForce(logRatio, [...p]);
    expect(Math.abs(outcomeGain(options(logRatio, [...p]), 0) - exact) / exact).toBeLessThan(1e-8);
  });
});
