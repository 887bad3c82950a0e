/**
 * The Nelder–Mead simplex method: a derivative-free minimiser for calibrating a model to targets,
 * in ask/tell form.
 * @module
 */
import { ValidationError } from "../../errors";
import { Issues, showValue } from "../../_issues";
import { runAskTell, type AskTell } from "./askTell";

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

type Phase = "init" | "reflect" | "expand" | "outside" | "inside" | "speculative" | "shrink" | "done";

function reflectInto(x: number, lo: number, hi: number): number {
  if (x >= lo && x <= hi) return x;
  let y: number;
  if (Number.isFinite(lo) && Number.isFinite(hi)) {
    const width = hi - lo;
    let m = (x - lo) % (2 * width);
    if (m < 0) m += 2 * width;
    y = m <= width ? lo + m : hi - (m - width);
  } else if (x < lo) {
    y = 2 * lo - x;
  } else {
    y = 2 * hi - x;
  }
  return Math.min(hi, Math.max(lo, y));
}

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
  const issues = new Issues("nelderMead");
  if (!issues.finiteArray("x0", x0)) issues.throwIfAny();
  const n = x0.length;
  if (n === 0) issues.add("x0", "must have at least one coordinate");
  const lower = options.bounds?.lower ?? new Array<number>(n).fill(-Infinity);
  const upper = options.bounds?.upper ?? new Array<number>(n).fill(Infinity);
  for (const [name, arr] of [["lower", lower], ["upper", upper]] as const) {
    if (!Array.isArray(arr) || arr.length !== n) {
      issues.add(`options.bounds.${name}`, `must be an array of ${n} numbers, got ${showValue(arr)}`);
    } else {
      arr.forEach((v: unknown, i) => {
        if (typeof v !== "number" || Number.isNaN(v)) issues.add(`options.bounds.${name}[${i}]`, `must be a number (±Infinity allowed), got ${showValue(v)}`);
      });
    }
  }
  issues.throwIfAny();
  for (let i = 0; i < n; i++) {
    if (!(lower[i] < upper[i])) issues.add(`options.bounds[${i}]`, `lower bound ${lower[i]} is not below upper bound ${upper[i]}`);
    else if (!(x0[i] >= lower[i] && x0[i] <= upper[i])) issues.add(`x0[${i}]`, `${x0[i]} is outside the bounds [${lower[i]}, ${upper[i]}]`);
  }
  const step: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = options.initialStep;
    let v: number;
    if (typeof s === "number") v = s;
    else if (Array.isArray(s)) v = s[i];
    else if (s === undefined) v = Number.isFinite(upper[i] - lower[i]) ? 0.1 * (upper[i] - lower[i]) : x0[i] !== 0 ? 0.05 * Math.abs(x0[i]) : 0.00025;
    else v = NaN;
    if (s === undefined && !(lower[i] < upper[i])) v = 1; // already reported as bad bounds
    if (!(v > 0 && Number.isFinite(v))) issues.add(typeof s === "number" || s === undefined ? "options.initialStep" : `options.initialStep[${i}]`, `must be a positive finite number, got ${showValue(v)}`);
    step.push(v);
  }
  if (Array.isArray(options.initialStep) && options.initialStep.length !== n) {
    issues.add("options.initialStep", `must have ${n} entries, got ${options.initialStep.length}`);
  }
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

  const adaptive = options.adaptive ?? false;
  const alpha = 1;
  const gamma = adaptive ? 1 + 2 / n : 2;
  const beta = adaptive ? 0.75 - 1 / (2 * n) : 0.5;
  const sigma = adaptive ? 1 - 1 / n : 0.5;

  const clampToBox = (x: number[]) => x.map((v, i) => reflectInto(v, lower[i], upper[i]));

  // Simplex, kept sorted by value (best first) at the start of each iteration.
  let xs: number[][] = [];
  let fs: number[] = [];
  let pending: number[][] = [];
  let phase: Phase = "init";
  let iterations = 0;
  let evaluations = 0;
  let stop: NelderMeadStop | undefined;
  // Trial points of the current iteration: reflection, expansion, outside and inside contraction.
  let trial: number[][] = [];
  let fr = Infinity;

  {
    const first = x0.slice();
    const simplex = [first];
    for (let i = 0; i < n; i++) {
      const v = x0.slice();
      v[i] = x0[i] + step[i] <= upper[i] ? x0[i] + step[i] : x0[i] - step[i];
      simplex.push(clampToBox(v));
    }
    pending = simplex;
  }

  const sortSimplex = () => {
    const order = xs.map((_, i) => i).sort((a, b) => fs[a] - fs[b] || a - b);
    xs = order.map((i) => xs[i]);
    fs = order.map((i) => fs[i]);
  };

  const accept = (x: number[], f: number) => {
    xs[n] = x;
    fs[n] = f;
    startIteration();
  };

  const startShrink = () => {
    const best = xs[0];
    pending = [];
    for (let i = 1; i <= n; i++) pending.push(best.map((b, d) => b + sigma * (xs[i][d] - b)));
    phase = "shrink";
  };

  const startIteration = () => {
    sortSimplex();
    let fSpread = 0;
    let xSpread = 0;
    for (let i = 1; i <= n; i++) {
      const df = Math.abs(fs[i] - fs[0]);
      fSpread = Number.isNaN(df) ? Infinity : Math.max(fSpread, df);
      for (let d = 0; d < n; d++) xSpread = Math.max(xSpread, Math.abs(xs[i][d] - xs[0][d]));
    }
    if (fSpread <= fTol && xSpread <= xTol) stop = "tolerance";
    else if (iterations >= maxIterations) stop = "maxIterations";
    else if (evaluations >= maxEvaluations) stop = "maxEvaluations";
    if (stop) {
      phase = "done";
      pending = [];
      return;
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d] += xs[i][d] / n;
    const worst = xs[n];
    const xr = centroid.map((c, d) => c + alpha * (c - worst[d]));
    const xe = centroid.map((c, d) => c + gamma * (xr[d] - c));
    const xoc = centroid.map((c, d) => c + beta * (xr[d] - c));
    const xic = centroid.map((c, d) => c - beta * (c - worst[d]));
    trial = [xr, xe, xoc, xic].map(clampToBox);
    if (batchMode === "speculative") {
      pending = trial;
      phase = "speculative";
    } else {
      pending = [trial[0]];
      phase = "reflect";
    }
  };

  /** Applies the decision rule of one stage to its trial value; returns the stage that needs a value next, if any. */
  const decide = (stage: "reflect" | "expand" | "outside" | "inside", f: number): "expand" | "outside" | "inside" | undefined => {
    switch (stage) {
      case "reflect":
        fr = f;
        if (fr < fs[0]) return "expand";
        if (fr < fs[n - 1]) accept(trial[0], fr);
        else if (fr < fs[n]) return "outside";
        else return "inside";
        return undefined;
      case "expand":
        if (f < fr) accept(trial[1], f);
        else accept(trial[0], fr);
        return undefined;
      case "outside":
        if (f <= fr) accept(trial[2], f);
        else startShrink();
        return undefined;
      case "inside":
        if (f < fs[n]) accept(trial[3], f);
        else startShrink();
        return undefined;
    }
  };
  const trialIndex = { expand: 1, outside: 2, inside: 3 } as const;

  const method: NelderMead = {
    get done() {
      return phase === "done";
    },
    ask() {
      return pending.map((p) => p.slice());
    },
    tell(values: readonly number[]) {
      const tIssues = new Issues("nelderMead.tell");
      if (phase === "done" || pending.length === 0) {
        tIssues.add("values", "no batch is pending: call ask() before tell(), and stop once done is true");
      } else if (!Array.isArray(values) || values.length !== pending.length) {
        tIssues.add("values", `must hold one value per point of the batch (${pending.length}), got ${showValue(values)}`);
      } else {
        values.forEach((v: unknown, i) => {
          if (typeof v !== "number" || v === -Infinity) tIssues.add(`values[${i}]`, `must be a number and not -Infinity, got ${showValue(v)}`);
        });
      }
      tIssues.throwIfAny();
      const f = values.map((v) => (Number.isNaN(v) ? Infinity : v));
      evaluations += f.length;
      const batch = pending;
      pending = [];
      switch (phase) {
        case "init":
          xs = batch;
          fs = f;
          startIteration();
          break;
        case "shrink":
          for (let i = 1; i <= n; i++) {
            xs[i] = batch[i - 1];
            fs[i] = f[i - 1];
          }
          startIteration();
          break;
        case "speculative": {
          let next = decide("reflect", f[0]);
          while (next) next = decide(next, f[trialIndex[next]]);
          break;
        }
        case "reflect":
        case "expand":
        case "outside":
        case "inside": {
          const next = decide(phase, f[0]);
          if (next) {
            pending = [trial[trialIndex[next]]];
            phase = next;
          }
          break;
        }
      }
    },
    result() {
      if (xs.length === 0) throw new ValidationError([{ path: "", message: "no values yet: tell() the first batch before asking for a result" }], "nelderMead.result");
      let best = 0;
      for (let i = 1; i < fs.length; i++) if (fs[i] < fs[best]) best = i;
      return {
        x: xs[best].slice(),
        f: fs[best],
        iterations,
        evaluations,
        converged: stop === "tolerance",
        reason: stop ?? "running",
      };
    },
  };
  return method;
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
export function minimize(f: (x: number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  return runAskTell(nelderMead(x0, options), f);
}
