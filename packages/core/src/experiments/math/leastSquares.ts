import { ValidationError } from "../../errors";
import { inverseSpd, type Matrix } from "./_matrix";

/** Options of {@link leastSquares}. */
export interface LeastSquaresOptions {
  /** Box constraints, one entry per coordinate; the search never leaves them. */
  bounds: { lower: readonly number[]; upper: readonly number[] };
  /** Most Jacobians (iterations) before it stops (default 50). */
  maxIterations?: number;
  /** Step of the central differences, as a share of each box's width (default 1e-3). */
  step?: number;
  /** Stops when an accepted step lowers the sum of squares by less than this share (default 1e-6). */
  fTol?: number;
  /** Stops when no coordinate moves by more than this share of its box (default 1e-6). */
  xTol?: number;
  /** Called after each iteration with the iteration number and the sum of squares. */
  onIteration?: (iteration: number, sumOfSquares: number) => void;
}

/** Why {@link leastSquares} stopped. */
export type LeastSquaresStop = "fTol" | "xTol" | "stationary" | "maxIterations";

/** What {@link leastSquares} returns. */
export interface LeastSquaresResult {
  /** The estimate. */
  x: number[];
  /** The residuals at `x`. */
  residuals: number[];
  /** Sum of squared residuals at `x`. */
  sumOfSquares: number;
  /** The Jacobian at `x` (rows: residuals, columns: coordinates), by central differences. */
  jacobian: Matrix;
  /** Whether a tolerance was met (`reason` other than `"maxIterations"`). */
  converged: boolean;
  reason: LeastSquaresStop;
  iterations: number;
  /** Residual evaluations, Jacobians included. */
  evaluations: number;
  /** Coordinates that end on a bound with the gradient pushing outward: the minimum there is a corner. */
  atBound: boolean[];
}

/**
 * Minimises Σ rᵢ(x)² within a box by Levenberg–Marquardt (Marquardt's scaling of the damping by
 * the diagonal of JᵀJ), with the Jacobian by central differences and coordinates that sit on a
 * bound with the gradient pushing outward held there (a projected, active-set step). For smooth,
 * noise-free residuals such as a method-of-moments objective computed by a deterministic
 * projection: it needs 2·n + 1 evaluations per iteration and far fewer iterations than a simplex.
 * `residuals` may throw or return a non-finite value: such a trial point counts as worse than any.
 *
 * @throws ValidationError naming the option: bounds of another length than `x0`, a lower bound
 *   not below its upper, `x0` outside the box, or a non-positive tolerance.
 * @example
 * const r = leastSquares(([a, b]) => [a - 1, 10 * (b - a * a)], [-1, 2], {
 *   bounds: { lower: [-2, -2], upper: [2, 2] },
 * });
 * r.x; // => close to [1, 1]
 */
