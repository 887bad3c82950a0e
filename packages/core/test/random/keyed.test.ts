import { describe, expect, it } from "vitest";
import {
  exponentialOfHash,
  keyedExponential,
  keyedHash,
  keyedNormal,
  keyedUniform,
  optionHash,
  Purpose,
  streamKey,
} from "../../src/random/keyed";

/** Kolmogorov–Smirnov statistic of a sample against a continuous CDF. */
function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const xs = Float64Array.from(sample).sort();
  const n = xs.length;
  let d = 0;
  for (let k = 0; k < n; k++) {
    const f = cdf(xs[k]);
    d = Math.max(d, f - k / n, (k + 1) / n - f);
  }
  return d;
}

/** KS critical value at level 0.001 for a sample of n (asymptotic: 1.949 / sqrt(n)). */
const ksCritical = (n: number) => 1.949 / Math.sqrt(n);

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf: absolute error below 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

const N = 200_000;
const key = streamKey(7, 3, Purpose.Gumbel, 0);
const extra = streamKey(7, 3, Purpose.GumbelExtra, 0);

describe("keyed draws", () => {
  it("keyedUniform is uniform on (0, 1): KS distance below the 0.1% critical value", () => {
    const u = Float64Array.from({ length: N }, (_, id) => keyedUniform(key, id));
    expect(u.filter((x) => !(x > 0 && x < 1)).length).toBe(0);
    expect(ksStatistic(u, (x) => x)).toBeLessThan(ksCritical(N));
  });

  it(
    "keyedExponential is Exp(1): KS distance below the 0.1% " +
      "critical value, and the tail beyond the ziggurat's base",
    () => {
      const e = Float64Array.from({ length: N }, (_, id) => keyedExponential(key, extra, id));
      expect(ksStatistic(e, (x) => 1 - Math.exp(-x))).toBeLessThan(ksCritical(N));
      // P(E > 7.697) = 4.5e-4: about 91 of 200,000 draws, from the slow path's tail.
      const tail = e.filter((x) => x > 7.697117470131487).length;
      const expected = N * Math.exp(-7.697117470131487);
      expect(Math.abs(tail - expected)).toBeLessThan(4 * Math.sqrt(expected));
    },
  );

  it(
    "keyedNormal is N(0, 1): KS distance below the 0.1% critical " +
      "value, symmetric, and the tail beyond the ziggurat's base",
    () => {
      const sibling = streamKey(7, 3, Purpose.EntrySkillSibling, 0);
      const z = Float64Array.from({ length: N }, (_, id) => keyedNormal(key, sibling, id));
      expect(ksStatistic(z, normalCdf)).toBeLessThan(ksCritical(N));
      let sum = 0;
      let sq = 0;
      for (const x of z) {
        sum += x;
        sq += x * x;
      }
      // Mean 0 (SE 1/sqrt(N)) and variance 1 (SE sqrt(2/N)).
      expect(Math.abs(sum / N)).toBeLessThan(4 / Math.sqrt(N));
      expect(Math.abs(sq / N - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
      // P(|Z| > 3.4426) = 5.76e-4: about 115 of 200,000 draws, from the slow path's tail.
      const r = 3.442619855899;
      const tail = z.filter((x) => Math.abs(x) > r).length;
      const expected = N * 2 * (1 - normalCdf(r));
      expect(Math.abs(tail - expected)).toBeLessThan(4 * Math.sqrt(expected));
      expect(z.filter((x) => x > r).length).toBeGreaterThan(0);
      expect(z.filter((x) => x < -r).length).toBeGreaterThan(0);
    },
  );

  it("draws are pure functions of (key, id): the same arguments give the same number", () => {
    for (const id of [0, 1, 12345, 2 ** 31 + 7, 2 ** 32 - 1]) {
      expect(keyedExponential(key, extra, id)).toBe(keyedExponential(key, extra, id));
      expect(keyedUniform(key, id)).toBe(keyedUniform(key, id));
    }
    expect(keyedExponential(key, extra, 42)).toBe(exponentialOfHash(keyedHash(key, 42), extra, 42));
  });

  it("options' draws from one base hash are Exp(1) each and uncorrelated across options (|r| < 4 / sqrt(n))", () => {
    const options = 5;
    const draws = Array.from({ length: options }, () => new Float64Array(N));
    for (let id = 0; id < N; id++) {
      const base = keyedHash(key, id);
      for (let j = 0; j < options; j++) draws[j][id] = exponentialOfHash(optionHash(base, j), extra, id);
    }
    for (const d of draws) expect(ksStatistic(d, (x) => 1 - Math.exp(-x))).toBeLessThan(ksCritical(N));
    // Exp(1) has mean 1 and variance 1, so the sample correlation is the mean of (x - 1)(y - 1).
    for (let j = 0; j < options; j++) {
      for (let k = j + 1; k < options; k++) {
        let s = 0;
        for (let id = 0; id < N; id++) s += (draws[j][id] - 1) * (draws[k][id] - 1);
        // Under independence the statistic has standard deviation 1 / sqrt(N).
        expect(Math.abs(s / N), `options ${j} and ${k}`).toBeLessThan(4 / Math.sqrt(N));
      }
    }
    // Consecutive agents' draws of the same option are uncorrelated too.
    let s = 0;
    for (let id = 1; id < N; id++) s += (draws[0][id] - 1) * (draws[0][id - 1] - 1);
    expect(Math.abs(s / (N - 1))).toBeLessThan(4 / Math.sqrt(N));
  });

  it("the logit choice from these draws has the softmax shares (Gumbel-max), within 4 binomial SE", () => {
    // Values of three options; the share of each as the argmax of e^V / E is softmax(V).
    const values = [0, -0.7, 0.4];
    const wins = [0, 0, 0];
    for (let id = 0; id < N; id++) {
      const base = keyedHash(key, id);
      let best = -1;
      let choice = 0;
      values.forEach((v, j) => {
        const w = Math.exp(v) / exponentialOfHash(optionHash(base, j), extra, id);
        if (w > best) {
          best = w;
          choice = j;
        }
      });
      wins[choice]++;
    }
    const total = values.reduce((s, v) => s + Math.exp(v), 0);
    values.forEach((v, j) => {
      const p = Math.exp(v) / total;
      expect(Math.abs(wins[j] - N * p)).toBeLessThan(4 * Math.sqrt(N * p * (1 - p)));
    });
  });
});
