import { issuePaths } from "../../_issues";
import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { ValidationError } from "../../../src/errors";
import { abcRejection, abcSmc, type AbcSampler } from "../../../src/experiments/math/abc";
import { runAskTell } from "../../../src/experiments/math/askTell";

// The model: 50 observations from N(mu, 1), summarized by their mean, which is N(mu, 1/50).
// The simulator draws that mean directly, with its noise seeded by mu itself, so a simulation is
// a pure function of the parameter (the same proposal always gives the same distance).
// Observed mean 0.3 and a flat prior on [-5, 5]: the posterior is N(0.3, 1/50) (the truncation at
// ±5 is 33 sd away and negligible), so the posterior mean is 0.3 and the sd 1/√50 = 0.1414.
const OBSERVED = 0.3;
const SD_MEAN = 1 / Math.sqrt(50);
function simulateMean(mu: number): number {
  const rng = seedrandom.alea(`sim:${mu}`);
  const u1 = rng.double();
  const u2 = rng.double();
  return mu + SD_MEAN * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}
const distance = (p: Record<string, number>) => Math.abs(simulateMean(p.mu) - OBSERVED);

describe("abcSmc", () => {
  it(
    "abcSmc({ bounds: { mu: [-5, 5] }, particles: 1000, " + "generations: 8 }) recovers the posterior of a normal mean",
    () => {
      const r = runAskTell(
        abcSmc({ bounds: { mu: [-5, 5] }, particles: 1000, generations: 8, seed: "normal-mean" }),
        distance,
      );
      const epsilon = r.tolerances[r.tolerances.length - 1];
      // The ABC posterior at tolerance ε is N(0.3, 1/50) convolved with a uniform on [-ε, ε]:
      // mean 0.3, variance 1/50 + ε²/3.
      const expectedSd = Math.sqrt(SD_MEAN ** 2 + epsilon ** 2 / 3);
      // Tolerances: the Monte Carlo error of a weighted mean is sd/√ESS, of a weighted sd about
      // sd/√(2 ESS); both checks allow 4 of these standard errors.
      expect(Math.abs(r.mean.mu - OBSERVED)).toBeLessThan((4 * expectedSd) / Math.sqrt(r.ess));
      expect(Math.abs(r.sd.mu - expectedSd)).toBeLessThan((4 * expectedSd) / Math.sqrt(2 * r.ess));
      expect(r.ess).toBeGreaterThan(300);
      expect(r.particles).toHaveLength(1000);
      expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.max(...r.distances)).toBeLessThanOrEqual(epsilon);
      // The tolerance schedule shrinks from generation to generation.
      expect(r.tolerances).toHaveLength(8);
      for (let t = 1; t < r.tolerances.length; t++) expect(r.tolerances[t]).toBeLessThan(r.tolerances[t - 1]);
      expect(epsilon).toBeLessThan(0.2 * SD_MEAN);
    },
  );

  it(
    "abcSmc gives identical particles and weights whatever the " +
      "batch size (any parallel schedule gives the same result)",
    () => {
      const options = {
        bounds: { mu: [-5, 5] as const, sigma: [0, 3] as const },
        particles: 200,
        generations: 4,
        seed: "batching",
      };
      const twoParam = (p: Record<string, number>) => Math.abs(simulateMean(p.mu) - OBSERVED) + Math.abs(p.sigma - 1);
      const whole = runAskTell(abcSmc(options), twoParam);
      const sampler = abcSmc({ ...options, batchSize: 7 });
      let largest = 0;
      while (!sampler.done) {
        const batch = sampler.ask();
        largest = Math.max(largest, batch.length);
        // Evaluate in reverse order, as if the last run finished first; values go back by index.
        const values = new Array<number>(batch.length);
        for (let i = batch.length - 1; i >= 0; i--) values[i] = twoParam(batch[i]);
        sampler.tell(values);
      }
      expect(largest).toBe(7);
      const small = sampler.result();
      expect(small.particles).toEqual(whole.particles);
      expect(small.weights).toEqual(whole.weights);
      expect(small.tolerances).toEqual(whole.tolerances);
    },
  );

  it("abcSmc stops at targetTolerance or maxEvaluations and then returns the last complete generation", () => {
    const target = runAskTell(
      abcSmc({ bounds: { mu: [-5, 5] }, particles: 200, generations: 20, targetTolerance: 0.5, seed: "t" }),
      distance,
    );
    expect(target.tolerances[target.tolerances.length - 1]).toBeLessThanOrEqual(0.5);
    expect(target.tolerances.slice(0, -1).every((e) => e > 0.5)).toBe(true);
    const budget = runAskTell(
      abcSmc({ bounds: { mu: [-5, 5] }, particles: 200, generations: 20, maxEvaluations: 1500, seed: "t" }),
      distance,
    );
    expect(budget.evaluations).toBeLessThanOrEqual(1500);
    expect(budget.particles).toHaveLength(200);
    expect(budget.tolerances.length).toBeLessThan(20);
  });

  it(
    "abcSmc(options) throws a ValidationError naming an " +
      "inverted bound, and tell() rejects negative or NaN distances",
    () => {
      expect(issuePaths(() => abcSmc({ bounds: { alpha: [0, 1], beta: [2, 1] }, seed: "s" }))).toEqual(["bounds.beta"]);
      expect(() => abcSmc({ bounds: { beta: [2, 1] }, seed: "s" })).toThrow(
        "bounds.beta: lower bound 2 is above upper bound 1",
      );
      expect(issuePaths(() => abcSmc({ bounds: {}, seed: "s", particles: 1, quantile: 1 }))).toEqual([
        "bounds",
        "particles",
        "quantile",
      ]);
      const s: AbcSampler = abcSmc({ bounds: { mu: [0, 1] }, particles: 3, seed: "s" });
      expect(() => s.result()).toThrow(ValidationError);
      const batch = s.ask();
      expect(issuePaths(() => s.tell(batch.map(() => -1)))).toEqual(["values[0]", "values[1]", "values[2]"]);
      expect(issuePaths(() => s.tell([Number.NaN, 1, 1]))).toEqual(["values[0]"]);
    },
  );
});

