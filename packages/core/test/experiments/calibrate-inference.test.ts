import { describe, expect, it } from "vitest";
import {
  type CalibrateOptions,
  type CalibrationResult,
  type CalibrationTarget,
  createCalibration,
  getParameter,
  type RunResult,
  type Scenario,
} from "../../src/index";
import { logitWorld } from "../_fixtures";
import { issuePaths } from "../_issues";

/**
 * A toy with a closed form. The moments are linear in the parameters θ = (homeBias, considerRate):
 * one run's moment j is c_j + B_j·θ + se_j·z_j(run seed), with z standard normal noise fixed by the
 * run's seed (so candidates share it: common random numbers). The runs are not simulated: the
 * calibration is driven by ask/tell and told stand-in results that carry the candidate's scenario
 * and seed. The data are c + B·θ₀ + se·z(data seed) (+ a bias to misspecify the model).
 * Then the MSM estimate is generalised least squares, and with W = diag(1/se²):
 *   asData:   V = (1 + 1/S)(B'WB)⁻¹ exactly, and J is chi-square(q − k) exactly;
 *   measured: V = A B'W(diag(se²) + Σ̂/S)WB A, A = (B'WB)⁻¹, Σ̂ the runs' sample covariance of z·se.
 */
const PATHS = ["behavior.homeBias", "behavior.considerRate"] as const;
const C = [0.3, -0.2, 0.5, 0.1];
const B = [
  [1.0, 0.5],
  [0.2, 1.5],
  [-0.7, 0.4],
  [0.6, -0.9],
];
const SE = [0.05, 0.08, 0.04, 0.1];
const TRUTH = [0.8, 0.6];
const PARAMETERS = {
  "behavior.homeBias": { lower: 0, upper: 2, start: 1.1 },
  "behavior.considerRate": { lower: 0.1, upper: 1.5, start: 0.9 },
};

