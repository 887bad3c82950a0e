/**
 * The Nelder–Mead simplex method: a derivative-free minimiser for calibrating a model to targets,
 * in ask/tell form.
 * @module
 */
import { runAskTell, type AskTell } from "./askTell";
import { NelderMeadSearch } from "./_nelderMeadSearch";
import { checkNelderMeadOptions } from "./_nelderMeadSettings";

/** Options of {@link nelderMead} and {@link minimize}. */
export interface NelderMeadOptions {
  /**
   * Box constraints: `lower[i] <= x[i] <= upper[i]`; either may be omitted and entries may be
   * ±Infinity. Enforced by reflection: a proposed point that crosses a bound is mirrored back
   * into the box at that bound (folded again if it still lies outside), so every point asked for
   * lies within the bounds. `x0` must lie within them.
   */
  readonly bounds?: { readonly lower?: readonly number[]; readonly upper?: readonly number[] };
  /**
   * Size of the initial simplex along each coordinate (a number for all, or one per coordinate),
   * > 0. Default: a tenth of the range where both bounds are finite, otherwise 5% of |x0[i]|, or
   * 0.00025 where x0[i] = 0 (as MATLAB's fminsearch).
   */
  readonly initialStep?: number | readonly number[];
  /** Stop when every vertex is within `xTol` of the best in every coordinate (and `fTol` holds); default 1e-8. */
  readonly xTol?: number;
  /** Stop when every vertex's value is within `fTol` of the best (and `xTol` holds); default 1e-10. */
  readonly fTol?: number;
  /** Maximum number of iterations; default 500 × dimension. */
  readonly maxIterations?: number;
  /**
   * Stop before starting an iteration once this many evaluations were made; default 1000 ×
   * dimension. An iteration under way finishes, so the count can exceed it by up to the
   * dimension + 4.
   */
  readonly maxEvaluations?: number;
  /**
   * Use the dimension-dependent coefficients of Gao and Han (2012), which work better above about
   * 5 dimensions; default false (the standard 1, 2, ½, ½).
   */
  readonly adaptive?: boolean;
  /**
   * `"sequential"` (default) asks for one trial point at a time, as the textbook method: fewest
   * evaluations. `"speculative"` asks for the reflection, expansion and both contraction points of
   * an iteration in one batch of 4, to evaluate in parallel: the same iterates and result, in
   * fewer rounds but with more evaluations.
   */
  readonly batch?: "sequential" | "speculative";
}

/** Why a Nelder–Mead run stopped. */
export type NelderMeadStop = "tolerance" | "maxIterations" | "maxEvaluations";

/** Result of a Nelder–Mead run. */
export interface NelderMeadResult {
  /** Best point found. */
  readonly x: number[];
  /** Value at `x` (+Infinity if every value was non-finite). */
  readonly f: number;
  /** Iterations performed. */
  readonly iterations: number;
  /** Function evaluations made. */
  readonly evaluations: number;
  /** True when the tolerances were met. */
  readonly converged: boolean;
  /** Why the run stopped (the current state when it has not). */
  readonly reason: NelderMeadStop | "running";
}

/** A Nelder–Mead minimiser in ask/tell form, created by {@link nelderMead}. */
export type NelderMead = AskTell<number[], NelderMeadResult>;

/**
 * A Nelder–Mead (1965) simplex minimiser in ask/tell form: it looks for the parameters that
 * minimise an objective — say, the squared distance between simulated and observed migration
 * rates — using only values of the objective, no derivatives, so it suits simulation models. It
 * keeps a simplex of dim + 1 points and moves it downhill by reflecting the worst point through
 * the others, expanding when that works well, contracting when it does not, and shrinking towards
 * the best point when nothing helps (the rules of Lagarias et al. 1998).
 *
 * Drive it with `ask()` / `tell(values)` (see {@link AskTell}), or use {@link minimize} for a
 * synchronous function. The first batch is the initial simplex (dim + 1 points), shrink steps ask
 * for dim points, and other steps for one point (4 with `batch: "speculative"`). Bounds are
 * enforced by reflection (see {@link NelderMeadOptions.bounds}). A value that is NaN or +Infinity
 * (a failed or exploded run) counts as +Infinity: worse than any point. Deterministic: there is
 * no randomness. Nelder–Mead finds a local minimum; for a noisy objective (a stochastic
 * simulation) fix the seeds or average replications, and set tolerances above the noise.
 *
 * @param x0 - starting point, finite, within the bounds.
 * @param options - bounds, initial step, tolerances, limits, coefficients, batching.
 * @throws ValidationError for an invalid starting point or option; `tell` throws one for values
 *   of the wrong length, a value of -Infinity, or a call with no pending batch.
 * @example
 * const opt = nelderMead([0.3, 1000], { bounds: { lower: [0, 0], upper: [1, 5000] } });
 * while (!opt.done) {
 *   const batch = opt.ask();
 *   opt.tell(await Promise.all(batch.map(([tax, cap]) => distanceToTargets(tax, cap))));
 * }
 * opt.result() // { x: [...], f: ..., converged: true, ... }
 */
export function nelderMead(x0: readonly number[], options: NelderMeadOptions = {}): NelderMead {
  return new NelderMeadSearch(checkNelderMeadOptions(x0, options));
}

/**
 * Minimises a synchronous function with {@link nelderMead}: runs the ask/tell loop to the end and
 * returns the result. For a simulation that should run in parallel, drive `nelderMead` yourself.
 *
 * @param f - the objective; NaN or +Infinity count as worse than any value.
 * @param x0 - starting point.
 * @param options - as for {@link nelderMead}.
 * @example
 * const rosenbrock = ([x, y]: number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
 * minimize(rosenbrock, [-1.2, 1]).x // ≈ [1, 1]
 */
export function minimize(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  return runAskTell(nelderMead(x0, options), f);
}