describe("abcRejection", () => {
  it(
    "abcRejection({ draws: 4000, acceptFraction: 0.05 }) keeps " +
      "the 200 closest draws and centres them on the posterior mean",
    () => {
      const r = runAskTell(
        abcRejection({ bounds: { mu: [-5, 5] }, draws: 4000, acceptFraction: 0.05, seed: "rej" }),
        distance,
      );
      expect(r.particles).toHaveLength(200);
      expect(r.evaluations).toBe(4000);
      const epsilon = r.tolerances[0];
      expect(Math.max(...r.distances)).toBe(epsilon);
      // As above: ABC posterior sd √(1/50 + ε²/3), equal weights (ESS = 200), 4 standard errors.
      const expectedSd = Math.sqrt(SD_MEAN ** 2 + epsilon ** 2 / 3);
      expect(Math.abs(r.mean.mu - OBSERVED)).toBeLessThan((4 * expectedSd) / Math.sqrt(200));
      expect(Math.abs(r.sd.mu - expectedSd)).toBeLessThan((4 * expectedSd) / Math.sqrt(400));
    },
  );

  it("abcRejection with a tolerance keeps exactly the draws within it, and batching does not change them", () => {
    const options = { bounds: { mu: [-5, 5] as const }, draws: 1000, tolerance: 0.2, seed: "tol" };
    const whole = runAskTell(abcRejection(options), distance);
    const batched = runAskTell(abcRejection({ ...options, batchSize: 33 }), distance);
    expect(batched.particles).toEqual(whole.particles);
    expect(whole.distances.every((d) => d <= 0.2)).toBe(true);
    expect(whole.acceptanceRates[0]).toBe(whole.particles.length / 1000);
    expect(() => runAskTell(abcRejection({ ...options, tolerance: 0 }), distance)).toThrow(ValidationError);
    expect(issuePaths(() => abcRejection({ ...options, acceptFraction: 0.1 }))).toEqual(["tolerance"]);
  });
});