/** A standard normal from an integer seed and a moment index (mulberry32 and Box–Muller). */
function normal(seed: number, j: number): number {
  const uniform = (n: number) => {
    let t = (seed ^ Math.imul(j + 1, 0x9e3779b9) ^ Math.imul(n, 0x85ebca6b)) >>> 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return Math.sqrt(-2 * Math.log(uniform(1))) * Math.cos(2 * Math.PI * uniform(2));
}

const thetaOf = (s: Scenario) => PATHS.map((p) => getParameter(s, p));
const linear = (j: number, theta: readonly number[]) => C[j] + B[j][0] * theta[0] + B[j][1] * theta[1];
const runMoment = (j: number, run: RunResult) => linear(j, thetaOf(run.scenario)) + SE[j] * normal(run.seed, j);

function targets(dataSeed: number, q = 4, bias: readonly number[] = []): CalibrationTarget[] {
  return Array.from({ length: q }, (_, j) => ({
    name: `m${j}`,
    value: linear(j, TRUTH) + SE[j] * normal(dataSeed, j + 100) + (bias[j] ?? 0),
    se: SE[j],
    moment: (runs: readonly RunResult[]) => runs.reduce((a, r) => a + runMoment(j, r), 0) / runs.length,
  }));
}

/** Drives a calibration by ask/tell with stand-in runs (the moment functions read only scenario and seed). */
function fit(
  options: Omit<CalibrateOptions, "parameters" | "method"> & { parameters?: CalibrateOptions["parameters"] },
): CalibrationResult {
  const cal = createCalibration(logitWorld(10), { parameters: PARAMETERS, method: "msm", ...options });
  while (!cal.done) {
    cal.tell(
      cal.ask().map(
        (r) =>
          ({
            run: r.key,
            scenario: r.scenario,
            seed: r.runSeed,
            replicate: r.replicate,
            rows: [],
          }) as unknown as RunResult,
      ),
    );
  }
  return cal.result();
}

/** The run seeds of replicates 0 … S − 1 of a master seed, as the calibration hands them out. */
function runSeeds(seed: number, S: number): number[] {
  const cal = createCalibration(logitWorld(10), {
    parameters: PARAMETERS,
    method: "msm",
    targets: targets(0),
    replications: S,
    seed,
  });
  return cal
    .ask()
    .slice(0, S)
    .map((run) => run.runSeed);
}

const PRECISE = { xTol: 1e-7, fTol: 1e-12 };
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Small matrices for the closed forms, written out independently of the code under test. */
const t = (a: number[][]) => a[0].map((_, j) => a.map((row) => row[j]));
const mul = (a: number[][], b: number[][]) =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const inv2 = ([[a, b], [c, d]]: number[][]) => {
  const det = a * d - b * c;
  return [
    [d / det, -b / det],
    [-c / det, a / det],
  ];
};
const W = SE.map((s) => 1 / (s * s));
const BtW = t(B).map((row) => row.map((x, j) => x * W[j]));
const A = inv2(mul(BtW, B));

describe("calibrate(…, { method: 'msm' }) inference on a linear toy with a closed form", () => {
  it("with simulationNoise 'asData' the Jacobian is B and the covariance (1 + 1/S)(B'WB)^-1, to 1e-10", () => {
    const S = 3;
    const r = fit({
      targets: targets(1),
      replications: S,
      seed: 7,
      msm: PRECISE,
      maxEvaluations: 400,
      inference: { simulationNoise: "asData" },
    });
    expect(r.converged).toBe(true);
    const inf = r.inference!;
    expect(inf.parameters).toEqual([...PATHS]);
    expect(inf.targets).toEqual(["m0", "m1", "m2", "m3"]);
    // Central differences of linear functions are exact but for rounding: moments of order 1
    // differenced over 2% of a range (0.04 and 0.028) lose about 1e-14 relative; 1e-10 leaves room.
    inf.jacobian.forEach((row, j) => row.forEach((g, i) => expect(Math.abs(g - B[j][i])).toBeLessThan(1e-10)));
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 2; k++) expect(rel(inf.covariance[i][k], (1 + 1 / S) * A[i][k])).toBeLessThan(1e-10);
    PATHS.forEach((p, i) => expect(rel(inf.standardErrors[p], Math.sqrt((1 + 1 / S) * A[i][i]))).toBeLessThan(1e-10));
    expect(inf.steps["behavior.homeBias"]).toBeCloseTo(0.04, 12);
    expect(inf.steps["behavior.considerRate"]).toBeCloseTo(0.028, 12);
    expect(inf.identified).toBe(true);
    expect(inf.atBound).toEqual([]);
    expect(inf.overidentification!.df).toBe(2);
    // At an interior minimum (G'Wg = 0) with Omega = (1 + 1/S) W^-1, J reduces to Q / (1 + 1/S):
    // the pseudo-inverse of the rank-2 residual variance gives the same number. The search stops
    // at xTol 1e-7 of the box, so the gradient term is of order 1e-7 relative.
    expect(rel(inf.overidentification!.statistic, r.objective / (1 + 1 / S))).toBeLessThan(1e-6);
  });

  it("with simulationNoise 'measured' the covariance adds the runs' sample covariance over S, to 1e-10", () => {
    const S = 4;
    const seed = 11;
    const r = fit({ targets: targets(2), replications: S, seed, msm: PRECISE });
    const inf = r.inference!;
    expect(inf.simulationNoise).toBe("measured");
    // The runs' noise does not depend on θ, so Σ̂ is the sample covariance of se_j z_j(runSeed(seed, r)).
    const noise = runSeeds(seed, S).map((rs) => SE.map((s, j) => s * normal(rs, j)));
    const m = SE.map((_, j) => noise.reduce((a, x) => a + x[j], 0) / S);
    const omega = SE.map((si, i) =>
      SE.map(
        (_, j) => (i === j ? si * si : 0) + noise.reduce((a, x) => a + (x[i] - m[i]) * (x[j] - m[j]), 0) / (S - 1) / S,
      ),
    );
    const expected = mul(mul(mul(A, BtW), omega), t(mul(A, BtW)));
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 2; k++) expect(rel(inf.covariance[i][k], expected[i][k])).toBeLessThan(1e-10);
    omega.forEach((row, i) => row.forEach((x, j) => expect(rel(inf.momentCovariance[i][j], x)).toBeLessThan(1e-12)));
  });

  it("the profile holds the objective along each parameter, its Gauss-Newton prediction for linear moments", () => {
    const r = fit({
      targets: targets(3),
      replications: 2,
      seed: 5,
      msm: PRECISE,
      inference: { profile: [-2, -1, 1, 2] },
    });
    // The objective computed here from the closed form: the mean over the two runs of each moment.
    const tg = targets(3);
    const seeds = runSeeds(5, 2);
    const objective = (theta: number[]) =>
      tg.reduce((s, target, j) => {
        const model = linear(j, theta) + (SE[j] * seeds.reduce((a, rs) => a + normal(rs, j), 0)) / seeds.length;
        return s + ((model - target.value) / target.se) ** 2;
      }, 0);
    for (const [i, slice] of r.inference!.profile.entries()) {
      expect(slice.parameter).toBe(PATHS[i]);
      expect(slice.unit).toBe("se");
      expect(slice.width).toBe(r.inference!.standardErrors[PATHS[i]]);
      expect(slice.points.map((p) => p.offset)).toEqual([-2, -1, 0, 1, 2]);
      const atEstimate = slice.points.find((p) => p.offset === 0)!;
      expect(atEstimate.objective).toBe(r.objective);
      for (const p of slice.points) {
        const theta = PATHS.map((path) => r.estimate[path]);
        theta[i] = p.value;
        expect(p.value).toBeCloseTo(r.estimate[PATHS[i]] + p.offset * slice.width, 12);
        expect(rel(p.objective, objective(theta))).toBeLessThan(1e-12);
        // Quadratic exactly: the objective of linear moments; the gap is rounding only.
        expect(Math.abs(p.predicted - p.objective)).toBeLessThan(1e-8 * Math.max(1, p.objective));
        if (p.offset !== 0) expect(p.objective).toBeGreaterThan(r.objective);
      }
    }
  });
});

