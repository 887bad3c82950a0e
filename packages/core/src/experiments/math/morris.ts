/**
 * Morris elementary-effects screening: which parameters matter at all, at a cost of r·(k+1) runs.
 * @module
 */
import { Issues } from "../../_issues";
import { makeRng, permutation } from "./_rng";

/** A Morris screening design built by {@link morrisDesign}. */
export interface MorrisDesign {
  /** Number of factors (parameters). */
  readonly k: number;
  /** Number of trajectories. */
  readonly r: number;
  /** Number of grid levels p per factor (even). */
  readonly levels: number;
  /** Step of every move, Δ = p / (2(p − 1)), in unit-cube units. */
  readonly delta: number;
  /**
   * The r·(k + 1) points to evaluate, in the closed unit cube [0, 1]^k on the grid
   * {0, 1/(p−1), …, 1}. Trajectory t is rows t·(k+1) … t·(k+1) + k; each row differs from the one
   * before it in exactly one factor, by ±Δ.
   */
  readonly points: readonly (readonly number[])[];
}

/** Elementary-effects statistics of one factor, returned by {@link morrisIndices}. */
export interface MorrisIndex {
  /** Mean elementary effect μ: the average change of the output per unit-cube move (signed). */
  readonly mu: number;
  /** Mean absolute elementary effect μ* (Campolongo et al. 2007): the overall importance. */
  readonly muStar: number;
  /**
   * Standard deviation σ of the elementary effects (denominator r − 1): large when the effect of
   * the factor depends on where the others are (interactions) or is non-linear.
   */
  readonly sigma: number;
}

/**
 * A Morris (1991) screening design: `r` random one-at-a-time trajectories through a grid of
 * `levels` values per factor in the unit cube. Each trajectory starts at a random grid point and
 * moves every one of the `k` factors once, in random order and direction, by the step
 * Δ = p / (2(p − 1)); so each trajectory yields one "elementary effect" per factor — the change
 * in the output caused by moving that factor alone, at a different place in the parameter space
 * each time. With r = 10 to 50 trajectories this screens many parameters for a few hundred runs.
 *
 * The trajectories are Morris's random orientation matrices B* (base point drawn from the levels
 * {0, …, 1 − Δ}, random signs, random factor order); they are not optimised for spread
 * (Campolongo et al. 2007's selection is not applied). Map each coordinate to a parameter with
 * `lower + u * (upper - lower)`, evaluate the points in order, and pass the values to
 * {@link morrisIndices}. Deterministic for a given seed.
 *
 * @param k - number of factors, integer >= 1.
 * @param r - number of trajectories, integer >= 2 (for σ).
 * @param levels - number of grid levels p, an even integer >= 2 (4 is the usual choice).
 * @param seed - any string.
 * @throws ValidationError for invalid sizes, an odd number of levels or a non-string seed.
 * @example
 * const design = morrisDesign(3, 20, 4, "screening");
 * const values = design.points.map(([a, b, c]) => model(a, b, c)); // 80 runs
 * const indices = morrisIndices(design, values); // [{ mu, muStar, sigma }, …] per factor
 */
export function morrisDesign(k: number, r: number, levels: number, seed: string): MorrisDesign {
  const issues = new Issues("morrisDesign");
  issues.integer("k", k, 1, 100_000);
  issues.integer("r", r, 2, 10_000_000);
  if (issues.integer("levels", levels, 2, 1_000_000) && levels % 2 !== 0) {
    issues.add("levels", `must be even so that every level is visited equally often, got ${levels}`);
  }
  issues.string("seed", seed);
  issues.throwIfAny();
  const rng = makeRng(`morrisDesign:${seed}`);
  const half = levels / 2; // Δ in grid steps: Δ = (p/2)/(p − 1)
  const points: number[][] = [];
  for (let t = 0; t < r; t++) {
    // Integer grid levels of the current point; a factor moving down starts at its upper level.
    const level = new Array<number>(k);
    const up = new Array<boolean>(k);
    for (let i = 0; i < k; i++) {
      const base = rng.int(half);
      up[i] = rng.uniform() < 0.5;
      level[i] = up[i] ? base : base + half;
    }
    const order = permutation(k, rng);
    points.push(level.map((l) => l / (levels - 1)));
    for (const i of order) {
      level[i] += up[i] ? half : -half;
      points.push(level.map((l) => l / (levels - 1)));
    }
  }
  return { k, r, levels, delta: half / (levels - 1), points };
}

/**
 * The Morris screening statistics of each factor from the runs of a {@link morrisDesign}: the
 * mean elementary effect μ, the mean absolute elementary effect μ* and their standard deviation σ.
 * Read them together: a large μ* says the factor matters; μ close to ±μ* says its effect has one
 * sign everywhere (monotone), while |μ| much smaller than μ* says the sign changes across the
 * space; a large σ relative to μ* says the effect is non-linear or depends on other factors
 * (interactions). Effects are in output units per unit-cube move, i.e. per full range of the
 * parameter, so factors with different units compare directly.
 *
 * @param design - the design, as returned by {@link morrisDesign}.
 * @param values - the output of each point of `design.points`, in the same order, finite.
 * @returns one entry per factor, in factor order.
 * @throws ValidationError if `values` has the wrong length or a non-finite entry, or a
 *   trajectory of the design is not a one-at-a-time path with steps ±Δ.
 * @example
 * const design = morrisDesign(2, 10, 4, "s");
 * const indices = morrisIndices(design, design.points.map(([x, y]) => 3 * x + y * y));
 * indices[0] // { mu: 3, muStar: 3, sigma: 0 } (up to rounding): linear in x
 */
export function morrisIndices(design: MorrisDesign, values: readonly number[]): MorrisIndex[] {
  const issues = new Issues("morrisIndices");
  const { k, r, delta, points } = design;
  const rows = r * (k + 1);
  if (points.length !== rows) issues.add("design.points", `must have r·(k+1) = ${rows} rows, got ${points.length}`);
  if (issues.finiteArray("values", values) && values.length !== rows) {
    issues.add("values", `must have one value per design point (${rows}), got ${values.length}`);
  }
  issues.throwIfAny();
  const effects: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < r; t++) {
    const seen = new Array<boolean>(k).fill(false);
    for (let s = 1; s <= k; s++) {
      const row = t * (k + 1) + s;
      const prev = points[row - 1];
      const cur = points[row];
      let moved = -1;
      let step = 0;
      for (let i = 0; i < k; i++) {
        const d = cur[i] - prev[i];
        if (d === 0) continue;
        if (moved >= 0 || Math.abs(Math.abs(d) - delta) > 1e-9) {
          moved = -2;
          break;
        }
        moved = i;
        step = d;
      }
      if (moved < 0 || seen[moved]) {
        issues.add(`design.points[${row}]`, "does not move exactly one new factor by ±delta from the point before it");
        issues.throwIfAny();
      }
      seen[moved] = true;
      effects[moved].push((step > 0 ? values[row] - values[row - 1] : values[row - 1] - values[row]) / delta);
    }
  }
  return effects.map((e) => {
    let sum = 0;
    let sumAbs = 0;
    for (const x of e) {
      sum += x;
      sumAbs += Math.abs(x);
    }
    const mu = sum / e.length;
    let ss = 0;
    for (const x of e) ss += (x - mu) * (x - mu);
    return { mu, muStar: sumAbs / e.length, sigma: Math.sqrt(ss / (e.length - 1)) };
  });
}
