/**
 * The checked settings of a Nelder–Mead run: bounds, initial steps, tolerances, limits and the
 * coefficients of the four moves.
 * @internal
 * @module
 */
import { Issues, showValue } from "../../_issues";
import type { NelderMeadOptions } from "./nelderMead";

/** Settings of a Nelder–Mead run after the checks, with their defaults. @internal */
export interface NelderMeadSettings {
  readonly x0: readonly number[];
  /** Dimension. */
  readonly n: number;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** Initial simplex step along each coordinate. */
  readonly step: readonly number[];
  readonly xTol: number;
  readonly fTol: number;
  readonly maxIterations: number;
  readonly maxEvaluations: number;
  readonly batchMode: "sequential" | "speculative";
  /** Reflection α, expansion γ, contraction β and shrink σ. */
  readonly alpha: number;
  readonly gamma: number;
  readonly beta: number;
  readonly sigma: number;
}

/**
 * Checks the start point and the options of {@link nelderMead}.
 * @throws ValidationError (context "nelderMead") listing every problem.
 * @internal
 */
export function checkNelderMeadOptions(x0: readonly number[], options: NelderMeadOptions): NelderMeadSettings {
  const issues = new Issues("nelderMead");
  if (!issues.finiteArray("x0", x0)) issues.throwIfAny();
  const n = x0.length;
  if (n === 0) issues.add("x0", "must have at least one coordinate");
  const { lower, upper } = checkBounds(issues, x0, options.bounds);
  const step = initialSteps(issues, x0, lower, upper, options.initialStep);
  const xTol = options.xTol ?? 1e-8;
  const fTol = options.fTol ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500 * n;
  const maxEvaluations = options.maxEvaluations ?? 1000 * n;
  if (!(xTol >= 0)) issues.add("options.xTol", `must be a number >= 0, got ${showValue(xTol)}`);
  if (!(fTol >= 0)) issues.add("options.fTol", `must be a number >= 0, got ${showValue(fTol)}`);
  issues.integer("options.maxIterations", maxIterations, 0);
  issues.integer("options.maxEvaluations", maxEvaluations, 1);
  const batchMode = options.batch ?? "sequential";
  if (batchMode !== "sequential" && batchMode !== "speculative") {
    issues.add("options.batch", `must be "sequential" or "speculative", got ${showValue(batchMode)}`);
  }
  issues.throwIfAny();
  // Gao and Han (2012) scale the moves with the dimension; the standard ones are 1, 2, ½, ½.
  const adaptive = options.adaptive ?? false;
  return {
    x0,
    n,
    lower,
    upper,
    step,
    xTol,
    fTol,
    maxIterations,
    maxEvaluations,
    batchMode,
    alpha: 1,
    gamma: adaptive ? 1 + 2 / n : 2,
    beta: adaptive ? 0.75 - 1 / (2 * n) : 0.5,
    sigma: adaptive ? 1 - 1 / n : 0.5,
  };
}

/** The box (±Infinity where not given); throws if the arrays are malformed, then checks order and x0. */
function checkBounds(
  issues: Issues,
  x0: readonly number[],
  bounds: NelderMeadOptions["bounds"],
): { lower: readonly number[]; upper: readonly number[] } {
  const n = x0.length;
  const lower = bounds?.lower ?? new Array<number>(n).fill(-Infinity);
  const upper = bounds?.upper ?? new Array<number>(n).fill(Infinity);
  for (const [name, arr] of [
    ["lower", lower],
    ["upper", upper],
  ] as const) {
    if (!Array.isArray(arr) || arr.length !== n) {
      issues.add(`options.bounds.${name}`, `must be an array of ${n} numbers, got ${showValue(arr)}`);
    } else {
      arr.forEach((v: unknown, i) => {
        if (typeof v !== "number" || Number.isNaN(v))
          issues.add(`options.bounds.${name}[${i}]`, `must be a number (±Infinity allowed), got ${showValue(v)}`);
      });
    }
  }
  issues.throwIfAny();
  for (let i = 0; i < n; i++) {
    if (!(lower[i] < upper[i]))
      issues.add(`options.bounds[${i}]`, `lower bound ${lower[i]} is not below upper bound ${upper[i]}`);
    else if (!(x0[i] >= lower[i] && x0[i] <= upper[i]))
      issues.add(`x0[${i}]`, `${x0[i]} is outside the bounds [${lower[i]}, ${upper[i]}]`);
  }
  return { lower, upper };
}

/**
 * Steps of the initial simplex: given, or a tenth of a finite range, or 5% of |x0[i]| (0.00025 at 0), as MATLAB's
 * fminsearch.
 */
function initialSteps(
  issues: Issues,
  x0: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  given: NelderMeadOptions["initialStep"],
): number[] {
  const n = x0.length;
  const step: number[] = [];
  for (let i = 0; i < n; i++) {
    let v: number;
    if (typeof given === "number") v = given;
    else if (Array.isArray(given)) v = given[i];
    else if (given === undefined)
      v = Number.isFinite(upper[i] - lower[i])
        ? 0.1 * (upper[i] - lower[i])
        : x0[i] !== 0
          ? 0.05 * Math.abs(x0[i])
          : 0.00025;
    else v = NaN;
    if (given === undefined && !(lower[i] < upper[i])) v = 1; // already reported as bad bounds
    if (!(v > 0 && Number.isFinite(v))) {
      issues.add(
        typeof given === "number" || given === undefined ? "options.initialStep" : `options.initialStep[${i}]`,
        `must be a positive finite number, got ${showValue(v)}`,
      );
    }
    step.push(v);
  }
  if (Array.isArray(given) && given.length !== n) {
    issues.add("options.initialStep", `must have ${n} entries, got ${given.length}`);
  }
  return step;
}