describe("calibrate(…) inference: the J test and the standard errors across seeds", () => {
  // N calibrations of the toy with data seeds 1000 … 1000 + N − 1 and master seeds 1 … N, S = 2,
  // asData (which is exactly the toy's noise). Under a correct model J ~ chi-square(2): mean 2,
  // variance 4, so the mean of N draws has SE √(4/N); the z-scores (θ̂ − θ₀)/SE have variance 1,
  // and the mean of z² has SE √(2/N). Tolerances: 4 SE.
  const N = 200;
  const S = 2;
  const run = (bias: readonly number[]) =>
    Array.from({ length: N }, (_, n) =>
      fit({
        targets: targets(1000 + n, 4, bias),
        replications: S,
        seed: n + 1,
        msm: PRECISE,
        maxEvaluations: 400,
        inference: { simulationNoise: "asData", profile: false },
      }),
    );
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("J of a correct over-identified toy has a chi-square(2) mean; the estimates' z-scores variance 1", () => {
    const fits = run([]);
    const j = fits.map((f) => f.inference!.overidentification!.statistic);
    console.log(
      "mean J",
      mean(j),
      "of",
      N,
      "; share with p < 0.05",
      mean(fits.map((f) => (f.inference!.overidentification!.pValue < 0.05 ? 1 : 0))),
    );
    expect(Math.abs(mean(j) - 2)).toBeLessThan(4 * Math.sqrt(4 / N));
    for (const [i, path] of PATHS.entries()) {
      const z2 = fits.map((f) => ((f.estimate[path] - TRUTH[i]) / f.inference!.standardErrors[path]) ** 2);
      console.log("mean z^2", path, mean(z2));
      expect(Math.abs(mean(z2) - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    }
    expect(fits.every((f) => f.converged)).toBe(true);
  }, 120_000);

  it("J of a misspecified toy (moment 0 biased by 8 SE) has the noncentral mean df + lambda and small p-values", () => {
    const bias = [8 * SE[0]];
    const fits = run(bias);
    const j = fits.map((f) => f.inference!.overidentification!.statistic);
    // lambda = b'W^½(I − P)W^½b / (1 + 1/S), P the projection on W^½B: the part of the bias the
    // parameters cannot absorb. Noncentral chi-square: mean df + lambda, variance 2(df + 2 lambda).
    const wb = bias.map((b, k) => b / SE[k]).concat([0, 0, 0]);
    const whB = B.map((row, k) => row.map((x) => x / SE[k]));
    const proj = mul(mul(whB, A), t(whB));
    const resid = wb.map((x, k) => x - proj[k].reduce((a, p, l) => a + p * wb[l], 0));
    const lambda = resid.reduce((a, x) => a + x * x, 0) / (1 + 1 / S);
    console.log("lambda", lambda, "mean J", mean(j));
    expect(lambda).toBeGreaterThan(10);
    expect(Math.abs(mean(j) - (2 + lambda))).toBeLessThan(4 * Math.sqrt((2 * (2 + 2 * lambda)) / N));
    expect(mean(fits.map((f) => (f.inference!.overidentification!.pValue < 0.05 ? 1 : 0)))).toBeGreaterThan(0.5);
  }, 120_000);
});

describe("calibrate(…) inference: options, cost and edge cases", () => {
  it("inference: false skips it, and the default costs 2k Jacobian candidates plus one per profile point", () => {
    const base = { targets: targets(4), replications: 2, seed: 3, msm: PRECISE };
    const without = fit({ ...base, inference: false });
    const withIt = fit(base);
    expect(without.inference).toBeUndefined();
    const points = withIt.inference!.profile.reduce((a, p) => a + p.points.length - 1, 0);
    expect(points).toBe(8); // [-2, -1, 1, 2] SE for each of 2 parameters, all inside the bounds
    expect(withIt.evaluations - without.evaluations).toBe(2 * 2 + points);
    expect(withIt.runs - without.runs).toBe(2 * (2 * 2 + points));
    expect(withIt.estimate).toEqual(without.estimate);
  });

  it("exactly identified (2 moments, 2 parameters): no J test; converged is Nelder-Mead's flag", () => {
    const r = fit({ targets: targets(5, 2), replications: 2, seed: 3, maxEvaluations: 6 });
    expect(r.converged).toBe(false);
    expect(r.inference!.overidentification).toBeNull();
    expect(Number.isFinite(r.inference!.standardErrors["behavior.homeBias"])).toBe(true);
  });

  it("a parameter no moment moves is unidentified: NaN standard errors, a profile in 5% steps of its range", () => {
    const r = fit({
      targets: targets(6),
      replications: 2,
      seed: 3,
      parameters: { ...PARAMETERS, "behavior.beta": { lower: 0.5, upper: 1.5 } },
      inference: { profile: [-1, 1] },
    });
    const inf = r.inference!;
    expect(inf.identified).toBe(false);
    expect(inf.jacobian.map((row) => row[2])).toEqual([0, 0, 0, 0]);
    expect(Number.isNaN(inf.standardErrors["behavior.beta"])).toBe(true);
    expect(Number.isNaN(inf.overidentification!.statistic)).toBe(true);
    const slice = inf.profile.find((p) => p.parameter === "behavior.beta")!;
    expect(slice.unit).toBe("range");
    expect(slice.width).toBeCloseTo(0.05, 15);
  });

  it("an estimate within one step of a bound is listed in atBound and its difference is clamped into the box", () => {
    // The data put homeBias at about -0.05, below its lower bound 0: the estimate sits on the bound.
    const shifted = targets(7).map((tg, j) => ({ ...tg, value: tg.value - 0.85 * B[j][0] }));
    const r = fit({ targets: shifted, replications: 2, seed: 3, msm: PRECISE, maxEvaluations: 300 });
    expect(r.estimate["behavior.homeBias"]).toBeLessThan(0.02);
    expect(r.inference!.atBound).toEqual(["behavior.homeBias"]);
    expect(r.inference!.steps["behavior.homeBias"]).toBeLessThan(0.04);
  });

  it("calibrate(s, { inference: … }) names the field of every bad inference option", () => {
    const base = { parameters: PARAMETERS, targets: targets(0) };
    const paths = (options: Record<string, unknown>) =>
      issuePaths(() => createCalibration(logitWorld(10), { ...base, ...options } as unknown as CalibrateOptions));
    expect(paths({ method: "abc", inference: {} })).toEqual(["inference"]);
    expect(paths({ method: "msm", inference: { step: 0.7 } })).toEqual(["inference.step"]);
    expect(paths({ method: "msm", inference: { profile: [1, 0, NaN] } })).toEqual([
      "inference.profile[1]",
      "inference.profile[2]",
    ]);
    expect(paths({ method: "msm", inference: { simulationNoise: "measured" }, replications: 1 })).toEqual([
      "inference.simulationNoise",
    ]);
    expect(paths({ method: "msm", inference: { stepp: 0.1 } })).toEqual(["inference.stepp"]);
    expect(paths({ method: "msm", inference: 3 })).toEqual(["inference"]);
    expect(() => createCalibration(logitWorld(10), { ...base, method: "msm", inference: { step: 0 } })).toThrow(
      /inference\.step: must be a number in \(0, 0\.5\], a share of each parameter's range, got 0/,
    );
  });
});
