/**
 * Inference for the method of simulated moments, after the search: the Jacobian of the simulated
 * moments by central differences (common random numbers), the sandwich covariance of the
 * estimate, the over-identification (J) test, and the slices of the objective around the
 * estimate. The formulas are in docs/experiments.md (Inference after MSM).
 * @internal
 * @module
 */
import type { CalibrationInference, ObjectiveProfile } from "../calibrate";
import { chiSquarePValue } from "../math/chiSquare";
import { bilinear, inverseSpd, type Matrix, multiply, pseudoInverseOfRank, transpose } from "../math/_matrix";
import type { EstimatedParameter } from "./_checkOptions";

/** Inference settings after the checks, with their defaults. @internal */
export interface InferenceSettings {
  /** Half the distance between the two points of a central difference, as a share of the range. */
  readonly step: number;
  /** Offsets of the profile points, in units of each parameter's width (its SE). */
  readonly profile: readonly number[];
  readonly simulationNoise: "measured" | "asData";
}

/** Default half-step of the central differences: 1% of each parameter's range. @internal */
export const DEFAULT_STEP = 0.01;
/** Default profile offsets, in standard errors. @internal */
export const DEFAULT_PROFILE: readonly number[] = [-2, -1, 1, 2];
/** Width of a profile step where the SE is not available, as a share of the range. @internal */
export const FALLBACK_PROFILE_WIDTH = 0.05;

/** The two points of parameter i's central difference, clamped into its bounds. @internal */
export function differencePoints(
  params: readonly EstimatedParameter[],
  theta: readonly number[],
  step: number,
): { minus: number[][]; plus: number[][] } {
  const minus: number[][] = [];
  const plus: number[][] = [];
  params.forEach((p, i) => {
    const h = step * (p.upper - p.lower);
    const lo = theta.slice();
    const hi = theta.slice();
    lo[i] = Math.max(p.lower, theta[i] - h);
    hi[i] = Math.min(p.upper, theta[i] + h);
    minus.push(lo);
    plus.push(hi);
  });
  return { minus, plus };
}

/** What the sandwich needs: targets, the moments at the estimate and at the difference points. @internal */
export interface SandwichInput {
  readonly params: readonly EstimatedParameter[];
  readonly theta: readonly number[];
  readonly targets: ReadonlyArray<{ readonly name: string; readonly value: number; readonly se: number }>;
  /** Model moments at the estimate (mean over replications). */
  readonly means: readonly number[];
  /** Per target, the moment of each replicate run at the estimate. */
  readonly perRun: readonly (readonly number[])[];
  readonly replications: number;
  readonly minus: readonly (readonly number[])[];
  readonly plus: readonly (readonly number[])[];
  /** Model moments at minus[i] and plus[i]. */
  readonly momentsMinus: readonly (readonly number[])[];
  readonly momentsPlus: readonly (readonly number[])[];
  readonly settings: InferenceSettings;
}

/** The sandwich covariance, the J test and what the profile needs. @internal */
export interface Sandwich {
  readonly inference: Omit<CalibrationInference, "profile">;
  /** G'WG, for the profile's quadratic prediction. */
  readonly information: Matrix;
  /** G'W g at the estimate (zero at an exact interior minimum). */
  readonly gradient: number[];
}

/**
 * V = A G'W Ω W G A with A = (G'WG)⁻¹, W = diag(1/se²) and Ω the variance of (simulated − observed)
 * moments: diag(se²) + Σ/S with Σ the runs' covariance (measured) or Σ = diag(se²) (asData).
 * @internal
 */
export function sandwich(input: SandwichInput): Sandwich {
  const { params, targets, settings } = input;
  const k = params.length;
  const q = targets.length;
  const jacobian: Matrix = targets.map((_, t) =>
    params.map((_, i) => (input.momentsPlus[i][t] - input.momentsMinus[i][t]) / (input.plus[i][i] - input.minus[i][i])),
  );
  const weight = targets.map((t) => 1 / (t.se * t.se));
  const omega = momentCovariance(input);
  const gtw = transpose(jacobian).map((row) => row.map((x, t) => x * weight[t])); // k × q
  const information = multiply(gtw, jacobian);
  const residual = targets.map((t, j) => input.means[j] - t.value);
  const gradient = gtw.map((row) => row.reduce((s, x, t) => s + x * residual[t], 0));
  const jacobianFinite = jacobian.every((row) => row.every(Number.isFinite));
  const omegaFinite = omega.every((row) => row.every(Number.isFinite));
  const a = jacobianFinite ? inverseSpd(information) : undefined;
  const nan = () => Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
  let covariance: Matrix = nan();
  let overidentification: CalibrationInference["overidentification"] = null;
  if (a) {
    const bread = multiply(a, gtw); // k × q: θ̂ − θ ≈ −bread · (simulated − observed)
    covariance = multiply(multiply(bread, omega), transpose(bread));
    if (q > k) {
      overidentification = omegaFinite
        ? jTest(jacobian, bread, omega, residual, q - k)
        : { statistic: NaN, df: q - k, pValue: NaN };
    }
  } else if (q > k) {
    overidentification = { statistic: NaN, df: q - k, pValue: NaN };
  }
  const standardErrors = Object.fromEntries(params.map((p, i) => [p.path, Math.sqrt(covariance[i][i])]));
  const steps = Object.fromEntries(params.map((p, i) => [p.path, input.plus[i][i] - input.minus[i][i]]));
  const h = settings.step;
  const atBound = params.filter(
    (p, i) => input.theta[i] - h * (p.upper - p.lower) < p.lower || input.theta[i] + h * (p.upper - p.lower) > p.upper,
  );
  return {
    inference: {
      parameters: params.map((p) => p.path),
      targets: targets.map((t) => t.name),
      simulationNoise: settings.simulationNoise,
      steps,
      jacobian,
      momentCovariance: omega,
      identified: a !== undefined,
      covariance,
      standardErrors,
      atBound: atBound.map((p) => p.path),
      overidentification,
    },
    information,
    gradient,
  };
}

