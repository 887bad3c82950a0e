// The nested taste shocks of docs/model.md 3.3.4: a keyed positive-stable draw S per nest and
// the options' keyed Exp(1) draws E_k give shocks lambda (ln S - ln E_k) that are standard Gumbel
// one by one and have the nested-logit joint CDF exp(-(e^(-x/lambda) + e^(-y/lambda))^lambda).
import { describe, expect, it } from "vitest";
import { keyedExponential, keyedUniform, Purpose, streamKey } from "../../src/random/keyed";
import { keyedLogPositiveStable, logPositiveStable } from "../../src/random/positiveStable";

const N = 200_000;
const SEED = 1234;

/** Kolmogorov–Smirnov statistic of a sample against a continuous CDF. */
function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const xs = Float64Array.from(sample).sort();
  let d = 0;
  for (let k = 0; k < xs.length; k++) {
    const f = cdf(xs[k]);
    d = Math.max(d, f - k / xs.length, (k + 1) / xs.length - f);
  }
  return d;
}

/** KS critical value at level 0.001 for a sample of n (asymptotic: 1.949 / sqrt(n)). */
const ksCritical = (n: number) => 1.949 / Math.sqrt(n);

/** The draws of N agents: ln S of nest 0 and the shocks of two options sharing it. */
function shocks(lambda: number) {
  const nestKey = streamKey(SEED, 3, Purpose.Nest, 0);
  const lnS = new Float64Array(N);
  const e1 = new Float64Array(N);
  const e2 = new Float64Array(N);
  for (let id = 0; id < N; id++) {
    lnS[id] = keyedLogPositiveStable(nestKey, id, lambda);
    const E1 = keyedExponential(streamKey(SEED, 3, Purpose.Gumbel, 1), streamKey(SEED, 3, Purpose.GumbelExtra, 1), id);
    const E2 = keyedExponential(streamKey(SEED, 3, Purpose.Gumbel, 2), streamKey(SEED, 3, Purpose.GumbelExtra, 2), id);
    e1[id] = lambda * (lnS[id] - Math.log(E1));
    e2[id] = lambda * (lnS[id] - Math.log(E2));
  }
  return { lnS, e1, e2 };
}

const gumbelCdf = (x: number) => Math.exp(-Math.exp(-x));

describe("keyedLogPositiveStable", () => {
  for (const lambda of [0.3, 0.5, 0.8]) {
    it(`keyedLogPositiveStable(key, id, ${lambda}) has Laplace transform e^(-t^lambda) within 4 SE (N = ${N})`, () => {
      const { lnS } = shocks(lambda);
      for (const t of [0.25, 1, 4]) {
        let sum = 0;
        let sum2 = 0;
        for (let k = 0; k < N; k++) {
          const v = Math.exp(-t * Math.exp(lnS[k]));
          sum += v;
          sum2 += v * v;
        }
        const mean = sum / N;
        const se = Math.sqrt((sum2 / N - mean * mean) / N);
        expect(Math.abs(mean - Math.exp(-(t ** lambda))), `t = ${t}`).toBeLessThan(4 * se);
      }
    });

    it(`lambda (ln S - ln E) is standard Gumbel for lambda = ${lambda} (KS at level 0.001, N = ${N})`, () => {
      const { e1, e2 } = shocks(lambda);
      expect(ksStatistic(e1, gumbelCdf)).toBeLessThan(ksCritical(N));
      expect(ksStatistic(e2, gumbelCdf)).toBeLessThan(ksCritical(N));
    });

    it(`two shocks sharing S have the nested-logit joint CDF for lambda = ${lambda} (4 binomial SE)`, () => {
      const { e1, e2 } = shocks(lambda);
      for (const [x, y] of [
        [0, 0],
        [1, -0.5],
        [-0.3, 2],
      ]) {
        let both = 0;
        for (let k = 0; k < N; k++) if (e1[k] <= x && e2[k] <= y) both++;
        const p = Math.exp(-((Math.exp(-x / lambda) + Math.exp(-y / lambda)) ** lambda));
        const se = Math.sqrt((p * (1 - p)) / N);
        expect(Math.abs(both / N - p), `(${x}, ${y})`).toBeLessThan(4 * se);
        // Independent shocks would be told apart: their joint CDF is more than 8 SE away.
        expect(Math.abs(gumbelCdf(x) * gumbelCdf(y) - p) / se).toBeGreaterThan(8);
      }
    });
  }

  it("logPositiveStable(π/2, 1, 1/2) is ln(1/2): sin(π/4) / sin(π/2)^2 · sin(π/4)^1", () => {
    expect(logPositiveStable(Math.PI / 2, 1, 0.5)).toBeCloseTo(Math.log(0.5), 14);
  });

  it("logPositiveStable(u, w, lambda) returns the plain three-sine formula's double bit for bit", () => {
    const plain = (u: number, w: number, lambda: number) =>
      Math.log(Math.sin(lambda * u)) -
      Math.log(Math.sin(u)) / lambda +
      ((1 - lambda) / lambda) * (Math.log(Math.sin((1 - lambda) * u)) - Math.log(w));
    const key = streamKey(3, 0, Purpose.Nest, 2);
    for (const lambda of [0.5, 0.3, 0.75]) {
      for (let id = 0; id < 20_000; id++) {
        const u = keyedUniform(key, id) * Math.PI;
        const w = keyedExponential(key, key, id + 1_000_000);
        expect(Object.is(logPositiveStable(u, w, lambda), plain(u, w, lambda)), `u ${u}, w ${w}, λ ${lambda}`).toBe(
          true,
        );
      }
    }
  });

  it("keyedLogPositiveStable(key, id, lambda) is a pure function of its arguments", () => {
    const key = streamKey(7, 2, Purpose.Nest, 1);
    expect(keyedLogPositiveStable(key, 99, 0.4)).toBe(keyedLogPositiveStable(key, 99, 0.4));
    expect(keyedLogPositiveStable(key, 99, 0.4)).not.toBe(keyedLogPositiveStable(key, 100, 0.4));
  });
});