export function leastSquares(
  residuals: (x: readonly number[]) => readonly number[],
  x0: readonly number[],
  options: LeastSquaresOptions,
): LeastSquaresResult {
  checkOptions(x0, options);
  const { lower, upper } = options.bounds;
  const { maxIterations = 50, step = 1e-3, fTol = 1e-6, xTol = 1e-6 } = options;
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: readonly number[]): number[] | undefined => {
    evaluations++;
    try {
      const r = [...residuals(x)];
      return r.every(Number.isFinite) ? r : undefined;
    } catch {
      return undefined;
    }
  };
  const sumSq = (r: readonly number[]) => r.reduce((s, v) => s + v * v, 0);
  const clamp = (v: number, i: number) => Math.min(upper[i], Math.max(lower[i], v));
  const jacobianAt = (x: readonly number[], r: readonly number[]): Matrix => {
    const cols: number[][] = [];
    for (let i = 0; i < n; i++) {
      const h = step * (upper[i] - lower[i]);
      const a = [...x];
      const b = [...x];
      a[i] = clamp(x[i] - h, i);
      b[i] = clamp(x[i] + h, i);
      const ra = a[i] === x[i] ? r : evaluate(a);
      const rb = b[i] === x[i] ? r : evaluate(b);
      if (!ra || !rb) throw new Error(`leastSquares: the residuals are not finite next to the point, at x[${i}]`);
      cols.push(ra.map((v, k) => (rb[k] - v) / (b[i] - a[i])));
    }
    return r.map((_, k) => cols.map((c) => c[k]));
  };

  let x = x0.map(clamp);
  let r = evaluate(x);
  if (!r) throw new ValidationError([{ path: "x0", message: "the residuals at the start are not finite" }]);
  let f = sumSq(r);
  let jac = jacobianAt(x, r);
  let lambda = 1e-3;
  let reason: LeastSquaresStop = "maxIterations";
  let iterations = 0;
  let active = new Array<boolean>(n).fill(false);
  while (iterations < maxIterations) {
    iterations++;
    const g = gradient(jac, r);
    const jtj = normalMatrix(jac);
    active = x.map((v, i) => (v <= lower[i] && g[i] > 0) || (v >= upper[i] && g[i] < 0));
    const free = active.flatMap((a, i) => (a ? [] : [i]));
    if (free.every((i) => Math.abs(g[i]) <= 1e-12 * Math.max(1, f))) {
      reason = "stationary";
      break;
    }
    let accepted = false;
    let moved = 0;
    for (let attempt = 0; attempt < 30 && !accepted; attempt++) {
      const delta = dampedStep(jtj, g, free, lambda);
      const trial = x.map((v, i) => clamp(v + (delta[i] ?? 0), i));
      const rt = evaluate(trial);
      const ft = rt ? sumSq(rt) : Number.POSITIVE_INFINITY;
      if (rt && ft < f) {
        moved = Math.max(...trial.map((v, i) => Math.abs(v - x[i]) / (upper[i] - lower[i])));
        const gain = (f - ft) / f;
        x = trial;
        r = rt;
        f = ft;
        lambda = Math.max(1e-9, lambda / 3);
        accepted = true;
        options.onIteration?.(iterations, f);
        if (gain < fTol) reason = "fTol";
        else if (moved < xTol) reason = "xTol";
      } else lambda *= 4;
    }
    if (!accepted) {
      reason = "xTol"; // no step of any damping lowers the sum: the point is a minimum to working precision
      break;
    }
    jac = jacobianAt(x, r);
    if (reason !== "maxIterations") break;
  }
  return {
    x,
    residuals: r,
    sumOfSquares: f,
    jacobian: jac,
    converged: reason !== "maxIterations",
    reason,
    iterations,
    evaluations,
    atBound: active,
  };
}

/** Jᵀr. */
function gradient(jac: Matrix, r: readonly number[]): number[] {
  const n = jac[0]?.length ?? 0;
  const g = new Array<number>(n).fill(0);
  jac.forEach((row, k) => row.forEach((v, i) => (g[i] += v * r[k])));
  return g;
}

/** JᵀJ. */
function normalMatrix(jac: Matrix): Matrix {
  const n = jac[0]?.length ?? 0;
  const a: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const row of jac) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i][j] += row[i] * row[j];
  return a;
}

/** The step on the free coordinates: (A + λ diag(A)) δ = −g, with a floor on the damping's diagonal. */
function dampedStep(jtj: Matrix, g: readonly number[], free: readonly number[], lambda: number): number[] {
  const scale = Math.max(1e-12, ...free.map((i) => jtj[i][i]));
  const a = free.map((i) => free.map((j) => jtj[i][j] + (i === j ? lambda * Math.max(jtj[i][i], 1e-9 * scale) : 0)));
  const inv = inverseSpd(a);
  const delta = new Array<number>(g.length).fill(0);
  if (!inv) return delta;
  free.forEach((i, p) => {
    delta[i] = -free.reduce((s, j, q) => s + inv[p][q] * g[j], 0);
  });
  return delta;
}

function checkOptions(x0: readonly number[], options: LeastSquaresOptions): void {
  const issues: { path: string; message: string }[] = [];
  const { lower, upper } = options.bounds ?? { lower: [], upper: [] };
  if (lower.length !== x0.length || upper.length !== x0.length)
    issues.push({ path: "bounds", message: `needs ${x0.length} lower and upper bounds, one per coordinate of x0` });
  else
    x0.forEach((v, i) => {
      if (!(lower[i] < upper[i]))
        issues.push({ path: `bounds.lower.${i}`, message: `must be below bounds.upper.${i} (${upper[i]})` });
      else if (!(v >= lower[i] && v <= upper[i]))
        issues.push({ path: `x0.${i}`, message: `must be within [${lower[i]}, ${upper[i]}], got ${v}` });
    });
  for (const key of ["step", "fTol", "xTol"] as const) {
    const v = options[key];
    if (v !== undefined && !(v > 0)) issues.push({ path: key, message: `must be a positive number, got ${v}` });
  }
  const it = options.maxIterations;
  if (it !== undefined && !(Number.isInteger(it) && it >= 1))
    issues.push({ path: "maxIterations", message: `must be a whole number ≥ 1, got ${it}` });
  if (issues.length > 0) throw new ValidationError(issues, "leastSquares: invalid options");
}