/** Ω: the data's variances diag(se²) plus the simulation's, Σ/S. */
function momentCovariance(input: SandwichInput): Matrix {
  const { targets, perRun, replications: S, settings } = input;
  const q = targets.length;
  const omega: Matrix = targets.map((t, i) => targets.map((_, j) => (i === j ? t.se * t.se : 0)));
  if (settings.simulationNoise === "asData") {
    for (let i = 0; i < q; i++) omega[i][i] *= 1 + 1 / S;
    return omega;
  }
  const m = perRun.map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let c = 0;
      for (let r = 0; r < S; r++) c += (perRun[i][r] - m[i]) * (perRun[j][r] - m[j]);
      omega[i][j] += c / (S - 1) / S;
    }
  }
  return omega;
}

/**
 * J = g' (M Ω M')⁺ g with M = I − G·bread, the variance of the residual g at the estimate, whose
 * rank is q − k; chi-square with q − k degrees of freedom under a correct model.
 */
function jTest(jacobian: Matrix, bread: Matrix, omega: Matrix, residual: number[], df: number) {
  const gb = multiply(jacobian, bread);
  const m = gb.map((row, i) => row.map((x, j) => (i === j ? 1 : 0) - x));
  const v = multiply(multiply(m, omega), transpose(m));
  const p = pseudoInverseOfRank(v, df);
  if (!p) return { statistic: NaN, df, pValue: NaN };
  const statistic = bilinear(residual, p, residual);
  return { statistic, df, pValue: Number.isFinite(statistic) ? chiSquarePValue(Math.max(statistic, 0), df) : NaN };
}

/**
 * The profile points of parameter i: the estimate moved by offset × width along i, others fixed,
 * inside the bounds. The width is the SE, or 5% of the range where the SE is not finite. @internal
 */
export function profilePoints(
  params: readonly EstimatedParameter[],
  theta: readonly number[],
  standardErrors: readonly number[],
  offsets: readonly number[],
): Array<{ parameter: number; offset: number; width: number; unit: "se" | "range"; point: number[] }> {
  const out: Array<{ parameter: number; offset: number; width: number; unit: "se" | "range"; point: number[] }> = [];
  params.forEach((p, i) => {
    const se = standardErrors[i];
    const bySe = Number.isFinite(se) && se > 0;
    const width = bySe ? se : FALLBACK_PROFILE_WIDTH * (p.upper - p.lower);
    for (const offset of offsets) {
      const x = theta[i] + offset * width;
      if (x < p.lower || x > p.upper) continue;
      const point = theta.slice();
      point[i] = x;
      out.push({ parameter: i, offset, width, unit: bySe ? "se" : "range", point });
    }
  });
  return out;
}

/**
 * Assembles the profile: per parameter, the objective at each point (the estimate at offset 0)
 * and its Gauss–Newton prediction Q(θ̂) + 2δ(G'Wg)ᵢ + δ²(G'WG)ᵢᵢ from the Jacobian. @internal
 */
export function assembleProfile(
  params: readonly EstimatedParameter[],
  theta: readonly number[],
  objectiveAtEstimate: number,
  points: ReturnType<typeof profilePoints>,
  objectives: readonly number[],
  sw: Sandwich,
  standardErrors: readonly number[],
): ObjectiveProfile[] {
  return params.map((p, i) => {
    const se = standardErrors[i];
    const bySe = Number.isFinite(se) && se > 0;
    const width = bySe ? se : FALLBACK_PROFILE_WIDTH * (p.upper - p.lower);
    const predict = (delta: number) =>
      objectiveAtEstimate + 2 * delta * sw.gradient[i] + delta * delta * sw.information[i][i];
    const rows = points
      .map((pt, n) => ({ pt, objective: objectives[n] }))
      .filter(({ pt }) => pt.parameter === i)
      .map(({ pt, objective }) => ({
        offset: pt.offset,
        value: pt.point[i],
        objective,
        predicted: predict(pt.offset * width),
      }));
    rows.push({ offset: 0, value: theta[i], objective: objectiveAtEstimate, predicted: objectiveAtEstimate });
    rows.sort((a, b) => a.offset - b.offset);
    return { parameter: p.path, width, unit: bySe ? "se" : "range", points: rows };
  });
}
